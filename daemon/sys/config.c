/*
 * topicd.conf: INI-style, read with libinih and checked against one table
 * of keys, which also writes the sample configuration. Every error names
 * file:line; all of them are collected, so -n can print them at once.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "daemon/sys/sys.h"

enum conf_type {
	CONF_STRING,
	CONF_PATH,		/* relative to the config file's folder */
	CONF_URL,
	CONF_FORMAT,
	CONF_DURATION,
	CONF_SIZE,
	CONF_BOOL,
	CONF_SCHEDULE,
	CONF_FORMATS,		/* report formats */
	CONF_CHART,
	CONF_FRACTION,		/* a double above 0, at most 1 */
	CONF_INT,
	CONF_WATCH,		/* an alert's watch list */
	CONF_COMMAND,		/* argv, split as watch lists are */
	CONF_WEBHOOK,		/* an http(s) URL */
	CONF_SMTP,		/* an smtp(s) URL */
	CONF_MAILS,		/* e-mail addresses */
	CONF_LISTEN,		/* [ADDRESS:]PORT of the HTTP interface */
	CONF_RETENTION		/* a duration, or 0 or forever: 0 seconds */
};

enum conf_section {
	SECTION_GENERAL,
	SECTION_SOURCE,
	SECTION_ALERT
};

struct conf_key {
	const char		*name;
	enum conf_section	 section;
	enum conf_type		 type;
	long long		 min, max;
	const char		*def;
	const char		*help;
	size_t			 offset;
};

/* Every key: parsing, checks, defaults and the sample all come from here. */
static const struct conf_key conf_keys[] = {
	{ "database", SECTION_GENERAL, CONF_PATH, 0, 0,
	    "/var/lib/topicd/topicd.db",
	    "the SQLite database, shared with topic(1)",
	    offsetof(struct config, database) },
	{ "pidfile", SECTION_GENERAL, CONF_PATH, 0, 0, "/run/topicd/topicd.pid",
	    "holds the daemon's pid; locked while it runs",
	    offsetof(struct config, pidfile) },
	{ "log", SECTION_GENERAL, CONF_STRING, 0, 0, "syslog",
	    "syslog, or a file to append to (reopened on SIGUSR1)",
	    offsetof(struct config, log) },
	{ "user_agent", SECTION_GENERAL, CONF_STRING, 0, 0,
	    FETCH_USER_AGENT,
	    "sent with every request: say who you are",
	    offsetof(struct config, user_agent) },
	{ "report", SECTION_GENERAL, CONF_SCHEDULE, 0, 0, "mon 07:00",
	    "when the weekly report is written: DAY HH:MM or daily HH:MM",
	    offsetof(struct config, report) },
	{ "report_dir", SECTION_GENERAL, CONF_PATH, 0, 0,
	    "/var/lib/topicd/reports",
	    "where reports and charts are written",
	    offsetof(struct config, report_dir) },
	{ "report_formats", SECTION_GENERAL, CONF_FORMATS, 0, 0, "text md html",
	    "report formats to write: text, md, json, html",
	    offsetof(struct config, report_formats) },
	{ "chart_format", SECTION_GENERAL, CONF_CHART, 0, 0, "svg",
	    "chart images: svg or png",
	    offsetof(struct config, chart_format) },
	{ "topics", SECTION_GENERAL, CONF_PATH, 0, 0, "",
	    "a topics file; empty for the shipped machine-learning topics",
	    offsetof(struct config, topics) },
	{ "stopwords", SECTION_GENERAL, CONF_PATH, 0, 0, "",
	    "more stop words, one a line; empty for the shipped list only",
	    offsetof(struct config, stopwords) },
	{ "listen", SECTION_GENERAL, CONF_LISTEN, 0, 0, "",
	    "the dashboard and JSON API at [ADDRESS:]PORT, like 127.0.0.1:8377 "
	    "(a bare port is on 127.0.0.1 only); empty for none",
	    offsetof(struct config, listen) },
	{ "keep_raw", SECTION_GENERAL, CONF_RETENTION, 0, 0, "365d",
	    "how long the raw bytes of a snapshot are kept, for topic rebuild "
	    "(about 470M a year for the sources below); 0 or forever: always",
	    offsetof(struct config, keep_raw) },
	{ "keep_alert_history", SECTION_GENERAL, CONF_RETENTION, 0, 0, "365d",
	    "how long alert state changes are kept in the history",
	    offsetof(struct config, keep_alert_history) },
	{ "keep_outbox", SECTION_GENERAL, CONF_RETENTION, 0, 0, "30d",
	    "how long sent and failed notifications stay in the outbox",
	    offsetof(struct config, keep_outbox) },
	{ "url", SECTION_SOURCE, CONF_URL, 0, 0, NULL,
	    "http, https or file URL; %Y-%m-%d and other strftime fields "
	    "take the digest date",
	    offsetof(struct source_conf, url) },
	{ "format", SECTION_SOURCE, CONF_FORMAT, 0, 0, "auto",
	    "the digest format, or auto to sniff it",
	    offsetof(struct source_conf, format) },
	{ "interval", SECTION_SOURCE, CONF_DURATION, 1, 30 * 86400, "6h",
	    "how often to fetch it",
	    offsetof(struct source_conf, interval) },
	{ "jitter", SECTION_SOURCE, CONF_DURATION, 0, 86400, "5m",
	    "a random delay up to this, so fetches do not line up",
	    offsetof(struct source_conf, jitter) },
	{ "timeout", SECTION_SOURCE, CONF_DURATION, 1, 300, "30s",
	    "give up on a fetch after this long",
	    offsetof(struct source_conf, timeout) },
	{ "max_size", SECTION_SOURCE, CONF_SIZE, 1024, 1LL << 30, "15M",
	    "largest body accepted, counted after decompression",
	    offsetof(struct source_conf, max_size) },
	{ "item_xpath", SECTION_SOURCE, CONF_STRING, 0, 0, "",
	    "html: the XPath of each paper's element",
	    offsetof(struct source_conf, item_xpath) },
	{ "title_xpath", SECTION_SOURCE, CONF_STRING, 0, 0, "",
	    "html: the title, relative to the item",
	    offsetof(struct source_conf, title_xpath) },
	{ "abstract_xpath", SECTION_SOURCE, CONF_STRING, 0, 0, "",
	    "html: the abstract, relative to the item",
	    offsetof(struct source_conf, abstract_xpath) },
	{ "link_xpath", SECTION_SOURCE, CONF_STRING, 0, 0, "",
	    "html: the link, relative to the item",
	    offsetof(struct source_conf, link_xpath) },
	{ "enabled", SECTION_SOURCE, CONF_BOOL, 0, 0, "yes",
	    "no keeps the section but never fetches it",
	    offsetof(struct source_conf, enabled) },
	{ "watch", SECTION_ALERT, CONF_WATCH, 0, 0, NULL,
	    "what to watch: topic:NAME (globs allowed), term:WORD, "
	    "term:\"a phrase\", emerging",
	    offsetof(struct alert_conf, watch) },
	{ "lambda", SECTION_ALERT, CONF_FRACTION, 0, 0, "0.2",
	    "EWMA weight of the newest day in the expected share",
	    offsetof(struct alert_conf, lambda) },
	{ "p", SECTION_ALERT, CONF_FRACTION, 0, 0, "0.001",
	    "a day qualifies when P(X >= count) under Poisson is below this",
	    offsetof(struct alert_conf, p) },
	{ "min_count", SECTION_ALERT, CONF_INT, 1, 1000000, "3",
	    "... and at least this many papers use it",
	    offsetof(struct alert_conf, min_count) },
	{ "warmup", SECTION_ALERT, CONF_INT, 1, 100, "7",
	    "known days of history needed before any day is judged",
	    offsetof(struct alert_conf, warmup) },
	{ "for", SECTION_ALERT, CONF_INT, 1, 100, "2",
	    "qualifying snapshots (one per day) in a row before it fires",
	    offsetof(struct alert_conf, for_count) },
	{ "resolve_p", SECTION_ALERT, CONF_FRACTION, 0, 0, "0.05",
	    "a day is calm when its tail is at least this (or too few papers)",
	    offsetof(struct alert_conf, resolve_p) },
	{ "resolve_for", SECTION_ALERT, CONF_INT, 1, 100, "2",
	    "calm snapshots (one per day) in a row before it resolves",
	    offsetof(struct alert_conf, resolve_count) },
	{ "repeat", SECTION_ALERT, CONF_DURATION, 60, 365 * 86400, "7d",
	    "a firing alert is sent again after this long",
	    offsetof(struct alert_conf, repeat) },
	{ "max_items", SECTION_ALERT, CONF_INT, 1, 1000, "20",
	    "alerts listed in one notification; the rest are \"+N more\"",
	    offsetof(struct alert_conf, max_items) },
	{ "exec", SECTION_ALERT, CONF_COMMAND, 0, 0, "",
	    "a command (argv, no shell) given the notification as JSON on "
	    "stdin",
	    offsetof(struct alert_conf, exec) },
	{ "exec_timeout", SECTION_ALERT, CONF_DURATION, 1, 3600, "30s",
	    "the command is killed after this long",
	    offsetof(struct alert_conf, exec_timeout) },
	{ "webhook", SECTION_ALERT, CONF_WEBHOOK, 0, 0, "",
	    "an http(s) URL that gets Alertmanager's webhook JSON by POST",
	    offsetof(struct alert_conf, webhook) },
	{ "webhook_timeout", SECTION_ALERT, CONF_DURATION, 1, 300, "10s",
	    "give up on one POST after this long",
	    offsetof(struct alert_conf, webhook_timeout) },
	{ "file", SECTION_ALERT, CONF_PATH, 0, 0, "",
	    "a file each notification is appended to as one JSON line",
	    offsetof(struct alert_conf, file) },
	{ "mail", SECTION_ALERT, CONF_MAILS, 0, 0, "",
	    "e-mail addresses to send notifications to (needs smtp)",
	    offsetof(struct alert_conf, mail) },
	{ "mail_from", SECTION_ALERT, CONF_MAILS, 0, 0, "topicd@localhost",
	    "the sender of those mails",
	    offsetof(struct alert_conf, mail_from) },
	{ "smtp", SECTION_ALERT, CONF_SMTP, 0, 0, "",
	    "the mail server: smtp://host[:port] or smtps://host[:port]",
	    offsetof(struct alert_conf, smtp) },
	{ "mail_resolved", SECTION_ALERT, CONF_BOOL, 0, 0, "no",
	    "yes also mails resolved notices",
	    offsetof(struct alert_conf, mail_resolved) },
	{ "retries", SECTION_ALERT, CONF_INT, 0, 20, "5",
	    "a failed delivery is tried again this many times, then logged",
	    offsetof(struct alert_conf, retries) },
	{ "retry_wait", SECTION_ALERT, CONF_DURATION, 1, 86400, "30s",
	    "the first wait before a retry; it doubles each time",
	    offsetof(struct alert_conf, retry_wait) },
};
#define CONF_NKEYS	(sizeof conf_keys / sizeof conf_keys[0])

/* Parse state: the line reader's position and the errors so far. */
struct conf_parse {
	FILE			*f;
	const char		*path;
	char			*dir;		/* for relative paths */
	long			 line;
	struct config		*conf;
	struct source_conf	*source;	/* current section, or NULL */
	struct alert_conf	*alert;
	uint8_t			*seen;		/* general keys set */
	char			**errors;
	size_t			 nerrors;
};

/* Record an error at the current line. */
static void __attribute__((format(printf, 2, 3)))
conf_error(struct conf_parse *cp, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *line;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	xasprintf(&line, "%s:%ld: %s", cp->path, cp->line, msg);
	free(msg);
	cp->errors = xreallocarray(cp->errors, cp->nerrors + 1,
	    sizeof *cp->errors);
	cp->errors[cp->nerrors++] = line;
}

/*
 * Split a listen value, "PORT", "ADDRESS:PORT" or "[IPV6]:PORT", into its
 * address (127.0.0.1 when there is none; the caller frees it) and port
 * (1 to 65535). Either output may be NULL, to check only.
 */
int
config_listen(const char *v, char **addr, unsigned short *port)
{
	const char	*colon, *host = NULL, *p;
	size_t		 hlen = 0;
	long		 n = 0;

	if ((colon = strrchr(v, ':')) == NULL)
		p = v;
	else if (*v == '[') {
		if (colon == v || colon[-1] != ']' || colon - v < 3)
			return -1;
		host = v + 1;
		hlen = (size_t)(colon - v - 2);
		p = colon + 1;
	} else {
		if (memchr(v, ':', (size_t)(colon - v)) != NULL ||
		    colon == v)
			return -1;	/* an IPv6 address needs brackets */
		host = v;
		hlen = (size_t)(colon - v);
		p = colon + 1;
	}
	if (*p == '\0' || strlen(p) > 5 || p[strspn(p, "0123456789")] != '\0')
		return -1;
	n = strtol(p, NULL, 10);
	if (n < 1 || n > 65535)
		return -1;
	if (host != NULL && (hlen == 0 || hlen > 255 ||
	    strcspn(host, " \t/[]") < hlen))
		return -1;
	if (addr != NULL)
		*addr = host != NULL ? xstrndup(host, hlen) :
		    xstrdup("127.0.0.1");
	if (port != NULL)
		*port = (unsigned short)n;
	return 0;
}

/*
 * A retention setting (keep_raw and its kin): a duration of a day to a
 * century, or 0 or forever (*seconds 0: keep forever); -1 if neither.
 */
int
config_retention(const char *v, long long *seconds)
{
	long long	 n;

	if (strcmp(v, "0") == 0 || strcmp(v, "forever") == 0)
		n = 0;
	else if (duration_parse(v, &n) != 0 || n < 86400 ||
	    n > 36600LL * 86400)
		return -1;
	*seconds = n;
	return 0;
}

/* Parse "mon 07:00" or "daily 07:00". */
static int
conf_schedule(const char *v, struct schedule *out)
{
	static const char *days[] = { "daily", "mon", "tue", "wed", "thu",
	    "fri", "sat", "sun" };
	char	 day[16];
	int	 h, m, i, n = 0;

	if (sscanf(v, "%15s %d:%d%n", day, &h, &m, &n) != 3 || v[n] != '\0' ||
	    h < 0 || h > 23 || m < 0 || m > 59 || strlen(v + n - 5) != 5)
		return -1;
	for (i = 0; i < 8; i++) {
		if (strcasecmp(day, days[i]) == 0) {
			out->wday = i;
			out->minute = h * 60 + m;
			return 0;
		}
	}
	return -1;
}

/* Whether every word of v is one of the report formats. */
static int
conf_formats(const char *v)
{
	char	*copy = xstrdup(v), *w, *last;
	int	 ok = 1, any = 0;

	for (w = strtok_r(copy, " ,", &last); w != NULL;
	    w = strtok_r(NULL, " ,", &last)) {
		any = 1;
		if (strcmp(w, "text") != 0 && strcmp(w, "md") != 0 &&
		    strcmp(w, "json") != 0 && strcmp(w, "html") != 0)
			ok = 0;
	}
	free(copy);
	return ok && any;
}

/* Whether v is blank-separated addresses, each local@domain. */
static int
conf_mails(const char *v)
{
	char	*copy = xstrdup(v), *w, *last, *at;
	int	 ok = 1;

	for (w = strtok_r(copy, " ,", &last); w != NULL;
	    w = strtok_r(NULL, " ,", &last)) {
		at = strchr(w, '@');
		if (at == NULL || at == w || at[1] == '\0' ||
		    strpbrk(w, "<>\"()\r\n") != NULL)
			ok = 0;
	}
	free(copy);
	return ok;
}

/* Check a watch list or a command line; errors are recorded here. */
static int
conf_words(struct conf_parse *cp, const struct conf_key *k, const char *v)
{
	struct watch	 w;
	char		**words, *cause = NULL;
	size_t		 n;

	if (k->type == CONF_WATCH) {
		if (watch_parse(v, &w, &cause) == 0) {
			watch_clear(&w);
			return 0;
		}
	} else if (*v == '\0')
		return 0;
	else if (split_words(v, &words, &n, &cause) == 0) {
		split_free(words, n);
		return 0;
	}
	if (cp != NULL)
		conf_error(cp, "%s = %s: %s", k->name, v, cause);
	free(cause);
	return -1;
}

/*
 * Check and store value v of key k into the struct at base: 0, -1 if it
 * is malformed, -2 if malformed and already reported.
 */
static int
conf_set(struct conf_parse *cp, const struct conf_key *k, void *base,
    const char *v)
{
	char		**sp = (char **)((char *)base + k->offset);
	long long	 n, *lp = (long long *)((char *)base + k->offset);
	int		*ip = (int *)((char *)base + k->offset);
	double		 d, *dp = (double *)((char *)base + k->offset);
	char		*end;

	switch (k->type) {
	case CONF_STRING:
		break;
	case CONF_PATH:
		if (*v != '\0' && *v != '/' && cp != NULL && cp->dir != NULL) {
			free(*sp);
			xasprintf(sp, "%s/%s", cp->dir, v);
			return 0;
		}
		break;
	case CONF_URL:
		if (strncmp(v, "http://", 7) != 0 &&
		    strncmp(v, "https://", 8) != 0 &&
		    strncmp(v, "file://", 7) != 0)
			return -1;
		break;
	case CONF_FORMAT:
		return digest_format_from_name(v, (enum digest_format *)ip);
	case CONF_DURATION:
		if (duration_parse(v, &n) != 0 || n < k->min || n > k->max)
			return -1;
		*lp = n;
		return 0;
	case CONF_RETENTION:
		return config_retention(v, lp);
	case CONF_SIZE:
		if (size_parse(v, &n) != 0 || n < k->min || n > k->max)
			return -1;
		*lp = n;
		return 0;
	case CONF_BOOL:
		if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
		    strcmp(v, "on") == 0)
			*ip = 1;
		else if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0 ||
		    strcmp(v, "off") == 0)
			*ip = 0;
		else
			return -1;
		return 0;
	case CONF_SCHEDULE:
		return conf_schedule(v, (struct schedule *)ip);
	case CONF_FORMATS:
		if (!conf_formats(v))
			return -1;
		break;
	case CONF_CHART:
		if (strcmp(v, "png") != 0 && strcmp(v, "svg") != 0)
			return -1;
		break;
	case CONF_FRACTION:
		errno = 0;
		d = strtod(v, &end);
		if (errno != 0 || end == v || *end != '\0' || !(d > 0.0) ||
		    d > 1.0)
			return -1;
		*dp = d;
		return 0;
	case CONF_INT:
		errno = 0;
		n = strtoll(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || n < k->min ||
		    n > k->max)
			return -1;
		*lp = n;
		return 0;
	case CONF_WATCH:
	case CONF_COMMAND:
		if (conf_words(cp, k, v) != 0) {
			/* Kept, so that "has no watch" is not said as well. */
			free(*sp);
			*sp = xstrdup(v);
			return -2;
		}
		break;
	case CONF_WEBHOOK:
		if (*v != '\0' && strncmp(v, "http://", 7) != 0 &&
		    strncmp(v, "https://", 8) != 0)
			return -1;
		break;
	case CONF_SMTP:
		if (*v != '\0' && strncmp(v, "smtp://", 7) != 0 &&
		    strncmp(v, "smtps://", 8) != 0)
			return -1;
		break;
	case CONF_MAILS:
		if (!conf_mails(v))
			return -1;
		break;
	case CONF_LISTEN:
		if (*v != '\0' && config_listen(v, NULL, NULL) != 0)
			return -1;
		break;
	}
	free(*sp);
	*sp = xstrdup(v);
	return 0;
}

/* What a value of type t looks like, for error messages. */
static const char *
conf_expect(const struct conf_key *k)
{
	switch (k->type) {
	case CONF_URL:
		return "an http://, https:// or file:// URL";
	case CONF_FORMAT:
		return "a digest format (auto, text, jsonl, ...)";
	case CONF_DURATION:
		return "a duration like 30s, 5m, 6h or 1d";
	case CONF_SIZE:
		return "a size like 512K or 15M";
	case CONF_BOOL:
		return "yes or no";
	case CONF_SCHEDULE:
		return "DAY HH:MM (mon ... sun, or daily)";
	case CONF_FORMATS:
		return "report formats among text, md, json, html";
	case CONF_CHART:
		return "png or svg";
	case CONF_FRACTION:
		return "a number above 0 and at most 1, like 0.2 or 1e-3";
	case CONF_WEBHOOK:
		return "an http:// or https:// URL";
	case CONF_SMTP:
		return "an smtp:// or smtps:// URL";
	case CONF_MAILS:
		return "e-mail addresses like you@example.org";
	case CONF_LISTEN:
		return "[ADDRESS:]PORT like 127.0.0.1:8377, [::1]:8377 or 8377";
	case CONF_RETENTION:
		return "a duration of a day or more like 30d, 52w or 365d, or "
		    "forever";
	default:
		return "a string";
	}
}

/* Set every key of a section to its default. */
static void
conf_defaults(enum conf_section section, void *base)
{
	size_t	 i;

	for (i = 0; i < CONF_NKEYS; i++) {
		if (conf_keys[i].section == section && conf_keys[i].def != NULL)
			conf_set(NULL, &conf_keys[i], base, conf_keys[i].def);
	}
}

/* Begin a [source NAME] section. */
static void
conf_source_begin(struct conf_parse *cp, const char *name)
{
	struct config	*c = cp->conf;
	size_t		 i;

	for (i = 0; i < c->nsources; i++) {
		if (strcmp(c->sources[i].name, name) == 0) {
			conf_error(cp, "[source %s] defined twice (first on "
			    "line %ld)", name, c->sources[i].line);
			cp->source = NULL;
			return;
		}
	}
	c->sources = xreallocarray(c->sources, c->nsources + 1,
	    sizeof *c->sources);
	cp->source = &c->sources[c->nsources++];
	memset(cp->source, 0, sizeof *cp->source);
	cp->source->name = xstrdup(name);
	cp->source->line = cp->line;
	conf_defaults(SECTION_SOURCE, cp->source);
}

/* Begin an [alert NAME] section. */
static void
conf_alert_begin(struct conf_parse *cp, const char *name)
{
	struct config	*c = cp->conf;
	size_t		 i;

	if (name[strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")] != '\0') {
		conf_error(cp, "[alert %s]: a name is letters, digits, "
		    "'-', '_' and '.'", name);
		return;
	}
	for (i = 0; i < c->nalerts; i++) {
		if (strcmp(c->alerts[i].name, name) == 0) {
			conf_error(cp, "[alert %s] defined twice (first on "
			    "line %ld)", name, c->alerts[i].line);
			return;
		}
	}
	c->alerts = xreallocarray(c->alerts, c->nalerts + 1,
	    sizeof *c->alerts);
	cp->alert = &c->alerts[c->nalerts++];
	memset(cp->alert, 0, sizeof *cp->alert);
	cp->alert->name = xstrdup(name);
	cp->alert->line = cp->line;
	conf_defaults(SECTION_ALERT, cp->alert);
}

/* A section header line (after its '['): [source NAME] or an error. */
static void
conf_section_begin(struct conf_parse *cp, const char *p)
{
	const char	*end = strchr(p, ']');
	char		*name;
	size_t		 len;

	cp->source = NULL;
	cp->alert = NULL;
	if (end == NULL) {
		conf_error(cp, "section header without ]");
		return;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	len = (size_t)(end - p);
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	name = xstrndup(p, len);
	if ((strncmp(name, "source", 6) == 0 || strncmp(name, "alert",
	    5) == 0) && (name[*name == 's' ? 6 : 5] == ' ' ||
	    name[*name == 's' ? 6 : 5] == '\t')) {
		p = name + (*name == 's' ? 7 : 6);
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || strpbrk(p, " \t") != NULL)
			conf_error(cp, "[%s]: a%s needs one name, without "
			    "spaces", name, *name == 's' ? " source" :
			    "n alert");
		else if (*name == 's')
			conf_source_begin(cp, p);
		else
			conf_alert_begin(cp, p);
	} else
		conf_error(cp, "unknown section [%s] (want [source NAME] or "
		    "[alert NAME])", name);
	free(name);
}

/* inih's callback: one key = value in a section. */
static int
conf_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct conf_parse	*cp = user;
	const struct conf_key	*k = NULL;
	enum conf_section	 want;
	size_t			 i;
	void			*base;
	int			 rc;

	if (*section == '\0') {
		want = SECTION_GENERAL;
		base = cp->conf;
	} else if (cp->source != NULL) {
		want = SECTION_SOURCE;
		base = cp->source;
	} else if (cp->alert != NULL) {
		want = SECTION_ALERT;
		base = cp->alert;
	} else
		return 1;	/* a bad section, reported at its header */
	for (i = 0; i < CONF_NKEYS; i++) {
		if (conf_keys[i].section == want &&
		    strcmp(conf_keys[i].name, name) == 0)
			k = &conf_keys[i];
	}
	if (k == NULL) {
		conf_error(cp, "unknown key \"%s\"%s%s%s%s", name,
		    *section ? " in [" : "", section, *section ? "]" : "",
		    want == SECTION_ALERT ? " (deliveries are exec, webhook, "
		    "file and mail)" : "");
		return 1;
	}
	if ((rc = conf_set(cp, k, base, value)) == -1 && k->type == CONF_INT)
		conf_error(cp, "%s = \"%s\": want a whole number from %lld to "
		    "%lld", name, value, k->min, k->max);
	else if (rc == -1) {
		conf_error(cp, "%s = \"%s\": want %s", name, value,
		    conf_expect(k));
		/* Said once: not again as "has no url" at the end. */
		if (k->section == SECTION_SOURCE && k->type == CONF_URL &&
		    cp->source != NULL &&
		    cp->source->url == NULL)
			cp->source->url = xstrdup("");
	}
	return 1;
}

/* inih's line reader: counts lines and catches lines inih would skip. */
static char *
conf_reader(char *str, int num, void *stream)
{
	struct conf_parse	*cp = stream;
	const char		*p;

	if (fgets(str, num, cp->f) == NULL)
		return NULL;
	cp->line++;
	for (p = str; *p == ' ' || *p == '\t'; p++)
		;
	if (*p == '\0' || *p == '\n' || *p == '\r' || *p == '#' || *p == ';')
		return str;
	if (*p == '[') {
		conf_section_begin(cp, p + 1);
		return str;
	}
	if (strchr(p, '=') == NULL && strchr(p, ':') == NULL)
		conf_error(cp, "not a section or a key = value line");
	return str;
}

/* What only a whole [alert] section can say is wrong with it. */
static void
conf_alert_check(struct conf_parse *cp, const struct alert_conf *a)
{
	cp->line = a->line;
	if (a->watch == NULL)
		conf_error(cp, "[alert %s] has no watch", a->name);
	if (*a->mail != '\0' && *a->smtp == '\0')
		conf_error(cp, "[alert %s]: mail needs smtp (the mail server)",
		    a->name);
	if (*a->smtp != '\0' && *a->mail == '\0')
		conf_error(cp, "[alert %s]: smtp without mail (whom to send "
		    "to)", a->name);
	if (a->resolve_p <= a->p)
		conf_error(cp, "[alert %s]: resolve_p (%g) must be above p "
		    "(%g)", a->name, a->resolve_p, a->p);
}

/*
 * Read the configuration at path. NULL with every error (file:line: what)
 * in *errors when it is broken.
 */
struct config *
config_load(const char *path, char ***errors, size_t *nerrors)
{
	struct conf_parse	 cp;
	struct config		*c = xcalloc(1, sizeof *c);
	const char		*slash;
	size_t			 i;
	int			 rc;

	memset(&cp, 0, sizeof cp);
	cp.path = path;
	cp.conf = c;
	c->path = xstrdup(path);
	conf_defaults(SECTION_GENERAL, c);
	if ((slash = strrchr(path, '/')) != NULL)
		cp.dir = xstrndup(path, (size_t)(slash - path));
	else
		cp.dir = xstrdup(".");
	if ((cp.f = fopen(path, "r")) == NULL) {
		cp.errors = xcalloc(1, sizeof *cp.errors);
		xasprintf(&cp.errors[0], "%s: %s", path, strerror(errno));
		cp.nerrors = 1;
		goto fail;
	}
	ini_allow_multiline = false;
	ini_allow_inline_comments = false;
	ini_use_stack = false;
	ini_allow_realloc = true;
	ini_max_line = 65536;
	rc = ini_parse_stream(conf_reader, &cp, conf_handler, &cp);
	fclose(cp.f);
	if (rc < 0) {
		cp.line = 0;
		conf_error(&cp, "cannot read the file");
	}
	for (i = 0; i < c->nsources; i++) {
		if (c->sources[i].url == NULL) {
			cp.line = c->sources[i].line;
			conf_error(&cp, "[source %s] has no url",
			    c->sources[i].name);
		}
	}
	for (i = 0; i < c->nalerts; i++)
		conf_alert_check(&cp, &c->alerts[i]);
	if (cp.nerrors > 0)
		goto fail;
	free(cp.dir);
	*errors = NULL;
	*nerrors = 0;
	return c;
fail:
	free(cp.dir);
	config_free(c);
	*errors = cp.errors;
	*nerrors = cp.nerrors;
	return NULL;
}

/* The configuration of an empty file: every default (path ""). */
struct config *
config_default(void)
{
	struct config	*c = xcalloc(1, sizeof *c);

	c->path = xstrdup("");
	conf_defaults(SECTION_GENERAL, c);
	return c;
}

/* Whether a value of type t is kept as a string. */
static int
conf_is_string(enum conf_type t)
{
	switch (t) {
	case CONF_FORMAT:
	case CONF_DURATION:
	case CONF_SIZE:
	case CONF_BOOL:
	case CONF_SCHEDULE:
	case CONF_FRACTION:
	case CONF_INT:
	case CONF_RETENTION:
		return 0;
	default:
		return 1;
	}
}

/* Free the strings of a struct described by keys of one section. */
static void
conf_free_fields(enum conf_section section, void *base)
{
	size_t	 i;
	char	**sp;

	for (i = 0; i < CONF_NKEYS; i++) {
		if (conf_keys[i].section != section)
			continue;
		if (conf_is_string(conf_keys[i].type)) {
			sp = (char **)((char *)base + conf_keys[i].offset);
			free(*sp);
		}
	}
}

/* Make dst a deep copy of source section src. */
void
config_source_copy(struct source_conf *dst, const struct source_conf *src)
{
	size_t	 i;
	char	**sp;

	*dst = *src;
	dst->name = xstrdup(src->name);
	for (i = 0; i < CONF_NKEYS; i++) {
		if (conf_keys[i].section != SECTION_SOURCE)
			continue;
		if (conf_is_string(conf_keys[i].type)) {
			sp = (char **)((char *)dst + conf_keys[i].offset);
			if (*sp != NULL)
				*sp = xstrdup(*sp);
		}
	}
}

/* Free the strings of a source section (from config_source_copy). */
void
config_source_clear(struct source_conf *sc)
{
	conf_free_fields(SECTION_SOURCE, sc);
	free(sc->name);
	memset(sc, 0, sizeof *sc);
}

/* Free a configuration; NULL is fine. */
void
config_free(struct config *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nsources; i++) {
		conf_free_fields(SECTION_SOURCE, &c->sources[i]);
		free(c->sources[i].name);
	}
	free(c->sources);
	for (i = 0; i < c->nalerts; i++) {
		conf_free_fields(SECTION_ALERT, &c->alerts[i]);
		free(c->alerts[i].name);
	}
	free(c->alerts);
	conf_free_fields(SECTION_GENERAL, c);
	free(c->path);
	free(c);
}

/* Free an error list from config_load. */
void
config_errors_free(char **errors, size_t n)
{
	split_free(errors, n);
}

/* Append the lines of one section's keys to the sample text. */
static void
conf_sample_keys(char **out, enum conf_section section)
{
	size_t	 i;
	char	*prev;

	for (i = 0; i < CONF_NKEYS; i++) {
		if (conf_keys[i].section != section)
			continue;
		prev = *out;
		if (conf_keys[i].def == NULL)
			xasprintf(out, "%s# %s (required)\n", prev,
			    conf_keys[i].help);
		else
			xasprintf(out, "%s# %s\n#%s = %s\n", prev,
			    conf_keys[i].help, conf_keys[i].name,
			    conf_keys[i].def);
		free(prev);
	}
}

/* The sample configuration: every key, its default and why it is there. */
char *
config_sample(void)
{
	char	*out = xstrdup("# topicd.conf: see topicd.conf(5).\n"
	    "# Lines starting with # are comments; each commented key shows "
	    "its default.\n\n"), *prev;

	conf_sample_keys(&out, SECTION_GENERAL);
	prev = out;
	xasprintf(&out, "%s\n# One section a digest.\n"
	    "[source hf-daily]\n"
	    "url = https://huggingface.co/api/daily_papers?date=%%Y-%%m-%%d\n"
	    "format = hf-json\n"
	    "interval = 6h\n\n"
	    "[source arxiv-cs-ai]\n"
	    "url = https://rss.arxiv.org/rss/cs.AI\n"
	    "format = rss\n"
	    "interval = 1d\n\n"
	    "[source arxiv-cs-cl]\n"
	    "url = https://rss.arxiv.org/rss/cs.CL\n"
	    "format = rss\n"
	    "interval = 1d\n\n"
	    "[source arxiv-cs-cv]\n"
	    "url = https://rss.arxiv.org/rss/cs.CV\n"
	    "format = rss\n"
	    "interval = 1d\n\n"
	    "[source arxiv-cs-lg]\n"
	    "url = https://rss.arxiv.org/rss/cs.LG\n"
	    "format = rss\n"
	    "interval = 1d\n\n"
	    "# Every key of a source section:\n"
	    "[source example]\n"
	    "url = file:///var/lib/topicd/inbox/digest.jsonl\n"
	    "enabled = no\n", prev);
	free(prev);
	conf_sample_keys(&out, SECTION_SOURCE);
	prev = out;
	xasprintf(&out, "%s\n# One section an alert rule; see topicd.conf(5).\n"
	    "[alert new-models]\n"
	    "watch = term:mamba term:\"test-time scaling\"\n"
	    "file = /var/lib/topicd/alerts.jsonl\n\n"
	    "# Every key of an alert section:\n"
	    "[alert example]\n"
	    "watch = topic:LLM* term:o1\n", prev);
	free(prev);
	conf_sample_keys(&out, SECTION_ALERT);
	return out;
}

/* The names of every key of a section, for checks of the manual. */
const char *
config_key_name(size_t i, int *source)
{
	if (i >= CONF_NKEYS)
		return NULL;
	*source = conf_keys[i].section != SECTION_GENERAL;
	return conf_keys[i].name;
}

/* The [alert NAME] section called name, or NULL. */
const struct alert_conf *
config_alert(const struct config *c, const char *name)
{
	size_t	 i;

	for (i = 0; c != NULL && i < c->nalerts; i++) {
		if (strcmp(c->alerts[i].name, name) == 0)
			return &c->alerts[i];
	}
	return NULL;
}
