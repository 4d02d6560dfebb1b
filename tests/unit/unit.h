/*
 * What every unit test includes: cmocka and the layers under test.
 */
#ifndef UNIT_H
#define UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis/digest/digest.h"
#include "analysis/trend/trend.h"

/* main() of a unit test: run the tests given, between group setup and teardown. */
#define UNIT_MAIN(setup, teardown, ...)					\
int									\
main(void)								\
{									\
	const struct CMUnitTest tests[] = { __VA_ARGS__ };		\
									\
	return cmocka_run_group_tests(tests, setup, teardown);		\
}

/* The shipped stop words and a tokenizer on them, for a test group. */
static struct wordlist	*stop __attribute__((unused));
static struct tokenizer	*tk __attribute__((unused));

/* cmocka group setup: the shipped stop words and a tokenizer. */
static inline int
vocab_setup(void **state)
{
	(void)state;
	stop = wordlist_default();
	tk = tokenizer_new(stop);
	return 0;
}

/* cmocka group teardown of vocab_setup. */
static inline int
vocab_teardown(void **state)
{
	(void)state;
	tokenizer_free(tk);
	wordlist_free(stop);
	return 0;
}

/* Read a file of the source tree (NUL-terminated); fails the test if absent. */
static inline char *
unit_slurp(const char *rel, size_t *len)
{
	char	 path[4096];
	FILE	*f;
	char	*buf;
	long	 n;

	snprintf(path, sizeof path, "%s/%s", getenv("TOPICD_SOURCE_DIR"), rel);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* Parse a fixture of the source tree as format f, the snapshot's date "date". */
static inline struct digest *
unit_parse_file(const char *rel, enum digest_format f, const char *date,
    char **cause)
{
	struct digest_options	 o = { .name = rel, .date = DAY_NONE };
	struct digest		*d;
	char			*text;
	size_t			 len;

	if (date != NULL)
		assert_int_equal(day_parse(date, &o.date), 0);
	text = unit_slurp(rel, &len);
	*cause = NULL;
	d = digest_parse(f, text, len, &o, cause);
	free(text);
	return d;
}

/* Parse a fixture of the source tree that must parse, as FORMAT_AUTO. */
static inline struct digest *
unit_parse_ok(const char *rel, const char *date)
{
	struct digest	*d;
	char		*cause;

	d = unit_parse_file(rel, FORMAT_AUTO, date, &cause);
	if (d == NULL)
		fail_msg("%s: %s", rel, cause);
	return d;
}

/* A day as "YYYY-MM-DD" in a static buffer (one at a time). */
static inline const char *
unit_day(day_t day)
{
	static char	 buf[11];

	day_format(day, buf);
	return buf;
}

#endif
