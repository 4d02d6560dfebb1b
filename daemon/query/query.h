/*
 * daemon/query: the answers more than one front end asks for: series and
 * search, rising items, the weekly report and its charts (gnuplot), and
 * the evaluation of alert rules after a snapshot; and the options and
 * query parameters both front ends take, from one table.
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
	     size_t,
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

/* options.c: options of topic(1) and parameters of the API, one table. */
#define API_MAX_QUERY		2048	/* bytes of a query string */
#define API_MAX_PARAMS		32
#define API_MAX_TERMS		8	/* terms of one series request */
#define API_MAX_TERM		200	/* bytes of one term */
#define API_MAX_DAYS		731	/* days one series request spans */
#define API_DEFAULT_DAYS	365	/* ... when from= is not given */

/* What an option's value is; each kind has one parser. */
enum options_kind {
	OPTIONS_FLAG,		/* no value */
	OPTIONS_STRING,		/* min to max bytes (max 0: any) */
	OPTIONS_DAY,		/* YYYY-MM-DD: the day */
	OPTIONS_COUNT,		/* a whole number from min to max */
	OPTIONS_REAL,		/* a number >= 0 */
	OPTIONS_RATE,		/* a number in (0, 1] */
	OPTIONS_LEVEL,		/* a number in (0, 1) */
	OPTIONS_DURATION,	/* 7d, 4w: days */
	OPTIONS_WINDOW,		/* a duration, or auto: 0 */
	OPTIONS_TERM_KIND,	/* term, phrase, topic: enum term_kind; all: 0 */
	OPTIONS_WEEK,		/* an ISO week YYYY-Www: its Monday */
	OPTIONS_CHOICE		/* one of arg "a|b|c": its index */
};

#define OPTIONS_CLI	0x1	/* an option of topic(1) */
#define OPTIONS_API	0x2	/* a parameter of the HTTP API */
#define OPTIONS_BOTH	(OPTIONS_CLI | OPTIONS_API)
#define OPTIONS_MANY	0x4	/* CHOICE given again adds: a mask of indexes */

/* One option: a table of them ends with a NULL name. */
struct options_entry {
	const char		*name;
	const char		*alias;		/* a second name, or NULL */
	int			 letter;	/* the short option, or 0 */
	enum options_kind	 kind;
	int			 flags;
	long			 min, max;	/* COUNT; STRING: bytes */
	long			 api_max;	/* COUNT over the API, if lower */
	const char		*arg;		/* the value in help; CHOICE's */
	const char		*help;
};

/* A value given: the number (count, day, days, index), real or text. */
struct options_value {
	int		 set;
	long		 num;
	double		 real;
	const char	*str;		/* as given: argv's or the query's */
};

/* The values of one table. */
struct options_values {
	const struct options_entry	*table;
	size_t				 n;
	struct options_value		*v;
};

/* A request's query string, decoded: name/value pairs in their order. */
struct options_query {
	char		**names;
	char		**values;
	size_t		 n;
};

/* The entries --by, --from and --to of a series, search or chart. */
#define OPTIONS_BY_ENTRY(f) \
	{ .name = "by", .kind = OPTIONS_CHOICE, .flags = (f), \
	  .arg = "day|week|month", .help = "the period (default month)" }
#define OPTIONS_RANGE_ENTRIES(f) \
	{ .name = "from", .kind = OPTIONS_DAY, .flags = (f), \
	  .help = "the first day (default: the first with data)" }, \
	{ .name = "to", .kind = OPTIONS_DAY, .flags = (f), \
	  .help = "the last day (default: the last with data)" }

#define OPTIONS_STOP	0x1	/* options_argv: stop at the first argument */

extern const struct options_entry options_rising[];
extern const struct options_entry options_topics[];
extern const struct options_entry options_search[];
extern const struct options_entry options_series[];
extern const struct options_entry options_report[];
extern const struct options_entry options_none[];

struct options_values *options_values_new(const struct options_entry *);
void		 options_values_free(struct options_values *);
int		 options_flag(const struct options_values *, const char *);
long		 options_num(const struct options_values *, const char *, long);
double		 options_real(const struct options_values *, const char *,
		     double);
const char	*options_str(const struct options_values *, const char *,
		     const char *);
int		 options_week_parse(const char *, day_t *);
int		 options_argv(int, char **, struct options_values **, size_t,
		     int, char **);
char		*options_synopsis(const char *, const struct options_entry *,
		     const char *);
char		*options_help(const struct options_entry *);
int		 options_query_parse(const char *, struct options_query *,
		     char **);
void		 options_query_clear(struct options_query *);
const char	*options_query_get(const struct options_query *, const char *);
int		 options_query_values(const struct options_query *,
		     struct options_values *, char **);
void		 options_rising_query(const struct options_values *,
		     struct rising_query *);

#endif
