/*
 * A configured source's answer into the pipeline: the bytes a fetch
 * brought, decompressed within the source's size cap and stored as the
 * snapshot of one digest day with the source's format and selectors. The
 * daemon (today's digest) and topic backfill (past days) both store here.
 */
#include <stdlib.h>
#include <string.h>

#include "daemon/ingest/ingest.h"
#include "daemon/sys/sys.h"

/*
 * Store response r of a fetch of source sc as its snapshot of day date,
 * at time now: 0 (res says whether it was new), or -1 with *cause if the
 * bytes are not a digest or the store fails.
 */
int
pipeline_ingest_fetched(struct pipeline *p, const struct source_conf *sc,
    const struct fetch_response *r, day_t date, time_t now,
    struct ingest_result *res, char **cause)
{
	struct ingest_request	 rq;
	char			*text = NULL;
	size_t			 text_len;
	int			 rc;

	memset(res, 0, sizeof *res);
	memset(&rq, 0, sizeof rq);
	rq.source = sc->name;
	rq.origin = sc->url;
	rq.raw = r->body != NULL ? r->body : "";
	rq.raw_len = r->len;
	rq.format = sc->format;
	rq.date = date;
	rq.now = now;
	rq.etag = r->etag;
	rq.last_modified = r->last_modified;
	rq.content_type = r->content_type;
	rq.base_url = r->url != NULL ? r->url : sc->url;
	rq.item_xpath = sc->item_xpath;
	rq.title_xpath = sc->title_xpath;
	rq.abstract_xpath = sc->abstract_xpath;
	rq.link_xpath = sc->link_xpath;
	if (file_decompress(sc->url, rq.raw, rq.raw_len, (size_t)sc->max_size,
	    &text, &text_len, cause) != 0)
		return -1;
	rq.text = text != NULL ? text : rq.raw;
	rq.text_len = text != NULL ? text_len : rq.raw_len;
	rc = pipeline_ingest(p, &rq, res, cause);
	free(text);
	return rc;
}
