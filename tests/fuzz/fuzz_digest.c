/*
 * libFuzzer harness for one digest parser, chosen at build time by
 * FUZZ_FORMAT (tests/fuzz/CMakeLists.txt builds one per format): bytes in,
 * a digest or an error out, never a crash, a leak or the network.
 */
#include <stdint.h>
#include <stdlib.h>

#include "analysis/digest/digest.h"
#include "analysis/trend/trend.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parse one input as FUZZ_FORMAT, and as HTML with XPath selectors. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct digest_options	 o = { .name = "fuzz", .date = 20161,
	    .base_url = "https://example.org/a/" };
	struct digest		*d;
	char			*cause = NULL;

	o.skip_bad = size > 0 && (data[0] & 1);
	d = digest_parse(FUZZ_FORMAT, (const char *)data, size, &o, &cause);
	digest_free(d);
	free(cause);
	if (FUZZ_FORMAT == FORMAT_HTML) {
		o.item_xpath = "//li|//article";
		o.title_xpath = ".//a";
		o.abstract_xpath = "string(.//p)";
		o.link_xpath = ".//a/@href";
		cause = NULL;
		d = digest_parse(FORMAT_HTML, (const char *)data, size, &o,
		    &cause);
		digest_free(d);
		free(cause);
	}
	return 0;
}
