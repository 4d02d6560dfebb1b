/*
 * Digests: the list of entries a parser returns, the format names, and the
 * sniffing of a format from the bytes. Parsers live in digest_*.c; none of
 * them touches the network or the database.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

static const struct {
	const char		*name;
	enum digest_format	 format;
} digest_formats[] = {
	{ "auto", FORMAT_AUTO },
	{ "text", FORMAT_TEXT },
	{ "jsonl", FORMAT_JSONL },
};

/* The format called name; -1 if there is none. */
int
digest_format_from_name(const char *name, enum digest_format *out)
{
	size_t	 i;

	for (i = 0; i < sizeof digest_formats / sizeof digest_formats[0];
	    i++) {
		if (strcmp(name, digest_formats[i].name) == 0) {
			*out = digest_formats[i].format;
			return 0;
		}
	}
	return -1;
}

/* The name of a format. */
const char *
digest_format_name(enum digest_format f)
{
	size_t	 i;

	for (i = 0; i < sizeof digest_formats / sizeof digest_formats[0];
	    i++) {
		if (digest_formats[i].format == f)
			return digest_formats[i].name;
	}
	return "unknown";
}

/* Guess the format from the first bytes: a JSON object a line, or text. */
enum digest_format
digest_sniff(const char *p, size_t len)
{
	size_t	 i = 0;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	if (i < len && p[i] == '{')
		return FORMAT_JSONL;
	return FORMAT_TEXT;
}

/* Append an empty entry to d and return it. */
struct entry *
digest_add(struct digest *d)
{
	struct entry	*e;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->entries = xreallocarray(d->entries, d->cap,
		    sizeof *d->entries);
	}
	e = &d->entries[d->n++];
	memset(e, 0, sizeof *e);
	e->day = DAY_NONE;
	e->rank = -1;
	return e;
}

/* Free a digest and its entries; NULL is fine. */
void
digest_free(struct digest *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->entries[i].key);
		free(d->entries[i].id);
		free(d->entries[i].title);
		free(d->entries[i].abstract);
		free(d->entries[i].url);
	}
	free(d->entries);
	free(d->skipped_first_cause);
	free(d);
}

/* The line number (from 1) of byte offset off. */
static long
digest_line_of(const char *p, size_t off)
{
	long	 line = 1;
	size_t	 i;

	for (i = 0; i < off; i++)
		line += p[i] == '\n';
	return line;
}

/*
 * Checks every text format needs: not empty, no NUL byte, valid UTF-8, no
 * line over 1 MiB. 0, or -1 with *cause naming the file and line.
 */
int
digest_check_bytes(const char *p, size_t len, const struct digest_options *o,
    char **cause)
{
	const size_t	 max_line = 1024 * 1024;
	const char	*nul, *eol, *q = p, *end = p + len;
	size_t		 bad, i;

	for (i = 0; i < len; i++) {
		if (p[i] != ' ' && p[i] != '\n' && p[i] != '\r' && p[i] != '\t')
			break;
	}
	if (i == len) {
		xasprintf(cause, "%s: empty file: no digest in it", o->name);
		return -1;
	}
	if ((nul = memchr(p, '\0', len)) != NULL) {
		xasprintf(cause, "%s:%ld: NUL byte: not a text digest", o->name,
		    digest_line_of(p, (size_t)(nul - p)));
		return -1;
	}
	for (; q < end; q = eol + 1) {
		if ((eol = memchr(q, '\n', (size_t)(end - q))) == NULL)
			eol = end;
		if ((size_t)(eol - q) > max_line) {
			xasprintf(cause, "%s:%ld: line longer than 1 MiB",
			    o->name, digest_line_of(p, (size_t)(q - p)));
			return -1;
		}
	}
	if (!utf8_valid(p, len, &bad)) {
		xasprintf(cause, "%s:%ld: invalid UTF-8 at byte %zu", o->name,
		    digest_line_of(p, bad), bad);
		return -1;
	}
	return 0;
}

/* Parse bytes in format f into a digest; NULL with *cause on error. */
struct digest *
digest_parse(enum digest_format f, const char *p, size_t len,
    const struct digest_options *o, char **cause)
{
	struct digest	*d;
	size_t		 i;

	if (f == FORMAT_AUTO)
		f = digest_sniff(p, len);
	switch (f) {
	case FORMAT_TEXT:
		if (digest_check_bytes(p, len, o, cause) != 0)
			return NULL;
		d = digest_text_parse(p, len, o, cause);
		break;
	case FORMAT_JSONL:
		d = digest_jsonl_parse(p, len, o, cause);
		break;
	default:
		xasprintf(cause, "%s: unknown format", o->name);
		return NULL;
	}
	if (d == NULL)
		return NULL;
	for (i = 0; i < d->n; i++)
		d->entries[i].key = paperkey_make(&d->entries[i]);
	return d;
}
