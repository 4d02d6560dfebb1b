/*
 * topic report: the weekly trend report of an ISO week (--week) or of the
 * 7 days ending a day (--at; default: the last day with data), printed in
 * one format or written in several, with its charts, into a folder.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

static const char report_usage[] =
    "usage: topic report [--week YYYY-Www | --at DATE]\n"
    "                    [--format text|md|json|html]... [-o DIR]\n"
    "\n"
    "The week's volume and sources' health, rising topics and emerging\n"
    "clusters (with sparklines and example papers), new terms, falling\n"
    "topics, steady risers and alerts. Without -o, one format (default\n"
    "text) goes to standard output; with -o DIR, each --format given\n"
    "(default: all four) is written to DIR/report-WEEK.EXT, the HTML with\n"
    "its charts inline (drawn by gnuplot).\n";

/* Parse "2025-W09" into the Monday and Sunday of that ISO week. */
static int
report_week_option(const char *arg, day_t *from, day_t *to)
{
	int	 y, w, n = 0;
	char	 check[9];

	if (sscanf(arg, "%4d-W%2d%n", &y, &w, &n) != 2 || arg[n] != '\0' ||
	    w < 1 || w > 53)
		return -1;
	if ((*from = day_iso_week_start(y, w)) == DAY_NONE)
		return -1;
	day_format_week(*from, check);
	if (strcmp(check, arg) != 0)
		return -1;	/* week 53 of a year that has 52 */
	*to = *from + 6;
	return 0;
}

/* topic report [--week W | --at D] [--format F]... [-o DIR] */
int
cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "week", required_argument, NULL, 'w' },
		{ "at", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		TOPIC_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct report	 r;
	struct store	*st = NULL;
	struct wordlist	*wl = NULL;
	struct tokenizer *tk = NULL;
	struct topics	*topics = NULL;
	const char	*dir = NULL;
	day_t		 from = DAY_NONE, to = DAY_NONE;
	char		*cause = NULL, *text;
	int		 c, f, formats = 0, nformats = 0, rc = 1;

	memset(&r, 0, sizeof r);
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (topic_common_option(c, optarg, report_usage))
			continue;
		switch (c) {
		case 'w':
			if (report_week_option(optarg, &from, &to) != 0) {
				log_warnx("--week %s: not an ISO week "
				    "(YYYY-Www, like 2025-W09)", optarg);
				return 1;
			}
			break;
		case 'a':
			if (topic_day_option("at", optarg, &to) != 0)
				return 1;
			from = to - 6;
			break;
		case 'F':
			if ((f = report_format_from_name(optarg)) < 0) {
				log_warnx("--format %s: not text, md, json or "
				    "html", optarg);
				return 1;
			}
			formats |= 1 << f;
			nformats++;
			break;
		case 'o':
			dir = optarg;
			break;
		}
	}
	if (optind != argc) {
		fputs(report_usage, stderr);
		return 1;
	}
	if (dir == NULL && nformats > 1) {
		log_warnx("several formats need -o DIR");
		return 1;
	}
	if ((wl = topic_wordlist()) == NULL ||
	    (st = topic_store(STORE_READONLY)) == NULL)
		goto out;
	tk = tokenizer_new(wl);
	if ((topics = topic_topics(tk)) == NULL)
		goto out;
	if (to == DAY_NONE) {
		if (store_last_day(st, &to, &cause) != 0)
			goto out;
		if (to == DAY_NONE) {
			cause = xstrdup("the database holds no day yet");
			goto out;
		}
		from = to - 6;
	}
	if (report_build(st, tk, topics, from, to, &r, &cause) != 0)
		goto out;
	if (dir != NULL) {
		rc = report_write(st, &r, formats ? formats :
		    (1 << REPORT_NFORMATS) - 1, dir, 1, &cause) == 0 ? 0 : 1;
		goto out;
	}
	for (f = 0; f < REPORT_NFORMATS && !(formats & (1 << f)); f++)
		;
	text = report_render(&r, f == REPORT_NFORMATS ? REPORT_TEXT : f);
	topic_print(text);
	rc = 0;
out:
	if (cause != NULL) {
		log_warnx("%s", cause);
		free(cause);
	}
	report_clear(&r);
	topics_free(topics);
	tokenizer_free(tk);
	store_close(st);
	wordlist_free(wl);
	return rc;
}
