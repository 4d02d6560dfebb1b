/* Fetching: the limits every transfer gets, on file:// URLs (no network). */

#include "unit.h"
#include "daemon/net/net.h"

/* A file:// URL for a file of the source tree; the caller frees it. */
static char *
file_url(const char *rel)
{
	char	*u;

	xasprintf(&u, "file://%s/%s", getenv("TOPICD_SOURCE_DIR"), rel);
	return u;
}

static void
a_file_url_is_read_whole(void **state)
{
	struct fetch_limits	 l;
	struct fetch_response	 r;
	char			*u = file_url("tests/data/arxiv-api.atom");
	char			*cause = NULL, *want;
	size_t			 len;

	(void)state;
	fetch_limits_default(&l);
	assert_int_equal(l.timeout, 30);
	assert_int_equal(l.max_redirects, 5);
	assert_int_equal(l.max_body, 15 << 20);
	assert_int_equal(fetch_url(u, &l, &r, &cause), 0);
	want = unit_slurp("tests/data/arxiv-api.atom", &len);
	assert_int_equal(r.len, len);
	assert_memory_equal(r.body, want, len);
	assert_string_equal(r.url, u);
	fetch_response_free(&r);
	free(want);
	free(u);
}

static void
a_body_past_the_cap_is_stopped(void **state)
{
	struct fetch_limits	 l;
	struct fetch_response	 r;
	char			*u = file_url("tests/data/arxiv-api.atom");
	char			*cause = NULL, *want;

	(void)state;
	fetch_limits_default(&l);
	l.max_body = 1000;
	assert_int_equal(fetch_url(u, &l, &r, &cause), -1);
	xasprintf(&want, "%s: body larger than 1000 bytes (once decompressed)", u);
	assert_string_equal(cause, want);
	assert_null(r.body);
	free(want);
	free(cause);
	free(u);
}

static void
only_http_https_and_file_are_fetched(void **state)
{
	struct fetch_limits	 l;
	struct fetch_response	 r;
	char			*cause = NULL;

	(void)state;
	assert_true(fetch_is_url("http://x.org/"));
	assert_true(fetch_is_url("HTTPS://x.org/"));
	assert_true(fetch_is_url("file:///tmp/x"));
	assert_false(fetch_is_url("ftp://x.org/"));
	assert_false(fetch_is_url("feed.xml"));
	fetch_limits_default(&l);
	assert_int_equal(fetch_url("ftp://127.0.0.1/x", &l, &r, &cause), -1);
	assert_non_null(strstr(cause, "ftp"));
	free(cause);
	cause = NULL;
	assert_int_equal(fetch_url("file:///nonexistent/x.xml", &l, &r,
	    &cause), -1);
	assert_int_equal(strncmp(cause, "file:///nonexistent/x.xml: ", 27), 0);
	free(cause);
}

/* libcurl, loaded for the whole group (it is unloaded at exit). */
static int
setup(void **state)
{
	char	*cause = NULL;

	(void)state;
	if (libcurl_load(&cause) != 0)
		fail_msg("%s", cause);
	return 0;
}

UNIT_MAIN(setup, NULL,
    cmocka_unit_test(a_file_url_is_read_whole),
    cmocka_unit_test(a_body_past_the_cap_is_stopped),
    cmocka_unit_test(only_http_https_and_file_are_fetched))
