/* Charsets and format sniffing: every digest ends as valid UTF-8. */
#include "unit.h"

/* Decode with an HTTP hint and declarations read; "OTHER:name" if left. */
static char out[256];
static const char *
decode(const char *p, size_t len, const char *hint)
{
	const char	*other;
	char		*s;
	size_t		 n, olen;

	if ((s = charset_to_utf8(p, len, hint, 1, &n, &other, &olen)) == NULL) {
		snprintf(out, sizeof out, "OTHER:%.*s", (int)olen, other);
		return out;
	}
	assert_int_equal(strlen(s), n);
	assert_true(utf8_valid(s, n, NULL) || n == 0);
	snprintf(out, sizeof out, "%s", s);
	free(s);
	return out;
}

static void
a_byte_order_mark_wins_then_http_then_the_declaration(void **state)
{
	(void)state;
	assert_string_equal(decode("\xef\xbb\xbf" "caf\xc3\xa9", 8, NULL),
	    "caf\xc3\xa9");
	assert_string_equal(decode("\xff\xfe" "c\0\xe9\0", 6, NULL),
	    "c\xc3\xa9");
	assert_string_equal(decode("\xfe\xff\0c\0\xe9\xd8\x3d\xde\x00", 10,
	    NULL), "c\xc3\xa9\xf0\x9f\x98\x80");
	assert_string_equal(decode("caf\xe9", 4, "text/html; charset=ISO-8859-1"),
	    "caf\xc3\xa9");
	assert_string_equal(decode("<?xml version=\"1.0\" encoding="
	    "'windows-1252'?>\x93q\x94", 48, NULL),
	    "<?xml version=\"1.0\" encoding='windows-1252'?>\xe2\x80\x9cq"
	    "\xe2\x80\x9d");
	assert_string_equal(decode("<html><head><meta charset=\"latin1\">"
	    "\xe9", 36, NULL), "<html><head><meta charset=\"latin1\">\xc3\xa9");
	assert_string_equal(decode("<meta http-equiv=\"Content-Type\" "
	    "content=\"text/html; charset=Shift_JIS\">", 71, NULL),
	    "OTHER:Shift_JIS");
	/* UTF-16 declared but read as ASCII: mislabelled UTF-8. */
	assert_string_equal(decode("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
	    "\xc3\xa9", 41, NULL), "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
	    "\xc3\xa9");
}

static void
invalid_utf8_and_nul_bytes_become_replacement_characters(void **state)
{
	char	*s;
	size_t	 n;

	(void)state;
	assert_string_equal(decode("a\xff" "b\xc3", 4, NULL),
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	/* Windows-1252's holes are C1 controls, as WHATWG says. */
	assert_string_equal(decode("\x81\x8d\x80", 3,
	    "text/plain; charset=windows-1252"),
	    "\xc2\x81\xc2\x8d\xe2\x82\xac");
	/* UTF-16: a lone surrogate, U+0000 and an odd last byte. */
	assert_string_equal(decode("\xff\xfe" "a\0\0\xd8" "b\0", 8, NULL),
	    "a\xef\xbf\xbd" "b");
	assert_string_equal(decode("\xff\xfe" "a\0\0\0" "b", 7, NULL),
	    "a\xef\xbf\xbd\xef\xbf\xbd");
	s = utf8_repair("x\0y\xed\xa0\x80", 6, &n);	/* NUL, a surrogate */
	assert_string_equal(s, "x\xef\xbf\xbdy\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd");
	assert_int_equal(n, strlen(s));
	free(s);
}

static void
sniffing_reads_the_root_element_and_the_content_type(void **state)
{
	(void)state;
	assert_int_equal(digest_sniff("  <?xml version='1.0'?>\n<!-- x -->\n"
	    "<rss version=\"2.0\">", 52), FORMAT_RSS);
	assert_int_equal(digest_sniff("<rdf:RDF xmlns:rdf=\"x\">", 23),
	    FORMAT_RDF);
	assert_int_equal(digest_sniff("<?xml version=\"1.0\"?><feed xmlns=\"a\">",
	    36), FORMAT_ATOM);
	assert_int_equal(digest_sniff("<!DOCTYPE html><html>", 21), FORMAT_HTML);
	assert_int_equal(digest_sniff("<div class=\"x\">", 15), FORMAT_HTML);
	assert_int_equal(digest_sniff("\xef\xbb\xbf[{\"paper\":{}}]", 18),
	    FORMAT_HFJSON);
	assert_int_equal(digest_sniff("{\"date\":\"2025-01-01\"}", 21),
	    FORMAT_JSONL);
	assert_int_equal(digest_sniff("Mar 14\n\nA title\n", 16), FORMAT_TEXT);
	assert_int_equal(digest_sniff("<?xml version=\"1.0\"?><foo/>", 27),
	    FORMAT_AUTO);
	assert_int_equal(digest_sniff_type("application/atom+xml",
	    "<?xml version=\"1.0\"?><x:y/>", 27), FORMAT_ATOM);
	assert_int_equal(digest_sniff_type("application/json", "", 0),
	    FORMAT_HFJSON);
	assert_int_equal(digest_sniff_type("application/json; charset=utf-8",
	    "{\"error\":\"x\"}", 13), FORMAT_HFJSON);
	assert_int_equal(digest_sniff_type("application/x-ndjson",
	    "{\"date\":1}", 10), FORMAT_JSONL);
}

static void
a_text_digest_in_utf16_or_latin1_over_http_is_read(void **state)
{
	struct digest_options	 o = { .name = "d.txt", .date = 20161 };
	struct digest		*d;
	char			 buf[1024], *cause = NULL;
	const char		*t = "Mar 14\n\nCaf\xe9 models\n\nAn abstract "
	    "that is long enough to be an abstract, with more than eighty "
	    "bytes in it.\n";
	size_t			 i, n = strlen(t);

	(void)state;
	o.content_type = "text/plain; charset=iso-8859-1";
	d = digest_parse(FORMAT_AUTO, t, n, &o, &cause);
	assert_non_null(d);
	assert_string_equal(d->entries[0].title, "Caf\xc3\xa9 models");
	digest_free(d);
	/* The same text as UTF-16LE with a mark. */
	buf[0] = '\xff';
	buf[1] = '\xfe';
	for (i = 0; i < n; i++) {
		buf[2 + 2 * i] = t[i] == '\xe9' ? '\xe9' : t[i];
		buf[3 + 2 * i] = 0;
	}
	o.content_type = NULL;
	d = digest_parse(FORMAT_AUTO, buf, 2 + 2 * n, &o, &cause);
	assert_non_null(d);
	assert_string_equal(d->entries[0].title, "Caf\xc3\xa9 models");
	digest_free(d);
	/* Without either, invalid UTF-8 is still refused (issue 2). */
	d = digest_parse(FORMAT_AUTO, t, n, &o, &cause);
	assert_null(d);
	assert_string_equal(cause, "d.txt:3: invalid UTF-8 at byte 11");
	free(cause);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(
        a_byte_order_mark_wins_then_http_then_the_declaration),
    cmocka_unit_test(
        invalid_utf8_and_nul_bytes_become_replacement_characters),
    cmocka_unit_test(
        sniffing_reads_the_root_element_and_the_content_type),
    cmocka_unit_test(
        a_text_digest_in_utf16_or_latin1_over_http_is_read))
