/* Series: grouping known days into periods, and the three renderings. */
#include "unit.h"
#include "reports/reports.h"

static void
days_group_into_months_weeks_and_days(void **state)
{
	const char	*terms[] = { "mamba", "large language models" };
	struct series	 s;
	day_t		 days[3];
	int64_t		 papers[3] = { 10, 20, 5 };
	int64_t		 counts[6] = { 1, 2, 3, 4, 0, 5 };
	char		*out;

	(void)state;
	day_parse("2024-03-01", &days[0]);
	day_parse("2024-03-31", &days[1]);
	day_parse("2024-04-01", &days[2]);
	memset(&s, 0, sizeof s);
	s.by = SERIES_MONTH;
	s.nterms = 2;
	s.terms = terms;
	series_build(&s, days, papers, 3, counts);
	assert_int_equal(s.nperiods, 2);
	out = series_json(&s);
	assert_string_equal(out, "{\"by\":\"month\",\"periods\":["
	    "{\"period\":\"2024-03\",\"documents\":30,\"terms\":{\"mamba\":4,"
	    "\"large language models\":6}},{\"period\":\"2024-04\","
	    "\"documents\":5,\"terms\":{\"mamba\":0,\"large language models\":"
	    "5}}]}\n");
	free(out);
	series_clear(&s);
	s.by = SERIES_WEEK;
	series_build(&s, days, papers, 3, counts);
	assert_int_equal(s.nperiods, 3);
	assert_string_equal(s.periods[0], "2024-W09");
	assert_string_equal(s.periods[2], "2024-W14");
	series_clear(&s);
}

static void
csv_quotes_terms_that_need_it(void **state)
{
	const char	*terms[] = { "a,b", "say \"hi\"" };
	struct series	 s;
	day_t		 day = 19000;
	int64_t		 papers = 3, counts[2] = { 1, 2 };
	char		*out;

	(void)state;
	memset(&s, 0, sizeof s);
	s.by = SERIES_DAY;
	s.nterms = 2;
	s.terms = terms;
	series_build(&s, &day, &papers, 1, counts);
	out = series_csv(&s);
	assert_string_equal(out, "period,documents,\"a,b\",\"say \"\"hi\"\"\"\n"
	    "2022-01-08,3,1,2\n");
	free(out);
	series_clear(&s);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(days_group_into_months_weeks_and_days),
    cmocka_unit_test(csv_quotes_terms_that_need_it))
