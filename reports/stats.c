/*
 * topic stats: what the store holds, as one JSON object or as text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <jansson.h>

#include "reports/reports.h"

/* One object: documents, days, snapshots, terms, first_day, last_day... */
char *
stats_json(const struct stats *s)
{
	json_t	*o = json_object();

	json_object_set_new(o, "documents", json_integer(s->papers));
	json_object_set_new(o, "days", json_integer(s->days));
	json_object_set_new(o, "snapshots", json_integer(s->snapshots));
	json_object_set_new(o, "sources", json_integer(s->sources));
	json_object_set_new(o, "terms", json_integer(s->terms));
	json_object_set_new(o, "phrases", json_integer(s->phrases));
	json_object_set_new(o, "appearances", json_integer(s->appearances));
	json_object_set_new(o, "first_day", render_day_json(s->first_day));
	json_object_set_new(o, "last_day", render_day_json(s->last_day));
	json_object_set_new(o, "unindexed", json_integer(s->unindexed));
	return render_json_line(o);
}

/* The same, one fact a line; the search index only when it is behind. */
char *
stats_text(const struct stats *s)
{
	char	 first[11] = "-", last[11] = "-", *out, *behind;

	if (s->first_day != DAY_NONE)
		day_format(s->first_day, first);
	if (s->last_day != DAY_NONE)
		day_format(s->last_day, last);
	xasprintf(&out,
	    "documents    %lld\n"
	    "known days   %lld (%s to %s)\n"
	    "snapshots    %lld from %lld source%s\n"
	    "appearances  %lld\n"
	    "terms        %lld (%lld phrases)\n",
	    (long long)s->papers, (long long)s->days, first, last,
	    (long long)s->snapshots, (long long)s->sources,
	    s->sources == 1 ? "" : "s", (long long)s->appearances,
	    (long long)s->terms, (long long)s->phrases);
	if (s->unindexed > 0) {
		xasprintf(&behind, "%ssearch index behind by %lld paper%s "
		    "(topicd indexes them when idle)\n", out,
		    (long long)s->unindexed, s->unindexed == 1 ? "" : "s");
		free(out);
		out = behind;
	}
	return out;
}
