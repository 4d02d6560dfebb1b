/*
 * The weekly report in Markdown for a code-hosting site: tables, links
 * to the example papers (report_int.h walks it). Every string from data
 * has the characters that would start markup escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/report_int.h"

/* Markdown text: characters that would start markup are escaped. */
static void
report_md_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr("\\`*_[]<>|#", *s) != NULL)
			buf_printf(b, "\\%c", *s);
		else if (*s == '\n')
			buf_printf(b, " ");
		else
			buf_printf(b, "%c", *s);
	}
}

/* The title. */
static void
report_md_begin(struct report_out *o, const struct report_head *h)
{
	buf_printf(&o->b, "# Weekly report %s\n\n", h->r->week);
}

/* This week's papers against the weeks before; the weeks' table head. */
static void
report_md_volume(struct report_out *o, const struct report_head *h)
{
	buf_printf(&o->b, "%s to %s: **%lld papers** on %lld known day%s (the "
	    "weeks before averaged %.0f).\n\n", h->from, h->to,
	    (long long)h->now->papers, (long long)h->now->days,
	    h->now->days == 1 ? "" : "s", h->average);
	buf_printf(&o->b, "| week | papers | known days |\n|---|---:|---:|\n");
}

/* A week of volume as a table row. */
static void
report_md_week(struct report_out *o, const struct report_week *w)
{
	buf_printf(&o->b, "| %s | %lld | %lld |\n", w->week,
	    (long long)w->papers, (long long)w->days);
}

/* A section's heading. */
static void
report_md_section(struct report_out *o, const struct rising_report *rr)
{
	(void)rr;
	buf_printf(&o->b, "\n## %s\n\n", o->sec->title);
}

/* The nothing line, a sentence. */
static void
report_md_none(struct report_out *o, const char *words)
{
	buf_printf(&o->b, "%s.\n", words);
}

/* The window and the baseline, a sentence. */
static void
report_md_window(struct report_out *o, const char *window,
    const char *against)
{
	buf_printf(&o->b, "%s %s.\n\n", window, against);
}

/* A table's header and alignment rows. */
static void
report_md_start(struct report_out *o)
{
	int	 spark = o->sec->spark;

	switch (o->sec->part) {
	case REPORT_SOURCES:
		buf_printf(&o->b, "| source | snapshots | failures | known "
		    "days | last error |\n|---|---:|---:|---:|---|\n");
		break;
	case REPORT_RISING:
	case REPORT_FALLING:
		buf_printf(&o->b, "| # | term | a | N1 | b | N2 | G2 | log2 "
		    "ratio | score | confidence |%s examples |\n|---:|---|---:|"
		    "---:|---:|---:|---:|---:|---:|---|%s---|\n",
		    spark ? " weeks |" : "", spark ? "---|" : "");
		break;
	default:
		break;
	}
}

/* A source as a table row; an archive says what it was. */
static void
report_md_source(struct report_out *o, const struct report_source *s,
    const char *what, const char *how)
{
	buf_printf(&o->b, "| ");
	report_md_escape(&o->b, s->name);
	if (what != NULL) {
		/* An archive: what it was in place of the counts. */
		buf_printf(&o->b, " | ");
		report_md_escape(&o->b, what);
		buf_printf(&o->b, ": ");
		report_md_escape(&o->b, how);
		buf_printf(&o->b, " | | %lld/7 | ", (long long)s->days);
	} else
		buf_printf(&o->b, " | %lld | %lld | %lld/7 | ",
		    (long long)s->snapshots, (long long)s->failures,
		    (long long)s->days);
	if (s->last_error != NULL)
		report_md_escape(&o->b, s->last_error);
	buf_printf(&o->b, " |\n");
}

/* An item's row up to its examples: the term and its members, counts. */
static void
report_md_item(struct report_out *o, size_t i, const struct rising_row *row,
    const double *weeks)
{
	char	*s;
	size_t	 k;

	buf_printf(&o->b, "| %zu | ", i + 1);
	report_md_escape(&o->b, row->term);
	if (row->isnew)
		buf_printf(&o->b, " **new**");
	for (k = 0; k < row->nmembers; k++) {
		buf_printf(&o->b, "%s", k ? ", " : " (also: ");
		report_md_escape(&o->b, row->members[k]);
	}
	buf_printf(&o->b, "%s | %lld | %lld | %lld | %lld | %.1f | %.2f | "
	    "%.2f | %s |", row->nmembers ? ")" : "", (long long)row->a,
	    (long long)row->n1, (long long)row->b, (long long)row->n2,
	    row->g2, row->lr, row->score, rising_confidence(row));
	if (weeks != NULL) {
		s = sparkline_text(weeks, REPORT_WEEKS);
		buf_printf(&o->b, " %s |", s);
		free(s);
	} else if (o->sec->spark)
		buf_printf(&o->b, " |");
}

/* An example paper, a link when it has a web page (render_paper_url). */
static void
report_md_example(struct report_out *o, size_t k,
    const struct rising_example *e)
{
	char	*url = render_paper_url(e);

	/* A link only to an http(s) page it can hold whole: no empty one. */
	if (url != NULL && strpbrk(url, "<>() \n") != NULL) {
		free(url);
		url = NULL;
	}
	buf_printf(&o->b, "%s%s", k ? "<br>" : " ", url ? "[" : "");
	report_md_escape(&o->b, e->title);
	if (url != NULL)
		buf_printf(&o->b, "](%s)", url);
	free(url);
}

/* The end of an item's row. */
static void
report_md_item_end(struct report_out *o)
{
	buf_printf(&o->b, " |\n");
}

/* A new term as a list entry. */
static void
report_md_new_term(struct report_out *o, const char *term)
{
	buf_printf(&o->b, "- ");
	report_md_escape(&o->b, term);
	buf_printf(&o->b, "\n");
}

/* A steady riser and its slope as a list entry. */
static void
report_md_steady(struct report_out *o, const char *term, double pct)
{
	buf_printf(&o->b, "- ");
	report_md_escape(&o->b, term);
	buf_printf(&o->b, " (%+.2f%% of papers a week)\n", pct);
}

/* An alert event as a list entry. */
static void
report_md_alert(struct report_out *o, const struct alert_hist *a,
    const char *day)
{
	buf_printf(&o->b, "- %s **%s** ", day, a->event);
	report_md_escape(&o->b, a->rule);
	buf_printf(&o->b, ": ");
	report_md_escape(&o->b, a->item);
	buf_printf(&o->b, "\n");
}

/* The Markdown rendering: what it says at each step of the walk. */
const struct report_renderer report_md_renderer = {
	.examples = 3,
	.begin = report_md_begin,
	.volume = report_md_volume,
	.week = report_md_week,
	.section = report_md_section,
	.none = report_md_none,
	.window = report_md_window,
	.start = report_md_start,
	.source = report_md_source,
	.item = report_md_item,
	.example = report_md_example,
	.item_end = report_md_item_end,
	.new_term = report_md_new_term,
	.steady = report_md_steady,
	.alert = report_md_alert,
};
