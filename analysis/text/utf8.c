/*
 * UTF-8 checks, repair and white-space clean-up for text from digests.
 * Strict: overlong forms, surrogates and code points past U+10FFFF are
 * invalid.
 */
#include <string.h>

#include "analysis/text/text.h"

/*
 * Decode the UTF-8 sequence at p (len > 0 bytes): its length with *cp set,
 * or 0 if it is invalid (overlong, surrogate, past U+10FFFF, cut short).
 */
size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n, k;
	uint32_t		 c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 1;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 2;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 3;
		c = p[0] & 0x07;
	} else
		return 0;
	if (n >= len)
		return 0;
	for (k = 1; k <= n; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[k] & 0x3f);
	}
	if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n + 1;
}

/* Write code point cp as UTF-8 at o; the number of bytes (1-4). */
size_t
utf8_encode(char *o, uint32_t cp)
{
	unsigned char	*u = (unsigned char *)o;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	u[0] = (unsigned char)(0xf0 | (cp >> 18));
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	u[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Whether s[0..len) is valid UTF-8 without NUL; *bad gets the bad offset. */
int
utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t		 i = 0, n;
	uint32_t	 cp;

	while (i < len) {
		if (s[i] == '\0' || (n = utf8_decode(s + i, len - i, &cp)) == 0) {
			if (bad != NULL)
				*bad = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

/*
 * Copy s[0..len) as valid UTF-8: each invalid byte and each NUL becomes
 * U+FFFD, so nothing raw reaches the store. *outlen may be NULL.
 */
char *
utf8_repair(const char *s, size_t len, size_t *outlen)
{
	char		*out = xreallocarray(NULL, len + 1, 3), *o = out;
	size_t		 i = 0, n;
	uint32_t	 cp;

	while (i < len) {
		if (s[i] != '\0' && (n = utf8_decode(s + i, len - i, &cp)) > 0) {
			memcpy(o, s + i, n);
			o += n;
			i += n;
		} else {
			o += utf8_encode(o, 0xfffd);
			i++;
		}
	}
	*o = '\0';
	if (outlen != NULL)
		*outlen = (size_t)(o - out);
	return out;
}

/* Copy s with runs of white space made one space and the ends trimmed. */
char *
utf8_collapse_space(const char *s, size_t len)
{
	char	*out = xmalloc(len + 1), *o = out;
	size_t	 i;
	int	 space = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			space = o != out;
			continue;
		}
		/* U+00A0 no-break space counts as white space too. */
		if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0xa0) {
			space = o != out;
			i++;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = (char)c;
	}
	*o = '\0';
	return out;
}
