/*
 * topic alerts: the rules of the configuration, the alerts' states and
 * recent history (text or --json); `check` exits 2 when one fires (for
 * cron and scripts); `test NAME` sends a test notification through each
 * of the rule's deliveries and says how each went.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

#define ALERTS_HISTORY	20	/* history lines listed */

static const struct options_entry alerts_options[] = {
	{ .name = "json", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "the listing as JSON" },
	{ .name = NULL }
};

/* Whether rule is one of c's (every rule counts without a config). */
static int
alerts_configured(const struct config *c, const char *rule)
{
	return c == NULL || config_alert(c, rule) != NULL;
}

/* topic alerts [--json] */
static int
alerts_list(const struct config *c, int json)
{
	struct alert_listing	 l;
	struct store		*st;
	char			*cause = NULL;

	if ((st = topic_store(STORE_READONLY)) == NULL)
		return 1;
	if (alert_listing_load(st, c, ALERTS_HISTORY, &l, &cause) != 0) {
		log_cause(cause);
		store_close(st);
		return 1;
	}
	topic_print(json ? alert_listing_json(&l) : alert_listing_text(&l));
	alert_listing_free(&l);
	store_close(st);
	return 0;
}

/* topic alerts check: 2 if an alert of a configured rule fires. */
static int
alerts_check(const struct config *c)
{
	struct alert_row	*rows = NULL;
	struct store		*st;
	char			*cause = NULL, day[11], *t;
	size_t			 n = 0, i, firing = 0;

	if ((st = topic_store(STORE_READONLY)) == NULL)
		return 1;
	if (store_alert_states(st, &rows, &n, &cause) != 0) {
		log_cause(cause);
		store_close(st);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (rows[i].st.status == ALERT_FIRING &&
		    alerts_configured(c, rows[i].rule)) {
			day_format(rows[i].st.day, day);
			t = alert_time(rows[i].st.started);
			printf("FIRING %s %s since %s (%s: %lld of %lld "
			    "papers)\n", rows[i].rule, rows[i].item, t, day,
			    (long long)rows[i].count,
			    (long long)rows[i].papers);
			free(t);
			firing++;
		}
		alert_row_clear(&rows[i]);
	}
	free(rows);
	store_close(st);
	if (firing == 0)
		printf("no alert is firing\n");
	return firing > 0 ? 2 : 0;
}

/* One channel of a test notification ended. */
static void
alerts_tested(const char *error, void *arg)
{
	const char	**what = arg;

	if (error == NULL)
		printf("alert %s: %s: sent\n", what[0], what[1]);
	else
		log_warnx("alert %s: %s: %s", what[0], what[1], error);
	if (error != NULL)
		what[2] = "failed";
}

/* topic alerts test NAME: a test notification through each delivery. */
static int
alerts_test(const struct config *c, const char *name)
{
	static const char	*channels[] = { "exec", "webhook", "file",
	    "mail" };
	const struct alert_conf	*a;
	const char		*what[4][3];
	struct topic_loop	 l;
	struct alert_note	 note;
	struct notification	 nf;
	struct outbox_row	 o;
	char			*chans;
	time_t			 now = time(NULL);
	size_t			 i;
	int			 rc = 0;

	if (c == NULL) {
		log_warnx("alerts test: give --config (or TOPICD_CONF)");
		return 1;
	}
	if ((a = config_alert(c, name)) == NULL) {
		log_warnx("%s: no [alert %s]", c->path, name);
		return 1;
	}
	chans = alert_channels(a);
	if (*chans == '\0') {
		log_warnx("%s:%ld: [alert %s] has no delivery (exec, webhook, "
		    "file or mail)", c->path, a->line, name);
		free(chans);
		return 1;
	}
	free(chans);
	memset(&note, 0, sizeof note);
	note.item = "test";
	note.event = ALERT_EV_FIRING;
	note.started = now;
	note.day = (day_t)(now / 86400);
	note.p = 1.0;
	memset(&nf, 0, sizeof nf);
	nf.rule = a->name;
	nf.watch = a->watch;
	nf.notes = &note;
	nf.n = 1;
	nf.max_items = (size_t)a->max_items;
	nf.test = 1;
	memset(&o, 0, sizeof o);
	o.created = now;
	o.payload = alert_json(&nf);
	o.text = alert_text(&nf);
	o.subject = alert_subject(&nf);
	if (topic_loop_start(&l, NULL) != 0) {
		rc = 1;
		goto out;
	}
	for (i = 0; i < 4; i++) {
		what[i][0] = a->name;
		what[i][1] = channels[i];
		what[i][2] = NULL;
		if ((i == 0 && *a->exec) || (i == 1 && *a->webhook) ||
		    (i == 2 && *a->file) || (i == 3 && *a->mail))
			deliver_start(l.dl, a, channels[i], &o, alerts_tested,
			    what[i]);
	}
	topic_loop_run(&l);
	topic_loop_end(&l);
	for (i = 0; i < 4; i++)
		if (what[i][2] != NULL)
			rc = 1;
out:
	free(o.payload);
	free(o.text);
	free(o.subject);
	return rc;
}

/* topic alerts [--json] | check | test NAME */
static int
cmd_alerts(struct options_values *ov, int argc, char **argv)
{
	struct config	*c;

	c = topic_config();
	if (argc == 0)
		return alerts_list(c, options_flag(ov, "json"));
	if (strcmp(argv[0], "check") == 0 && argc == 1)
		return alerts_check(c);
	if (strcmp(argv[0], "test") == 0 && argc == 2)
		return alerts_test(c, argv[1]);
	return topic_usage_error(&cmd_alerts_entry);
}

const struct cmd_entry cmd_alerts_entry = {
	"alerts", "[check | test NAME]", 0, 2,
	"alert rules, states; check, test",
	"Lists the [alert] rules of the configuration, every alert's state\n"
	"and the recent history. check prints the firing alerts and exits 2\n"
	"if there is one (0 if none); test sends a test notification through\n"
	"each delivery of rule NAME.\n",
	alerts_options, cmd_alerts
};
