/*
 * The pure output layer: renders query results as text, JSON and CSV.
 * Data in, strings out; it never touches the database or the clock.
 */
#ifndef REPORTS_H
#define REPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"

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
};

char		*stats_json(const struct stats *);
char		*stats_text(const struct stats *);

#endif
