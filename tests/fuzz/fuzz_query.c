/*
 * libFuzzer harness for the HTTP interface's request parsing
 * (daemon/query/options.c, daemon/topicd/api.c): any bytes as a query
 * string go through libevent's decoder and our checks, then every
 * endpoint's parameter table, and never crash or leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/topicd/topicd.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parse one input as a query string and check it as each endpoint would. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct options_entry *const tables[] = { options_rising,
	    options_topics, options_search, options_series, options_report,
	    options_none };
	struct options_values	*ov;
	struct api_series_args	 a;
	struct options_query	 q;
	char			*s, *cause = NULL;
	size_t			 i;

	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (options_query_parse(s, &q, &cause) == 0) {
		for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
			ov = options_values_new(tables[i]);
			if (options_query_values(&q, ov, &cause) != 0) {
				free(cause);
				cause = NULL;
			}
			options_values_free(ov);
		}
		if (api_series_args(&q, 20161, &a, &cause) != 0) {
			free(cause);
			cause = NULL;
		}
		options_query_clear(&q);
	}
	free(cause);
	free(s);
	return 0;
}
