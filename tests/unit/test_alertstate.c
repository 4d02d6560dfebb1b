/* The alert state machine and the watch lists of alert rules. */
#include "unit.h"

static const struct alert_params ap = { 2, 2, 7 * 86400 };

#define Q	1, 0	/* qualifies */
#define C	0, 1	/* calm */
#define M	0, 0	/* in between */

static void
an_alert_fires_once_after_for_days_and_resolves_once(void **state)
{
	struct alert_state	 st;

	(void)state;
	alertstate_init(&st);
	assert_int_equal(alertstate_step(&st, &ap, 100, C, 1000),
	    ALERT_EV_NONE);
	assert_int_equal(alertstate_step(&st, &ap, 101, Q, 2000),
	    ALERT_EV_PENDING);
	assert_int_equal(st.status, ALERT_PENDING);
	assert_int_equal(alertstate_step(&st, &ap, 102, Q, 3000),
	    ALERT_EV_FIRING);
	assert_int_equal(st.started, 3000);
	assert_int_equal(alertstate_step(&st, &ap, 103, Q, 4000),
	    ALERT_EV_NONE);
	assert_int_equal(alertstate_step(&st, &ap, 104, C, 5000),
	    ALERT_EV_NONE);
	assert_int_equal(alertstate_step(&st, &ap, 105, C, 6000),
	    ALERT_EV_RESOLVED);
	assert_int_equal(st.status, ALERT_RESOLVED);
	assert_int_equal(alertstate_step(&st, &ap, 106, C, 7000),
	    ALERT_EV_NONE);
}

static void
a_pending_alert_that_stops_qualifying_goes_back_to_inactive(void **state)
{
	struct alert_state	 st;

	(void)state;
	alertstate_init(&st);
	assert_int_equal(alertstate_step(&st, &ap, 101, Q, 1),
	    ALERT_EV_PENDING);
	assert_int_equal(alertstate_step(&st, &ap, 102, M, 2),
	    ALERT_EV_INACTIVE);
	assert_int_equal(alertstate_step(&st, &ap, 103, Q, 3),
	    ALERT_EV_PENDING);
}

static void
a_day_counts_once_however_many_snapshots_it_has(void **state)
{
	struct alert_state	 st;

	(void)state;
	alertstate_init(&st);
	assert_int_equal(alertstate_step(&st, &ap, 101, Q, 1),
	    ALERT_EV_PENDING);
	assert_int_equal(alertstate_step(&st, &ap, 101, Q, 2),
	    ALERT_EV_NONE);
	/* A later snapshot of the day does not undo it either. */
	assert_int_equal(alertstate_step(&st, &ap, 101, M, 3),
	    ALERT_EV_NONE);
	assert_int_equal(st.status, ALERT_PENDING);
	assert_int_equal(alertstate_step(&st, &ap, 102, Q, 4),
	    ALERT_EV_FIRING);
	/* An older day changes nothing. */
	assert_int_equal(alertstate_step(&st, &ap, 90, C, 5), ALERT_EV_NONE);
	assert_int_equal(st.day, 102);
}

static void
a_firing_alert_repeats_only_after_the_repeat_interval(void **state)
{
	struct alert_state	 st;
	int64_t			 t = 1000000;
	day_t			 d;

	(void)state;
	alertstate_init(&st);
	alertstate_step(&st, &ap, 100, Q, t);
	assert_int_equal(alertstate_step(&st, &ap, 101, Q, t + 86400),
	    ALERT_EV_FIRING);
	for (d = 102; d < 108; d++)
		assert_int_equal(alertstate_step(&st, &ap, d, Q,
		    t + (d - 100) * 86400), ALERT_EV_NONE);
	assert_int_equal(alertstate_step(&st, &ap, 108, M, t + 8 * 86400),
	    ALERT_EV_REPEAT);
	assert_int_equal(alertstate_step(&st, &ap, 109, Q, t + 9 * 86400),
	    ALERT_EV_NONE);
}

static void
a_day_between_the_thresholds_holds_a_firing_alert(void **state)
{
	struct alert_state	 st;

	(void)state;
	alertstate_init(&st);
	alertstate_step(&st, &ap, 100, Q, 1);
	alertstate_step(&st, &ap, 101, Q, 2);
	assert_int_equal(alertstate_step(&st, &ap, 102, C, 3), ALERT_EV_NONE);
	assert_int_equal(alertstate_step(&st, &ap, 103, M, 4), ALERT_EV_NONE);
	assert_int_equal(alertstate_step(&st, &ap, 104, C, 5), ALERT_EV_NONE);
	assert_int_equal(st.status, ALERT_FIRING);
	assert_int_equal(alertstate_step(&st, &ap, 105, C, 6),
	    ALERT_EV_RESOLVED);
}

static void
for_one_fires_at_the_first_qualifying_day(void **state)
{
	struct alert_params	 one = { 1, 1, 86400 };
	struct alert_state	 st;

	(void)state;
	alertstate_init(&st);
	assert_int_equal(alertstate_step(&st, &one, 100, Q, 1),
	    ALERT_EV_FIRING);
	assert_int_equal(alertstate_step(&st, &one, 101, C, 2),
	    ALERT_EV_RESOLVED);
	assert_int_equal(alertstate_step(&st, &one, 102, Q, 3),
	    ALERT_EV_FIRING);
}

static void
a_watch_list_reads_topics_terms_phrases_and_emerging(void **state)
{
	struct watch	 w;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(watch_parse("topic:LLM*  term:mamba "
	    "term:\"test-time scaling\" emerging", &w, &cause), 0);
	assert_int_equal(w.n, 4);
	assert_int_equal(w.v[0].kind, WATCH_TOPIC);
	assert_string_equal(w.v[0].arg, "LLM*");
	assert_string_equal(w.v[1].arg, "mamba");
	assert_int_equal(w.v[2].kind, WATCH_TERM);
	assert_string_equal(w.v[2].arg, "test-time scaling");
	assert_int_equal(w.v[3].kind, WATCH_EMERGING);
	assert_true(watch_topic_match(w.v[0].arg, "LLM agents"));
	assert_false(watch_topic_match(w.v[0].arg, "diffusion"));
	watch_clear(&w);
}

static void
a_bad_watch_list_says_which_item_is_wrong(void **state)
{
	struct watch	 w;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(watch_parse("term:mamba topc:LLM", &w, &cause), -1);
	assert_non_null(strstr(cause, "unknown watch \"topc:LLM\""));
	free(cause);
	assert_int_equal(watch_parse("topic:", &w, &cause), -1);
	assert_non_null(strstr(cause, "names no topic"));
	free(cause);
	assert_int_equal(watch_parse("term:\"open phrase", &w, &cause), -1);
	assert_non_null(strstr(cause, "quote is not closed"));
	free(cause);
	assert_int_equal(watch_parse("  ", &w, &cause), -1);
	free(cause);
}

static void
a_command_line_splits_on_blanks_and_keeps_quoted_words(void **state)
{
	char	**v, *cause = NULL;
	size_t	 n;

	(void)state;
	assert_int_equal(split_words("/usr/bin/notify --to \"a b\" $HOME;x",
	    &v, &n, &cause), 0);
	assert_int_equal(n, 4);
	assert_string_equal(v[0], "/usr/bin/notify");
	assert_string_equal(v[2], "a b");
	assert_string_equal(v[3], "$HOME;x");
	split_free(v, n);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(an_alert_fires_once_after_for_days_and_resolves_once),
    cmocka_unit_test(a_pending_alert_that_stops_qualifying_goes_back_to_inactive),
    cmocka_unit_test(a_day_counts_once_however_many_snapshots_it_has),
    cmocka_unit_test(a_firing_alert_repeats_only_after_the_repeat_interval),
    cmocka_unit_test(a_day_between_the_thresholds_holds_a_firing_alert),
    cmocka_unit_test(for_one_fires_at_the_first_qualifying_day),
    cmocka_unit_test(a_watch_list_reads_topics_terms_phrases_and_emerging),
    cmocka_unit_test(a_bad_watch_list_says_which_item_is_wrong),
    cmocka_unit_test(a_command_line_splits_on_blanks_and_keeps_quoted_words))
