/*
 * The JSONL archive: one {"date","title",...} object a line, the backfill
 * and exchange format. Each record carries its own day. A bad line fails
 * the whole file (with its line number) unless skip_bad is set, when it is
 * counted and skipped.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "analysis.h"

#define LINE_MAX_BYTES	(1024 * 1024)

/* The string member name of obj, NULL if absent; -1 if not a string. */
static int
jsonl_string(json_t *obj, const char *name, const char **out)
{
	json_t	*v = json_object_get(obj, name);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return -1;
	*out = json_string_value(v);
	return 0;
}

/* Parse one line into e; 0, or -1 with *why. */
static int
jsonl_record(const char *line, size_t len, struct entry *e, char **why)
{
	json_error_t	 err;
	json_t		*obj;
	const char	*date, *title, *id, *abstract, *url;
	size_t		 bad;
	int		 rc = -1;

	if (memchr(line, '\0', len) != NULL) {
		*why = xstrdup("NUL byte");
		return -1;
	}
	if (len > LINE_MAX_BYTES) {
		*why = xstrdup("line longer than 1 MiB");
		return -1;
	}
	if (!utf8_valid(line, len, &bad)) {
		xasprintf(why, "invalid UTF-8 at column %zu", bad + 1);
		return -1;
	}
	if ((obj = json_loadb(line, len, 0, &err)) == NULL) {
		xasprintf(why, "invalid JSON: %s", err.text);
		return -1;
	}
	if (!json_is_object(obj)) {
		*why = xstrdup("not a JSON object");
		goto out;
	}
	if (jsonl_string(obj, "date", &date) != 0 || date == NULL) {
		*why = xstrdup("no \"date\" string");
		goto out;
	}
	if (day_parse(date, &e->day) != 0) {
		xasprintf(why, "impossible date \"%.40s\" (want YYYY-MM-DD)",
		    date);
		goto out;
	}
	if (jsonl_string(obj, "title", &title) != 0 || title == NULL ||
	    *title == '\0') {
		*why = xstrdup("no \"title\" string");
		goto out;
	}
	if (jsonl_string(obj, "id", &id) != 0 ||
	    jsonl_string(obj, "abstract", &abstract) != 0 ||
	    jsonl_string(obj, "url", &url) != 0) {
		*why = xstrdup("\"id\", \"abstract\" and \"url\" must be "
		    "strings");
		goto out;
	}
	e->title = utf8_collapse_space(title, strlen(title));
	e->abstract = abstract ? utf8_collapse_space(abstract,
	    strlen(abstract)) : NULL;
	e->id = id && *id ? xstrdup(id) : NULL;
	e->url = url && *url ? xstrdup(url) : NULL;
	rc = 0;
out:
	json_decref(obj);
	return rc;
}

/* Parse a JSONL archive. */
struct digest *
digest_jsonl_parse(const char *p, size_t len, const struct digest_options *o,
    char **cause)
{
	struct digest	*d = xcalloc(1, sizeof *d);
	struct entry	*e;
	const char	*q = p, *end = p + len, *eol, *a, *b;
	char		*why = NULL;
	long		 line = 0;
	size_t		 records = 0;

	for (; q < end; q = eol + 1) {
		line++;
		if ((eol = memchr(q, '\n', (size_t)(end - q))) == NULL)
			eol = end;
		a = q;
		b = eol;
		while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' ||
		    b[-1] == '\r'))
			b--;
		if (a == b)
			continue;
		records++;
		e = digest_add(d);
		e->line = line;
		e->rank = -1;
		if (jsonl_record(a, (size_t)(b - a), e, &why) == 0)
			continue;
		/* Drop the half-filled entry. */
		free(e->title);
		free(e->abstract);
		free(e->id);
		free(e->url);
		d->n--;
		if (!o->skip_bad) {
			xasprintf(cause, "%s:%ld: %s", o->name, line, why);
			free(why);
			digest_free(d);
			return NULL;
		}
		if (d->skipped++ == 0) {
			d->skipped_first_line = (size_t)line;
			d->skipped_first_cause = why;
		} else
			free(why);
		why = NULL;
	}
	if (records == 0) {
		xasprintf(cause, "%s: empty file: no record in it", o->name);
		digest_free(d);
		return NULL;
	}
	d->date = DAY_NONE;
	return d;
}
