/*
 * topic ingest: one snapshot per argument (a file, a compressed archive,
 * - for standard input, or an http, https or file URL). Reads the file or
 * fetches the URL (fetch.c), reads the clock, then hands the bytes to
 * the pipeline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

#define INGEST_MAX_FILE		(256UL << 20)	/* bytes read whole */
#define INGEST_MAX_STREAM	(900UL << 20)	/* read in pieces: SQLite
						   keeps a blob under 1e9 */
#define INGEST_MAX_TEXT		(1024UL << 20)	/* bytes once decompressed */

static const struct options_entry ingest_options[] = {
	{ .name = "format", .kind = OPTIONS_CHOICE, .flags = OPTIONS_CLI,
	  .arg = "auto|text|jsonl|rss|rdf|atom|hf-json|html",
	  .help = "the digest's format (default auto: sniffed)" },
	{ .name = "date", .kind = OPTIONS_DAY, .flags = OPTIONS_CLI,
	  .help = "the digest date when the digest has none (default "
	  "today); a date line without a year takes its year" },
	{ .name = "source", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .min = 1, .arg = "NAME",
	  .help = "the source it comes from (default \"local\")" },
	{ .name = "skip-bad", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "keep a JSONL archive's good lines, skip bad ones" },
	{ .name = "no-alerts", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "do not judge the config's alert rules (backfills)" },
	{ .name = "base-url", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .arg = "URL", .help = "what relative links resolve against "
	  "(default: the URL fetched)" },
	{ .name = "item-xpath", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .arg = "X", .help = "HTML: the nodes that are papers (default: the "
	  "huggingface.co/papers preset)" },
	{ .name = "title-xpath", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .arg = "X", .help = "HTML: an item's title, relative to it" },
	{ .name = "abstract-xpath", .kind = OPTIONS_STRING,
	  .flags = OPTIONS_CLI, .arg = "X",
	  .help = "HTML: an item's abstract, relative to it" },
	{ .name = "link-xpath", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .arg = "X", .help = "HTML: an item's link, relative to it" },
	{ .name = NULL }
};

/* Read a path or fetch a URL into *raw; 0, or -1 with *cause. */
static int
ingest_read(const char *arg, struct fetch_response *fr, char **raw,
    size_t *raw_len, size_t *max_text, char **cause)
{
	struct fetch_limits	 l;

	if (!fetch_is_url(arg)) {
		*max_text = INGEST_MAX_TEXT;
		return file_read(arg, INGEST_MAX_FILE, raw, raw_len, cause);
	}
	fetch_limits_default(&l);
	*max_text = l.max_body;
	if (fetch_url(arg, &l, fr, cause) != 0)
		return -1;
	*raw = fr->body;
	*raw_len = fr->len;
	fr->body = NULL;
	return 0;
}

/* Up to 4 KiB of the start of a file, decompressed (ingest_head). */
struct ingest_head {
	char	 p[4096];
	size_t	 n;
};

/* Keep the first decoded bytes (file_piece_fn). */
static int
ingest_head_add(void *arg, const char *p, size_t n, char **cause)
{
	struct ingest_head	*h = arg;

	(void)cause;
	if (n > sizeof h->p - h->n)
		n = sizeof h->p - h->n;
	memcpy(h->p + h->n, p, n);
	h->n += n;
	return 0;
}

/*
 * Open path to be ingested a piece at a time, when it is a JSONL file,
 * plain or gzip or xz compressed: *fs, else NULL (read it whole, which
 * also reports what is wrong with a file that cannot be decoded). An
 * archive of any size then costs the memory of a few pieces and two
 * days of papers.
 */
static int
ingest_stream(const char *path, enum digest_format format,
    struct file_stream **fs, char **cause)
{
	struct file_decoder	*dec;
	struct ingest_head	 text;
	char			 head[4096], *why = NULL;
	size_t			 n;

	if (file_stream_open(path, INGEST_MAX_STREAM, fs, cause) != 0)
		return -1;
	if (*fs == NULL)
		return 0;
	if (file_stream_read_at(*fs, 0, head, sizeof head, &n, cause) != 0) {
		file_stream_close(*fs);
		*fs = NULL;
		return -1;
	}
	memset(&text, 0, sizeof text);
	if ((dec = file_decoder_new(path, head, n, INGEST_MAX_TEXT,
	    &why)) == NULL || file_decoder_feed(dec, head, n, 0,
	    ingest_head_add, &text, &why) != 0)
		text.n = 0;
	free(why);
	file_decoder_free(dec);
	/* UTF-16 (NUL bytes) is converted whole, by the other path. */
	if (text.n == 0 || memchr(text.p, '\0', text.n) != NULL ||
	    (format != FORMAT_JSONL && (format != FORMAT_AUTO ||
	    digest_sniff(text.p, text.n) != FORMAT_JSONL))) {
		file_stream_close(*fs);
		*fs = NULL;
	}
	return 0;
}

/* Ingest one path or URL, then judge the alert rules of c (unless NULL). */
static int
ingest_one(struct pipeline *p, const char *path, struct ingest_request *rq,
    const struct config *c)
{
	struct ingest_result	 res;
	struct fetch_response	 fr;
	struct file_stream	*fs = NULL;
	struct progress		*pg;
	char			*raw = NULL, *text = NULL, *cause = NULL;
	char			 a[11], b[11], upd[64];
	const char		*base = rq->base_url;
	size_t			 raw_len, text_len, max_text, changes;
	int			 rc = -1;

	memset(&fr, 0, sizeof fr);
	rq->origin = strcmp(path, "-") == 0 ? "(stdin)" : path;
	if (!fetch_is_url(path) && ingest_stream(path, rq->format, &fs,
	    &cause) != 0)
		goto out;
	if (fs != NULL) {
		pg = progress_new(rq->origin, file_stream_size(fs), 1);
		pipeline_set_progress(p, pg);
		rc = pipeline_ingest_file(p, rq, fs, &res, &cause);
		pipeline_set_progress(p, NULL);
		progress_end(pg);
	}
	else {
		if (ingest_read(path, &fr, &raw, &raw_len, &max_text,
		    &cause) != 0 ||
		    file_decompress(path, raw, raw_len, max_text, &text,
		    &text_len, &cause) != 0)
			goto out;
		rq->raw = raw;
		rq->raw_len = raw_len;
		rq->text = text != NULL ? text : raw;
		rq->text_len = text != NULL ? text_len : raw_len;
		rq->content_type = fr.content_type;
		rq->etag = fr.etag;
		rq->last_modified = fr.last_modified;
		if (rq->base_url == NULL && fetch_is_url(path))
			rq->base_url = fr.url != NULL ? fr.url : path;
		rc = pipeline_ingest(p, rq, &res, &cause);
		rq->base_url = base;
		rq->content_type = rq->etag = rq->last_modified = NULL;
	}
	if (rc != 0)
		goto out;
	if (res.unchanged) {
		printf("%s: unchanged: stored before as snapshot %lld\n",
		    rq->origin, (long long)res.snapshot_id);
		goto out;
	}
	if (res.first_day == DAY_NONE) {
		printf("%s: snapshot %lld: no papers\n", rq->origin,
		    (long long)res.snapshot_id);
		goto out;
	}
	day_format(res.first_day, a);
	day_format(res.last_day, b);
	*upd = '\0';
	if (res.updates > 0)
		snprintf(upd, sizeof upd, " (%zu updated)", res.updates);
	printf("%s: snapshot %lld: %zu papers, %zu new%s, on %zu day%s "
	    "(%s%s%s)\n", rq->origin, (long long)res.snapshot_id, res.entries,
	    res.new_papers, upd, res.days, res.days == 1 ? "" : "s", a,
	    res.first_day == res.last_day ? "" : " to ",
	    res.first_day == res.last_day ? "" : b);
	if (pipeline_alerts(p, c, &res, rq->now, &changes, &cause) != 0)
		rc = -1;
out:
	log_cause(cause);
	fetch_response_free(&fr);
	file_stream_close(fs);
	free(raw);
	free(text);
	return rc;
}

/* topic ingest [options] PATH... */
static int
cmd_ingest(struct options_values *ov, int argc, char **argv)
{
	struct ingest_request	 rq;
	struct topic_reader	 w;
	struct config		*conf = NULL;
	struct tm		 tm;
	int			 i, failed = 0;

	memset(&rq, 0, sizeof rq);
	rq.source = options_str(ov, "source", "local");
	rq.format = FORMAT_AUTO;
	(void)digest_format_from_name(options_str(ov, "format", "auto"),
	    &rq.format);
	rq.date = (day_t)options_num(ov, "date", DAY_NONE);
	rq.now = time(NULL);
	rq.skip_bad = options_flag(ov, "skip-bad");
	rq.base_url = options_str(ov, "base-url", NULL);
	rq.item_xpath = options_str(ov, "item-xpath", NULL);
	rq.title_xpath = options_str(ov, "title-xpath", NULL);
	rq.abstract_xpath = options_str(ov, "abstract-xpath", NULL);
	rq.link_xpath = options_str(ov, "link-xpath", NULL);
	if (rq.item_xpath == NULL && (rq.title_xpath != NULL ||
	    rq.abstract_xpath != NULL || rq.link_xpath != NULL)) {
		log_warnx("--title-xpath, --abstract-xpath and --link-xpath "
		    "need --item-xpath");
		return 1;
	}
	if (rq.date == DAY_NONE) {
		localtime_r(&rq.now, &tm);
		day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		    &rq.date);
	}
	if (topic_reader_open(&w, TOPIC_WRITE) != 0) {
		topic_reader_close(&w);
		return 1;
	}
	if (!options_flag(ov, "no-alerts"))
		conf = topic_config();
	for (i = 0; i < argc; i++)
		failed |= ingest_one(w.p, argv[i], &rq, conf) != 0;
	topic_deliver(w.st, conf);
	topic_reader_close(&w);
	return failed ? 1 : 0;
}

const struct cmd_entry cmd_ingest_entry = {
	"ingest", "PATH|URL...", 1, -1,
	"store digests: files, archives or -",
	"Stores each PATH (- for standard input) or http://, https:// or\n"
	"file:// URL as one snapshot of the source and counts its new papers.\n"
	"gzip and xz files are decompressed.\n",
	ingest_options, cmd_ingest
};
