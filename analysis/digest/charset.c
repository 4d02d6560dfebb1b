/*
 * Character sets: every digest ends as valid UTF-8. Owns the choice of
 * the charset (byte-order mark, then the HTTP charset, then what the XML
 * prolog or an HTML meta tag declares, else UTF-8) and the decoders for
 * UTF-16, ISO-8859-1 and Windows-1252. Charsets it does not know are
 * left to libxml2; it never calls iconv.
 */
#include <string.h>
#include <strings.h>

#include "analysis/digest/digest.h"

#define DECL_SCAN	1024	/* bytes searched for a declaration */

/* Windows-1252 0x80-0x9f; the five holes map to C1 as WHATWG says. */
static const uint16_t cp1252_high[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178
};

/* Whether the label names a charset, case-insensitively. */
static int
charset_is(const char *name, size_t len, const char *const *labels)
{
	for (; *labels != NULL; labels++) {
		if (strlen(*labels) == len && strncasecmp(name, *labels,
		    len) == 0)
			return 1;
	}
	return 0;
}

/* The charset a label names; CHARSET_OTHER if this file cannot decode it. */
enum charset
charset_from_name(const char *name, size_t len)
{
	static const char *const utf8[] = { "utf-8", "utf8",
	    "unicode-1-1-utf-8", NULL };
	static const char *const cp1252[] = { "windows-1252", "cp1252",
	    "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
	    "latin-1", "l1", "cp819", "ibm819", "us-ascii", "ascii",
	    "iso-ir-100", NULL };
	static const char *const utf16le[] = { "utf-16le", "utf16le", NULL };
	static const char *const utf16be[] = { "utf-16be", "utf16be", NULL };
	static const char *const utf16[] = { "utf-16", "utf16", NULL };

	if (charset_is(name, len, utf8))
		return CHARSET_UTF8;
	if (charset_is(name, len, cp1252))
		return CHARSET_CP1252;
	if (charset_is(name, len, utf16le))
		return CHARSET_UTF16LE;
	if (charset_is(name, len, utf16be))
		return CHARSET_UTF16BE;
	if (charset_is(name, len, utf16))
		return CHARSET_UTF16;
	return CHARSET_OTHER;
}

/* Find needle in s[0..len) ignoring ASCII case; NULL if absent. */
static const char *
charset_find(const char *s, size_t len, const char *needle)
{
	size_t	 n = strlen(needle), i;

	for (i = 0; i + n <= len; i++) {
		if (strncasecmp(s + i, needle, n) == 0)
			return s + i;
	}
	return NULL;
}

/* The value after "name=" or "name=\"", up to a quote, ';', space or '>'. */
static const char *
charset_value(const char *s, const char *end, size_t *len)
{
	const char	*v;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == end || *s != '=')
		return NULL;
	s++;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && (*s == '"' || *s == '\''))
		s++;
	for (v = s; s < end && *s != '"' && *s != '\'' && *s != ';' &&
	    *s != ' ' && *s != '>' && *s != '/' && *s != '?'; s++)
		;
	*len = (size_t)(s - v);
	return *len > 0 ? v : NULL;
}

/*
 * The charset declared in the first bytes: encoding="" in an XML prolog
 * or charset= in an HTML <meta>. NULL if none.
 */
const char *
charset_declared(const char *p, size_t len, size_t *namelen)
{
	const char	*end, *q, *m, *tag_end;

	if (len > DECL_SCAN)
		len = DECL_SCAN;
	end = p + len;
	q = p;
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' ||
	    *q == '\n'))
		q++;
	if ((size_t)(end - q) >= 5 && strncmp(q, "<?xml", 5) == 0) {
		if ((tag_end = memchr(q, '>', (size_t)(end - q))) == NULL)
			return NULL;
		if ((m = charset_find(q, (size_t)(tag_end - q),
		    "encoding")) != NULL)
			return charset_value(m + 8, tag_end, namelen);
		return NULL;
	}
	for (q = p; (m = charset_find(q, (size_t)(end - q), "<meta")) != NULL;
	    q = m + 5) {
		if ((tag_end = memchr(m, '>', (size_t)(end - m))) == NULL)
			return NULL;
		if ((q = charset_find(m, (size_t)(tag_end - m),
		    "charset")) != NULL)
			return charset_value(q + 7, tag_end, namelen);
	}
	return NULL;
}

/* The charset parameter of a Content-Type value; NULL if none. */
const char *
charset_of_content_type(const char *type, size_t *namelen)
{
	const char	*m;

	if (type == NULL || (m = charset_find(type, strlen(type),
	    "charset")) == NULL)
		return NULL;
	return charset_value(m + 7, type + strlen(type), namelen);
}

/* Decode UTF-16 (be: big-endian) into UTF-8; lone surrogates -> U+FFFD. */
static char *
charset_utf16(const char *s, size_t len, int be, size_t *outlen)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out = xreallocarray(NULL, len + 2, 2), *o = out;
	size_t			 i;
	uint32_t		 u, lo;

	for (i = 0; i + 1 < len; i += 2) {
		u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) :
		    (uint32_t)(p[i + 1] << 8 | p[i]);
		if (u >= 0xd800 && u <= 0xdbff && i + 3 < len) {
			lo = be ? (uint32_t)(p[i + 2] << 8 | p[i + 3]) :
			    (uint32_t)(p[i + 3] << 8 | p[i + 2]);
			if (lo >= 0xdc00 && lo <= 0xdfff) {
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
				i += 2;
			}
		}
		if (u == 0)
			u = 0xfffd;
		o += utf8_encode(o, u);
	}
	if (i < len)
		o += utf8_encode(o, 0xfffd);
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

/* Decode Windows-1252 (and so ISO-8859-1 and ASCII) into UTF-8. */
static char *
charset_cp1252(const char *s, size_t len, size_t *outlen)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out = xreallocarray(NULL, len + 1, 3), *o = out;
	size_t			 i;

	for (i = 0; i < len; i++) {
		if (p[i] == 0)
			o += utf8_encode(o, 0xfffd);
		else if (p[i] >= 0x80 && p[i] <= 0x9f)
			o += utf8_encode(o, cp1252_high[p[i] - 0x80]);
		else
			o += utf8_encode(o, p[i]);
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

/*
 * Decode a document to valid UTF-8. The charset is, in order: a
 * byte-order mark, hint (the HTTP charset, may be NULL), the charset the
 * document declares (when declared is set), the XML rule for UTF-16
 * without a mark, else UTF-8. Invalid UTF-8 becomes U+FFFD. Returns NULL
 * when the charset is one this file does not decode (*other then points
 * at its name in the document or hint, *otherlen its length).
 */
char *
charset_to_utf8(const char *p, size_t len, const char *hint, int declared,
    size_t *outlen, const char **other, size_t *otherlen)
{
	const unsigned char	*u = (const unsigned char *)p;
	const char		*name = NULL;
	size_t			 nlen = 0;
	enum charset		 cs = CHARSET_UTF8;

	*other = NULL;
	*otherlen = 0;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		return utf8_repair(p + 3, len - 3, outlen);
	if (len >= 2 && u[0] == 0xff && u[1] == 0xfe)
		return charset_utf16(p + 2, len - 2, 0, outlen);
	if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
		return charset_utf16(p + 2, len - 2, 1, outlen);
	if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] != 0 && u[3] == 0)
		return charset_utf16(p, len, 0, outlen);
	if (len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] != 0)
		return charset_utf16(p, len, 1, outlen);
	if (hint != NULL)
		name = charset_of_content_type(hint, &nlen);
	if (name == NULL && declared)
		name = charset_declared(p, len, &nlen);
	if (name != NULL)
		cs = charset_from_name(name, nlen);
	switch (cs) {
	case CHARSET_CP1252:
		return charset_cp1252(p, len, outlen);
	case CHARSET_UTF16LE:
		return charset_utf16(p, len, 0, outlen);
	case CHARSET_UTF16BE:
		return charset_utf16(p, len, 1, outlen);
	case CHARSET_OTHER:
		*other = name;
		*otherlen = nlen;
		return NULL;
	case CHARSET_UTF16:	/* declared in ASCII: mislabelled UTF-8 */
	case CHARSET_UTF8:
		break;
	}
	return utf8_repair(p, len, outlen);
}
