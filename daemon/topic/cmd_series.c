/*
 * topic series: per period, each term's papers and the period's papers.
 * A term is looked up the way the tokenizer writes it, so "large language
 * models" finds the phrase; a term never seen counts 0.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

static const char series_usage[] =
    "usage: topic series [--by day|week|month] [--from DATE] [--to DATE]\n"
    "                    [--json | --csv] [--db FILE] TERM...\n"
    "\n"
    "Prints, per period, the papers that use each TERM (a word or a phrase\n"
    "of two or three words) and the period's papers. Periods without a\n"
    "known day are left out. Default: --by month over every known day.\n";

/* topic series [options] TERM... */
int
cmd_series(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		TOPIC_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct series	 s;
	struct store	*st = NULL;
	struct wordlist	*wl = NULL;
	struct tokenizer *tk = NULL;
	day_t		 from, to;
	char		*cause = NULL;
	int		 c, json = 0, csv = 0, rc = 1;

	memset(&s, 0, sizeof s);
	s.by = SERIES_MONTH;
	from = to = DAY_NONE;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (topic_common_option(c, optarg, series_usage))
			continue;
		switch (c) {
		case 'b':
			if (series_by_from_name(optarg, &s.by) != 0) {
				log_warnx("--by %s: not day, week or month",
				    optarg);
				return 1;
			}
			break;
		case 'f':
		case 't':
			if (topic_day_option(c == 'f' ? "from" : "to", optarg,
			    c == 'f' ? &from : &to) != 0)
				return 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'c':
			csv = 1;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 || (json && csv)) {
		fputs(series_usage, stderr);
		return 1;
	}
	if (topic_day_range(from, to) != 0)
		return 1;
	if (from == DAY_NONE)
		from = INT32_MIN + 1;
	if (to == DAY_NONE)
		to = INT32_MAX;
	if ((wl = topic_wordlist()) == NULL ||
	    (st = topic_store(STORE_READONLY)) == NULL)
		goto out;
	tk = tokenizer_new(wl);
	s.nterms = (size_t)argc;
	s.terms = (const char **)argv;
	if (query_series(st, tk, from, to, &s, &cause) != 0)
		goto out;
	topic_print(json ? series_json(&s) : csv ? series_csv(&s) :
	    series_text(&s));
	rc = 0;
out:
	if (cause != NULL) {
		log_warnx("%s", cause);
		free(cause);
	}
	series_clear(&s);
	tokenizer_free(tk);
	store_close(st);
	wordlist_free(wl);
	return rc;
}
