/* A paper's identity: arXiv id without version, else GUID, link, title. */
#include "unit.h"

/* The arXiv id in s, or "-". */
static char buf[256];
static const char *
arxiv(const char *s)
{
	char	*id = paperkey_arxiv_id(s);

	snprintf(buf, sizeof buf, "%s", id ? id : "-");
	free(id);
	return buf;
}

static void
arxiv_ids_lose_their_version_wherever_they_are_found(void **state)
{
	(void)state;
	assert_string_equal(arxiv("2503.11677"), "2503.11677");
	assert_string_equal(arxiv("http://arxiv.org/abs/2503.10000v2"),
	    "2503.10000");
	assert_string_equal(arxiv("oai:arXiv.org:2503.10000v1"), "2503.10000");
	assert_string_equal(arxiv("https://huggingface.co/papers/2310.19909"),
	    "2310.19909");
	assert_string_equal(arxiv("http://arxiv.org/abs/hep-th/9901001v2"),
	    "hep-th/9901001");
	assert_string_equal(arxiv("1234.5"), "-");
	assert_string_equal(arxiv("version 12345.67890"), "-");
	assert_string_equal(arxiv(NULL), "-");
}

static void
without_an_arxiv_id_the_key_falls_back_in_order(void **state)
{
	struct entry	 e;
	char		*a, *b;

	(void)state;
	memset(&e, 0, sizeof e);
	e.title = (char *)"Some Title!";
	e.id = (char *)"tag:example.org,2025:42";
	e.url = (char *)"https://example.org/p/42";
	a = paperkey_make(&e);
	assert_string_equal(a, "id:tag:example.org,2025:42");
	free(a);
	e.id = NULL;
	a = paperkey_make(&e);
	assert_string_equal(a, "url:https://example.org/p/42");
	free(a);
	e.url = NULL;
	a = paperkey_make(&e);
	e.title = (char *)"some   title";
	b = paperkey_make(&e);
	assert_string_equal(a, b);
	assert_int_equal(strncmp(a, "title:", 6), 0);
	free(a);
	free(b);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(arxiv_ids_lose_their_version_wherever_they_are_found),
    cmocka_unit_test(without_an_arxiv_id_the_key_falls_back_in_order))
