/*
 * The weekly report and its charts, built from the store for one week:
 * volume, sources' health, rising (with emerging clusters), new, falling
 * and steady items, and the week's alerts; then written, one file a
 * format, atomically, into a folder (topic report, topicd's schedule).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "daemon/query/query.h"
#include "daemon/sys/sys.h"

#define REPORT_RISING		15	/* items a section lists */
#define REPORT_FALLING		10
#define REPORT_CHART_WEEKS	26	/* weeks the charts show */
#define REPORT_CHART_TERMS	6	/* lines of the share chart */

static const char *report_format_names[] = { "text", "md", "json", "html" };
static const char *report_format_ext[] = { "txt", "md", "json", "html" };

/* The report format called name (REPORT_TEXT ...); -1 if none. */
int
report_format_from_name(const char *name)
{
	int	 i;

	for (i = 0; i < REPORT_NFORMATS; i++) {
		if (strcmp(name, report_format_names[i]) == 0)
			return i;
	}
	return -1;
}

/*
 * The report's rising, falling and steady sections: three answers of one
 * rising query engine (the window auto: the week, or longer until 1,000
 * papers), which reads the window sums once for all three.
 */
static int
report_rising(struct store *st, struct tokenizer *tk, struct topics *topics,
    day_t to, struct report *r, char **cause)
{
	struct rising_query	 q[3];
	struct rising_report	 rr[3];
	int			 k;

	for (k = 0; k < 3; k++) {
		rising_query_defaults(&q[k]);
		q[k].at = to;
		q[k].window = 0;
		q[k].limit = k == 0 ? REPORT_RISING : REPORT_FALLING;
	}
	q[1].params.falling = 1;
	q[2].steady = 1;
	if (rising_run_many(st, tk, topics, q, 3, rr, cause) != 0)
		return -1;
	r->rising = rr[0];
	r->falling = rr[1];
	r->steady = rr[2];
	return 0;
}

/* The volume weeks: REPORT_WEEKS spans of 7 days, the last ending at to. */
static int
report_volume(struct store *st, struct report *r, char **cause)
{
	day_t		*days, start;
	int64_t		*papers;
	size_t		 n, i, w;

	start = r->to - 7 * REPORT_WEEKS + 1;
	if (store_day_totals(st, start, r->to, &days, &papers, &n, cause) != 0)
		return -1;
	for (w = 0; w < REPORT_WEEKS; w++)
		day_format_week(start + 7 * (day_t)w + 6, r->volume[w].week);
	for (i = 0; i < n; i++) {
		w = (size_t)(days[i] - start) / 7;
		r->volume[w].papers += papers[i];
		r->volume[w].days++;
	}
	free(days);
	free(papers);
	return 0;
}

/*
 * Weekly shares of each rising item over the volume weeks: the last
 * REPORT_WEEKS of the rising query's weekly shares (the same 7-day
 * blocks ending at the report's last day); an unknown week is 0.
 */
static void
report_sparks(struct report *r)
{
	size_t	 k, w, nrows = r->rising.n;
	double	 v;

	r->spark = xcalloc(nrows * REPORT_WEEKS + 1, sizeof *r->spark);
	for (k = 0; k < nrows; k++) {
		for (w = 0; w < REPORT_WEEKS; w++) {
			v = r->rising.rows[k].week_share[RISING_WEEKS -
			    REPORT_WEEKS + w];
			r->spark[k * REPORT_WEEKS + w] = v < 0 ? 0 : v;
		}
	}
}

/* The alert events of the report's days. */
static int
report_alerts(struct store *st, struct report *r, char **cause)
{
	struct alert_hist	*h;
	size_t			 n, i;

	if (store_alert_history(st, 10000, &h, &n, cause) != 0)
		return -1;
	for (i = n; i > 0; i--) {
		if (h[i - 1].day >= r->from && h[i - 1].day <= r->to) {
			r->alerts = xreallocarray(r->alerts, r->nalerts + 1,
			    sizeof *r->alerts);
			r->alerts[r->nalerts++] = h[i - 1];
		} else {
			free(h[i - 1].rule);
			free(h[i - 1].item);
			free(h[i - 1].event);
		}
	}
	free(h);
	return 0;
}

/* Build the report of days [from, to] (a week) from the store. */
int
report_build(struct store *st, struct tokenizer *tk, struct topics *topics,
    day_t from, day_t to, struct report *r, char **cause)
{
	memset(r, 0, sizeof *r);
	r->from = from;
	r->to = to;
	day_format_week(to, r->week);
	if (report_volume(st, r, cause) != 0 ||
	    store_source_week(st, from, to, &r->sources, &r->nsources,
	    cause) != 0 || report_alerts(st, r, cause) != 0)
		goto fail;
	/* A week without papers: no query has anything to say. */
	if (r->volume[REPORT_WEEKS - 1].papers == 0)
		return 0;
	if (report_rising(st, tk, topics, to, r, cause) != 0)
		goto fail;
	report_sparks(r);
	return 0;
fail:
	report_clear(r);
	return -1;
}

/* The share chart: the top rising items by week over half a year. */
static int
report_chart_share(struct store *st, const struct report *r,
    const char *format, const char *dir, char **cause)
{
	struct chart_spec	 c = { "share", format,
	    "Weekly share of papers: the top risers of the week" };
	struct series		 s;
	const char		*terms[REPORT_CHART_TERMS];
	int64_t			 ids[REPORT_CHART_TERMS];
	char			*data = NULL, *script = NULL;
	size_t			 i;
	int			 rc = -1;

	memset(&s, 0, sizeof s);
	s.by = SERIES_WEEK;
	for (i = 0; i < r->rising.n && i < REPORT_CHART_TERMS; i++) {
		terms[i] = r->rising.rows[i].term;
		ids[i] = r->rising.rows[i].id;
	}
	if (i == 0) {
		/* Nothing rises: the chart shows the shipped topics' leaders. */
		*cause = xstrdup("nothing rises this week: no share chart");
		return -1;
	}
	s.nterms = i;
	s.terms = terms;
	if (query_series_ids(st, ids, r->to - 7 * REPORT_CHART_WEEKS + 1,
	    r->to, &s, cause) != 0)
		goto out;
	if (chart_lines(&c, &s, 1, &data, &script) != 0) {
		*cause = xstrdup("cannot draw the share chart");
		goto out;
	}
	rc = plot_write(dir, &c, data, script, cause);
out:
	series_clear(&s);
	free(data);
	free(script);
	return rc;
}

/* The bars chart: this week's rising items with their scores. */
static int
report_chart_bars(const struct report *r, const char *format,
    const char *dir, char **cause)
{
	struct chart_spec	 c = { "rising", format,
	    "Rising items of the week" };
	const char		**labels;
	double			*values;
	char			*data = NULL, *script = NULL;
	size_t			 i, n = r->rising.n;
	int			 rc = -1;

	labels = xcalloc(n + 1, sizeof *labels);
	values = xcalloc(n + 1, sizeof *values);
	for (i = 0; i < n; i++) {
		labels[i] = r->rising.rows[i].term;
		values[i] = r->rising.rows[i].score;
	}
	if (chart_bars(&c, labels, values, n, "score (log2 ratio x sqrt G2)",
	    &data, &script) == 0)
		rc = plot_write(dir, &c, data, script, cause);
	else
		*cause = xstrdup("cannot draw the bars chart");
	free(labels);
	free(values);
	free(data);
	free(script);
	return rc;
}

/* The heat map: every topic's weekly share over half a year. */
static int
report_chart_heat(struct store *st, const struct report *r,
    const char *format, const char *dir, char **cause)
{
	struct chart_spec	 c = { "topics", format, "Topics by week" };
	struct series		 s;
	int64_t			*ids = NULL;
	char			**names = NULL, *data = NULL, *script = NULL;
	double			*cells = NULL;
	size_t			 n = 0, i, p;
	int			 rc = -1;

	memset(&s, 0, sizeof s);
	if (store_topic_terms(st, &ids, &names, &n, cause) != 0)
		return -1;
	if (n == 0) {
		*cause = xstrdup("no topic counted: no heat map");
		goto out;
	}
	s.by = SERIES_WEEK;
	s.nterms = n;
	s.terms = (const char **)names;
	if (query_series_ids(st, ids, r->to - 7 * REPORT_CHART_WEEKS + 1,
	    r->to, &s, cause) != 0)
		goto out;
	cells = xcalloc(n * s.nperiods + 1, sizeof *cells);
	for (i = 0; i < n; i++) {
		for (p = 0; p < s.nperiods; p++)
			cells[i * s.nperiods + p] = s.documents[p] > 0 ?
			    100.0 * (double)s.counts[p * n + i] /
			    (double)s.documents[p] : 0;
	}
	if (chart_heat(&c, (const char **)names, n,
	    (const char (*)[11])s.periods, s.nperiods, cells, &data,
	    &script) != 0) {
		*cause = xstrdup("no week to draw in the heat map");
		goto out;
	}
	rc = plot_write(dir, &c, data, script, cause);
out:
	series_clear(&s);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(ids);
	free(cells);
	free(data);
	free(script);
	return rc;
}

/*
 * Draw the report's three charts (share, rising, topics) into dir as
 * png or svg; each failure is logged. Returns how many were drawn; the
 * first failure's reason goes to *cause.
 */
int
report_charts(struct store *st, const struct report *r, const char *format,
    const char *dir, char **cause)
{
	char	*why = NULL;
	int	 drawn = 0, i, rc;

	for (i = 0; i < 3; i++) {
		if (i == 0)
			rc = report_chart_share(st, r, format, dir, &why);
		else if (i == 1)
			rc = report_chart_bars(r, format, dir, &why);
		else
			rc = report_chart_heat(st, r, format, dir, &why);
		if (rc == 0) {
			drawn++;
			continue;
		}
		if (*cause == NULL)
			*cause = why;
		else
			free(why);
		why = NULL;
	}
	return drawn;
}

/* Read dir/name into a string; NULL if it is not there. */
static char *
report_slurp(const char *dir, const char *name)
{
	char	*path, *buf = NULL, *cause = NULL;
	size_t	 len;

	xasprintf(&path, "%s/%s", dir, name);
	if (file_read(path, 16 << 20, &buf, &len, &cause) != 0) {
		free(cause);
		buf = NULL;
	} else {
		buf = xrealloc(buf, len + 1);
		buf[len] = '\0';
	}
	unlink(path);
	free(path);
	return buf;
}

/*
 * Draw the charts as SVG for the HTML page (in a temporary folder inside
 * dir, removed after); r->charts gets them, or r->chart_note why not.
 */
static void
report_inline_charts(struct store *st, struct report *r, const char *dir,
    char **svgs, char **note)
{
	static const char *names[] = { "share", "rising", "topics" };
	char	*tmp, *cause = NULL, *f;
	int	 i;

	xasprintf(&tmp, "%s/.topic-report-XXXXXX", dir);
	if (mkdtemp(tmp) == NULL) {
		xasprintf(note, "%s: %s", dir, strerror(errno));
		free(tmp);
		return;
	}
	report_charts(st, r, "svg", tmp, &cause);
	for (i = 0; i < 3; i++) {
		xasprintf(&f, "%s.svg", names[i]);
		svgs[i] = report_slurp(tmp, f);
		/* Inline: the <svg> element, without XML declaration. */
		r->charts[i] = svgs[i] != NULL ? strstr(svgs[i], "<svg") :
		    NULL;
		free(f);
		xasprintf(&f, "%s.dat", names[i]);
		free(report_slurp(tmp, f));
		free(f);
		xasprintf(&f, "%s.gp", names[i]);
		free(report_slurp(tmp, f));
		free(f);
	}
	rmdir(tmp);
	free(tmp);
	if (cause != NULL && svgs[0] == NULL && svgs[1] == NULL &&
	    svgs[2] == NULL)
		*note = cause;
	else
		free(cause);
	r->chart_note = *note;
}

/*
 * Write report r in each format of the mask formats into dir, as
 * report-WEEK.EXT, atomically (say: print each path); the HTML gets its
 * charts inline (drawn in dir). Every file is attempted; -1 (with the
 * first reason) if one failed or the charts could not be drawn.
 */
int
report_write(struct store *st, struct report *r, int formats,
    const char *dir, int say, char **cause)
{
	char	*svgs[3] = { NULL, NULL, NULL }, *note = NULL, *text, *path;
	char	*why = NULL;
	int	 f, rc = 0;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (formats & (1 << REPORT_HTML))
		report_inline_charts(st, r, dir, svgs, &note);
	for (f = 0; f < REPORT_NFORMATS; f++) {
		if (!(formats & (1 << f)))
			continue;
		text = report_render(r, f);
		xasprintf(&path, "%s/report-%s.%s", dir, r->week,
		    report_format_ext[f]);
		if (file_write_atomic(path, text, strlen(text), &why) != 0) {
			if (*cause == NULL)
				*cause = why;
			else
				free(why);
			why = NULL;
			rc = -1;
		} else if (say)
			printf("%s\n", path);
		free(path);
		free(text);
	}
	if (note != NULL) {
		if (*cause == NULL)
			*cause = xstrdup(note);
		rc = -1;
	}
	r->chart_note = NULL;
	for (f = 0; f < 3; f++) {
		free(svgs[f]);
		r->charts[f] = NULL;
	}
	free(note);
	return rc;
}
