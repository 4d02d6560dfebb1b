/*
 * topic report: the weekly trend report of an ISO week (--week) or of the
 * 7 days ending a day (--at; default: the last day with data), printed in
 * one format or written in several, with its charts, into a folder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

/* topic report [--week W | --at D] [--format F]... [-o DIR] */
static int
cmd_report(struct options_values *ov, int argc, char **argv)
{
	struct report	 r;
	struct topic_reader rd;
	const char	*dir = options_str(ov, "output", NULL);
	day_t		 from = DAY_NONE, to = DAY_NONE;
	char		*cause = NULL, *text;
	int		 f, formats, rc = 1;

	(void)argc;
	(void)argv;
	memset(&r, 0, sizeof r);
	if (options_flag(ov, "week") && options_flag(ov, "at")) {
		log_warnx("give --week or --at, not both");
		return 1;
	}
	if ((from = (day_t)options_num(ov, "week", DAY_NONE)) != DAY_NONE)
		to = from + 6;
	if ((to = (day_t)options_num(ov, "at", to)) != DAY_NONE)
		from = to - 6;
	formats = (int)options_num(ov, "format", 0);
	if (topic_reader_open(&rd, TOPIC_READ_TOPICS) != 0)
		goto out;
	if (to == DAY_NONE) {
		if (store_last_day(rd.st, &to, &cause) != 0)
			goto out;
		if (to == DAY_NONE) {
			cause = xstrdup("the database holds no day yet");
			goto out;
		}
		from = to - 6;
	}
	if (report_build(rd.st, rd.tk, rd.topics, from, to, &r, &cause) != 0)
		goto out;
	if (dir != NULL) {
		rc = report_write(rd.st, &r, formats ? formats :
		    (1 << REPORT_NFORMATS) - 1, dir, 1, &cause) == 0 ? 0 : 1;
		goto out;
	}
	for (f = 0; f < REPORT_NFORMATS && !(formats & (1 << f)); f++)
		;
	text = report_render(&r, f == REPORT_NFORMATS ? REPORT_TEXT : f);
	topic_print(text);
	rc = 0;
out:
	log_cause(cause);
	report_clear(&r);
	topic_reader_close(&rd);
	return rc;
}

const struct cmd_entry cmd_report_entry = {
	"report", "", 0, 0,
	"the weekly trend report, with charts",
	"The week's volume and sources' health, rising topics and emerging\n"
	"clusters (with sparklines and example papers), new terms, falling\n"
	"topics, steady risers and alerts, for the ISO week (--week) or the 7\n"
	"days ending at --at. Without -o, one format (default text) goes to\n"
	"standard output; with -o DIR, each --format given (default: all four)\n"
	"is written to DIR/report-WEEK.EXT, the HTML with its charts inline\n"
	"(drawn by gnuplot).\n",
	options_report, cmd_report
};
