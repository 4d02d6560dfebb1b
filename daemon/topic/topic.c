/*
 * topic: the command-line tool on topicd's database. Parses the command
 * name and the options every command shares, then hands over to
 * cmd_*.c. Exit status: 0 ok, 1 error, 2 a firing alert.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

static const char *topic_db_path;
static const char *topic_stopwords;
static const char *topic_conf_path;
static struct config *topic_conf;
static const char *topic_topics_path;

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*what;
} topic_commands[] = {
	{ "alerts", cmd_alerts, "alert rules, states; check, test" },
	{ "backfill", cmd_backfill, "past days of a dated source, fetched" },
	{ "chart", cmd_chart, "charts drawn by gnuplot" },
	{ "ingest", cmd_ingest, "store digests: files, archives or -" },
	{ "rebuild", cmd_rebuild, "recount everything from the raw snapshots" },
	{ "report", cmd_report, "the weekly trend report, with charts" },
	{ "rising", cmd_rising, "rising (or falling) terms, phrases, topics" },
	{ "search", cmd_search, "full-text search of titles and abstracts" },
	{ "series", cmd_series, "counts of terms per day, week or month" },
	{ "stats", cmd_stats, "what the database holds" },
	{ "topics", cmd_topics, "each topic's counts and trend" },
};

/* Print the command list. */
static void
topic_usage(FILE *f)
{
	size_t	 i;

	fprintf(f, "usage: topic [--version] COMMAND [OPTIONS] [ARGS]\n\n"
	    "commands:\n");
	for (i = 0; i < sizeof topic_commands / sizeof topic_commands[0]; i++)
		fprintf(f, "  %-8s %s\n", topic_commands[i].name,
		    topic_commands[i].what);
	fprintf(f, "\nEvery command takes --config FILE (default $TOPICD_CONF: "
	    "topicd's file, for\nits database, word lists, topics and alert "
	    "rules), --db FILE (default\n$TOPICD_DB, then the config's "
	    "database, then ./topicd.db), --stopwords FILE\n(more stop words, "
	    "one a line), --topics FILE (a topics file instead of\nthe "
	    "shipped one) and --help. See topic(1).\n");
}

/*
 * Handle an option every command shares; returns 1 if c was one, 0 if
 * not. --help prints usage and exits.
 */
int
topic_common_option(int c, const char *arg, const char *usage)
{
	switch (c) {
	case 'D':
		topic_db_path = arg;
		return 1;
	case 'W':
		topic_stopwords = arg;
		return 1;
	case 'C':
		topic_conf_path = arg;
		return 1;
	case 'T':
		topic_topics_path = arg;
		return 1;
	case 'h':
		fputs(usage, stdout);
		exit(0);
	case '?':
		fputs(usage, stderr);
		exit(1);
	}
	return 0;
}

/*
 * The configuration of --config or $TOPICD_CONF, read once; NULL when
 * there is none. A broken one is reported (every error) and exits 1.
 */
struct config *
topic_config(void)
{
	const char	*path = topic_conf_path;
	char		**errors;
	size_t		 nerrors, i;

	if (topic_conf != NULL)
		return topic_conf;
	if (path == NULL)
		path = getenv("TOPICD_CONF");
	if (path == NULL || *path == '\0')
		return NULL;
	if ((topic_conf = config_load(path, &errors, &nerrors)) == NULL) {
		for (i = 0; i < nerrors; i++)
			log_warnx("%s", errors[i]);
		config_errors_free(errors, nerrors);
		exit(1);
	}
	return topic_conf;
}

/*
 * Open the database (--db, $TOPICD_DB, the config's database,
 * ./topicd.db) as store_open's how says; NULL after an error.
 */
struct store *
topic_store(int how)
{
	const char	*path = topic_db_path;
	struct config	*c;
	struct store	*st;
	char		*cause = NULL;

	if (path == NULL)
		path = getenv("TOPICD_DB");
	if ((path == NULL || *path == '\0') && (c = topic_config()) != NULL)
		path = c->database;
	if (path == NULL || *path == '\0')
		path = "topicd.db";
	if ((st = store_open(path, how, &cause)) == NULL) {
		log_warnx("%s", cause);
		free(cause);
	}
	return st;
}

/*
 * The shipped stop words plus --stopwords FILE (or the config's
 * stopwords); NULL after an error.
 */
struct wordlist *
topic_wordlist(void)
{
	struct wordlist	*wl = wordlist_default();
	const char	*path = topic_stopwords;
	struct config	*c;
	char		*buf, *cause = NULL;
	size_t		 len;

	if (path == NULL && (c = topic_config()) != NULL &&
	    c->stopwords != NULL && *c->stopwords != '\0')
		path = c->stopwords;
	if (path == NULL)
		return wl;
	if (file_read(path, 64 << 20, &buf, &len, &cause) != 0) {
		log_warnx("stop words: %s", cause);
		free(cause);
		wordlist_free(wl);
		return NULL;
	}
	wordlist_add_text(wl, buf, len);
	free(buf);
	return wl;
}

/*
 * The text of the topics file to count with: --topics FILE, else the
 * config's topics, else NULL (the shipped topics). -1 after an error.
 */
static int
topic_topics_text(char **text, size_t *len, const char **name)
{
	struct config	*c;
	char		*cause = NULL;

	*text = NULL;
	*len = 0;
	*name = topic_topics_path;
	if (*name == NULL && (c = topic_config()) != NULL &&
	    c->topics != NULL && *c->topics != '\0')
		*name = c->topics;
	if (*name == NULL)
		return 0;
	if (file_read(*name, 16 << 20, text, len, &cause) != 0) {
		log_warnx("topics: %s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* The topics to count with, parsed with tk; NULL after an error. */
struct topics *
topic_topics(struct tokenizer *tk)
{
	struct topics	*tp;
	const char	*name;
	char		*text, *cause = NULL;
	size_t		 len;

	if (topic_topics_text(&text, &len, &name) != 0)
		return NULL;
	if (text == NULL)
		tp = topics_default(tk, &cause);
	else
		tp = topics_parse(tk, text, len, name, &cause);
	free(text);
	if (tp == NULL) {
		log_warnx("%s", cause);
		free(cause);
	}
	return tp;
}

/* Give the pipeline the topics to count with; -1 after an error. */
int
topic_set_topics(struct pipeline *p)
{
	const char	*name;
	char		*text, *cause = NULL;
	size_t		 len;
	int		 rc;

	if (topic_topics_text(&text, &len, &name) != 0)
		return -1;
	if ((rc = pipeline_set_topics(p, text, len, name, &cause)) != 0) {
		log_warnx("%s", cause);
		free(cause);
	}
	free(text);
	return rc;
}

/* Parse the date of option --opt into *day, or say what is wrong. */
int
topic_day_option(const char *opt, const char *arg, day_t *day)
{
	if (day_parse(arg, day) != 0) {
		log_warnx("--%s %s: not a date YYYY-MM-DD", opt, arg);
		return -1;
	}
	return 0;
}

/* Refuse --from after --to (either may be DAY_NONE: not given). */
int
topic_day_range(day_t from, day_t to)
{
	char	 f[11], t[11];

	if (from == DAY_NONE || to == DAY_NONE || from <= to)
		return 0;
	day_format(from, f);
	day_format(to, t);
	log_warnx("--from %s is after --to %s", f, t);
	return -1;
}

/* Write a rendered output to standard output and free it. */
void
topic_print(char *s)
{
	fputs(s, stdout);
	free(s);
}

/* Nothing is in flight any more: leave the loop. */
static void
topic_loop_idle(void *arg)
{
	event_base_loopexit(arg, NULL);
}

/* An event loop for deliveries (store: its outbox, or NULL). */
int
topic_loop_start(struct topic_loop *l, struct store *st)
{
	memset(l, 0, sizeof *l);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 ||
	    (l->base = event_base_new()) == NULL ||
	    (l->fetcher = fetcher_new(l->base)) == NULL) {
		log_warnx("cannot start the event loop");
		topic_loop_end(l);
		return -1;
	}
	l->dl = deliverer_new(l->base, l->fetcher, st, 1, topic_loop_idle,
	    l->base);
	return 0;
}

/* Run the loop until every delivery started has ended. */
void
topic_loop_run(struct topic_loop *l)
{
	if (deliverer_busy(l->dl))
		event_base_dispatch(l->base);
}

/* Free the loop. */
void
topic_loop_end(struct topic_loop *l)
{
	deliverer_free(l->dl);
	fetcher_free(l->fetcher);
	if (l->base != NULL) {
		event_base_free(l->base);
		curl_global_cleanup();
	}
	memset(l, 0, sizeof *l);
}

/*
 * Deliver what st's outbox holds for the rules of c, one attempt each
 * (what fails waits for the next run or the daemon), and return.
 */
void
topic_deliver(struct store *st, const struct config *c)
{
	struct topic_loop	 l;

	if (c == NULL || c->nalerts == 0 || topic_loop_start(&l, st) != 0)
		return;
	deliverer_kick(l.dl, c);
	topic_loop_run(&l);
	topic_loop_end(&l);
}

int
main(int argc, char **argv)
{
	size_t	 i;
	int	 rc;

	proc_heap_setup();
	log_init("topic", 1, 0);
	if (argc < 2) {
		topic_usage(stderr);
		return 1;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		topic_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("topic %s\n", TOPICD_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof topic_commands / sizeof topic_commands[0];
	    i++) {
		if (strcmp(argv[1], topic_commands[i].name) == 0) {
			rc = topic_commands[i].fn(argc - 1, argv + 1);
			config_free(topic_conf);
			return rc;
		}
	}
	log_warnx("unknown command \"%s\" (try topic --help)", argv[1]);
	return 1;
}
