/*
 * The weekly report as one JSON object for machines, built as a jansson
 * tree through the same walk as the other renderings (report_int.h): a
 * member a section, in their order. jansson escapes every string.
 */
#include <jansson.h>

#include "reports/report_int.h"

/* The document and the report's week and dates. */
static void
report_json_begin(struct report_out *o, const struct report_head *h)
{
	o->root = json_object();
	json_object_set_new(o->root, "week", json_string(h->r->week));
	json_object_set_new(o->root, "from", render_day_json(h->r->from));
	json_object_set_new(o->root, "to", render_day_json(h->r->to));
}

/* The volume: an array for its weeks. */
static void
report_json_volume(struct report_out *o, const struct report_head *h)
{
	(void)h;
	o->cur = json_array();
	json_object_set_new(o->root, "volume", o->cur);
}

/* A week of volume: {"week", "papers", "days"}. */
static void
report_json_week(struct report_out *o, const struct report_week *w)
{
	json_t	*x = json_object();

	json_object_set_new(x, "week", json_string(w->week));
	json_object_set_new(x, "papers", json_integer(w->papers));
	json_object_set_new(x, "days", json_integer(w->days));
	json_array_append_new(o->cur, x);
}

/* A section's member: the rising report in full, or an array to fill. */
static void
report_json_section(struct report_out *o, const struct rising_report *rr)
{
	json_t	*x;

	if (rr != NULL) {
		x = rising_json_object(rr);
		o->cur = json_object_get(x, "items");
	} else
		x = o->cur = json_array();
	json_object_set_new(o->root, o->sec->key, x);
}

/*
 * A source: {"name", "snapshots", "failures", "days", "last_error",
 * "archive"}: archive null for a scheduled source, else {"what", "how"}
 * and the archive ingest's numbers (not its path: the same bytes on every
 * machine).
 */
static void
report_json_source(struct report_out *o, const struct report_source *s,
    const char *what, const char *how)
{
	json_t	*x = json_object(), *a = json_null();

	if (what != NULL) {
		a = json_object();
		json_object_set_new(a, "what", json_string(what));
		json_object_set_new(a, "how", json_string(how));
		json_object_set_new(a, "ingests",
		    json_integer(s->archive.count));
		json_object_set_new(a, "papers",
		    json_integer(s->archive.papers));
		json_object_set_new(a, "days", json_integer(s->archive.days));
		json_object_set_new(a, "from",
		    render_day_json(s->archive.from));
		json_object_set_new(a, "to", render_day_json(s->archive.to));
	}
	json_object_set_new(x, "name", json_string(s->name));
	json_object_set_new(x, "snapshots", json_integer(s->snapshots));
	json_object_set_new(x, "failures", json_integer(s->failures));
	json_object_set_new(x, "days", json_integer(s->days));
	json_object_set_new(x, "last_error", s->last_error ?
	    json_string(s->last_error) : json_null());
	json_object_set_new(x, "archive", a);
	json_array_append_new(o->cur, x);
}

/* An item is in its rising report already: add its weekly shares. */
static void
report_json_item(struct report_out *o, size_t i, const struct rising_row *row,
    const double *weeks)
{
	json_t	*a;
	size_t	 w;

	(void)row;
	if (weeks == NULL)
		return;
	a = json_array();
	for (w = 0; w < REPORT_WEEKS; w++)
		json_array_append_new(a, json_real(weeks[w]));
	json_object_set_new(json_array_get(o->cur, i), "weekly_share", a);
}

/* A new term as a string. */
static void
report_json_new_term(struct report_out *o, const char *term)
{
	json_array_append_new(o->cur, json_string(term));
}

/* An alert event: {"day", "rule", "item", "event"}. */
static void
report_json_alert(struct report_out *o, const struct alert_hist *a,
    const char *day)
{
	json_t	*x = json_object();

	(void)day;
	json_object_set_new(x, "day", render_day_json(a->day));
	json_object_set_new(x, "rule", json_string(a->rule));
	json_object_set_new(x, "item", json_string(a->item));
	json_object_set_new(x, "event", json_string(a->event));
	json_array_append_new(o->cur, x);
}

/* The document as one line. */
static char *
report_json_end(struct report_out *o)
{
	return render_json_line(o->root);
}

/* The JSON rendering: what it says at each step of the walk. */
const struct report_renderer report_json_renderer = {
	.begin = report_json_begin,
	.volume = report_json_volume,
	.week = report_json_week,
	.section = report_json_section,
	.source = report_json_source,
	.item = report_json_item,
	.new_term = report_json_new_term,
	.alert = report_json_alert,
	.end = report_json_end,
};
