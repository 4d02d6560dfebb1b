/*
 * A growing string, for the renderings built piece by piece (charts'
 * data and scripts, the metrics text). Pure.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "reports.h"

/* Append printf-style text to b. */
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
