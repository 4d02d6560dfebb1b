/*
 * A growing string for the renderers: printf-style appends, and cells of
 * a fixed width in characters (UTF-8 aware) for text tables.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/reports.h"

/* Append printf output to b. */
void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(&s, fmt, ap);
	va_end(ap);
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, (size_t)n + 1);
	b->len += (size_t)n;
	free(s);
}

/* The string b holds ("" if nothing was added); b is emptied. */
char *
buf_take(struct buf *b)
{
	char	*s = b->s != NULL ? b->s : xstrdup("");

	memset(b, 0, sizeof *b);
	return s;
}

/* Append s cut to at most width characters ("~" marks a cut); how many. */
size_t
buf_fit(struct buf *b, const char *s, size_t width)
{
	size_t	 i = 0, chars = 0, total = 0, n;

	for (n = 0; s[n] != '\0'; n++)
		total += ((unsigned char)s[n] & 0xc0) != 0x80;
	while (s[i] != '\0' && chars < (total <= width ? total : width - 1)) {
		for (n = 1; ((unsigned char)s[i + n] & 0xc0) == 0x80; n++)
			;
		buf_printf(b, "%.*s", (int)n, s + i);
		i += n;
		chars++;
	}
	if (chars < total) {
		buf_printf(b, "~");
		chars++;
	}
	return chars;
}

/* Append s cut or padded to exactly width characters. */
void
buf_cell(struct buf *b, const char *s, size_t width)
{
	size_t	 chars = buf_fit(b, s, width);

	buf_printf(b, "%*s", (int)(width - chars), "");
}
