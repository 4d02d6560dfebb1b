/*
 * topic rising: parses the options of the rising query (query_rising.c)
 * and prints its result as a table or JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

static const char rising_usage[] =
    "usage: topic rising [--at DATE] [--window 7d|auto] [--baseline 28d]\n"
    "                    [--background 365d] [--limit N]\n"
    "                    [--kind term|phrase|topic|all] [--min-count N]\n"
    "                    [--min-days N] [--fdr Q] [--min-g2 X]\n"
    "                    [--credible P] [--min-assoc X] [--falling]\n"
    "                    [--steady] [--json] [--db FILE] [--topics FILE]\n"
    "                    [--stopwords FILE]\n"
    "\n"
    "Ranks what the window ending at DATE (default: the last day with data)\n"
    "uses more than the baseline just before it, by the lower credible\n"
    "bound of the rise given each term's own history, with the counts a,\n"
    "N1, b, N2, Dunning's G2, the log2 ratio, a confidence label\n"
    "(significant or tentative) and example papers. Terms that rise in the\n"
    "same papers are one item. --steady lists steady risers instead\n"
    "(Mann-Kendall over 12 weekly shares). Durations: Nd or Nw; --window\n"
    "auto takes the shortest of 1, 2, 4, 8, 12 weeks with 1,000 papers and\n"
    "a baseline twice as long.\n";

/* Parse a duration option into *days, or say what is wrong. */
static int
rising_duration(const char *opt, const char *arg, int *days)
{
	if (duration_days(arg, days) != 0) {
		log_warnx("--%s %s: not a duration (a whole number of days "
		    "or weeks: 7d, 4w)", opt, arg);
		return -1;
	}
	return 0;
}

/* Handle --at (a), --window (w) or --baseline (b) into q; -1 if bad. */
int
rising_window_option(int c, const char *arg, struct rising_query *q)
{
	switch (c) {
	case 'a':
		return topic_day_option("at", arg, &q->at);
	case 'w':
		if (strcmp(arg, "auto") == 0) {
			q->window = 0;
			return 0;
		}
		return rising_duration("window", arg, &q->window);
	case 'b':
		return rising_duration("baseline", arg, &q->baseline);
	}
	return -1;
}

/*
 * Run query q on the database of the common options and print its report
 * rendered by render; returns the exit status.
 */
int
rising_command(const struct rising_query *q,
    char *(*render)(const struct rising_report *))
{
	struct rising_report	 r;
	struct store		*st = NULL;
	struct wordlist		*wl = NULL;
	struct tokenizer	*tk = NULL;
	struct topics		*topics = NULL;
	char			*cause = NULL;
	int			 rc = 1;

	if ((wl = topic_wordlist()) == NULL ||
	    (st = topic_store(STORE_READONLY)) == NULL)
		goto out;
	tk = tokenizer_new(wl);
	if ((topics = topic_topics(tk)) == NULL)
		goto out;
	if (rising_run(st, tk, topics, q, &r, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		goto out;
	}
	topic_print(render(&r));
	rising_report_clear(&r);
	rc = 0;
out:
	topics_free(topics);
	tokenizer_free(tk);
	store_close(st);
	wordlist_free(wl);
	return rc;
}

/* Parse a whole number option in [lo, hi]. */
static int
rising_number(const char *opt, const char *arg, long lo, long hi, long *out)
{
	char	*end;

	*out = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || *out < lo || *out > hi) {
		log_warnx("--%s %s: not a whole number from %ld to %ld", opt,
		    arg, lo, hi);
		return -1;
	}
	return 0;
}

/* Parse a non-negative real number option. */
static int
rising_real(const char *opt, const char *arg, double *out)
{
	char	*end;

	*out = strtod(arg, &end);
	if (*arg == '\0' || *end != '\0' || !(*out >= 0 && *out < 1e9)) {
		log_warnx("--%s %s: not a number >= 0", opt, arg);
		return -1;
	}
	return 0;
}

/* Parse the --kind name. */
static int
rising_kind(const char *arg, int *kind)
{
	int	 k;

	for (k = 0; k <= TERM_TOPIC; k++) {
		if (strcmp(arg, rising_kind_name(k)) == 0) {
			*kind = k;
			return 0;
		}
	}
	log_warnx("--kind %s: not term, phrase, topic or all", arg);
	return -1;
}

/* topic rising [options] */
int
cmd_rising(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "window", required_argument, NULL, 'w' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "background", required_argument, NULL, 'g' },
		{ "limit", required_argument, NULL, 'l' },
		{ "kind", required_argument, NULL, 'k' },
		{ "min-count", required_argument, NULL, 'm' },
		{ "min-days", required_argument, NULL, 'y' },
		{ "fdr", required_argument, NULL, 'q' },
		{ "min-g2", required_argument, NULL, 'G' },
		{ "credible", required_argument, NULL, 'P' },
		{ "min-assoc", required_argument, NULL, 'A' },
		{ "falling", no_argument, NULL, 'F' },
		{ "steady", no_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		TOPIC_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct rising_query	 q;
	char			*end;
	long			 num;
	int			 c, json = 0;

	rising_query_defaults(&q);
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (topic_common_option(c, optarg, rising_usage))
			continue;
		switch (c) {
		case 'a':
		case 'w':
		case 'b':
			if (rising_window_option(c, optarg, &q) != 0)
				return 1;
			break;
		case 'g':
			if (rising_duration("background", optarg,
			    &q.background) != 0)
				return 1;
			break;
		case 'l':
			if (rising_number("limit", optarg, 1, 10000, &num) != 0)
				return 1;
			q.limit = (size_t)num;
			break;
		case 'k':
			if (rising_kind(optarg, &q.kind) != 0)
				return 1;
			break;
		case 'm':
			if (rising_number("min-count", optarg, 1, 1000000,
			    &num) != 0)
				return 1;
			q.params.min_count = num;
			break;
		case 'y':
			if (rising_number("min-days", optarg, 1, 1000,
			    &num) != 0)
				return 1;
			q.params.min_days = (int)num;
			break;
		case 'q':
			q.params.fdr = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' ||
			    !(q.params.fdr > 0 && q.params.fdr <= 1)) {
				log_warnx("--fdr %s: not a rate in (0, 1]",
				    optarg);
				return 1;
			}
			break;
		case 'G':
			if (rising_real("min-g2", optarg,
			    &q.params.min_g2) != 0)
				return 1;
			break;
		case 'P':
			q.params.credible = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' ||
			    !(q.params.credible > 0 && q.params.credible < 1)) {
				log_warnx("--credible %s: not a level in (0, 1)",
				    optarg);
				return 1;
			}
			break;
		case 'A':
			if (rising_real("min-assoc", optarg,
			    &q.params.min_assoc) != 0)
				return 1;
			break;
		case 'F':
			q.params.falling = 1;
			break;
		case 's':
			q.steady = 1;
			break;
		case 'j':
			json = 1;
			break;
		}
	}
	if (optind != argc) {
		fputs(rising_usage, stderr);
		return 1;
	}
	return rising_command(&q, json ? rising_json : rising_text);
}
