/*
 * libFuzzer harness for the HTTP interface's request parsing
 * (reports/api_request.c): any bytes as a query string go through the decoder
 * and every endpoint's parameter checks, and never crash or leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/reports.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parse one input as a query string and check it as each endpoint would. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const none[] = { NULL };
	struct api_series_args	 a;
	struct api_query	 q;
	char			*s, *cause = NULL;
	const char		*w;
	day_t			 monday;

	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (api_query_parse(s, &q, &cause) == 0) {
		if (api_series_args(&q, 20161, &a, &cause) != 0) {
			free(cause);
			cause = NULL;
		}
		if (api_query_check(&q, none, &cause) != 0) {
			free(cause);
			cause = NULL;
		}
		if ((w = api_query_get(&q, "week")) != NULL)
			(void)api_week_parse(w, &monday);
		api_query_clear(&q);
	}
	free(cause);
	free(s);
	return 0;
}
