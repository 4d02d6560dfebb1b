/*
 * The weekly report (struct report) walked once, section by section, into
 * a renderer (report_int.h): text for an 80-column terminal, Markdown,
 * HTML and JSON each say how a step looks, and none walks the report on
 * its own. No clock: the same model gives the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/report_int.h"

/* The sections after the head, in the order of every rendering. */
static const struct report_section report_sections[] = {
	{ REPORT_SOURCES, "Sources", NULL, "sources", 0 },
	{ REPORT_RISING, "Rising topics and emerging clusters", NULL,
	    "rising", 1 },
	{ REPORT_NEW, "New terms", NULL, "new_terms", 0 },
	{ REPORT_FALLING, "Falling", NULL, "falling", 0 },
	{ REPORT_STEADY, "Steady risers", "12 weekly shares, Mann-Kendall",
	    "steady", 0 },
	{ REPORT_ALERTS, "Alerts", NULL, "alerts", 0 },
};

/* Call a renderer's callback, if it has one. */
#define REPORT_CALL(rd, cb, ...) do {					\
	if ((rd)->cb != NULL)						\
		(rd)->cb(__VA_ARGS__);					\
} while (0)

/* Free what a report holds. */
void
report_clear(struct report *r)
{
	size_t	 i;

	for (i = 0; i < r->nsources; i++) {
		free(r->sources[i].name);
		free(r->sources[i].last_error);
		free(r->sources[i].archive.origin);
	}
	free(r->sources);
	rising_report_clear(&r->rising);
	rising_report_clear(&r->falling);
	rising_report_clear(&r->steady);
	free(r->spark);
	for (i = 0; i < r->nalerts; i++) {
		free(r->alerts[i].rule);
		free(r->alerts[i].item);
		free(r->alerts[i].event);
	}
	free(r->alerts);
	memset(r, 0, sizeof *r);
}

/* The head: the dates, this week and the average of the weeks before. */
static void
report_head(const struct report *r, struct report_head *h)
{
	int64_t	 sum = 0, weeks = 0;
	size_t	 i;

	h->r = r;
	day_format(r->from, h->from);
	day_format(r->to, h->to);
	h->now = &r->volume[REPORT_WEEKS - 1];
	for (i = 0; i + 1 < REPORT_WEEKS; i++) {
		if (r->volume[i].days > 0) {
			sum += r->volume[i].papers;
			weeks++;
		}
	}
	h->average = weeks > 0 ? (double)sum / (double)weeks : 0;
}

/*
 * What a source fed by archive ingests was, when it took no snapshot and
 * had no failure that week: *what "archive NAME" (the file's last path
 * part), *how "one ingest of N days (FROM..TO), P papers"; both NULL for
 * a scheduled source, which keeps its counts.
 */
static void
report_source_archive(const struct report_source *s, char **what,
    char **how)
{
	const struct archive_ingest	*a = &s->archive;
	const char			*base;
	char				 f[11], t[11], *days;

	*what = *how = NULL;
	if (a->count == 0 || s->snapshots != 0 || s->failures != 0)
		return;
	base = a->origin != NULL ? a->origin : "";
	if (strrchr(base, '/') != NULL && strrchr(base, '/')[1] != '\0')
		base = strrchr(base, '/') + 1;
	xasprintf(what, "archive %s", *base != '\0' ? base : "(standard "
	    "input)");
	if (a->days == 0)
		days = xstrdup("no day");
	else {
		day_format(a->from, f);
		day_format(a->to, t);
		if (a->from == a->to)
			xasprintf(&days, "1 day (%s)", f);
		else
			xasprintf(&days, "%lld days (%s..%s)",
			    (long long)a->days, f, t);
	}
	if (a->count == 1)
		xasprintf(how, "one ingest of %s, %lld paper%s", days,
		    (long long)a->papers, a->papers == 1 ? "" : "s");
	else
		xasprintf(how, "one of %lld ingests, of %s, %lld paper%s",
		    (long long)a->count, days, (long long)a->papers,
		    a->papers == 1 ? "" : "s");
	free(days);
}

/* The source health table, or its nothing line. */
static void
report_walk_sources(struct report_out *o, const struct report_renderer *rd,
    const struct report *r)
{
	char	*what, *how;
	size_t	 i;

	REPORT_CALL(rd, section, o, NULL);
	if (r->nsources == 0) {
		REPORT_CALL(rd, none, o, "None");
		return;
	}
	REPORT_CALL(rd, start, o);
	for (i = 0; i < r->nsources; i++) {
		report_source_archive(&r->sources[i], &what, &how);
		REPORT_CALL(rd, source, o, &r->sources[i], what, how);
		free(what);
		free(how);
	}
	REPORT_CALL(rd, finish, o);
}

/* A table of rising or falling items after the window they compare. */
static void
report_walk_items(struct report_out *o, const struct report_renderer *rd,
    const struct rising_report *rr, const double *spark)
{
	const struct rising_row	*row;
	char			 f[11], t[11], *window, *against;
	size_t			 i, k;

	REPORT_CALL(rd, section, o, rr);
	if (rr->window.documents == 0) {
		REPORT_CALL(rd, none, o, "No papers in the window");
		return;
	}
	day_format(rr->window.from, f);
	day_format(rr->window.to, t);
	xasprintf(&window, "window %s..%s (%lld papers)", f, t,
	    (long long)rr->window.documents);
	day_format(rr->baseline.from, f);
	day_format(rr->baseline.to, t);
	xasprintf(&against, "against %s..%s (%lld papers)", f, t,
	    (long long)rr->baseline.documents);
	REPORT_CALL(rd, window, o, window, against);
	free(window);
	free(against);
	if (rr->n == 0) {
		REPORT_CALL(rd, none, o, "Nothing with enough evidence");
		return;
	}
	REPORT_CALL(rd, start, o);
	for (i = 0; i < rr->n; i++) {
		row = &rr->rows[i];
		REPORT_CALL(rd, item, o, i, row, spark != NULL ?
		    spark + i * REPORT_WEEKS : NULL);
		for (k = 0; k < row->nexamples && k < rd->examples; k++)
			REPORT_CALL(rd, example, o, k, &row->examples[k]);
		REPORT_CALL(rd, item_end, o);
	}
	REPORT_CALL(rd, finish, o);
}

/* The rising items seen in neither window before, as a list. */
static void
report_walk_new(struct report_out *o, const struct report_renderer *rd,
    const struct rising_report *rr)
{
	size_t	 i, n = 0;

	REPORT_CALL(rd, section, o, NULL);
	REPORT_CALL(rd, start, o);
	for (i = 0; i < rr->n; i++) {
		if (rr->rows[i].isnew) {
			REPORT_CALL(rd, new_term, o, rr->rows[i].term);
			n++;
		}
	}
	if (n == 0)
		REPORT_CALL(rd, none, o, "None");
	REPORT_CALL(rd, finish, o);
}

/* The steady risers and their slopes (percent of papers a week). */
static void
report_walk_steady(struct report_out *o, const struct report_renderer *rd,
    const struct rising_report *rr)
{
	const struct rising_row	*row;
	size_t			 i;

	REPORT_CALL(rd, section, o, rr);
	REPORT_CALL(rd, start, o);
	for (i = 0; i < rr->n; i++) {
		row = &rr->rows[i];
		REPORT_CALL(rd, steady, o, row->term, row->trend_known ?
		    100 * row->trend.slope : 0.0);
	}
	if (rr->n == 0)
		REPORT_CALL(rd, none, o, "None");
	REPORT_CALL(rd, finish, o);
}

/* The week's alert events, with their days. */
static void
report_walk_alerts(struct report_out *o, const struct report_renderer *rd,
    const struct report *r)
{
	char	 day[11];
	size_t	 i;

	REPORT_CALL(rd, section, o, NULL);
	REPORT_CALL(rd, start, o);
	for (i = 0; i < r->nalerts; i++) {
		day_format(r->alerts[i].day, day);
		REPORT_CALL(rd, alert, o, &r->alerts[i], day);
	}
	if (r->nalerts == 0)
		REPORT_CALL(rd, none, o, "None this week");
	REPORT_CALL(rd, finish, o);
}

/* Render r through rd: the one walk over the report's sections. */
static char *
report_walk(const struct report *r, const struct report_renderer *rd)
{
	struct report_out	 o;
	struct report_head	 h;
	size_t			 i;

	memset(&o, 0, sizeof o);
	report_head(r, &h);
	REPORT_CALL(rd, begin, &o, &h);
	REPORT_CALL(rd, volume, &o, &h);
	for (i = 0; i < REPORT_WEEKS; i++)
		REPORT_CALL(rd, week, &o, &r->volume[i]);
	REPORT_CALL(rd, charts, &o, r);
	for (i = 0; i < sizeof report_sections / sizeof report_sections[0];
	    i++) {
		o.sec = &report_sections[i];
		switch (o.sec->part) {
		case REPORT_SOURCES:
			report_walk_sources(&o, rd, r);
			break;
		case REPORT_RISING:
			report_walk_items(&o, rd, &r->rising, r->spark);
			break;
		case REPORT_NEW:
			report_walk_new(&o, rd, &r->rising);
			break;
		case REPORT_FALLING:
			report_walk_items(&o, rd, &r->falling, NULL);
			break;
		case REPORT_STEADY:
			report_walk_steady(&o, rd, &r->steady);
			break;
		case REPORT_ALERTS:
			report_walk_alerts(&o, rd, r);
			break;
		}
	}
	if (rd->end != NULL)
		return rd->end(&o);
	return buf_take(&o.b);
}

/* Render r in format f (REPORT_TEXT ...; text if f is none of them). */
char *
report_render(const struct report *r, int f)
{
	static const struct report_renderer *const renderers[] = {
		[REPORT_TEXT] = &report_text_renderer,
		[REPORT_MD] = &report_md_renderer,
		[REPORT_JSON] = &report_json_renderer,
		[REPORT_HTML] = &report_html_renderer,
	};

	if (f < 0 || f >= REPORT_NFORMATS)
		f = REPORT_TEXT;
	return report_walk(r, renderers[f]);
}
