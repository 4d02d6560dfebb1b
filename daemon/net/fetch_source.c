/*
 * What a fetch of a configured source asks for: its URL for a day (the
 * strftime fields of the URL filled in) and the request with the source's
 * timeout and size cap and the configured User-Agent. The daemon and
 * topic backfill both build their requests here; nothing here fetches.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "daemon/net/net.h"

/*
 * Whether URL template t carries a day as a strftime field (%d, %e, %j,
 * %F, %D, %x or %s, with glibc's flags, width and E/O modifiers), so that
 * each day has a URL of its own.
 */
int
fetch_url_dated(const char *t)
{
	const char	*p;

	for (p = strchr(t, '%'); p != NULL; p = strchr(p, '%')) {
		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		p += strspn(p, "_-0^#");
		p += strspn(p, "0123456789");
		if (*p == 'E' || *p == 'O')
			p++;
		if (*p != '\0' && strchr("dejFDxs", *p) != NULL)
			return 1;
	}
	return 0;
}

/* Fill the strftime fields of URL template t for tm into buf. */
void
fetch_url_expand(const char *t, const struct tm *tm, char *buf, size_t len)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (strftime(buf, len, t, tm) == 0)
		snprintf(buf, len, "%s", t);
#pragma GCC diagnostic pop
}

/* The URL of template t for day (a calendar day, no time zone). */
void
fetch_url_day(const char *t, day_t day, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 when = (time_t)day * 86400 + 12 * 3600;

	gmtime_r(&when, &tm);
	fetch_url_expand(t, &tm, buf, len);
}

/*
 * The request for url of source sc: its timeout and size cap, the
 * User-Agent ua (NULL: topicd's own); no validators, no body.
 */
void
fetch_request_source(struct fetch_request *rq, const struct source_conf *sc,
    const char *ua, const char *url)
{
	memset(rq, 0, sizeof *rq);
	rq->url = url;
	rq->user_agent = ua;
	fetch_limits_default(&rq->limits);
	rq->limits.timeout = (long)sc->timeout;
	if (rq->limits.connect_timeout > rq->limits.timeout)
		rq->limits.connect_timeout = rq->limits.timeout;
	rq->limits.max_body = (size_t)sc->max_size;
}
