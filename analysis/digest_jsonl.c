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

/*
 * A JSONL archive read in pieces of any size: each whole line becomes an
 * entry as soon as its newline arrives, so a caller can store and forget
 * a day of papers before the next is read. Only an unfinished line is
 * copied (at most LINE_MAX_BYTES + 1 of it: longer is an error anyway).
 */
struct jsonl_stream {
	const struct digest_options *o;
	long		 line;
	size_t		 records;
	char		*carry;		/* an unfinished line */
	size_t		 carry_len;
};

/* A stream reading an archive named and judged by o (borrowed). */
struct jsonl_stream *
jsonl_stream_new(const struct digest_options *o)
{
	struct jsonl_stream	*s = xcalloc(1, sizeof *s);

	s->o = o;
	s->carry = xmalloc(LINE_MAX_BYTES + 1);
	return s;
}

/* Free a stream; NULL is fine. */
void
jsonl_stream_free(struct jsonl_stream *s)
{
	if (s == NULL)
		return;
	free(s->carry);
	free(s);
}

/*
 * One line (without its newline) into an entry of d, unless blank; a bad
 * line is skipped and noted in d when skip_bad is set, else -1 with
 * *cause naming the file and line.
 */
static int
jsonl_line(struct jsonl_stream *s, const char *a, size_t n, struct digest *d,
    char **cause)
{
	const char	*b = a + n;
	struct entry	*e;
	char		*why = NULL;

	s->line++;
	while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
		a++;
	while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
		b--;
	if (a == b)
		return 0;
	s->records++;
	e = digest_add(d);
	e->line = s->line;
	e->rank = -1;
	if (jsonl_record(a, (size_t)(b - a), e, &why) == 0) {
		digest_entry_finish(e);
		return 0;
	}
	/* Drop the half-filled entry. */
	free(e->title);
	free(e->abstract);
	free(e->id);
	free(e->url);
	d->n--;
	if (!s->o->skip_bad) {
		xasprintf(cause, "%s:%ld: %s", s->o->name, s->line, why);
		free(why);
		return -1;
	}
	if (d->skipped++ == 0) {
		d->skipped_first_line = (size_t)s->line;
		d->skipped_first_cause = why;
	} else
		free(why);
	return 0;
}

/* Keep p[0..len) as (the start of) an unfinished line. */
static void
jsonl_carry(struct jsonl_stream *s, const char *p, size_t len)
{
	if (len > LINE_MAX_BYTES + 1 - s->carry_len)
		len = LINE_MAX_BYTES + 1 - s->carry_len;
	memcpy(s->carry + s->carry_len, p, len);
	s->carry_len += len;
}

/* Read the next len bytes of the archive: its whole lines into d. */
int
jsonl_stream_feed(struct jsonl_stream *s, const char *p, size_t len,
    struct digest *d, char **cause)
{
	const char	*end = p + len, *eol;
	size_t		 n;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			jsonl_carry(s, p, (size_t)(end - p));
			break;
		}
		if (s->carry_len > 0) {
			jsonl_carry(s, p, (size_t)(eol - p));
			n = s->carry_len;
			s->carry_len = 0;
			if (jsonl_line(s, s->carry, n, d, cause) != 0)
				return -1;
		} else if (jsonl_line(s, p, (size_t)(eol - p), d, cause) != 0)
			return -1;
		p = eol + 1;
	}
	return 0;
}

/*
 * The archive has ended: its last line (without a newline) into d. An
 * archive without a single record is an error.
 */
int
jsonl_stream_end(struct jsonl_stream *s, struct digest *d, char **cause)
{
	size_t	 n = s->carry_len;

	s->carry_len = 0;
	if (n > 0 && jsonl_line(s, s->carry, n, d, cause) != 0)
		return -1;
	if (s->records == 0) {
		xasprintf(cause, "%s: empty file: no record in it", s->o->name);
		return -1;
	}
	return 0;
}

/* Parse a JSONL archive held whole. */
struct digest *
digest_jsonl_parse(const char *p, size_t len, const struct digest_options *o,
    char **cause)
{
	struct digest		*d = xcalloc(1, sizeof *d);
	struct jsonl_stream	*s = jsonl_stream_new(o);

	if (jsonl_stream_feed(s, p, len, d, cause) != 0 ||
	    jsonl_stream_end(s, d, cause) != 0) {
		jsonl_stream_free(s);
		digest_free(d);
		return NULL;
	}
	jsonl_stream_free(s);
	d->date = DAY_NONE;
	return d;
}
