/*
 * topic chart: charts drawn by gnuplot into a folder. With --series, one
 * chart of any terms over time: series.dat, series.gp and series.png (or
 * .svg).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

static const char chart_usage[] =
    "usage: topic chart [--at DATE] [--format png|svg] -o DIR\n"
    "       topic chart --series [--by day|week|month] [--from DATE]\n"
    "                   [--to DATE] [--counts] [--format png|svg] -o DIR\n"
    "                   TERM...\n"
    "\n"
    "Draws, with gnuplot, into DIR: the weekly share of the top rising\n"
    "items over half a year (share), the week's rising items as bars\n"
    "(rising) and a heat map of topics by week (topics), for the 7 days\n"
    "ending at DATE (default: the last day with data). With --series, the\n"
    "share of papers using each TERM per period (--counts: the papers)\n"
    "into series. Each chart is NAME.png or .svg beside its data (.dat)\n"
    "and gnuplot script (.gp).\n";

/* The report's three charts of the week ending at day to. */
static int
chart_week_write(struct store *st, struct tokenizer *tk, day_t to,
    const char *format, const char *dir)
{
	static const char *names[] = { "share", "rising", "topics" };
	struct report	 r;
	struct topics	*topics;
	char		*cause = NULL;
	int		 drawn, i, rc = 1;

	if ((topics = topic_topics(tk)) == NULL)
		return 1;
	if (to == DAY_NONE && store_last_day(st, &to, &cause) != 0)
		goto out;
	if (to == DAY_NONE) {
		cause = xstrdup("the database holds no day yet");
		goto out;
	}
	if (report_build(st, tk, topics, to - 6, to, &r, &cause) != 0)
		goto out;
	drawn = report_charts(st, &r, format, dir, &cause);
	for (i = 0; i < 3; i++) {
		char	*path;

		xasprintf(&path, "%s/%s.%s", dir, names[i], format);
		if (access(path, F_OK) == 0)
			printf("%s\n", path);
		free(path);
	}
	report_clear(&r);
	rc = drawn == 3 ? 0 : 1;
out:
	if (cause != NULL) {
		log_warnx("%s", cause);
		free(cause);
	}
	topics_free(topics);
	return rc;
}

/* The chart of terms over time. */
static int
chart_series_write(struct store *st, struct tokenizer *tk, struct series *s,
    day_t from, day_t to, int counts, const char *format, const char *dir)
{
	struct chart_spec	 c;
	char			*data = NULL, *script = NULL, *cause = NULL;
	char			 title[128];
	int			 rc = 1;

	if (query_series(st, tk, from, to, s, &cause) != 0)
		goto out;
	if (s->nperiods == 0) {
		cause = xstrdup("no known day in the range: nothing to draw");
		goto out;
	}
	snprintf(title, sizeof title, "%s, by %s, %s to %s", counts ?
	    "Papers using each term" : "Share of papers using each term",
	    series_by_name(s->by), s->periods[0],
	    s->periods[s->nperiods - 1]);
	c.name = "series";
	c.format = format;
	c.title = title;
	if (chart_lines(&c, s, !counts, &data, &script) != 0) {
		cause = xstrdup("cannot draw these terms");
		goto out;
	}
	if (plot_write(dir, &c, data, script, &cause) != 0)
		goto out;
	printf("%s/series.%s\n", dir, format);
	rc = 0;
out:
	if (cause != NULL) {
		log_warnx("%s", cause);
		free(cause);
	}
	free(data);
	free(script);
	return rc;
}

/* topic chart --series [options] -o DIR TERM... */
int
cmd_chart(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "series", no_argument, NULL, 'S' },
		{ "at", required_argument, NULL, 'a' },
		{ "by", required_argument, NULL, 'b' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "counts", no_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		TOPIC_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct series	 s;
	struct store	*st = NULL;
	struct wordlist	*wl = NULL;
	struct tokenizer *tk = NULL;
	const char	*format = "png", *dir = NULL;
	day_t		 from = DAY_NONE, to = DAY_NONE, at = DAY_NONE;
	int		 c, series = 0, counts = 0, rc = 1;

	memset(&s, 0, sizeof s);
	s.by = SERIES_MONTH;
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (topic_common_option(c, optarg, chart_usage))
			continue;
		switch (c) {
		case 'S':
			series = 1;
			break;
		case 'a':
			if (topic_day_option("at", optarg, &at) != 0)
				return 1;
			break;
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
		case 'c':
			counts = 1;
			break;
		case 'F':
			if (strcmp(optarg, "png") != 0 &&
			    strcmp(optarg, "svg") != 0) {
				log_warnx("--format %s: not png or svg", optarg);
				return 1;
			}
			format = optarg;
			break;
		case 'o':
			dir = optarg;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (dir == NULL || (series && argc == 0) || (!series && argc > 0)) {
		fputs(chart_usage, stderr);
		return 1;
	}
	if (topic_day_range(from, to) != 0)
		return 1;
	if ((wl = topic_wordlist()) == NULL ||
	    (st = topic_store(STORE_READONLY)) == NULL)
		goto out;
	tk = tokenizer_new(wl);
	if (!series) {
		rc = chart_week_write(st, tk, at, format, dir);
		goto out;
	}
	s.nterms = (size_t)argc;
	s.terms = (const char **)argv;
	rc = chart_series_write(st, tk, &s, from == DAY_NONE ? INT32_MIN + 1 :
	    from, to == DAY_NONE ? INT32_MAX : to, counts, format, dir);
out:
	series_clear(&s);
	tokenizer_free(tk);
	store_close(st);
	wordlist_free(wl);
	return rc;
}
