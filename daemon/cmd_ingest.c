/*
 * topic ingest: one snapshot per argument (a file, a compressed archive,
 * or - for standard input). Reads the file and the clock, then hands the
 * bytes to the pipeline.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "topicd.h"

#define INGEST_MAX_FILE		(256UL << 20)	/* bytes read */
#define INGEST_MAX_TEXT		(1024UL << 20)	/* bytes once decompressed */

static const char ingest_usage[] =
    "usage: topic ingest [--format auto|text|jsonl] [--date YYYY-MM-DD]\n"
    "                    [--source NAME] [--skip-bad] [--db FILE] PATH...\n"
    "\n"
    "Stores each PATH (- for standard input) as one snapshot of the source\n"
    "and counts its new papers. gzip and xz files are decompressed.\n"
    "  --format F     the digest format (default auto: sniffed)\n"
    "  --date D       the digest date (default today); a date line\n"
    "                 without a year takes its year\n"
    "  --source NAME  the source it comes from (default \"local\")\n"
    "  --skip-bad     keep a JSONL archive's good lines, skip bad ones\n";

/* Ingest one path; 0 or -1 (already reported). */
static int
ingest_one(struct pipeline *p, const char *path, struct ingest_request *rq)
{
	struct ingest_result	 res;
	char			*raw = NULL, *text = NULL, *cause = NULL;
	char			 a[11], b[11];
	size_t			 raw_len, text_len;
	int			 rc = -1;

	if (file_read(path, INGEST_MAX_FILE, &raw, &raw_len, &cause) != 0 ||
	    file_decompress(path, raw, raw_len, INGEST_MAX_TEXT, &text,
	    &text_len, &cause) != 0)
		goto out;
	rq->origin = strcmp(path, "-") == 0 ? "(stdin)" : path;
	rq->raw = raw;
	rq->raw_len = raw_len;
	rq->text = text != NULL ? text : raw;
	rq->text_len = text != NULL ? text_len : raw_len;
	if (pipeline_ingest(p, rq, &res, &cause) != 0)
		goto out;
	if (res.unchanged) {
		printf("%s: unchanged: stored before as snapshot %lld\n",
		    rq->origin, (long long)res.snapshot_id);
		rc = 0;
		goto out;
	}
	if (res.first_day == DAY_NONE) {
		printf("%s: snapshot %lld: no papers\n", rq->origin,
		    (long long)res.snapshot_id);
		rc = 0;
		goto out;
	}
	day_format(res.first_day, a);
	day_format(res.last_day, b);
	printf("%s: snapshot %lld: %zu papers, %zu new, on %zu day%s "
	    "(%s%s%s)\n", rq->origin, (long long)res.snapshot_id, res.entries,
	    res.new_papers, res.days, res.days == 1 ? "" : "s", a,
	    res.first_day == res.last_day ? "" : " to ",
	    res.first_day == res.last_day ? "" : b);
	rc = 0;
out:
	if (cause != NULL) {
		log_warnx("%s", cause);
		free(cause);
	}
	free(raw);
	free(text);
	return rc;
}

/* topic ingest [options] PATH... */
int
cmd_ingest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "date", required_argument, NULL, 'd' },
		{ "source", required_argument, NULL, 's' },
		{ "skip-bad", no_argument, NULL, 'k' },
		TOPIC_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct ingest_request	 rq;
	struct store		*st = NULL;
	struct wordlist		*wl = NULL;
	struct pipeline		*p = NULL;
	struct topics		*topics;
	struct tm		 tm;
	int			 c, i, failed = 0;

	memset(&rq, 0, sizeof rq);
	rq.source = "local";
	rq.format = FORMAT_AUTO;
	rq.date = DAY_NONE;
	rq.now = time(NULL);
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (topic_common_option(c, optarg, ingest_usage))
			continue;
		switch (c) {
		case 'F':
			if (digest_format_from_name(optarg, &rq.format) != 0) {
				log_warnx("unknown format \"%s\" (auto, text, "
				    "jsonl)", optarg);
				return 1;
			}
			break;
		case 'd':
			if (day_parse(optarg, &rq.date) != 0) {
				log_warnx("--date %s: not a date YYYY-MM-DD",
				    optarg);
				return 1;
			}
			break;
		case 's':
			if (*optarg == '\0') {
				log_warnx("--source: empty name");
				return 1;
			}
			rq.source = optarg;
			break;
		case 'k':
			rq.skip_bad = 1;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		fputs(ingest_usage, stderr);
		return 1;
	}
	if (rq.date == DAY_NONE) {
		localtime_r(&rq.now, &tm);
		day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		    &rq.date);
	}
	if ((wl = topic_wordlist()) == NULL || (st = topic_store(0)) == NULL)
		goto fail;
	if ((p = pipeline_new(st, wl)) == NULL) {
		log_warnx("cannot start the English stemmer");
		goto fail;
	}
	if ((topics = topic_topics(pipeline_tokenizer(p))) == NULL)
		goto fail;
	pipeline_set_topics(p, topics);
	for (i = 0; i < argc; i++)
		failed |= ingest_one(p, argv[i], &rq) != 0;
	pipeline_free(p);
	store_close(st);
	wordlist_free(wl);
	return failed ? 1 : 0;
fail:
	pipeline_free(p);
	store_close(st);
	wordlist_free(wl);
	return 1;
}
