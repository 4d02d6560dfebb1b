/*
 * topic series: per period, each term's papers and the period's papers.
 * A term is looked up the way the tokenizer writes it, so "large language
 * models" finds the phrase; a term never seen counts 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

/* topic series [options] TERM... */
static int
cmd_series(struct options_values *ov, int argc, char **argv)
{
	struct series	 s;
	struct topic_reader rd;
	day_t		 from, to;
	char		*cause = NULL;
	int		 json, csv, rc = 1;

	json = options_flag(ov, "json");
	csv = options_flag(ov, "csv");
	if (json && csv)
		return topic_usage_error(&cmd_series_entry);
	memset(&s, 0, sizeof s);
	s.by = (enum series_by)options_num(ov, "by", SERIES_MONTH);
	from = (day_t)options_num(ov, "from", DAY_NONE);
	to = (day_t)options_num(ov, "to", DAY_NONE);
	if (topic_day_range(from, to) != 0)
		return 1;
	if (from == DAY_NONE)
		from = INT32_MIN + 1;
	if (to == DAY_NONE)
		to = INT32_MAX;
	if (topic_reader_open(&rd, 0) != 0)
		goto out;
	s.nterms = (size_t)argc;
	s.terms = (const char **)argv;
	if (query_series(rd.st, rd.tk, from, to, &s, &cause) != 0)
		goto out;
	topic_print(json ? series_json(&s) : csv ? series_csv(&s) :
	    series_text(&s));
	rc = 0;
out:
	log_cause(cause);
	series_clear(&s);
	topic_reader_close(&rd);
	return rc;
}

const struct cmd_entry cmd_series_entry = {
	"series", "TERM...", 1, -1,
	"counts of terms per day, week or month",
	"Prints, per period, the papers that use each TERM (a word or a phrase\n"
	"of two or three words) and the period's papers. Periods without a\n"
	"known day are left out. Default: --by month over every known day.\n",
	options_series, cmd_series
};
