/*
 * Character sets: every digest ends as valid UTF-8. Owns the choice of
 * the charset (byte-order mark, then the HTTP charset, then what the XML
 * prolog or an HTML meta tag declares, else UTF-8) and the decoding of
 * UTF-16, ISO-8859-1 and Windows-1252, done by iconv(3). Charsets it does
 * not know are left to libxml2.
 */
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analysis/digest/digest.h"

#define DECL_SCAN	1024	/* bytes searched for a declaration */

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

/*
 * Decode s[0..len) from the iconv charset from into valid UTF-8. A byte
 * iconv refuses in a one-byte charset (unit 1: the five holes of
 * Windows-1252) is the C1 control of its value, as WHATWG says; a unit
 * refused in UTF-16 (unit 2: a lone surrogate, an odd last byte) is
 * U+FFFD, and so is a NUL.
 */
static char *
charset_iconv(const char *s, size_t len, const char *from, size_t unit,
    size_t *outlen)
{
	/* At most 3 bytes out for each 1 in (cp1252) or 2 in (UTF-16). */
	size_t		 cap = 3 * len + 4, inleft = len, oleft = cap, n;
	char		*out = xmalloc(cap), *in = (char *)s, *o = out, *r;
	iconv_t		 cd;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		xfatal("iconv has no converter to UTF-8 from this charset");
	while (inleft > 0 && iconv(cd, &in, &inleft, &o, &oleft) ==
	    (size_t)-1) {
		/* EILSEQ or EINVAL: never E2BIG, the output has room. */
		n = utf8_encode(o, unit == 1 ? (unsigned char)*in : 0xfffd);
		o += n;
		oleft -= n;
		n = inleft < unit ? inleft : unit;
		in += n;
		inleft -= n;
	}
	iconv_close(cd);
	/* U+0000 and NUL bytes decode to NUL: make them U+FFFD. */
	r = utf8_repair(out, (size_t)(o - out), outlen);
	free(out);
	return r;
}

/*
 * Decode a document to valid UTF-8. The charset is, in order: a
 * byte-order mark, hint (the HTTP charset, may be NULL), the charset the
 * document declares (when declared is set), the XML rule for UTF-16
 * without a mark, else UTF-8. Invalid UTF-8 becomes U+FFFD. With view,
 * a document that is valid UTF-8 already is returned as p itself, not
 * copied. Returns NULL when the charset is one this file does not decode
 * (*other then points at its name in the document or hint, *otherlen
 * its length).
 */
static char *
charset_decode(const char *p, size_t len, const char *hint, int declared,
    int view, size_t *outlen, const char **other, size_t *otherlen)
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
		return charset_iconv(p + 2, len - 2, "UTF-16LE", 2, outlen);
	if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
		return charset_iconv(p + 2, len - 2, "UTF-16BE", 2, outlen);
	if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] != 0 && u[3] == 0)
		return charset_iconv(p, len, "UTF-16LE", 2, outlen);
	if (len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] != 0)
		return charset_iconv(p, len, "UTF-16BE", 2, outlen);
	if (hint != NULL)
		name = charset_of_content_type(hint, &nlen);
	if (name == NULL && declared)
		name = charset_declared(p, len, &nlen);
	if (name != NULL)
		cs = charset_from_name(name, nlen);
	switch (cs) {
	case CHARSET_CP1252:
		return charset_iconv(p, len, "CP1252", 1, outlen);
	case CHARSET_UTF16LE:
		return charset_iconv(p, len, "UTF-16LE", 2, outlen);
	case CHARSET_UTF16BE:
		return charset_iconv(p, len, "UTF-16BE", 2, outlen);
	case CHARSET_OTHER:
		*other = name;
		*otherlen = nlen;
		return NULL;
	case CHARSET_UTF16:	/* declared in ASCII: mislabelled UTF-8 */
	case CHARSET_UTF8:
		break;
	}
	if (view && utf8_valid(p, len, NULL)) {
		*outlen = len;
		return (char *)(uintptr_t)p;
	}
	return utf8_repair(p, len, outlen);
}

/* A document as valid UTF-8, in a new string (charset_decode). */
char *
charset_to_utf8(const char *p, size_t len, const char *hint, int declared,
    size_t *outlen, const char **other, size_t *otherlen)
{
	return charset_decode(p, len, hint, declared, 0, outlen, other,
	    otherlen);
}

/*
 * A document as valid UTF-8 (charset_decode): p itself when it is so
 * already, so that a large feed is not held twice; else a decoded copy,
 * also left in *copy for the caller to free (*copy is NULL otherwise).
 */
const char *
charset_utf8_view(const char *p, size_t len, const char *hint, int declared,
    size_t *outlen, char **copy, const char **other, size_t *otherlen)
{
	char	*r;

	r = charset_decode(p, len, hint, declared, 1, outlen, other,
	    otherlen);
	*copy = r != p ? r : NULL;
	return r;
}
