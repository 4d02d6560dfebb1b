/*
 * Rising (and falling) items, the topics table and search hits, as JSON
 * (jansson) and as text tables that fit the terminal, with the raw counts
 * beside the scores. Data in, strings out: no database, no clock.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "reports/reports.h"

/* The name --kind and JSON use for a term kind. */
const char *
rising_kind_name(int kind)
{
	switch (kind) {
	case TERM_WORD:
		return "term";
	case TERM_PHRASE:
		return "phrase";
	case TERM_TOPIC:
		return "topic";
	}
	return "all";
}

/* Free an example's strings. */
static void
rising_example_clear(struct rising_example *e)
{
	free(e->id);
	free(e->title);
	free(e->url);
}

/* Free a report's rows. */
void
rising_report_clear(struct rising_report *r)
{
	struct rising_row	*row;
	size_t			 i, k;

	for (i = 0; i < r->n; i++) {
		row = &r->rows[i];
		free(row->term);
		for (k = 0; k < row->nmembers; k++)
			free(row->members[k]);
		free(row->members);
		for (k = 0; k < row->nexamples; k++)
			rising_example_clear(&row->examples[k]);
		free(row->examples);
	}
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
}

/* {"from", "to", "documents", "days"} */
static json_t *
rising_window_json(const struct rising_window *w)
{
	json_t	*o = json_object();

	json_object_set_new(o, "from", render_day_json(w->from));
	json_object_set_new(o, "to", render_day_json(w->to));
	json_object_set_new(o, "documents", json_integer(w->documents));
	json_object_set_new(o, "days", json_integer((json_int_t)w->days));
	return o;
}

/* A finite number, rounded to 4 decimals, for JSON. */
static json_t *
rising_real(double v)
{
	if (!isfinite(v))
		return json_null();
	return json_real(round(v * 1e4) / 1e4);
}

/*
 * The examples as [{"id", "title", "url", "day"}]; the url is the paper's
 * page (render_paper_url), null when it has none.
 */
static json_t *
rising_examples_json(const struct rising_example *e, size_t n)
{
	json_t	*a = json_array(), *o;
	size_t	 i;
	char	*url;

	for (i = 0; i < n; i++) {
		o = json_object();
		json_object_set_new(o, "id", e[i].id ? json_string(e[i].id) :
		    json_null());
		json_object_set_new(o, "title", json_string(e[i].title));
		url = render_paper_url(&e[i]);
		json_object_set_new(o, "url", url ? json_string(url) :
		    json_null());
		free(url);
		json_object_set_new(o, "day", render_day_json(e[i].day));
		json_array_append_new(a, o);
	}
	return a;
}

/* The confidence label of a row: significant or tentative. */
const char *
rising_confidence(const struct rising_row *row)
{
	return row->significant ? "significant" : "tentative";
}

/* One item as JSON. */
static json_t *
rising_row_json(const struct rising_row *row)
{
	json_t	*o = json_object(), *m = json_array(), *t;
	size_t	 k;

	json_object_set_new(o, "term", json_string(row->term));
	json_object_set_new(o, "kind",
	    json_string(rising_kind_name(row->kind)));
	json_object_set_new(o, "a", json_integer(row->a));
	json_object_set_new(o, "n1", json_integer(row->n1));
	json_object_set_new(o, "b", json_integer(row->b));
	json_object_set_new(o, "n2", json_integer(row->n2));
	json_object_set_new(o, "g2", rising_real(row->g2));
	json_object_set_new(o, "log_ratio", rising_real(row->lr));
	json_object_set_new(o, "score", rising_real(row->score));
	json_object_set_new(o, "history_shape", rising_real(row->shape));
	json_object_set_new(o, "confidence",
	    json_string(rising_confidence(row)));
	json_object_set_new(o, "new", json_boolean(row->isnew));
	for (k = 0; k < row->nmembers; k++)
		json_array_append_new(m, json_string(row->members[k]));
	json_object_set_new(o, "members", m);
	json_object_set_new(o, "examples", rising_examples_json(row->examples,
	    row->nexamples));
	if (row->trend_known) {
		t = json_object();
		json_object_set_new(t, "s", rising_real(row->trend.s));
		json_object_set_new(t, "z", rising_real(row->trend.z));
		json_object_set_new(t, "p", rising_real(row->trend.p));
		json_object_set_new(t, "slope", rising_real(row->trend.slope));
		json_object_set_new(o, "trend", t);
	} else
		json_object_set_new(o, "trend", json_null());
	json_object_set_new(o, "steady", json_boolean(row->steady));
	json_object_set_new(o, "bursting_since",
	    render_day_json(row->burst_since));
	return o;
}

/* The report as a JSON object (DESIGN's shape, plus trend labels). */
struct json_t *
rising_json_object(const struct rising_report *r)
{
	json_t	*root = json_object(), *items = json_array();
	size_t	 i;

	json_object_set_new(root, "at", render_day_json(r->at));
	json_object_set_new(root, "window", rising_window_json(&r->window));
	json_object_set_new(root, "baseline",
	    rising_window_json(&r->baseline));
	json_object_set_new(root, "falling", json_boolean(r->falling));
	json_object_set_new(root, "steady", json_boolean(r->steady));
	json_object_set_new(root, "tested",
	    json_integer((json_int_t)r->tested));
	for (i = 0; i < r->n; i++)
		json_array_append_new(items, rising_row_json(&r->rows[i]));
	json_object_set_new(root, "items", items);
	return root;
}

/* The report as one line of JSON. */
char *
rising_json(const struct rising_report *r)
{
	return render_json_line(rising_json_object(r));
}


/* "2025-02-01..2025-02-07 (105 papers on 5 days)" */
static void
rising_window_text(struct buf *b, const struct rising_window *w)
{
	char	 from[11], to[11];

	day_format(w->from, from);
	day_format(w->to, to);
	buf_printf(b, "%s..%s (%lld papers on %zu day%s)", from, to,
	    (long long)w->documents, w->days, w->days == 1 ? "" : "s");
}

/* The labels of a row: topic, new, bursting since, steady. */
static void
rising_labels(struct buf *b, const struct rising_row *row)
{
	char		 day[11];
	const char	*sep = "   ";

	if (row->kind == TERM_TOPIC) {
		buf_printf(b, "%s a topic", sep);
		sep = ";";
	}
	if (row->isnew) {
		buf_printf(b, "%s new: in no paper before the window", sep);
		sep = ";";
	}
	if (row->burst_since != DAY_NONE) {
		day_format(row->burst_since, day);
		buf_printf(b, "%s bursting since %s", sep, day);
		sep = ";";
	}
	if (row->steady) {
		buf_printf(b, "%s steady riser over the weeks (%+.2f%%/week)",
		    sep, 100 * row->trend.slope);
		sep = ";";
	}
	if (*sep == ';')
		buf_printf(b, "\n");
}

/*
 * Append s cut to width characters, or whole when width is 0 (standard
 * output is not a terminal: nothing is cut).
 */
static void
rising_fit(struct buf *b, const char *s, size_t width)
{
	if (width == 0)
		buf_printf(b, "%s", s);
	else
		buf_fit(b, s, width);
}

/* The rows' members and examples, indented, in so many columns. */
static void
rising_details(struct buf *b, const struct rising_row *row, size_t columns)
{
	size_t	 k, used;

	if (row->nmembers > 0) {
		buf_printf(b, "    also:");
		used = 9;
		for (k = 0; k < row->nmembers; k++) {
			if (columns > 0 &&
			    used + strlen(row->members[k]) + 2 > columns - 2) {
				buf_printf(b, " ...");
				break;
			}
			buf_printf(b, " %s%s", row->members[k],
			    k + 1 < row->nmembers ? "," : "");
			used += strlen(row->members[k]) + 2;
		}
		buf_printf(b, "\n");
	}
	rising_labels(b, row);
	for (k = 0; k < row->nexamples; k++) {
		buf_printf(b, "    %-11.11s ", row->examples[k].id ?
		    row->examples[k].id : "");
		rising_fit(b, row->examples[k].title, columns > 16 ?
		    columns - 16 : columns);
		buf_printf(b, "\n");
	}
}

/* The report as a table with each item's counts, scores and examples. */
char *
rising_text(const struct rising_report *r)
{
	struct buf		 b = { NULL, 0, 0 };
	const struct rising_row	*row;
	char			 at[11];
	size_t			 i;

	day_format(r->at, at);
	buf_printf(&b, "%s%s at %s, window ", r->steady ? "Steady " : "",
	    r->falling ? (r->steady ? "fallers" : "Falling") :
	    (r->steady ? "risers" : "Rising"), at);
	rising_window_text(&b, &r->window);
	buf_printf(&b, "\n  against ");
	rising_window_text(&b, &r->baseline);
	if (r->steady)
		buf_printf(&b, ";\n  %zu terms tested for a 12-week trend\n\n",
		    r->tested);
	else
		buf_printf(&b, ";\n  %zu terms tested at once\n\n", r->tested);
	if (r->n == 0) {
		buf_printf(&b, "(nothing %s with enough evidence in %lld papers",
		    r->falling ? "falls" : "rises",
		    (long long)r->window.documents);
		if (r->window.documents < 1000)
			buf_printf(&b, ": a longer --window gathers more");
		buf_printf(&b, ")\n");
		return buf_take(&b);
	}
	buf_printf(&b, " #  %-22s %4s %5s %4s %5s %6s %5s %5s  %s\n", "term",
	    "a", "N1", "b", "N2", "G2", "LR", "score", "confidence");
	for (i = 0; i < r->n; i++) {
		row = &r->rows[i];
		buf_printf(&b, "%2zu  ", i + 1);
		buf_cell(&b, row->term, 22);
		buf_printf(&b, " %4lld %5lld %4lld %5lld %6.1f %5.2f %5.2f  %s\n",
		    (long long)row->a, (long long)row->n1, (long long)row->b,
		    (long long)row->n2, row->g2, row->lr, row->score,
		    rising_confidence(row));
		rising_details(&b, row, r->columns);
	}
	buf_printf(&b, "\na: papers of the window with the term, of N1; b: of "
	    "the baseline's N2.\nscore: log2 of the rise's lower credible "
	    "bound given the term's history.\n");
	return buf_take(&b);
}

/* Every topic's counts in the window and baseline, and its trend. */
char *
rising_topics_text(const struct rising_report *r)
{
	struct buf		 b = { NULL, 0, 0 };
	const struct rising_row	*row;
	const char		*trend;
	char			 at[11];
	size_t			 i;

	day_format(r->at, at);
	buf_printf(&b, "Topics at %s, window ", at);
	rising_window_text(&b, &r->window);
	buf_printf(&b, "\n  against ");
	rising_window_text(&b, &r->baseline);
	buf_printf(&b, "\n\n");
	if (r->n == 0) {
		buf_printf(&b, "(no topic counted: run topic rebuild)\n");
		return buf_take(&b);
	}
	buf_printf(&b, "%-22s %4s %6s %5s %6s %6s %5s  %s\n", "topic", "a",
	    "share", "b", "share", "G2", "LR", "12-week trend");
	for (i = 0; i < r->n; i++) {
		row = &r->rows[i];
		trend = !row->trend_known ? "-" : row->trend.p >= 0.05 ?
		    "flat" : row->trend.slope > 0 ? "up" : "down";
		buf_cell(&b, row->term, 22);
		buf_printf(&b, " %4lld %5.1f%% %5lld %5.1f%% %6.1f %5.2f  %s",
		    (long long)row->a, row->n1 > 0 ? 100.0 * (double)row->a /
		    (double)row->n1 : 0, (long long)row->b, row->n2 > 0 ?
		    100.0 * (double)row->b / (double)row->n2 : 0, row->g2,
		    row->lr, trend);
		if (row->trend_known && row->trend.p < 0.05)
			buf_printf(&b, " %+.2f%%/wk", 100 * row->trend.slope);
		buf_printf(&b, "\n");
	}
	buf_printf(&b, "\na: papers of the window with the topic (share of "
	    "them); b: of the baseline.\ntrend: Mann-Kendall over 12 weekly "
	    "shares (p < 0.05), Sen's slope a week.\n");
	return buf_take(&b);
}

/*
 * Search hits as {"items": [{"id", "title", "url", "day"}], "unindexed":
 * N}, N the papers stored but not yet in the index.
 */
char *
search_json(const struct rising_example *e, size_t n, int64_t unindexed)
{
	json_t	*root = json_object();

	json_object_set_new(root, "items", rising_examples_json(e, n));
	json_object_set_new(root, "unindexed", json_integer(unindexed));
	return render_json_line(root);
}

/*
 * Search hits, one a line: day, id, title (cut to columns, 0: whole);
 * then how many stored papers the index lacks, if any.
 */
char *
search_text(const struct rising_example *e, size_t n, int64_t unindexed,
    size_t columns)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 day[11];
	size_t		 i;

	for (i = 0; i < n; i++) {
		day_format(e[i].day, day);
		buf_printf(&b, "%s  %-11.11s  ", day, e[i].id ? e[i].id : "");
		rising_fit(&b, e[i].title, columns > 26 ? columns - 26 : columns);
		buf_printf(&b, "\n");
	}
	if (n == 0)
		buf_printf(&b, "(no paper matches)\n");
	if (unindexed > 0)
		buf_printf(&b, "(the index is behind: the %lld paper%s stored "
		    "last %s not searched; topicd indexes them when idle)\n",
		    (long long)unindexed, unindexed == 1 ? "" : "s",
		    unindexed == 1 ? "is" : "are");
	return buf_take(&b);
}
