/*
 * topic alerts: the rules of the configuration, the alerts' states and
 * recent history (text or --json); `check` exits 2 when one fires (for
 * cron and scripts); `test NAME` sends a test notification through each
 * of the rule's deliveries and says how each went.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "topicd.h"

#define ALERTS_HISTORY	20	/* history lines listed */

static const char alerts_usage[] =
    "usage: topic alerts [--json] [--config FILE] [--db FILE]\n"
    "       topic alerts check [--config FILE] [--db FILE]\n"
    "       topic alerts test NAME [--config FILE]\n"
    "\n"
    "Lists the [alert] rules of the configuration, every alert's state\n"
    "and the recent history. check prints the firing alerts and exits 2\n"
    "if there is one (0 if none); test sends a test notification through\n"
    "each delivery of rule NAME.\n";

/* The delivery channels rule a has, as "exec webhook file mail". */
static char *
alerts_channels(const struct alert_conf *a)
{
	char	*out;

	xasprintf(&out, "%s%s%s%s", *a->exec ? "exec " : "",
	    *a->webhook ? "webhook " : "", *a->file ? "file " : "",
	    *a->mail ? "mail " : "");
	if (*out != '\0')
		out[strlen(out) - 1] = '\0';
	return out;
}

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
	struct alert_row	*rows = NULL;
	struct alert_hist	*hist = NULL;
	struct store		*st;
	char			*cause = NULL, **chans = NULL;
	size_t			 nrows = 0, nhist = 0, i, nrules;
	int			 rc = 1;

	memset(&l, 0, sizeof l);
	nrules = c != NULL ? c->nalerts : 0;
	if ((st = topic_store(1)) == NULL)
		return 1;
	if (store_alert_states(st, &rows, &nrows, &cause) != 0 ||
	    store_alert_history(st, ALERTS_HISTORY, &hist, &nhist,
	    &cause) != 0 ||
	    store_outbox_counts(st, &l.pending, &l.failed, &l.sent,
	    &cause) != 0)
		goto out;
	l.rules = xcalloc(nrules + 1, sizeof *l.rules);
	l.watches = xcalloc(nrules + 1, sizeof *l.watches);
	l.deliveries = xcalloc(nrules + 1, sizeof *l.deliveries);
	chans = xcalloc(nrules + 1, sizeof *chans);
	for (i = 0; i < nrules; i++) {
		l.rules[i] = c->alerts[i].name;
		l.watches[i] = c->alerts[i].watch;
		chans[i] = alerts_channels(&c->alerts[i]);
		l.deliveries[i] = chans[i];
	}
	l.nrules = nrules;
	l.rows = rows;
	l.nrows = nrows;
	l.hist = hist;
	l.nhist = nhist;
	topic_print(json ? alert_listing_json(&l) : alert_listing_text(&l));
	rc = 0;
out:
	if (cause != NULL) {
		log_warnx("%s", cause);
		free(cause);
	}
	for (i = 0; i < nrows; i++)
		alert_row_clear(&rows[i]);
	for (i = 0; i < nhist; i++)
		alert_hist_clear(&hist[i]);
	for (i = 0; chans != NULL && i < nrules; i++)
		free(chans[i]);
	free(chans);
	free(rows);
	free(hist);
	free(l.rules);
	free(l.watches);
	free(l.deliveries);
	store_close(st);
	return rc;
}

/* topic alerts check: 2 if an alert of a configured rule fires. */
static int
alerts_check(const struct config *c)
{
	struct alert_row	*rows = NULL;
	struct store		*st;
	char			*cause = NULL, day[11], *t;
	size_t			 n = 0, i, firing = 0;

	if ((st = topic_store(1)) == NULL)
		return 1;
	if (store_alert_states(st, &rows, &n, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
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
	chans = alerts_channels(a);
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
int
cmd_alerts(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		TOPIC_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct config	*c;
	int		 ch, json = 0;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (topic_common_option(ch, optarg, alerts_usage))
			continue;
		if (ch == 'j')
			json = 1;
	}
	argc -= optind;
	argv += optind;
	c = topic_config();
	if (argc == 0)
		return alerts_list(c, json);
	if (strcmp(argv[0], "check") == 0 && argc == 1)
		return alerts_check(c);
	if (strcmp(argv[0], "test") == 0 && argc == 2)
		return alerts_test(c, argv[1]);
	fputs(alerts_usage, stderr);
	return 1;
}
