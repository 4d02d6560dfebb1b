/* The daemon's schedule: back-off after failures, Retry-After. */
#include "unit.h"
#include "daemon/topicd/topicd.h"

static void
a_working_source_waits_its_interval(void **state)
{
	(void)state;
	assert_int_equal(fetch_retry_delay(21600, 0, 200, 0), 21600);
	assert_int_equal(fetch_retry_delay(21600, 0, 304, 0), 21600);
}

static void
failures_back_off_exponentially_up_to_the_interval(void **state)
{
	(void)state;
	assert_int_equal(fetch_retry_delay(21600, 1, 500, 0), 60);
	assert_int_equal(fetch_retry_delay(21600, 2, 500, 0), 120);
	assert_int_equal(fetch_retry_delay(21600, 5, 0, 0), 960);
	assert_int_equal(fetch_retry_delay(21600, 9, 0, 0), 15360);
	assert_int_equal(fetch_retry_delay(21600, 10, 0, 0), 21600);
	assert_int_equal(fetch_retry_delay(21600, 1000, 0, 0), 21600);
	assert_int_equal(fetch_retry_delay(2, 3, 500, 0), 2);
}

static void
retry_after_is_honoured_on_429_and_503_only(void **state)
{
	(void)state;
	assert_int_equal(fetch_retry_delay(21600, 1, 429, 120), 120);
	assert_int_equal(fetch_retry_delay(21600, 1, 503, 7200), 7200);
	assert_int_equal(fetch_retry_delay(21600, 1, 500, 7200), 60);
	assert_int_equal(fetch_retry_delay(21600, 3, 429, 10), 240);
}

static void
the_report_comes_at_the_next_scheduled_minute(void **state)
{
	struct schedule	 mon7 = { 1, 7 * 60 }, daily = { 0, 6 * 60 + 30 };
	day_t		 d;
	time_t		 t;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	day_parse("2026-11-29", &d);	/* a Sunday */
	t = (time_t)d * 86400 + 12 * 3600;
	assert_int_equal(schedule_next(&mon7, t), 19 * 3600);
	assert_int_equal(schedule_next(&daily, t), 18 * 3600 + 30 * 60);
	day_parse("2026-11-30", &d);	/* Monday, 07:00:00 exactly */
	t = (time_t)d * 86400 + 7 * 3600;
	assert_int_equal(schedule_next(&mon7, t), 7 * 86400);
	assert_int_equal(schedule_next(&mon7, t - 30), 30);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(a_working_source_waits_its_interval),
    cmocka_unit_test(failures_back_off_exponentially_up_to_the_interval),
    cmocka_unit_test(retry_after_is_honoured_on_429_and_503_only),
    cmocka_unit_test(the_report_comes_at_the_next_scheduled_minute))
