/*
 * The life of one alert (one rule on one watched item), after Prometheus:
 * inactive -> pending -> firing -> resolved. A pure state machine: the
 * caller loads the state, passes today's verdict and the time, stores
 * the result and notifies on the event it returns.
 */
#include <string.h>

#include "analysis/trend/trend.h"

static const char *alertstate_names[] = { "inactive", "pending", "firing",
    "resolved" };

/* The name of a state. */
const char *
alertstate_name(enum alert_status s)
{
	return alertstate_names[s];
}

/* The word for an event, as the history stores it ("none" for none). */
const char *
alertstate_event_name(enum alert_event ev)
{
	static const char *names[] = { "none", "pending", "inactive",
	    "firing", "repeat", "resolved" };

	return names[ev];
}

/* The state called name; -1 if none. */
int
alertstate_from_name(const char *name, enum alert_status *out)
{
	int	 i;

	for (i = 0; i < 4; i++) {
		if (strcmp(name, alertstate_names[i]) == 0) {
			*out = (enum alert_status)i;
			return 0;
		}
	}
	return -1;
}

/* A never-evaluated alert: inactive, no streaks, no day. */
void
alertstate_init(struct alert_state *st)
{
	memset(st, 0, sizeof *st);
	st->status = ALERT_INACTIVE;
	st->day = st->qual_day = st->calm_day = DAY_NONE;
}

/*
 * Step the alert st with the verdict of one stored snapshot on known day
 * `day` at time now; returns what happened (ALERT_EV_NONE if nothing).
 *
 * Contract:
 *  - Days only move forward: a snapshot of a day before the last one
 *    evaluated changes nothing. Unknown days never reach here, so they
 *    neither fire nor resolve anything.
 *  - A day counts once toward a streak, at its first qualifying (or calm)
 *    snapshot; a later snapshot of the same day may still make it
 *    qualify, but never undoes a day that qualified.
 *  - streak: qualifying days in a row; a new day that does not qualify
 *    ends it. calm: calm days in a row; a new day that is not calm ends
 *    it (a day between the thresholds holds a firing alert).
 *  - inactive or resolved -> pending at the first qualifying day; pending
 *    -> firing when streak reaches for_count (at once if for_count is 1);
 *    pending -> inactive when the streak ends; firing -> resolved after
 *    resolve_count calm days; a firing alert that stays firing returns
 *    ALERT_EV_REPEAT once repeat seconds have passed since its last
 *    notification.
 */
enum alert_event
alertstate_step(struct alert_state *st, const struct alert_params *ap,
    day_t day, int qualifies, int calm, int64_t now)
{
	int	 same;

	if (st->day != DAY_NONE && day < st->day)
		return ALERT_EV_NONE;
	same = day == st->day;
	st->day = day;
	if (qualifies) {
		if (st->qual_day != day) {
			st->qual_day = day;
			st->streak++;
		}
		st->calm = 0;
		st->calm_day = DAY_NONE;
	} else if (!same)
		st->streak = 0;
	if (!qualifies && st->qual_day != day) {
		if (calm && st->calm_day != day) {
			st->calm_day = day;
			st->calm++;
		} else if (!calm && !same)
			st->calm = 0;
	}

	switch (st->status) {
	case ALERT_INACTIVE:
	case ALERT_RESOLVED:
		if (st->streak == 0)
			return ALERT_EV_NONE;
		st->since = now;
		if (st->streak >= ap->for_count)
			goto fire;
		st->status = ALERT_PENDING;
		return ALERT_EV_PENDING;
	case ALERT_PENDING:
		if (st->streak >= ap->for_count)
			goto fire;
		if (st->streak == 0) {
			st->status = ALERT_INACTIVE;
			st->since = now;
			return ALERT_EV_INACTIVE;
		}
		return ALERT_EV_NONE;
	case ALERT_FIRING:
		if (st->calm >= ap->resolve_count) {
			st->status = ALERT_RESOLVED;
			st->since = now;
			st->streak = st->calm = 0;
			st->notified = now;
			return ALERT_EV_RESOLVED;
		}
		if (now - st->notified >= ap->repeat) {
			st->notified = now;
			return ALERT_EV_REPEAT;
		}
		return ALERT_EV_NONE;
	}
	return ALERT_EV_NONE;
fire:
	st->status = ALERT_FIRING;
	st->since = st->started = st->notified = now;
	st->calm = 0;
	return ALERT_EV_FIRING;
}
