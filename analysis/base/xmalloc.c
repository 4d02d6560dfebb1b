/*
 * Allocation wrappers: exit with a message instead of returning NULL.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/base/base.h"

/* Print why memory ran out and exit; never returns. */
static void __attribute__((noreturn))
xmalloc_die(const char *what, size_t n)
{
	fprintf(stderr, "topic: %s of %zu bytes failed: %s\n", what, n,
	    strerror(errno));
	exit(1);
}

/*
 * Print why a resource every caller needs could not be had (memory, the
 * stemmer) and exit; never returns.
 */
void
xfatal(const char *what)
{
	fprintf(stderr, "topic: %s\n", what);
	exit(1);
}

/* malloc that never returns NULL; a zero size still gets a valid pointer. */
void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		xmalloc_die("malloc", n);
	return p;
}

/* calloc that never returns NULL. */
void *
xcalloc(size_t nmemb, size_t n)
{
	void	*p = calloc(nmemb ? nmemb : 1, n ? n : 1);

	if (p == NULL)
		xmalloc_die("calloc", nmemb * n);
	return p;
}

/* realloc that never returns NULL. */
void *
xrealloc(void *p, size_t n)
{
	void	*q = realloc(p, n ? n : 1);

	if (q == NULL)
		xmalloc_die("realloc", n);
	return q;
}

/* reallocarray that never returns NULL and checks the multiplication. */
void *
xreallocarray(void *p, size_t nmemb, size_t n)
{
	if (n != 0 && nmemb > ((size_t)-1) / n) {
		errno = ENOMEM;
		xmalloc_die("reallocarray", (size_t)-1);
	}
	return xrealloc(p, nmemb * n);
}

/* strdup that never returns NULL. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Copy the first len bytes of s into a new NUL-terminated string. */
char *
xstrndup(const char *s, size_t len)
{
	char	*p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* vasprintf that never fails; returns the length. */
int
xvasprintf(char **out, const char *fmt, va_list ap)
{
	int	 n = vasprintf(out, fmt, ap);

	if (n < 0)
		xmalloc_die("vasprintf", 0);
	return n;
}

/* asprintf that never fails; returns the length. */
int
xasprintf(char **out, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(out, fmt, ap);
	va_end(ap);
	return n;
}
