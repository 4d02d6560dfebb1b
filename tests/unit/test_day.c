/* Days as integers: parsing, formatting, ISO weeks. */
#include "unit.h"

static void
day_zero_is_the_unix_epoch(void **state)
{
	day_t	 d;
	char	 buf[11];

	(void)state;
	assert_int_equal(day_from_ymd(1970, 1, 1, &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(day_parse("2025-03-14", &d), 0);
	assert_int_equal(d, 20161);
	day_format(d, buf);
	assert_string_equal(buf, "2025-03-14");
}

static void
day_round_trips_every_day_of_four_centuries(void **state)
{
	day_t	 d, back;
	int	 y, m, dd;

	(void)state;
	for (d = -100000; d < 50000; d++) {
		day_to_ymd(d, &y, &m, &dd);
		assert_int_equal(day_from_ymd(y, m, dd, &back), 0);
		assert_int_equal(back, d);
	}
}

static void
day_refuses_impossible_and_malformed_dates(void **state)
{
	day_t	 d;

	(void)state;
	assert_int_equal(day_parse("2025-02-29", &d), -1);
	assert_int_equal(day_parse("2024-02-29", &d), 0);
	assert_int_equal(day_parse("2025-04-31", &d), -1);
	assert_int_equal(day_parse("2025-13-01", &d), -1);
	assert_int_equal(day_parse("2025-3-14", &d), -1);
	assert_int_equal(day_parse("2025-03-14x", &d), -1);
	assert_int_equal(day_parse("", &d), -1);
	assert_int_equal(day_parse(NULL, &d), -1);
}

static void
day_iso_weeks_follow_iso_8601(void **state)
{
	day_t	 d;
	char	 buf[11];
	int	 y, w;

	(void)state;
	day_parse("2024-12-30", &d);
	day_iso_week(d, &y, &w);
	assert_int_equal(y, 2025);
	assert_int_equal(w, 1);
	day_parse("2021-01-03", &d);
	day_format_week(d, buf);
	assert_string_equal(buf, "2020-W53");
	assert_int_equal(day_weekday(d), 7);
	day_parse("2025-03-10", &d);
	assert_int_equal(day_iso_week_start(2025, 11), d);
	day_format_month(d, buf);
	assert_string_equal(buf, "2025-03");
}

static void
day_reads_month_names_and_abbreviations(void **state)
{
	(void)state;
	assert_int_equal(day_month_from_name("Mar", 3), 3);
	assert_int_equal(day_month_from_name("march", 5), 3);
	assert_int_equal(day_month_from_name("Sept", 4), -1);
	assert_int_equal(day_month_from_name("Dec.", 4), 12);
	assert_int_equal(day_month_from_name("Marc", 4), -1);
	assert_int_equal(day_month_from_name("Ma", 2), -1);
}

/* The day day_parse_loose reads in s, or "none". */
static const char *
loose(const char *s)
{
	day_t	 d;

	if (day_parse_loose(s, &d) != 0)
		return "none";
	return unit_day(d);
}

static void
day_reads_feed_dates_in_rfc_822_rfc_3339_and_odd_forms(void **state)
{
	(void)state;
	assert_string_equal(loose("Fri, 14 Mar 2025 00:00:00 -0400"),
	    "2025-03-14");
	assert_string_equal(loose("Fri, 14 Mar 2025 23:30:00 GMT"),
	    "2025-03-14");
	assert_string_equal(loose("14 Mar 25 10:00 +0100"), "2025-03-14");
	assert_string_equal(loose("Friday, 14-Mar-25 09:30:00 GMT"),
	    "2025-03-14");
	assert_string_equal(loose("Fri Mar 14 09:30:00 2025"), "2025-03-14");
	assert_string_equal(loose("2025-03-13T17:59:06.000Z"), "2025-03-13");
	assert_string_equal(loose("2023-03-14T20:30:00-05:00"), "2023-03-14");
	assert_string_equal(loose(" 2025-03-14"), "2025-03-14");
	assert_string_equal(loose("2025/3/14"), "2025-03-14");
	assert_string_equal(loose("March 14, 2025"), "2025-03-14");
	assert_string_equal(loose("14 March 2025"), "2025-03-14");
	assert_string_equal(loose("sometime last week"), "none");
	assert_string_equal(loose("Feb 30, 2025"), "none");
	assert_string_equal(loose("2025-13-01"), "none");
	assert_string_equal(loose(""), "none");
	assert_string_equal(loose("Mar 14"), "none");
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(day_zero_is_the_unix_epoch),
    cmocka_unit_test(day_round_trips_every_day_of_four_centuries),
    cmocka_unit_test(day_refuses_impossible_and_malformed_dates),
    cmocka_unit_test(day_iso_weeks_follow_iso_8601),
    cmocka_unit_test(day_reads_month_names_and_abbreviations),
    cmocka_unit_test(
        day_reads_feed_dates_in_rfc_822_rfc_3339_and_odd_forms))
