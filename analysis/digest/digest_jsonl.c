/*
 * The JSONL archive: one {"date","title",...} object a line, the backfill
 * and exchange format, each line read by jansson. Each record carries its
 * own day. A bad line fails the whole file (with its line number) unless
 * skip_bad is set, when it is counted and skipped.
 *
 * A hand-written reader of the flat record used to come first: it parsed
 * with a quarter of jansson's instructions, but the ingest of the HF
 * archive took only 7% less CPU time with it, and that of a 200,000-paper
 * archive 2% less, so jansson reads every line.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "analysis/digest/digest.h"

#define LINE_MAX_BYTES	(1024 * 1024)

/* The members topicd reads from a record. */
enum jsonl_member {
	M_DATE,
	M_TITLE,
	M_ID,
	M_ABSTRACT,
	M_URL,
	M_COUNT
};

static const char *const jsonl_names[M_COUNT] = {
	"date", "title", "id", "abstract", "url"
};

/*
 * A record's members: each a string borrowed from the JSON object, or
 * NULL when absent or null; bad when present but not a string.
 */
struct jsonl_values {
	const char	*v[M_COUNT];
	int		 bad[M_COUNT];
};

/*
 * Read a record with jansson (borrowed strings, valid while *obj lives);
 * 0, or -1 with *why.
 */
static int
jsonl_object(const char *line, size_t len, json_t **obj,
    struct jsonl_values *jv, char **why)
{
	json_error_t	 err;
	json_t		*v;
	size_t		 m;

	if ((*obj = json_loadb(line, len, 0, &err)) == NULL) {
		xasprintf(why, "invalid JSON: %s", err.text);
		return -1;
	}
	if (!json_is_object(*obj)) {
		*why = xstrdup("not a JSON object");
		return -1;
	}
	for (m = 0; m < M_COUNT; m++) {
		v = json_object_get(*obj, jsonl_names[m]);
		if (v == NULL || json_is_null(v))
			continue;
		if (json_is_string(v))
			jv->v[m] = json_string_value(v);
		else
			jv->bad[m] = 1;
	}
	return 0;
}

/* Fill e from a record's members; 0, or -1 with *why. */
static int
jsonl_entry(const struct jsonl_values *jv, struct entry *e, char **why)
{
	const char *const	*v = jv->v;

	if (jv->bad[M_DATE] || v[M_DATE] == NULL) {
		*why = xstrdup("no \"date\" string");
		return -1;
	}
	if (day_parse(v[M_DATE], &e->day) != 0) {
		xasprintf(why, "impossible date \"%.40s\" (want YYYY-MM-DD)",
		    v[M_DATE]);
		return -1;
	}
	if (jv->bad[M_TITLE] || v[M_TITLE] == NULL || *v[M_TITLE] == '\0') {
		*why = xstrdup("no \"title\" string");
		return -1;
	}
	if (jv->bad[M_ID] || jv->bad[M_ABSTRACT] || jv->bad[M_URL]) {
		*why = xstrdup("\"id\", \"abstract\" and \"url\" must be "
		    "strings");
		return -1;
	}
	e->title = utf8_collapse_space(v[M_TITLE], strlen(v[M_TITLE]));
	e->abstract = v[M_ABSTRACT] != NULL ? utf8_collapse_space(
	    v[M_ABSTRACT], strlen(v[M_ABSTRACT])) : NULL;
	e->id = v[M_ID] != NULL && *v[M_ID] ? xstrdup(v[M_ID]) : NULL;
	e->url = v[M_URL] != NULL && *v[M_URL] ? xstrdup(v[M_URL]) : NULL;
	return 0;
}

/* Parse one line into e; 0, or -1 with *why (jansson's, naming what). */
static int
jsonl_record(const char *line, size_t len, struct entry *e, char **why)
{
	struct jsonl_values	 jv;
	json_t			*obj = NULL;
	size_t			 bad;
	int			 rc = -1;

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
	memset(&jv, 0, sizeof jv);
	if (jsonl_object(line, len, &obj, &jv, why) == 0)
		rc = jsonl_entry(&jv, e, why);
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
