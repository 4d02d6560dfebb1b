/*
 * The weekly report for a terminal: plain text that fits 80 columns,
 * strings cut to their cells (report_int.h walks it). Text needs no
 * escaping; nothing here walks the report.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "reports/report_int.h"

/* The title, underlined. */
static void
report_text_begin(struct report_out *o, const struct report_head *h)
{
	buf_printf(&o->b, "topicd weekly report %s (%s to %s)\n", h->r->week,
	    h->from, h->to);
	buf_printf(&o->b, "==============================================="
	    "=========\n\n");
}

/* This week's papers against the weeks before, and a sparkline. */
static void
report_text_volume(struct report_out *o, const struct report_head *h)
{
	double	 v[REPORT_WEEKS];
	char	*spark;
	size_t	 i;

	for (i = 0; i < REPORT_WEEKS; i++)
		v[i] = (double)h->r->volume[i].papers;
	spark = sparkline_text(v, REPORT_WEEKS);
	buf_printf(&o->b, "Volume\n  %lld papers on %lld known day%s; the "
	    "weeks before averaged %.0f.\n  last %d weeks: %s\n",
	    (long long)h->now->papers, (long long)h->now->days,
	    h->now->days == 1 ? "" : "s", h->average, REPORT_WEEKS, spark);
	free(spark);
	if (h->now->papers == 0)
		buf_printf(&o->b, "  No paper this week: nothing below is "
		    "about it.\n");
}

/* A section's title, and its gloss in brackets. */
static void
report_text_section(struct report_out *o, const struct rising_report *rr)
{
	(void)rr;
	buf_printf(&o->b, "\n%s", o->sec->title);
	if (o->sec->gloss != NULL)
		buf_printf(&o->b, " (%s)", o->sec->gloss);
	buf_printf(&o->b, "\n");
}

/* The nothing line, in brackets. */
static void
report_text_none(struct report_out *o, const char *words)
{
	buf_printf(&o->b, "  (%c%s)\n", tolower((unsigned char)words[0]),
	    words + 1);
}

/* The window and the baseline, a line each. */
static void
report_text_window(struct report_out *o, const char *window,
    const char *against)
{
	buf_printf(&o->b, "  %s\n  %s\n\n", window, against);
}

/* An item table's header line. */
static void
report_text_start(struct report_out *o)
{
	if (o->sec->part != REPORT_RISING && o->sec->part != REPORT_FALLING)
		return;
	buf_printf(&o->b, "   # %-22s %4s %5s %4s %5s %5s %-11s %s\n",
	    "term", "a", "N1", "b", "N2", "score", "confidence",
	    o->sec->spark ? "weeks" : "");
}

/*
 * A source: its snapshots, failures and known days; its last error. An
 * archive: what it was, and how on a line below.
 */
static void
report_text_source(struct report_out *o, const struct report_source *s,
    const char *what, const char *how)
{
	buf_printf(&o->b, "  ");
	buf_cell(&o->b, s->name, 24);
	if (what != NULL) {
		buf_printf(&o->b, " %s, %lld/7 days known\n    %s\n", what,
		    (long long)s->days, how);
		return;
	}
	buf_printf(&o->b, " %3lld snapshot%s %3lld failure%s  %lld/7 days "
	    "known\n", (long long)s->snapshots, s->snapshots == 1 ? " " : "s",
	    (long long)s->failures, s->failures == 1 ? " " : "s",
	    (long long)s->days);
	if (s->last_error != NULL) {
		buf_printf(&o->b, "    last error: ");
		buf_cell(&o->b, s->last_error, 60);
		buf_printf(&o->b, "\n");
	}
}

/* An item's line, and its first cluster members on a line below. */
static void
report_text_item(struct report_out *o, size_t i, const struct rising_row *row,
    const double *weeks)
{
	char	*s;
	size_t	 k;

	buf_printf(&o->b, "  %2zu ", i + 1);
	buf_cell(&o->b, row->term, 22);
	buf_printf(&o->b, " %4lld %5lld %4lld %5lld %5.2f %-11s ",
	    (long long)row->a, (long long)row->n1, (long long)row->b,
	    (long long)row->n2, row->score, rising_confidence(row));
	if (weeks != NULL) {
		s = sparkline_text(weeks, REPORT_WEEKS);
		buf_printf(&o->b, "%s", s);
		free(s);
	}
	buf_printf(&o->b, "%s\n", row->isnew ? " new" : "");
	if (row->nmembers == 0)
		return;
	buf_printf(&o->b, "       also: ");
	for (k = 0; k < row->nmembers && k < 4; k++)
		buf_printf(&o->b, "%s%s", k ? ", " : "", row->members[k]);
	buf_printf(&o->b, "%s\n", row->nmembers > 4 ? ", ..." : "");
}

/* An example paper: its title cut, its URL (or key) below. */
static void
report_text_example(struct report_out *o, size_t k,
    const struct rising_example *e)
{
	(void)k;
	buf_printf(&o->b, "       ");
	buf_cell(&o->b, e->title, 60);
	buf_printf(&o->b, "\n         %s\n", e->url ? e->url : e->id);
}

/* A new term on its line. */
static void
report_text_new_term(struct report_out *o, const char *term)
{
	buf_printf(&o->b, "  %s\n", term);
}

/* A steady riser and its slope. */
static void
report_text_steady(struct report_out *o, const char *term, double pct)
{
	buf_printf(&o->b, "  ");
	buf_cell(&o->b, term, 40);
	buf_printf(&o->b, " %+.2f%% a week\n", pct);
}

/* An alert event: day, event, rule and item in columns. */
static void
report_text_alert(struct report_out *o, const struct alert_hist *a,
    const char *day)
{
	buf_printf(&o->b, "  %s  %-9s ", day, a->event);
	buf_cell(&o->b, a->rule, 16);
	buf_printf(&o->b, " ");
	buf_cell(&o->b, a->item, 30);
	buf_printf(&o->b, "\n");
}

/* The text rendering: what it says at each step of the walk. */
const struct report_renderer report_text_renderer = {
	.examples = 2,
	.begin = report_text_begin,
	.volume = report_text_volume,
	.section = report_text_section,
	.none = report_text_none,
	.window = report_text_window,
	.start = report_text_start,
	.source = report_text_source,
	.item = report_text_item,
	.example = report_text_example,
	.new_term = report_text_new_term,
	.steady = report_text_steady,
	.alert = report_text_alert,
};
