/*
 * Alert notifications: the JSON of Alertmanager's webhook (the payload of
 * every channel), a plain-text body and subject (mail, topic alerts), a
 * mail message around them, and the listing of topic alerts. Data in,
 * strings out: times come as arguments, nothing is sent from here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "reports/reports.h"

#define ALERT_ZERO_TIME	"0001-01-01T00:00:00Z"	/* Alertmanager's "not yet" */

/* Free the strings of a stored alert. */
void
alert_row_clear(struct alert_row *r)
{
	free(r->rule);
	free(r->item);
	memset(r, 0, sizeof *r);
}

/* Free the strings of a history line. */
void
alert_hist_clear(struct alert_hist *h)
{
	free(h->rule);
	free(h->item);
	free(h->event);
	memset(h, 0, sizeof *h);
}

/* Unix time t as RFC 3339 in UTC ("2025-03-14T06:00:00Z"). */
char *
alert_time(int64_t t)
{
	int64_t	 d = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t	 s = t - d * 86400;
	int	 y, m, dd;
	char	*out;

	day_to_ymd((day_t)d, &y, &m, &dd);
	xasprintf(&out, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, dd,
	    (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
	return out;
}

/* How many notes fire (new or repeated) and how many resolve. */
static void
alert_tally(const struct notification *nf, size_t *firing, size_t *resolved)
{
	size_t	 i;

	*firing = *resolved = 0;
	for (i = 0; i < nf->n; i++) {
		if (nf->notes[i].event == ALERT_EV_RESOLVED)
			(*resolved)++;
		else
			(*firing)++;
	}
}

/* A JSON member from a formatted string (annotations are strings). */
static void __attribute__((format(printf, 3, 4)))
alert_set(json_t *o, const char *key, const char *fmt, ...)
{
	va_list	 ap;
	char	*v;

	va_start(ap, fmt);
	xvasprintf(&v, fmt, ap);
	va_end(ap);
	json_object_set_new(o, key, json_string(v));
	free(v);
}

/* Alertmanager's fingerprint: a hash of the labels, 16 hex digits. */
static void
alert_fingerprint(const char *rule, const char *item, char out[17])
{
	char	*labels;

	xasprintf(&labels, "alertname\x1f%s\x1fitem\x1f%s", rule, item);
	snprintf(out, 17, "%016llx",
	    (unsigned long long)hash_bytes(labels, strlen(labels)));
	free(labels);
}

/* One alert of the webhook's alerts[]. */
static json_t *
alert_json_note(const struct notification *nf, const struct alert_note *a)
{
	json_t	*o = json_object(), *labels = json_object();
	json_t	*ann = json_object();
	char	 day[11], fp[17], *t;
	const char *colon = strchr(a->item, ':');

	day_format(a->day, day);
	json_object_set_new(o, "status", json_string(
	    a->event == ALERT_EV_RESOLVED ? "resolved" : "firing"));
	json_object_set_new(labels, "alertname", json_string(nf->rule));
	json_object_set_new(labels, "item", json_string(a->item));
	if (colon != NULL)
		json_object_set_new(labels, "kind",
		    json_stringn(a->item, (size_t)(colon - a->item)));
	json_object_set_new(o, "labels", labels);
	if (nf->test)
		alert_set(ann, "summary", "test notification of alert %s",
		    nf->rule);
	else if (a->event == ALERT_EV_RESOLVED)
		alert_set(ann, "summary", "%s is back to normal: %lld of %lld "
		    "papers on %s", a->item, (long long)a->count,
		    (long long)a->papers, day);
	else
		alert_set(ann, "summary", "%s spikes: %lld of %lld papers on "
		    "%s", a->item, (long long)a->count, (long long)a->papers,
		    day);
	alert_set(ann, "description", "expected %.2f papers from the "
	    "smoothed daily share; P(X >= %lld) = %.3g under Poisson",
	    a->expected, (long long)a->count, a->p);
	alert_set(ann, "event", "%s", alertstate_event_name(a->event));
	alert_set(ann, "day", "%s", day);
	alert_set(ann, "count", "%lld", (long long)a->count);
	alert_set(ann, "papers", "%lld", (long long)a->papers);
	alert_set(ann, "expected", "%.4g", a->expected);
	alert_set(ann, "p", "%.3g", a->p);
	if (nf->watch != NULL)
		alert_set(ann, "watch", "%s", nf->watch);
	json_object_set_new(o, "annotations", ann);
	t = alert_time(a->started);
	json_object_set_new(o, "startsAt", json_string(t));
	free(t);
	if (a->ended > 0) {
		t = alert_time(a->ended);
		json_object_set_new(o, "endsAt", json_string(t));
		free(t);
	} else
		json_object_set_new(o, "endsAt", json_string(ALERT_ZERO_TIME));
	json_object_set_new(o, "generatorURL", json_string(""));
	alert_fingerprint(nf->rule, a->item, fp);
	json_object_set_new(o, "fingerprint", json_string(fp));
	return o;
}

/*
 * The notification as Alertmanager's webhook JSON (version 4): status is
 * firing when any alert fires, the group is the rule, at most max_items
 * alerts are listed and truncatedAlerts says how many were left out.
 */
char *
alert_json(const struct notification *nf)
{
	json_t	*o = json_object(), *alerts = json_array(), *g;
	size_t	 firing, resolved, i, shown;
	char	*key, *out;

	alert_tally(nf, &firing, &resolved);
	shown = nf->n < nf->max_items ? nf->n : nf->max_items;
	json_object_set_new(o, "version", json_string("4"));
	xasprintf(&key, "{}:{alertname=\"%s\"}", nf->rule);
	json_object_set_new(o, "groupKey", json_string(key));
	free(key);
	json_object_set_new(o, "truncatedAlerts",
	    json_integer((json_int_t)(nf->n - shown)));
	json_object_set_new(o, "status", json_string(firing > 0 ? "firing" :
	    "resolved"));
	json_object_set_new(o, "receiver", json_string("topicd"));
	g = json_object();
	json_object_set_new(g, "alertname", json_string(nf->rule));
	json_object_set_new(o, "groupLabels", g);
	json_object_set_new(o, "commonLabels", json_deep_copy(g));
	json_object_set_new(o, "commonAnnotations", json_object());
	json_object_set_new(o, "externalURL", json_string(""));
	for (i = 0; i < shown; i++)
		json_array_append_new(alerts, alert_json_note(nf,
		    &nf->notes[i]));
	json_object_set_new(o, "alerts", alerts);
	out = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);
	json_decref(o);
	return out;
}

/* The subject line: "[topicd] NAME: 2 firing, 1 resolved". */
char *
alert_subject(const struct notification *nf)
{
	size_t	 firing, resolved;
	char	*out;

	alert_tally(nf, &firing, &resolved);
	if (nf->test)
		xasprintf(&out, "[topicd] %s: test notification", nf->rule);
	else
		xasprintf(&out, "[topicd] %s: %zu firing, %zu resolved",
		    nf->rule, firing, resolved);
	return out;
}

/* The notification as plain text: one line an alert, "+N more". */
char *
alert_text(const struct notification *nf)
{
	const struct alert_note	*a;
	size_t			 i, shown;
	char			*out, *prev, *subject, *t, day[11];

	subject = alert_subject(nf);
	xasprintf(&out, "%s\n", subject + 9);
	free(subject);
	if (nf->watch != NULL) {
		prev = out;
		xasprintf(&out, "%swatch: %s\n", prev, nf->watch);
		free(prev);
	}
	prev = out;
	xasprintf(&out, "%s\n", prev);
	free(prev);
	shown = nf->n < nf->max_items ? nf->n : nf->max_items;
	for (i = 0; i < shown; i++) {
		a = &nf->notes[i];
		day_format(a->day, day);
		t = alert_time(a->started);
		prev = out;
		xasprintf(&out, "%s%-9s %s: %lld of %lld papers on %s "
		    "(expected %.2f, p = %.3g), firing since %s\n", prev,
		    a->event == ALERT_EV_RESOLVED ? "RESOLVED" :
		    a->event == ALERT_EV_REPEAT ? "STILL" : "FIRING", a->item,
		    (long long)a->count, (long long)a->papers, day,
		    a->expected, a->p, t);
		free(prev);
		free(t);
	}
	if (shown < nf->n) {
		prev = out;
		xasprintf(&out, "%s+%zu more\n", prev, nf->n - shown);
		free(prev);
	}
	return out;
}

/*
 * A mail message (RFC 5322): headers from subject, from, to (addresses
 * separated by blanks or commas) and date (already formatted), then the
 * text with CRLF line ends. The subject is ASCII: rule names are.
 */
char *
alert_mail(const char *subject, const char *text, const char *from,
    const char *to, const char *date)
{
	char	*out, *p, *rcpt, *w, *last, *copy = xstrdup(to);
	size_t	 len = strlen(text), n = 0;

	rcpt = xstrdup("");
	for (w = strtok_r(copy, " ,", &last); w != NULL;
	    w = strtok_r(NULL, " ,", &last)) {
		p = rcpt;
		xasprintf(&rcpt, "%s%s%s", p, *p ? ", " : "", w);
		free(p);
	}
	free(copy);
	xasprintf(&out, "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n", date, from, rcpt,
	    subject);
	free(rcpt);
	n = strlen(out);
	out = xrealloc(out, n + 2 * len + 3);
	for (p = out + n; *text != '\0'; text++) {
		if (*text == '\n')
			*p++ = '\r';
		*p++ = *text;
	}
	*p = '\0';
	return out;
}

/* topic alerts --json: rules, alerts, recent history, the outbox. */
char *
alert_listing_json(const struct alert_listing *l)
{
	json_t	*o = json_object(), *a, *e, *ob;
	size_t	 i;

	a = json_array();
	for (i = 0; i < l->nrules; i++) {
		e = json_object();
		json_object_set_new(e, "name", json_string(l->rules[i]));
		json_object_set_new(e, "watch", json_string(l->watches[i]));
		json_object_set_new(e, "deliveries",
		    json_string(l->deliveries[i]));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "rules", a);
	a = json_array();
	for (i = 0; i < l->nrows; i++) {
		const struct alert_row *r = &l->rows[i];

		e = json_object();
		json_object_set_new(e, "rule", json_string(r->rule));
		json_object_set_new(e, "item", json_string(r->item));
		json_object_set_new(e, "status",
		    json_string(alertstate_name(r->st.status)));
		json_object_set_new(e, "since", render_time_json(r->st.since));
		json_object_set_new(e, "started", render_time_json(
		    r->st.status == ALERT_FIRING ? r->st.started : 0));
		json_object_set_new(e, "day", render_day_json(r->st.day));
		json_object_set_new(e, "count", json_integer(r->count));
		json_object_set_new(e, "papers", json_integer(r->papers));
		json_object_set_new(e, "expected", json_real(r->expected));
		json_object_set_new(e, "p", json_real(r->p));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "alerts", a);
	a = json_array();
	for (i = 0; i < l->nhist; i++) {
		const struct alert_hist *h = &l->hist[i];

		e = json_object();
		json_object_set_new(e, "at", render_time_json(h->at));
		json_object_set_new(e, "rule", json_string(h->rule));
		json_object_set_new(e, "item", json_string(h->item));
		json_object_set_new(e, "event", json_string(h->event));
		json_object_set_new(e, "day", render_day_json(h->day));
		json_object_set_new(e, "count", json_integer(h->count));
		json_object_set_new(e, "papers", json_integer(h->papers));
		json_object_set_new(e, "expected", json_real(h->expected));
		json_object_set_new(e, "p", json_real(h->p));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "history", a);
	ob = json_object();
	json_object_set_new(ob, "pending", json_integer(l->pending));
	json_object_set_new(ob, "failed", json_integer(l->failed));
	json_object_set_new(ob, "sent", json_integer(l->sent));
	json_object_set_new(o, "outbox", ob);
	return render_json_line(o);
}

/* Append a formatted line to *out. */
static void __attribute__((format(printf, 2, 3)))
alert_append(char **out, const char *fmt, ...)
{
	va_list	 ap;
	char	*line, *prev = *out;

	va_start(ap, fmt);
	xvasprintf(&line, fmt, ap);
	va_end(ap);
	xasprintf(out, "%s%s", prev, line);
	free(prev);
	free(line);
}

/* topic alerts: the same as text, a block each. */
char *
alert_listing_text(const struct alert_listing *l)
{
	char	*out = xstrdup(""), day[11], *t;
	size_t	 i;

	alert_append(&out, "rules:%s\n", l->nrules == 0 ? " none" : "");
	for (i = 0; i < l->nrules; i++)
		alert_append(&out, "  %-16s watch %s; delivery %s\n",
		    l->rules[i], l->watches[i], *l->deliveries[i] ?
		    l->deliveries[i] : "none");
	alert_append(&out, "alerts:%s\n", l->nrows == 0 ? " none" : "");
	for (i = 0; i < l->nrows; i++) {
		const struct alert_row *r = &l->rows[i];

		strcpy(day, "-");
		if (r->st.day != DAY_NONE)
			day_format(r->st.day, day);
		t = r->st.since > 0 ? alert_time(r->st.since) : xstrdup("-");
		alert_append(&out, "  %-16s %-24s %-8s since %s; %s: %lld of "
		    "%lld papers (expected %.2f, p = %.3g)\n", r->rule,
		    r->item, alertstate_name(r->st.status), t, day,
		    (long long)r->count, (long long)r->papers, r->expected,
		    r->p);
		free(t);
	}
	alert_append(&out, "history (newest first):%s\n", l->nhist == 0 ?
	    " none" : "");
	for (i = 0; i < l->nhist; i++) {
		const struct alert_hist *h = &l->hist[i];

		day_format(h->day, day);
		t = alert_time(h->at);
		alert_append(&out, "  %s %-16s %-24s %-8s %s: %lld of %lld "
		    "papers\n", t, h->rule, h->item, h->event, day,
		    (long long)h->count, (long long)h->papers);
		free(t);
	}
	alert_append(&out, "outbox: %lld pending, %lld failed, %lld sent\n",
	    (long long)l->pending, (long long)l->failed, (long long)l->sent);
	return out;
}
