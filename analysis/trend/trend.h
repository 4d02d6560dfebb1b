/*
 * analysis/trend: the statistics over counts: rising and falling items
 * (the empirical-Bayes bound), clusters of papers, trend lines, spike
 * tests, alert states and watch lists. Pure.
 */
#ifndef TOPIC_TREND_H
#define TOPIC_TREND_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "analysis/text/text.h"

/* watch.c */
enum watch_kind {
	WATCH_TOPIC,		/* topic:GLOB */
	WATCH_TERM,		/* term:WORD or term:"a phrase" */
	WATCH_EMERGING		/* any new cluster */
};

struct watch_item {
	enum watch_kind	 kind;
	char		*arg;		/* the glob or the term as written */
};

struct watch {
	struct watch_item *v;
	size_t		 n;
};

int	 split_words(const char *, char ***, size_t *, char **);
void	 split_free(char **, size_t);
int	 watch_parse(const char *, struct watch *, char **);
void	 watch_clear(struct watch *);
int	 watch_topic_match(const char *, const char *);

/* spike.c */
struct spike_params {
	double		 lambda;	/* EWMA weight of the newest day */
	double		 p_fire;	/* qualifies below this tail */
	double		 p_resolve;	/* calm at or above this tail */
	int64_t		 min_count;	/* papers a spike needs at least */
	size_t		 warmup;	/* earlier known days needed */
};

struct spike_result {
	int64_t		 count;		/* papers with it on the day */
	int64_t		 papers;	/* papers of the day */
	size_t		 history;	/* earlier known days used */
	double		 share;		/* EWMA of its daily share */
	double		 expected;	/* share x papers */
	double		 p;		/* P(X >= count) */
	int		 judged;	/* enough history for a verdict */
	int		 qualifies;
	int		 calm;
};

double	 spike_poisson_tail(double, int64_t);
void	 spike_test(const int64_t *, const int64_t *, size_t,
	     const struct spike_params *, struct spike_result *);

/* alertstate.c */
enum alert_status {
	ALERT_INACTIVE,
	ALERT_PENDING,
	ALERT_FIRING,
	ALERT_RESOLVED
};

enum alert_event {
	ALERT_EV_NONE,
	ALERT_EV_PENDING,	/* inactive -> pending */
	ALERT_EV_INACTIVE,	/* pending -> inactive */
	ALERT_EV_FIRING,	/* -> firing */
	ALERT_EV_REPEAT,	/* still firing, repeat interval passed */
	ALERT_EV_RESOLVED	/* firing -> resolved */
};

struct alert_params {
	int		 for_count;	/* qualifying days before firing */
	int		 resolve_count;	/* calm days before resolving */
	int64_t		 repeat;	/* seconds between repeats */
};

/* One alert's state, as stored between snapshots. */
struct alert_state {
	enum alert_status status;
	int		 streak;	/* qualifying days in a row */
	int		 calm;		/* calm days in a row */
	day_t		 day;		/* last day evaluated */
	day_t		 qual_day;	/* last day counted in streak */
	day_t		 calm_day;	/* last day counted in calm */
	int64_t		 since;		/* entered this status (Unix time) */
	int64_t		 started;	/* began firing */
	int64_t		 notified;	/* last firing or repeat notice */
};

const char	*alertstate_name(enum alert_status);
const char	*alertstate_event_name(enum alert_event);
int		 alertstate_from_name(const char *, enum alert_status *);
void		 alertstate_init(struct alert_state *);
enum alert_event alertstate_step(struct alert_state *,
		     const struct alert_params *, day_t, int, int, int64_t);

/* rising.c */

/* The settings of window rising (DESIGN section 5); rising_defaults(). */
struct rising_params {
	int64_t		 min_count;	/* a >= this (3): minimum evidence */
	int		 min_days;	/* window days it occurs on (2) */
	double		 fdr;		/* Benjamini-Hochberg q (0.05) */
	double		 min_g2;	/* signed G2 of a significant item */
	double		 credible;	/* level of the lower bound (0.9) */
	double		 min_assoc;	/* a phrase's share of a part (0.25) */
	int		 falling;	/* the mirror image */
	int		 window_days;	/* known days of the window (context) */
};

/* One term's counts: window, baseline just before, background before. */
struct rising_in {
	uint32_t	 a;		/* papers in the window */
	uint32_t	 b;		/* papers in the baseline */
	uint32_t	 c;		/* papers in the background */
	uint16_t	 days;		/* window days it occurs on */
	uint16_t	 peak;		/* papers on its busiest window day */
	float		 shape;		/* history's k; 0: none (new) */
};

struct rising_item {
	uint32_t	 id;		/* index into the input: the term id */
	int64_t		 a, b, c;
	double		 g2;		/* signed */
	double		 lr;		/* log2 ratio */
	double		 score;		/* log2 lower bound of the ratio */
	double		 p;		/* one-sided p-value the FDR read */
	double		 shape;		/* the prior's k */
	int		 significant;	/* passed the FDR, G2 and bound */
	int		 isnew;		/* b = c = 0 */
};

void		 rising_defaults(struct rising_params *);
double		 rising_g2(int64_t, int64_t, int64_t, int64_t);
double		 rising_lr(int64_t, int64_t, int64_t, int64_t);
double		 rising_pvalue(double);
double		 rising_pvalue_above(double);
double		 rising_term_pvalue(int64_t, int64_t, int64_t, int64_t);
double		 rising_fdr_cut(double *, size_t, double);
double		 rising_history_shape(const uint32_t *, const int64_t *,
		     size_t);
double		 rising_beta_cdf(double, double, double);
double		 rising_lower_bound(int64_t, int64_t, int64_t, int64_t,
		     double, double, double);
int		 rising_candidate(const struct rising_params *,
		     const struct rising_in *, int64_t, int64_t);
size_t		 rising_select(const struct rising_params *,
		     const struct rising_in *, size_t, int64_t, int64_t,
		     int64_t, struct rising_item **, size_t *);
int		 rising_item_cmp(const void *, const void *);
int		 rising_same_name(const char *, const char *);
int		 rising_partner(int64_t, int64_t, int64_t, int64_t, size_t);
int		 rising_assoc_ok(const struct rising_params *, int64_t,
		     const int64_t *, size_t);

/* cluster.c */
struct cluster_paper {
	const uint32_t	*items;		/* sorted item indices in the paper */
	size_t		 n;
};

size_t		 cluster_items(size_t, const struct cluster_paper *, size_t,
		     const uint8_t *, size_t *);

/* trend.c */
struct trend {
	double		 s;		/* Mann-Kendall S */
	double		 z;
	double		 p;		/* two-sided */
	double		 slope;		/* Sen's slope, share per step */
};

void		 trend_mann_kendall(const double *, size_t, struct trend *);
int		 trend_burst_last(const int64_t *, const int64_t *, size_t,
		     double, double, int64_t *, int64_t *);
size_t		 trend_steady(uint32_t *const *, const int64_t *, size_t,
		     size_t, int64_t, double, int, struct rising_item **,
		     size_t *);

#endif
