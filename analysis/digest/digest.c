/*
 * Digests: the list of entries a parser returns, the format names, and the
 * sniffing of a format from the bytes. Parsers live in digest_*.c; none of
 * them touches the network or the database.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analysis/digest/digest.h"

static const struct {
	const char		*name;
	enum digest_format	 format;
} digest_formats[] = {
	{ "auto", FORMAT_AUTO },
	{ "text", FORMAT_TEXT },
	{ "jsonl", FORMAT_JSONL },
	{ "rss", FORMAT_RSS },
	{ "rdf", FORMAT_RDF },
	{ "atom", FORMAT_ATOM },
	{ "hf-json", FORMAT_HFJSON },
	{ "html", FORMAT_HTML },
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

/* Whether c may be part of an XML name. */
static int
sniff_name_char(char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' &&
	    c <= '9') || c == ':' || c == '-' || c == '_' || c == '.' ||
	    (unsigned char)c >= 0x80;
}

/*
 * The name of the first element of XML or HTML bytes from offset i,
 * past the prolog, comments, processing instructions and the DOCTYPE
 * (whose name goes to *doctype). Its length, 0 if there is none.
 */
static size_t
sniff_root(const char *p, size_t len, size_t i, const char **name,
    const char **doctype)
{
	const char	*q;
	size_t		 n;

	*doctype = NULL;
	while (i < len) {
		while (i < len && (p[i] == ' ' || p[i] == '\t' ||
		    p[i] == '\r' || p[i] == '\n'))
			i++;
		if (i + 1 >= len || p[i] != '<')
			return 0;
		if (p[i + 1] == '?' || (p[i + 1] == '!' && i + 3 < len &&
		    p[i + 2] == '-' && p[i + 3] == '-')) {
			q = p[i + 1] == '?' ? "?>" : "-->";
			for (i += 2; i + strlen(q) <= len &&
			    memcmp(p + i, q, strlen(q)) != 0; i++)
				;
			i += strlen(q);
			continue;
		}
		if (p[i + 1] == '!') {		/* DOCTYPE */
			for (i += 2; i < len && sniff_name_char(p[i]); i++)
				;
			while (i < len && p[i] == ' ')
				i++;
			*doctype = p + i;
			while (i < len && p[i] != '>' && p[i] != '[')
				i++;
			if (i < len && p[i] == '[') {
				while (i < len && p[i] != ']')
					i++;
			}
			while (i < len && p[i] != '>')
				i++;
			i++;
			continue;
		}
		*name = p + i + 1;
		for (n = 0; i + 1 + n < len && sniff_name_char(p[i + 1 + n]);
		    n++)
			;
		return n;
	}
	return 0;
}

/* Whether the Content-Type (may be NULL) contains word. */
static int
sniff_type_is(const char *type, const char *word)
{
	return type != NULL && strcasestr(type, word) != NULL;
}

/*
 * Guess the format from the bytes and, where they do not tell, the HTTP
 * Content-Type (may be NULL): the XML root element (rss, rdf:RDF, feed,
 * html), a JSON array (hf-json) or object a line (jsonl; but hf-json
 * when served as application/json), else text.
 * FORMAT_AUTO for XML with a root this program does not read.
 */
enum digest_format
digest_sniff_type(const char *type, const char *p, size_t len)
{
	const char	*name = NULL, *colon, *doctype;
	size_t		 i = 0, n;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	/* An object: a JSONL archive, unless served as one JSON document. */
	if (i < len && p[i] == '{')
		return sniff_type_is(type, "json") && !sniff_type_is(type,
		    "nd") && !sniff_type_is(type, "jsonl") &&
		    !sniff_type_is(type, "lines") ? FORMAT_HFJSON : FORMAT_JSONL;
	if (i < len && p[i] == '[')
		return FORMAT_HFJSON;
	if (i < len && p[i] == '<') {
		n = sniff_root(p, len, i, &name, &doctype);
		if (doctype != NULL && len - (size_t)(doctype - p) >= 4 &&
		    strncasecmp(doctype, "html", 4) == 0)
			return FORMAT_HTML;
		if (n == 3 && strncmp(name, "rss", 3) == 0)
			return FORMAT_RSS;
		if (n == 4 && strncmp(name, "feed", 4) == 0)
			return FORMAT_ATOM;
		if (n >= 3 && strncmp(name + n - 3, "RDF", 3) == 0 &&
		    (n == 3 || name[n - 4] == ':'))
			return FORMAT_RDF;
		if (n == 4 && strncasecmp(name, "html", 4) == 0)
			return FORMAT_HTML;
		if (n > 0 && (colon = memchr(name, ':', n)) != NULL &&
		    (size_t)(name + n - colon) == 5 &&
		    strncmp(colon + 1, "feed", 4) == 0)
			return FORMAT_ATOM;
		if (sniff_type_is(type, "rss"))
			return FORMAT_RSS;
		if (sniff_type_is(type, "atom"))
			return FORMAT_ATOM;
		if (sniff_type_is(type, "rdf"))
			return FORMAT_RDF;
		if (sniff_type_is(type, "html") || (len - i >= 5 &&
		    strncmp(p + i, "<?xml", 5) != 0))
			return FORMAT_HTML;
		return FORMAT_AUTO;
	}
	if (sniff_type_is(type, "json"))
		return FORMAT_HFJSON;
	if (sniff_type_is(type, "html"))
		return FORMAT_HTML;
	return FORMAT_TEXT;
}

/* Guess the format from the first bytes alone (digest_sniff_type). */
enum digest_format
digest_sniff(const char *p, size_t len)
{
	return digest_sniff_type(NULL, p, len);
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
	e->published = DAY_NONE;
	e->rank = -1;
	return e;
}

/*
 * Append item to a ", "-separated list such as the authors; takes
 * ownership of both (either may be NULL) and returns the list.
 */
char *
digest_list_add(char *list, char *item)
{
	char	*s;

	if (list == NULL || item == NULL)
		return list != NULL ? list : item;
	xasprintf(&s, "%s, %s", list, item);
	free(list);
	free(item);
	return s;
}

/*
 * Free the texts an entry holds; they read as NULL after, and its day,
 * rank and flags stay (a digest may let go of entries it has stored).
 */
void
digest_entry_clear(struct entry *e)
{
	free(e->key);
	free(e->id);
	free(e->title);
	free(e->abstract);
	free(e->url);
	free(e->authors);
	e->key = e->id = e->title = e->abstract = e->url = e->authors = NULL;
}

/* Free a digest and its entries; NULL is fine. */
void
digest_free(struct digest *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		digest_entry_clear(&d->entries[i]);
	free(d->entries);
	free(d->skipped_first_cause);
	free(d->warning);
	free(d);
}

/*
 * Take the first n entries out of d (the others move to the front): the
 * caller owns the returned array and frees it with digest_entries_free.
 */
struct entry *
digest_take(struct digest *d, size_t n)
{
	struct entry	*v = xreallocarray(NULL, n + 1, sizeof *v);

	if (n == 0)
		return v;
	memcpy(v, d->entries, n * sizeof *v);
	memmove(d->entries, d->entries + n, (d->n - n) * sizeof *d->entries);
	d->n -= n;
	return v;
}

/* Free entries v[0..n) taken from a digest, and the array. */
void
digest_entries_free(struct entry *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		digest_entry_clear(&v[i]);
	free(v);
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

/* Whether the bytes are UTF-16 (with a mark, or "<" as XML spells it). */
static int
digest_utf16(const char *p, size_t len)
{
	const unsigned char	*u = (const unsigned char *)p;

	return len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe &&
	    u[1] == 0xff) || (len >= 4 && ((u[0] == '<' && u[1] == 0) ||
	    (u[0] == 0 && u[1] == '<'))));
}

/*
 * The plain-text digest, kept strict (invalid UTF-8 is refused with its
 * line) unless the bytes are UTF-16 or the HTTP charset names one that
 * charset.c decodes.
 */
static struct digest *
digest_parse_text(const char *p, size_t len, const struct digest_options *o,
    char **cause)
{
	struct digest	*d;
	const char	*name, *other;
	char		*conv = NULL;
	size_t		 nlen, clen;

	name = charset_of_content_type(o->content_type, &nlen);
	if (name != NULL && charset_from_name(name, nlen) != CHARSET_UTF8 &&
	    charset_from_name(name, nlen) != CHARSET_OTHER &&
	    (conv = charset_to_utf8(p, len, o->content_type, 0, &clen,
	    &other, &nlen)) != NULL) {
		p = conv;
		len = clen;
	}
	d = NULL;
	if (digest_check_bytes(p, len, o, cause) == 0)
		d = digest_text_parse(p, len, o, cause);
	free(conv);
	return d;
}

/*
 * Give every entry the digest's date: for the feed readers, which read
 * their items before the feed's own date, which may follow them.
 */
void
digest_date_entries(struct digest *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		d->entries[i].day = d->date;
}

/* Give a parsed entry its identity and its own date (once). */
void
digest_entry_finish(struct entry *e)
{
	if (e->key == NULL)
		e->key = paperkey_make(e);
	if (e->published == DAY_NONE)
		e->published = e->day;
}

/* The parser of each format, by its number. */
static struct digest *(*const parsers[])(const char *, size_t,
    const struct digest_options *, char **) = {
	[FORMAT_TEXT] = digest_parse_text,
	[FORMAT_JSONL] = digest_jsonl_parse,
	[FORMAT_RSS] = digest_rss_parse,
	[FORMAT_RDF] = digest_rdf_parse,
	[FORMAT_ATOM] = digest_atom_parse,
	[FORMAT_HFJSON] = digest_hfjson_parse,
	[FORMAT_HTML] = digest_html_parse,
};

/* Parse bytes in format f into a digest; NULL with *cause on error. */
struct digest *
digest_parse(enum digest_format f, const char *p, size_t len,
    const struct digest_options *o, char **cause)
{
	struct digest	*d;
	struct entry	*e;
	const char	*other;
	char		*conv = NULL;
	size_t		 i, clen, olen;

	if (digest_utf16(p, len)) {
		conv = charset_to_utf8(p, len, NULL, 0, &clen, &other, &olen);
		p = conv;
		len = clen;
	}
	if (f == FORMAT_AUTO)
		f = digest_sniff_type(o->content_type, p, len);
	if (f < sizeof parsers / sizeof parsers[0] && parsers[f] != NULL)
		d = parsers[f](p, len, o, cause);
	else {
		xasprintf(cause, "%s: cannot tell the format (XML, but not "
		    "RSS, RDF, Atom or HTML): use --format", o->name);
		d = NULL;
	}
	free(conv);
	if (d == NULL)
		return NULL;
	if (d->date == DAY_NONE && f != FORMAT_JSONL) {
		xasprintf(cause, "%s: no date in the digest and no --date",
		    o->name);
		digest_free(d);
		return NULL;
	}
	d->format = f;
	for (i = 0; i < d->n; i++) {
		e = &d->entries[i];
		digest_entry_finish(e);
	}
	return d;
}
