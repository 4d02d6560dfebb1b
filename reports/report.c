/*
 * The weekly report in four renderings of one model (struct report): text
 * for an 80-column terminal, Markdown for a code-hosting site, JSON for
 * machines and one standalone HTML page (inline CSS and SVG, no request
 * to the network). Every string from data is escaped for its target. No
 * clock: the same model gives the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "reports/reports.h"

/* Free what a report holds. */
void
report_clear(struct report *r)
{
	size_t	 i;

	for (i = 0; i < r->nsources; i++) {
		free(r->sources[i].name);
		free(r->sources[i].last_error);
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

/* The week's volume, the last of the volume weeks. */
static const struct report_week *
report_this_week(const struct report *r)
{
	return &r->volume[REPORT_WEEKS - 1];
}

/* The papers of the weeks before this one, on average (0 if none). */
static double
report_average(const struct report *r)
{
	int64_t	 sum = 0, weeks = 0;
	size_t	 i;

	for (i = 0; i + 1 < REPORT_WEEKS; i++) {
		if (r->volume[i].days > 0) {
			sum += r->volume[i].papers;
			weeks++;
		}
	}
	return weeks > 0 ? (double)sum / (double)weeks : 0;
}

/* The weekly papers as a sparkline. */
static char *
report_volume_spark(const struct report *r)
{
	double	 v[REPORT_WEEKS];
	size_t	 i;

	for (i = 0; i < REPORT_WEEKS; i++)
		v[i] = (double)r->volume[i].papers;
	return sparkline_text(v, REPORT_WEEKS);
}

/* The window a rising section compares, as words; sep before "against". */
static void
report_window_words(struct buf *b, const struct rising_report *rr,
    const char *sep)
{
	char	 f[11], t[11], bf[11], bt[11];

	day_format(rr->window.from, f);
	day_format(rr->window.to, t);
	day_format(rr->baseline.from, bf);
	day_format(rr->baseline.to, bt);
	buf_printf(b, "window %s..%s (%lld papers)%sagainst %s..%s (%lld "
	    "papers)", f, t, (long long)rr->window.documents, sep, bf, bt,
	    (long long)rr->baseline.documents);
}

/* Whether any rising item is new (seen in neither window before). */
static size_t
report_new_terms(const struct report *r)
{
	size_t	 i, n = 0;

	for (i = 0; i < r->rising.n; i++)
		n += r->rising.rows[i].isnew != 0;
	return n;
}

/* A section of rising or falling items as a text table. */
static void
report_text_items(struct buf *b, const struct report *r,
    const struct rising_report *rr, int spark)
{
	const struct rising_row	*row;
	char			*s;
	size_t			 i, k;

	if (rr->window.documents == 0) {
		buf_printf(b, "  (no papers in the window)\n");
		return;
	}
	buf_printf(b, "  ");
	report_window_words(b, rr, "\n  ");
	buf_printf(b, "\n\n");
	if (rr->n == 0) {
		buf_printf(b, "  (nothing with enough evidence)\n");
		return;
	}
	buf_printf(b, "   # %-22s %4s %5s %4s %5s %5s %-11s %s\n", "term", "a",
	    "N1", "b", "N2", "score", "confidence", spark ? "weeks" : "");
	for (i = 0; i < rr->n; i++) {
		row = &rr->rows[i];
		buf_printf(b, "  %2zu ", i + 1);
		buf_cell(b, row->term, 22);
		buf_printf(b, " %4lld %5lld %4lld %5lld %5.2f %-11s ",
		    (long long)row->a, (long long)row->n1, (long long)row->b,
		    (long long)row->n2, row->score, rising_confidence(row));
		if (spark && r->spark != NULL) {
			s = sparkline_text(r->spark + i * REPORT_WEEKS,
			    REPORT_WEEKS);
			buf_printf(b, "%s", s);
			free(s);
		}
		buf_printf(b, "%s\n", row->isnew ? " new" : "");
		if (row->nmembers > 0) {
			buf_printf(b, "       also: ");
			for (k = 0; k < row->nmembers && k < 4; k++)
				buf_printf(b, "%s%s", k ? ", " : "",
				    row->members[k]);
			buf_printf(b, "%s\n", row->nmembers > 4 ? ", ..." : "");
		}
		for (k = 0; k < row->nexamples && k < 2; k++) {
			buf_printf(b, "       ");
			buf_cell(b, row->examples[k].title, 60);
			buf_printf(b, "\n         %s\n", row->examples[k].url ?
			    row->examples[k].url : row->examples[k].id);
		}
	}
}

/* The report for a terminal: fits 80 columns. */
char *
report_text(const struct report *r)
{
	struct buf			 b = { NULL, 0, 0 };
	const struct report_week	*w = report_this_week(r);
	const struct report_source	*s;
	char				 f[11], t[11], *spark;
	size_t				 i;

	day_format(r->from, f);
	day_format(r->to, t);
	buf_printf(&b, "topicd weekly report %s (%s to %s)\n", r->week, f, t);
	buf_printf(&b, "==============================================="
	    "=========\n\n");
	spark = report_volume_spark(r);
	buf_printf(&b, "Volume\n  %lld papers on %lld known day%s; the weeks "
	    "before averaged %.0f.\n  last %d weeks: %s\n", (long long)w->papers,
	    (long long)w->days, w->days == 1 ? "" : "s", report_average(r),
	    REPORT_WEEKS, spark);
	free(spark);
	if (w->papers == 0)
		buf_printf(&b, "  No paper this week: nothing below is about "
		    "it.\n");
	buf_printf(&b, "\nSources\n");
	if (r->nsources == 0)
		buf_printf(&b, "  (none)\n");
	for (i = 0; i < r->nsources; i++) {
		s = &r->sources[i];
		buf_printf(&b, "  ");
		buf_cell(&b, s->name, 24);
		buf_printf(&b, " %3lld snapshot%s %3lld failure%s  %lld/7 days "
		    "known\n", (long long)s->snapshots, s->snapshots == 1 ?
		    " " : "s", (long long)s->failures, s->failures == 1 ?
		    " " : "s", (long long)s->days);
		if (s->last_error != NULL) {
			buf_printf(&b, "    last error: ");
			buf_cell(&b, s->last_error, 60);
			buf_printf(&b, "\n");
		}
	}
	buf_printf(&b, "\nRising topics and emerging clusters\n");
	report_text_items(&b, r, &r->rising, 1);
	buf_printf(&b, "\nNew terms\n");
	if (report_new_terms(r) == 0)
		buf_printf(&b, "  (none)\n");
	for (i = 0; i < r->rising.n; i++) {
		if (r->rising.rows[i].isnew)
			buf_printf(&b, "  %s\n", r->rising.rows[i].term);
	}
	buf_printf(&b, "\nFalling\n");
	report_text_items(&b, r, &r->falling, 0);
	buf_printf(&b, "\nSteady risers (12 weekly shares, Mann-Kendall)\n");
	if (r->steady.n == 0)
		buf_printf(&b, "  (none)\n");
	for (i = 0; i < r->steady.n; i++) {
		buf_printf(&b, "  ");
		buf_cell(&b, r->steady.rows[i].term, 40);
		buf_printf(&b, " %+.2f%% a week\n", r->steady.rows[i].trend_known ?
		    100 * r->steady.rows[i].trend.slope : 0.0);
	}
	buf_printf(&b, "\nAlerts\n");
	if (r->nalerts == 0)
		buf_printf(&b, "  (none this week)\n");
	for (i = 0; i < r->nalerts; i++) {
		day_format(r->alerts[i].day, f);
		buf_printf(&b, "  %s  %-9s ", f, r->alerts[i].event);
		buf_cell(&b, r->alerts[i].rule, 16);
		buf_printf(&b, " ");
		buf_cell(&b, r->alerts[i].item, 30);
		buf_printf(&b, "\n");
	}
	return buf_take(&b);
}

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

/* A section of items as a Markdown table with example links. */
static void
report_md_items(struct buf *b, const struct report *r,
    const struct rising_report *rr, int spark)
{
	const struct rising_row	*row;
	char			*s;
	size_t			 i, k;

	if (rr->window.documents == 0) {
		buf_printf(b, "No papers in the window.\n");
		return;
	}
	report_window_words(b, rr, " ");
	buf_printf(b, ".\n\n");
	if (rr->n == 0) {
		buf_printf(b, "Nothing with enough evidence.\n");
		return;
	}
	buf_printf(b, "| # | term | a | N1 | b | N2 | G2 | log2 ratio | score "
	    "| confidence |%s examples |\n|---:|---|---:|---:|---:|---:|---:|"
	    "---:|---:|---|%s---|\n", spark ? " weeks |" : "",
	    spark ? "---|" : "");
	for (i = 0; i < rr->n; i++) {
		row = &rr->rows[i];
		buf_printf(b, "| %zu | ", i + 1);
		report_md_escape(b, row->term);
		if (row->isnew)
			buf_printf(b, " **new**");
		for (k = 0; k < row->nmembers; k++) {
			buf_printf(b, "%s", k ? ", " : " (also: ");
			report_md_escape(b, row->members[k]);
		}
		buf_printf(b, "%s | %lld | %lld | %lld | %lld | %.1f | %.2f | "
		    "%.2f | %s |", row->nmembers ? ")" : "", (long long)row->a,
		    (long long)row->n1, (long long)row->b, (long long)row->n2,
		    row->g2, row->lr, row->score, rising_confidence(row));
		if (spark && r->spark != NULL) {
			s = sparkline_text(r->spark + i * REPORT_WEEKS,
			    REPORT_WEEKS);
			buf_printf(b, " %s |", s);
			free(s);
		} else if (spark)
			buf_printf(b, " |");
		for (k = 0; k < row->nexamples && k < 3; k++) {
			buf_printf(b, "%s[", k ? "<br>" : " ");
			report_md_escape(b, row->examples[k].title);
			buf_printf(b, "](%s)", row->examples[k].url ?
			    row->examples[k].url : "");
		}
		buf_printf(b, " |\n");
	}
}

/* The report in Markdown. */
char *
report_md(const struct report *r)
{
	struct buf			 b = { NULL, 0, 0 };
	const struct report_week	*w = report_this_week(r);
	const struct report_source	*s;
	char				 f[11], t[11];
	size_t				 i;

	day_format(r->from, f);
	day_format(r->to, t);
	buf_printf(&b, "# Weekly report %s\n\n%s to %s: **%lld papers** on "
	    "%lld known day%s (the weeks before averaged %.0f).\n\n", r->week,
	    f, t, (long long)w->papers, (long long)w->days,
	    w->days == 1 ? "" : "s", report_average(r));
	buf_printf(&b, "| week | papers | known days |\n|---|---:|---:|\n");
	for (i = 0; i < REPORT_WEEKS; i++)
		buf_printf(&b, "| %s | %lld | %lld |\n", r->volume[i].week,
		    (long long)r->volume[i].papers,
		    (long long)r->volume[i].days);
	buf_printf(&b, "\n## Sources\n\n");
	if (r->nsources == 0)
		buf_printf(&b, "None.\n");
	else
		buf_printf(&b, "| source | snapshots | failures | known days "
		    "| last error |\n|---|---:|---:|---:|---|\n");
	for (i = 0; i < r->nsources; i++) {
		s = &r->sources[i];
		buf_printf(&b, "| ");
		report_md_escape(&b, s->name);
		buf_printf(&b, " | %lld | %lld | %lld/7 | ",
		    (long long)s->snapshots, (long long)s->failures,
		    (long long)s->days);
		if (s->last_error != NULL)
			report_md_escape(&b, s->last_error);
		buf_printf(&b, " |\n");
	}
	buf_printf(&b, "\n## Rising topics and emerging clusters\n\n");
	report_md_items(&b, r, &r->rising, 1);
	buf_printf(&b, "\n## New terms\n\n");
	if (report_new_terms(r) == 0)
		buf_printf(&b, "None.\n");
	for (i = 0; i < r->rising.n; i++) {
		if (!r->rising.rows[i].isnew)
			continue;
		buf_printf(&b, "- ");
		report_md_escape(&b, r->rising.rows[i].term);
		buf_printf(&b, "\n");
	}
	buf_printf(&b, "\n## Falling\n\n");
	report_md_items(&b, r, &r->falling, 0);
	buf_printf(&b, "\n## Steady risers\n\n");
	if (r->steady.n == 0)
		buf_printf(&b, "None.\n");
	for (i = 0; i < r->steady.n; i++) {
		buf_printf(&b, "- ");
		report_md_escape(&b, r->steady.rows[i].term);
		buf_printf(&b, " (%+.2f%% of papers a week)\n",
		    r->steady.rows[i].trend_known ?
		    100 * r->steady.rows[i].trend.slope : 0.0);
	}
	buf_printf(&b, "\n## Alerts\n\n");
	if (r->nalerts == 0)
		buf_printf(&b, "None this week.\n");
	for (i = 0; i < r->nalerts; i++) {
		day_format(r->alerts[i].day, f);
		buf_printf(&b, "- %s **%s** ", f, r->alerts[i].event);
		report_md_escape(&b, r->alerts[i].rule);
		buf_printf(&b, ": ");
		report_md_escape(&b, r->alerts[i].item);
		buf_printf(&b, "\n");
	}
	return buf_take(&b);
}

/* The report as one JSON object: the same content as the others. */
char *
report_json(const struct report *r)
{
	json_t	*o = json_object(), *a = json_array(), *x;
	size_t	 i, w;

	json_object_set_new(o, "week", json_string(r->week));
	json_object_set_new(o, "from", render_day_json(r->from));
	json_object_set_new(o, "to", render_day_json(r->to));
	for (i = 0; i < REPORT_WEEKS; i++) {
		x = json_object();
		json_object_set_new(x, "week", json_string(r->volume[i].week));
		json_object_set_new(x, "papers",
		    json_integer(r->volume[i].papers));
		json_object_set_new(x, "days", json_integer(r->volume[i].days));
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "volume", a);
	a = json_array();
	for (i = 0; i < r->nsources; i++) {
		x = json_object();
		json_object_set_new(x, "name", json_string(r->sources[i].name));
		json_object_set_new(x, "snapshots",
		    json_integer(r->sources[i].snapshots));
		json_object_set_new(x, "failures",
		    json_integer(r->sources[i].failures));
		json_object_set_new(x, "days", json_integer(r->sources[i].days));
		json_object_set_new(x, "last_error", r->sources[i].last_error ?
		    json_string(r->sources[i].last_error) : json_null());
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "sources", a);
	x = rising_json_object(&r->rising);
	if (r->spark != NULL) {
		for (i = 0; i < r->rising.n; i++) {
			a = json_array();
			for (w = 0; w < REPORT_WEEKS; w++)
				json_array_append_new(a, json_real(
				    r->spark[i * REPORT_WEEKS + w]));
			json_object_set_new(json_array_get(json_object_get(x,
			    "items"), i), "weekly_share", a);
		}
	}
	json_object_set_new(o, "rising", x);
	a = json_array();
	for (i = 0; i < r->rising.n; i++) {
		if (r->rising.rows[i].isnew)
			json_array_append_new(a,
			    json_string(r->rising.rows[i].term));
	}
	json_object_set_new(o, "new_terms", a);
	json_object_set_new(o, "falling", rising_json_object(&r->falling));
	json_object_set_new(o, "steady", rising_json_object(&r->steady));
	a = json_array();
	for (i = 0; i < r->nalerts; i++) {
		x = json_object();
		json_object_set_new(x, "day", render_day_json(r->alerts[i].day));
		json_object_set_new(x, "rule", json_string(r->alerts[i].rule));
		json_object_set_new(x, "item", json_string(r->alerts[i].item));
		json_object_set_new(x, "event", json_string(r->alerts[i].event));
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "alerts", a);
	return render_json_line(o);
}

/* Append s escaped for HTML. */
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

/* A section of items as an HTML table. */
static void
report_html_items(struct buf *b, const struct report *r,
    const struct rising_report *rr, int spark)
{
	const struct rising_row	*row;
	char			*s;
	size_t			 i, k;
	struct buf		 w = { NULL, 0, 0 };

	if (rr->window.documents == 0) {
		buf_printf(b, "<p class=\"none\">No papers in the window.</p>\n");
		return;
	}
	report_window_words(&w, rr, " ");
	s = buf_take(&w);
	buf_printf(b, "<p class=\"window\">");
	report_html_text(b, s);
	buf_printf(b, "</p>\n");
	free(s);
	if (rr->n == 0) {
		buf_printf(b, "<p class=\"none\">Nothing with enough evidence."
		    "</p>\n");
		return;
	}
	buf_printf(b, "<table><thead><tr><th>#</th><th>term</th><th>a</th>"
	    "<th>N1</th><th>b</th><th>N2</th><th>G2</th><th>log2 ratio</th>"
	    "<th>score</th><th>confidence</th>%s<th>examples</th></tr>"
	    "</thead><tbody>\n",
	    spark ? "<th>last 8 weeks</th>" : "");
	for (i = 0; i < rr->n; i++) {
		row = &rr->rows[i];
		buf_printf(b, "<tr><td>%zu</td><td><b>", i + 1);
		report_html_text(b, row->term);
		buf_printf(b, "</b>%s", row->isnew ? " <span class=\"new\">"
		    "new</span>" : "");
		for (k = 0; k < row->nmembers; k++) {
			buf_printf(b, "%s", k ? ", " : "<br><small>also: ");
			report_html_text(b, row->members[k]);
		}
		buf_printf(b, "%s</td><td>%lld</td><td>%lld</td><td>%lld</td>"
		    "<td>%lld</td><td>%.1f</td><td>%.2f</td><td>%.2f</td>"
		    "<td>%s</td>", row->nmembers ? "</small>" : "",
		    (long long)row->a, (long long)row->n1, (long long)row->b,
		    (long long)row->n2, row->g2, row->lr, row->score,
		    rising_confidence(row));
		if (spark) {
			s = r->spark != NULL ? sparkline_svg(r->spark +
			    i * REPORT_WEEKS, REPORT_WEEKS, 96, 22) : NULL;
			buf_printf(b, "<td>%s</td>", s ? s : "");
			free(s);
		}
		buf_printf(b, "<td>");
		for (k = 0; k < row->nexamples && k < 3; k++) {
			buf_printf(b, "%s", k ? "<br>" : "");
			report_html_link(b, row->examples[k].url,
			    row->examples[k].title);
		}
		buf_printf(b, "</td></tr>\n");
	}
	buf_printf(b, "</tbody></table>\n");
}

/* One standalone HTML page: inline CSS and charts, no network. */
char *
report_html(const struct report *r)
{
	static const char *titles[] = { "The top risers: weekly share of "
	    "papers", "The rising items and their scores", "Every topic: "
	    "weekly share of papers" };
	struct buf			 b = { NULL, 0, 0 };
	const struct report_week	*w = report_this_week(r);
	const struct report_source	*s;
	char				 f[11], t[11];
	size_t				 i;

	day_format(r->from, f);
	day_format(r->to, t);
	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
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
	    r->week);
	buf_printf(&b, "<h1>Weekly report %s</h1>\n<p>%s to %s: <b>%lld "
	    "papers</b> on %lld known day%s; the weeks before averaged %.0f."
	    "</p>\n", r->week, f, t, (long long)w->papers, (long long)w->days,
	    w->days == 1 ? "" : "s", report_average(r));
	for (i = 0; i < 3; i++) {
		if (r->charts[i] == NULL)
			continue;
		buf_printf(&b, "<figure class=\"chart\">%s<figcaption>%s"
		    "</figcaption></figure>\n", r->charts[i], titles[i]);
	}
	if (r->chart_note != NULL) {
		buf_printf(&b, "<p class=\"none\">No charts: ");
		report_html_text(&b, r->chart_note);
		buf_printf(&b, "</p>\n");
	}
	buf_printf(&b, "<h2>Sources</h2>\n");
	if (r->nsources == 0)
		buf_printf(&b, "<p class=\"none\">None.</p>\n");
	else
		buf_printf(&b, "<table><thead><tr><th>source</th><th>"
		    "snapshots</th><th>failures</th><th>known days</th><th>last "
		    "error</th></tr></thead><tbody>\n");
	for (i = 0; i < r->nsources; i++) {
		s = &r->sources[i];
		buf_printf(&b, "<tr><td>");
		report_html_text(&b, s->name);
		buf_printf(&b, "</td><td>%lld</td><td>%lld</td><td>%lld/7</td>"
		    "<td>", (long long)s->snapshots, (long long)s->failures,
		    (long long)s->days);
		report_html_text(&b, s->last_error);
		buf_printf(&b, "</td></tr>\n");
	}
	if (r->nsources > 0)
		buf_printf(&b, "</tbody></table>\n");
	buf_printf(&b, "<h2>Rising topics and emerging clusters</h2>\n");
	report_html_items(&b, r, &r->rising, 1);
	buf_printf(&b, "<h2>New terms</h2>\n<p>");
	if (report_new_terms(r) == 0)
		buf_printf(&b, "<span class=\"none\">None.</span>");
	for (i = 0; i < r->rising.n; i++) {
		if (!r->rising.rows[i].isnew)
			continue;
		buf_printf(&b, "<span class=\"new\">new</span> ");
		report_html_text(&b, r->rising.rows[i].term);
		buf_printf(&b, " ");
	}
	buf_printf(&b, "</p>\n<h2>Falling</h2>\n");
	report_html_items(&b, r, &r->falling, 0);
	buf_printf(&b, "<h2>Steady risers</h2>\n<ul>\n");
	for (i = 0; i < r->steady.n; i++) {
		buf_printf(&b, "<li>");
		report_html_text(&b, r->steady.rows[i].term);
		buf_printf(&b, " (%+.2f%% of papers a week)</li>\n",
		    r->steady.rows[i].trend_known ?
		    100 * r->steady.rows[i].trend.slope : 0.0);
	}
	if (r->steady.n == 0)
		buf_printf(&b, "<li class=\"none\">None.</li>\n");
	buf_printf(&b, "</ul>\n<h2>Alerts</h2>\n<ul>\n");
	for (i = 0; i < r->nalerts; i++) {
		day_format(r->alerts[i].day, f);
		buf_printf(&b, "<li>%s <b>", f);
		report_html_text(&b, r->alerts[i].event);
		buf_printf(&b, "</b> ");
		report_html_text(&b, r->alerts[i].rule);
		buf_printf(&b, ": ");
		report_html_text(&b, r->alerts[i].item);
		buf_printf(&b, "</li>\n");
	}
	if (r->nalerts == 0)
		buf_printf(&b, "<li class=\"none\">None this week.</li>\n");
	buf_printf(&b, "</ul>\n<p class=\"none\"><small>Written by topicd %s. "
	    "a: papers with the item in the window of N1; b: in the baseline "
	    "of N2; G2: Dunning's log-likelihood; score: log2 ratio times the "
	    "square root of G2.</small></p>\n</body></html>\n", TOPICD_VERSION);
	return buf_take(&b);
}
