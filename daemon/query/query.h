/*
 * daemon/query: the answers more than one front end asks for: series and
 * search, rising items, the weekly report and its charts (gnuplot), and
 * the evaluation of alert rules after a snapshot.
 */
#ifndef TOPIC_QUERY_H
#define TOPIC_QUERY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "analysis/trend/trend.h"
#include "daemon/store/store.h"
#include "daemon/sys/sys.h"

/* query.c */
int	 query_series(struct store *, struct tokenizer *, day_t, day_t,
	     struct series *, char **);
int	 query_series_ids(struct store *, const int64_t *, day_t, day_t,
	     struct series *, char **);
char	*query_search(struct store *, const char *, day_t, day_t, int, int,
	     char **);

/* rising_query.c: rising, falling and steady items from the store. */
struct rising_query {
	day_t			 at;		/* DAY_NONE: last known day */
	int			 window;	/* days; 0: auto */
	int			 baseline;	/* days; 0: the default */
	int			 background;	/* days before the baseline */
	size_t			 limit;
	int			 kind;		/* 0 all, else enum term_kind */
	int			 all_topics;	/* every topic, rising or not */
	int			 steady;	/* steady risers instead */
	struct rising_params	 params;
};

void	 rising_query_defaults(struct rising_query *);
int	 rising_run(struct store *, struct tokenizer *, struct topics *,
	     const struct rising_query *, struct rising_report *, char **);
int	 rising_run_many(struct store *, struct tokenizer *, struct topics *,
	     const struct rising_query *, size_t, struct rising_report *,
	     char **);

/* report_build.c */
int	 report_format_from_name(const char *);
int	 report_build(struct store *, struct tokenizer *, struct topics *,
	     day_t, day_t, struct report *, char **);
int	 report_charts(struct store *, const struct report *, const char *,
	     const char *, char **);
int	 report_write(struct store *, struct report *, int, const char *, int,
	     char **);

/* alert.c */
struct alerter;
struct store;

struct alerter	*alerter_new(void);
void		 alerter_free(struct alerter *);
int		 alert_evaluate(struct alerter *, struct store *,
		     struct wordlist *, const struct config *, day_t, time_t,
		     size_t *, char **);
int		 alert_enqueue(struct store *, const struct alert_conf *,
		     const struct notification *, time_t, char **);
char		*alert_channels(const struct alert_conf *);
int		 alert_listing_load(struct store *, const struct config *,
		     size_t, struct alert_listing *, char **);
void		 alert_listing_free(struct alert_listing *);

/* plot.c */
int	 plot_gnuplot(const char *, const char *, int, char **);
int	 plot_write(const char *, const struct chart_spec *, const char *,
	     const char *, char **);

#endif
