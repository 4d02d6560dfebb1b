/*
 * The weekly report as one standalone HTML page: inline CSS, the charts
 * and sparklines as inline SVG, no request to the network (report_int.h
 * walks it). Every string from data is escaped; links only to http(s).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/report_int.h"

/* Append s escaped for HTML (NULL as nothing). */
static void
report_html_text(struct buf *b, const char *s)
{
	char	*e = html_escape(s != NULL ? s : "");

	buf_printf(b, "%s", e);
	free(e);
}

/* A link, when the URL is http(s); otherwise the text alone. */
static void
report_html_link(struct buf *b, const char *url, const char *text)
{
	if (url != NULL && (strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0)) {
		buf_printf(b, "<a href=\"");
		report_html_text(b, url);
		buf_printf(b, "\">");
		report_html_text(b, text);
		buf_printf(b, "</a>");
	} else
		report_html_text(b, text);
}

/* The page's head with its style sheet, and the title. */
static void
report_html_begin(struct report_out *o, const struct report_head *h)
{
	buf_printf(&o->b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width="
	    "device-width, initial-scale=1\">\n<title>topicd weekly report "
	    "%s</title>\n<style>\nbody{font-family:\"DejaVu Sans\",system-ui,"
	    "sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;"
	    "color:#222;line-height:1.45}\nh1{font-size:1.6rem}h2{font-size:"
	    "1.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-"
	    "top:2rem}\ntable{border-collapse:collapse;width:100%%;font-size:"
	    ".9rem}th,td{padding:.3rem .5rem;border-bottom:1px solid #eee;"
	    "text-align:left;vertical-align:top}\nth{background:#f6f8fa}"
	    "td:nth-child(n+3):not(:last-child){white-space:nowrap}\n"
	    ".new{background:#d62728;color:#fff;border-radius:3px;"
	    "padding:0 .3rem;font-size:.75rem}\n"
	    ".none,.window{color:#666}.chart svg{max-width:100%%;height:auto}"
	    "\na{color:#1f5fa8}small{color:#555}\n</style></head><body>\n",
	    h->r->week);
	buf_printf(&o->b, "<h1>Weekly report %s</h1>\n", h->r->week);
}

/* This week's papers against the weeks before. */
static void
report_html_volume(struct report_out *o, const struct report_head *h)
{
	buf_printf(&o->b, "<p>%s to %s: <b>%lld papers</b> on %lld known "
	    "day%s; the weeks before averaged %.0f.</p>\n", h->from, h->to,
	    (long long)h->now->papers, (long long)h->now->days,
	    h->now->days == 1 ? "" : "s", h->average);
}

/* The charts inline with their captions, or why there are none. */
static void
report_html_charts(struct report_out *o, const struct report *r)
{
	static const char *titles[] = { "The top risers: weekly share of "
	    "papers", "The rising items and their scores", "Every topic: "
	    "weekly share of papers" };
	size_t	 i;

	for (i = 0; i < 3; i++) {
		if (r->charts[i] == NULL)
			continue;
		buf_printf(&o->b, "<figure class=\"chart\">%s<figcaption>%s"
		    "</figcaption></figure>\n", r->charts[i], titles[i]);
	}
	if (r->chart_note != NULL) {
		buf_printf(&o->b, "<p class=\"none\">No charts: ");
		report_html_text(&o->b, r->chart_note);
		buf_printf(&o->b, "</p>\n");
	}
}

/* A section's heading. */
static void
report_html_section(struct report_out *o, const struct rising_report *rr)
{
	(void)rr;
	buf_printf(&o->b, "<h2>%s</h2>\n", o->sec->title);
}

/* The nothing line: a tag among the new terms, a list entry, a paragraph. */
static void
report_html_none(struct report_out *o, const char *words)
{
	switch (o->sec->part) {
	case REPORT_NEW:
		buf_printf(&o->b, "<span class=\"none\">%s.</span>", words);
		break;
	case REPORT_STEADY:
	case REPORT_ALERTS:
		buf_printf(&o->b, "<li class=\"none\">%s.</li>\n", words);
		break;
	default:
		buf_printf(&o->b, "<p class=\"none\">%s.</p>\n", words);
		break;
	}
}

/* The window and the baseline, a paragraph. */
static void
report_html_window(struct report_out *o, const char *window,
    const char *against)
{
	buf_printf(&o->b, "<p class=\"window\">");
	report_html_text(&o->b, window);
	buf_printf(&o->b, " ");
	report_html_text(&o->b, against);
	buf_printf(&o->b, "</p>\n");
}

/* What starts and finishes each part's entries; items start with a head. */
static const char *report_html_tags[][2] = {
	[REPORT_SOURCES] = { "<table><thead><tr><th>source</th><th>snapshots"
	    "</th><th>failures</th><th>known days</th><th>last error</th></tr>"
	    "</thead><tbody>\n", "</tbody></table>\n" },
	[REPORT_RISING] = { NULL, "</tbody></table>\n" },
	[REPORT_NEW] = { "<p>", "</p>\n" },
	[REPORT_FALLING] = { NULL, "</tbody></table>\n" },
	[REPORT_STEADY] = { "<ul>\n", "</ul>\n" },
	[REPORT_ALERTS] = { "<ul>\n", "</ul>\n" },
};

/* A table with its head, the paragraph of tags, or a list. */
static void
report_html_start(struct report_out *o)
{
	const char	*tag = report_html_tags[o->sec->part][0];

	if (tag != NULL) {
		buf_printf(&o->b, "%s", tag);
		return;
	}
	buf_printf(&o->b, "<table><thead><tr><th>#</th><th>term</th><th>a</th>"
	    "<th>N1</th><th>b</th><th>N2</th><th>G2</th><th>log2 ratio</th>"
	    "<th>score</th><th>confidence</th>%s<th>examples</th></tr>"
	    "</thead><tbody>\n",
	    o->sec->spark ? "<th>last 8 weeks</th>" : "");
}

/* The end of what start began. */
static void
report_html_finish(struct report_out *o)
{
	buf_printf(&o->b, "%s", report_html_tags[o->sec->part][1]);
}

/* A source as a table row; an archive says what it was. */
static void
report_html_source(struct report_out *o, const struct report_source *s,
    const char *what, const char *how)
{
	buf_printf(&o->b, "<tr><td>");
	report_html_text(&o->b, s->name);
	if (what != NULL) {
		/* An archive: what it was across the two count columns. */
		buf_printf(&o->b, "</td><td colspan=\"2\">");
		report_html_text(&o->b, what);
		buf_printf(&o->b, ": ");
		report_html_text(&o->b, how);
		buf_printf(&o->b, "</td><td>%lld/7</td><td>",
		    (long long)s->days);
	} else
		buf_printf(&o->b, "</td><td>%lld</td><td>%lld</td><td>%lld/7"
		    "</td><td>", (long long)s->snapshots,
		    (long long)s->failures, (long long)s->days);
	report_html_text(&o->b, s->last_error);
	buf_printf(&o->b, "</td></tr>\n");
}

/* An item's row up to its examples' cell: term, members, counts, SVG. */
static void
report_html_item(struct report_out *o, size_t i, const struct rising_row *row,
    const double *weeks)
{
	char	*s;
	size_t	 k;

	buf_printf(&o->b, "<tr><td>%zu</td><td><b>", i + 1);
	report_html_text(&o->b, row->term);
	buf_printf(&o->b, "</b>%s", row->isnew ? " <span class=\"new\">"
	    "new</span>" : "");
	for (k = 0; k < row->nmembers; k++) {
		buf_printf(&o->b, "%s", k ? ", " : "<br><small>also: ");
		report_html_text(&o->b, row->members[k]);
	}
	buf_printf(&o->b, "%s</td><td>%lld</td><td>%lld</td><td>%lld</td>"
	    "<td>%lld</td><td>%.1f</td><td>%.2f</td><td>%.2f</td>"
	    "<td>%s</td>", row->nmembers ? "</small>" : "",
	    (long long)row->a, (long long)row->n1, (long long)row->b,
	    (long long)row->n2, row->g2, row->lr, row->score,
	    rising_confidence(row));
	if (o->sec->spark) {
		s = weeks != NULL ? sparkline_svg(weeks, REPORT_WEEKS, 96,
		    22) : NULL;
		buf_printf(&o->b, "<td>%s</td>", s ? s : "");
		free(s);
	}
	buf_printf(&o->b, "<td>");
}

/* An example paper, a link when it has a web address. */
static void
report_html_example(struct report_out *o, size_t k,
    const struct rising_example *e)
{
	char	*url = render_paper_url(e);

	buf_printf(&o->b, "%s", k ? "<br>" : "");
	report_html_link(&o->b, url, e->title);
	free(url);
}

/* The end of an item's row. */
static void
report_html_item_end(struct report_out *o)
{
	buf_printf(&o->b, "</td></tr>\n");
}

/* A new term as a tag. */
static void
report_html_new_term(struct report_out *o, const char *term)
{
	buf_printf(&o->b, "<span class=\"new\">new</span> ");
	report_html_text(&o->b, term);
	buf_printf(&o->b, " ");
}

/* A steady riser and its slope as a list entry. */
static void
report_html_steady(struct report_out *o, const char *term, double pct)
{
	buf_printf(&o->b, "<li>");
	report_html_text(&o->b, term);
	buf_printf(&o->b, " (%+.2f%% of papers a week)</li>\n", pct);
}

/* An alert event as a list entry. */
static void
report_html_alert(struct report_out *o, const struct alert_hist *a,
    const char *day)
{
	buf_printf(&o->b, "<li>%s <b>", day);
	report_html_text(&o->b, a->event);
	buf_printf(&o->b, "</b> ");
	report_html_text(&o->b, a->rule);
	buf_printf(&o->b, ": ");
	report_html_text(&o->b, a->item);
	buf_printf(&o->b, "</li>\n");
}

/* The footer: the version and what the columns mean. */
static char *
report_html_end(struct report_out *o)
{
	buf_printf(&o->b, "<p class=\"none\"><small>Written by topicd %s. "
	    "a: papers with the item in the window of N1; b: in the baseline "
	    "of N2; G2: Dunning's log-likelihood; score: log2 ratio times the "
	    "square root of G2.</small></p>\n</body></html>\n", TOPICD_VERSION);
	return buf_take(&o->b);
}

/* The HTML rendering: what it says at each step of the walk. */
const struct report_renderer report_html_renderer = {
	.examples = 3,
	.begin = report_html_begin,
	.volume = report_html_volume,
	.charts = report_html_charts,
	.section = report_html_section,
	.none = report_html_none,
	.window = report_html_window,
	.start = report_html_start,
	.finish = report_html_finish,
	.source = report_html_source,
	.item = report_html_item,
	.example = report_html_example,
	.item_end = report_html_item_end,
	.new_term = report_html_new_term,
	.steady = report_html_steady,
	.alert = report_html_alert,
	.end = report_html_end,
};
