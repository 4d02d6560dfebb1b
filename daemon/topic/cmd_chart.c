/*
 * topic chart: charts drawn by gnuplot into a folder. With --series, one
 * chart of any terms over time: series.dat, series.gp and series.png (or
 * .svg).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

static const struct options_entry chart_options[] = {
	{ .name = "series", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "one chart of TERMs over time instead" },
	{ .name = "at", .kind = OPTIONS_DAY, .flags = OPTIONS_CLI,
	  .help = "the last of the week's 7 days (default: the last day with "
	  "data)" },
	OPTIONS_BY_ENTRY(OPTIONS_CLI),
	OPTIONS_RANGE_ENTRIES(OPTIONS_CLI),
	{ .name = "counts", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "papers, not shares (--by, --from, --to and --counts are "
	  "for --series)" },
	{ .name = "format", .kind = OPTIONS_CHOICE, .flags = OPTIONS_CLI,
	  .arg = "png|svg", .help = "the image format (default png)" },
	{ .name = "output", .letter = 'o', .kind = OPTIONS_STRING,
	  .flags = OPTIONS_CLI, .arg = "DIR",
	  .help = "the folder drawn into (required)" },
	{ .name = NULL }
};

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
	log_cause(cause);
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
	log_cause(cause);
	free(data);
	free(script);
	return rc;
}

/* topic chart --series [options] -o DIR TERM... */
static int
cmd_chart(struct options_values *ov, int argc, char **argv)
{
	struct series	 s;
	struct topic_reader rd;
	const char	*format, *dir;
	day_t		 from, to, at;
	int		 series, counts, rc = 1;

	series = options_flag(ov, "series");
	counts = options_flag(ov, "counts");
	format = options_str(ov, "format", "png");
	dir = options_str(ov, "output", NULL);
	from = (day_t)options_num(ov, "from", DAY_NONE);
	to = (day_t)options_num(ov, "to", DAY_NONE);
	at = (day_t)options_num(ov, "at", DAY_NONE);
	memset(&s, 0, sizeof s);
	s.by = (enum series_by)options_num(ov, "by", SERIES_MONTH);
	if (dir == NULL || (series && argc == 0) || (!series && argc > 0))
		return topic_usage_error(&cmd_chart_entry);
	if (topic_day_range(from, to) != 0)
		return 1;
	if (topic_reader_open(&rd, 0) != 0)
		goto out;
	if (!series) {
		rc = chart_week_write(rd.st, rd.tk, at, format, dir);
		goto out;
	}
	s.nterms = (size_t)argc;
	s.terms = (const char **)argv;
	rc = chart_series_write(rd.st, rd.tk, &s, from == DAY_NONE ? INT32_MIN + 1 :
	    from, to == DAY_NONE ? INT32_MAX : to, counts, format, dir);
out:
	series_clear(&s);
	topic_reader_close(&rd);
	return rc;
}

const struct cmd_entry cmd_chart_entry = {
	"chart", "[TERM...]", 0, -1,
	"charts drawn by gnuplot",
	"Draws, with gnuplot, into DIR: the weekly share of the top rising\n"
	"items over half a year (share), the week's rising items as bars\n"
	"(rising) and a heat map of topics by week (topics), for the 7 days\n"
	"ending at DATE (default: the last day with data). With --series, the\n"
	"share of papers using each TERM per period (--counts: the papers)\n"
	"into series. Each chart is NAME.png or .svg beside its data (.dat)\n"
	"and gnuplot script (.gp).\n",
	chart_options, cmd_chart
};
