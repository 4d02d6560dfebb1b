/*
 * reports: the renderings of query results: text tables, Markdown, HTML,
 * JSON and CSV, charts as gnuplot input, alert messages, the API's
 * error body. Data in, strings out; no database, no clock.
 */
#ifndef REPORTS_H
#define REPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/digest/digest.h"
#include "analysis/trend/trend.h"

/* render.c */
struct json_t;
struct json_t	*render_day_json(day_t);
char		*render_json_line(struct json_t *);
char		*render_error_json(int, const char *);
struct json_t	*render_time_json(int64_t);
struct rising_example;
char		*render_paper_url(const struct rising_example *);

/* buf.c */

/* A growing string: start it as { NULL, 0, 0 }. */
struct buf {
	char	*s;
	size_t	 len, cap;
};

void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*buf_take(struct buf *);
size_t	 buf_fit(struct buf *, const char *, size_t);
void	 buf_cell(struct buf *, const char *, size_t);

/* series.c */
enum series_by {
	SERIES_DAY,
	SERIES_WEEK,
	SERIES_MONTH
};

/* Counts of some terms per period. */
struct series {
	enum series_by	 by;
	size_t		 nterms;
	const char	**terms;	/* as the user wrote them */
	size_t		 nperiods;
	char		(*periods)[11];	/* "2025-03-14", "2025-W11", "2025-03" */
	int64_t		*documents;	/* per period */
	int64_t		*counts;	/* [period * nterms + term] */
};

int		 series_by_from_name(const char *, enum series_by *);
const char	*series_by_name(enum series_by);
void		 series_period(enum series_by, day_t, char [11]);
void		 series_period_start(enum series_by, const char *, char [11]);
void		 series_build(struct series *, const day_t *, const int64_t *,
		     size_t, const int64_t *);
void		 series_clear(struct series *);
char		*series_json(const struct series *);
char		*series_csv(const struct series *);
char		*series_text(const struct series *);

/* chart.c */

/* Which chart: its file names (NAME.dat, NAME.gp, NAME.FORMAT) and title. */
struct chart_spec {
	const char	*name;
	const char	*format;	/* png or svg */
	const char	*title;		/* our own words, never data */
};

char		*chart_label(const char *);
int		 chart_lines(const struct chart_spec *, const struct series *,
		     int, char **, char **);
int		 chart_bars(const struct chart_spec *, const char **,
		     const double *, size_t, const char *, char **, char **);
int		 chart_heat(const struct chart_spec *, const char **, size_t,
		     const char (*)[11], size_t, const double *, char **,
		     char **);

/* sparkline.c */
char		*sparkline_text(const double *, size_t);
char		*sparkline_svg(const double *, size_t, int, int);
char		*html_escape(const char *);

/* stats.c */
struct stats {
	int64_t		 papers;
	int64_t		 days;
	int64_t		 snapshots;
	int64_t		 sources;
	int64_t		 terms;
	int64_t		 phrases;
	int64_t		 appearances;
	day_t		 first_day;
	day_t		 last_day;
	int64_t		 unindexed;	/* papers the search index lacks */
};

char		*stats_json(const struct stats *);
char		*stats_text(const struct stats *);

/* alert.c */

/* One alert as stored: its state and its last evaluation. */
struct alert_row {
	char			*rule;
	char			*item;		/* "term:mamba", "topic:LLM" */
	struct alert_state	 st;
	int64_t			 count;		/* papers with it that day */
	int64_t			 papers;	/* papers of the day */
	double			 expected;
	double			 p;
};

/* One line of an alert's history. */
struct alert_hist {
	char		*rule;
	char		*item;
	int64_t		 at;
	day_t		 day;
	char		*event;		/* pending, firing, repeat, ... */
	int64_t		 count, papers;
	double		 expected, p;
};

/* One alert in a notification. */
struct alert_note {
	const char		*item;
	enum alert_event	 event;		/* FIRING, REPEAT or RESOLVED */
	int64_t			 started;	/* began firing */
	int64_t			 ended;		/* resolved, or 0 */
	day_t			 day;
	int64_t			 count, papers;
	double			 expected, p;
};

/* One rule's notification of a run: every change, grouped. */
struct notification {
	const char		*rule;
	const char		*watch;
	const struct alert_note	*notes;
	size_t			 n;
	size_t			 max_items;	/* listed; the rest "+N more" */
	int			 test;		/* from topic alerts test */
};

/* What topic alerts lists. */
struct alert_listing {
	const char		**rules;	/* configured names */
	const char		**watches;
	const char		**deliveries;	/* "file webhook" */
	size_t			 nrules;
	const struct alert_row	*rows;
	size_t			 nrows;
	const struct alert_hist	*hist;
	size_t			 nhist;
	int64_t			 pending, failed, sent;	/* outbox */
};

void	 alert_row_clear(struct alert_row *);
void	 alert_hist_clear(struct alert_hist *);
char	*alert_json(const struct notification *);
char	*alert_text(const struct notification *);
char	*alert_subject(const struct notification *);
char	*alert_mail(const char *, const char *, const char *, const char *,
	     const char *);
char	*alert_time(int64_t);
char	*alert_listing_json(const struct alert_listing *);
char	*alert_listing_text(const struct alert_listing *);
/* rising.c */

/* An example paper of a rising item. */
struct rising_example {
	char		*id;		/* paper key: the arXiv id if any */
	char		*title;
	char		*url;
	day_t		 day;
};

/* One line of a rising report: a term, a phrase, a topic or a cluster. */
#define RISING_WEEKS	12	/* weekly shares of trends and sparklines */

struct rising_row {
	char			*term;		/* display form */
	int64_t			 id;		/* its term id (a cluster's leader) */
	int			 kind;		/* enum term_kind */
	int64_t			 a, n1, b, n2;
	double			 g2, lr, score;
	int			 significant;	/* else tentative */
	double			 shape;		/* the prior's k (history) */
	int			 isnew;
	char			**members;	/* a cluster's other terms */
	size_t			 nmembers;
	struct rising_example	*examples;
	size_t			 nexamples;
	int			 trend_known;	/* weekly shares were tested */
	struct trend		 trend;		/* Mann-Kendall over weeks */
	int			 steady;	/* a significant upward trend */
	day_t			 burst_since;	/* DAY_NONE if not bursting */
	double			 week_share[RISING_WEEKS];	/* oldest first; -1 unknown */
};

struct rising_window {
	day_t		 from, to;
	int64_t		 documents;
	size_t		 days;		/* known days */
};

struct rising_report {
	day_t			 at;
	int			 falling;
	int			 topics;	/* every topic (topic topics) */
	int			 steady;	/* steady risers (M-K) */
	struct rising_window	 window, baseline, background;
	size_t			 tested;	/* terms tested at once */
	struct rising_row	*rows;
	size_t			 n;
	size_t			 columns;	/* of a text table; 0: no cut */
};

const char	*rising_kind_name(int);
const char	*rising_confidence(const struct rising_row *);
void		 rising_report_clear(struct rising_report *);
struct json_t	*rising_json_object(const struct rising_report *);
char		*rising_json(const struct rising_report *);
char		*rising_text(const struct rising_report *);
char		*rising_topics_text(const struct rising_report *);
char		*search_json(const struct rising_example *, size_t, int64_t);
char		*search_text(const struct rising_example *, size_t, int64_t,
		     size_t);

/* report.c */
#define REPORT_WEEKS	8	/* weeks of volume and sparklines */

#define REPORT_TEXT	0	/* the formats of report_render */
#define REPORT_MD	1
#define REPORT_JSON	2
#define REPORT_HTML	3
#define REPORT_NFORMATS	4

/*
 * A source's archive ingests (topic ingest FILE: one snapshot of many
 * days, no fetch): how many, and one of them described.
 */
struct archive_ingest {
	int64_t		 count;		/* archive ingests; 0: none */
	char		*origin;	/* the one described: its path or URL */
	int64_t		 read;		/* ... when it was read (Unix time) */
	int64_t		 papers;	/* ... papers it listed */
	int64_t		 days;		/* ... days of those papers */
	day_t		 from, to;	/* ... the first and last */
};

/* One source's health over the report's week. */
struct report_source {
	char		*name;
	int64_t		 snapshots;	/* taken that week */
	int64_t		 failures;	/* failed fetches or parses */
	int64_t		 days;		/* known days */
	char		*last_error;
	struct archive_ingest archive;	/* the one with that week's papers */
};

/* One week of volume: its papers and known days. */
struct report_week {
	char		 week[9];	/* "2025-W09" */
	int64_t		 papers;
	int64_t		 days;
};

/* The weekly report: everything its renderings show. */
struct report {
	char			 week[9];
	day_t			 from, to;
	struct report_week	 volume[REPORT_WEEKS];	/* oldest first */
	struct report_source	*sources;
	size_t			 nsources;
	struct rising_report	 rising, falling, steady;
	double			*spark;		/* rising.n x REPORT_WEEKS */
	struct alert_hist	*alerts;	/* the week's alert events */
	size_t			 nalerts;
	const char		*charts[3];	/* inline SVGs for HTML */
	const char		*chart_note;	/* why there are none */
};

void		 report_clear(struct report *);
char		*report_render(const struct report *, int);

/* health.c */

/* A source's health: its fetch history from the store, its live state. */
struct source_health {
	char		*name;
	char		*url;
	int64_t		 fetches;	/* attempts recorded */
	int64_t		 failures;	/* failed or parse-error */
	int64_t		 papers;	/* first seen in it */
	double		 fetch_seconds;	/* all attempts, summed */
	int64_t		 last_fetch;	/* Unix time, 0 if never */
	long		 last_status;	/* HTTP status */
	char		*last_outcome;	/* stored, failed, ... or NULL */
	char		*last_error;
	double		 last_seconds;
	int64_t		 last_success;	/* 0 if never */
	/* From the running daemon: */
	int		 live;		/* configured and enabled */
	int64_t		 next_fetch;	/* Unix time, 0 if none planned */
	int		 failing;	/* failures in a row */
	int		 paused;	/* after parse errors */
	int		 busy;		/* a fetch is in flight */
	int64_t		 runs;		/* pipeline runs since start */
	double		 run_seconds;	/* ... their time, summed */
	struct archive_ingest archive;	/* the last archive ingest */
};

/* What /metrics shows. */
struct health {
	const char			*version;
	int64_t				 now, started;
	int64_t				 papers, days;
	day_t				 last_day;
	const struct source_health	*sources;
	size_t				 nsources;
	int64_t				 alerts[4];	/* by enum alert_status */
	int64_t				 outbox[3];	/* pending, failed, sent */
	int64_t				 http[6];	/* answers by class: [2] 2xx */
};

void		 source_health_clear(struct source_health *);
const char	*source_health_status(const struct source_health *);
char		*sources_json(const struct source_health *, size_t, int64_t);
char		*metrics_text(const struct health *);

#endif
