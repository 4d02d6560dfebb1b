/*
 * topic: the command-line tool on topicd's database. Parses the global
 * options (before or after the command), finds the command in the table
 * of cmd_*.c's entries, parses its options from its table and hands over.
 * Exit status: 0 ok, 1 error, 2 a firing alert.
 */
#include <sys/ioctl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

static const char *topic_db_path;
static const char *topic_stopwords;
static const char *topic_conf_path;
static struct config *topic_conf;
static const char *topic_topics_path;

/* The options every command takes, before or after its name. */
static const struct options_entry topic_options[] = {
	{ .name = "config", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .arg = "FILE", .help = "topicd's configuration, for its database, "
	  "word lists, topics and alert rules (default $TOPICD_CONF)" },
	{ .name = "db", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .arg = "FILE", .help = "the database (default $TOPICD_DB, then the "
	  "config's, then ./topicd.db)" },
	{ .name = "stopwords", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .arg = "FILE", .help = "more stop words, one a line" },
	{ .name = "topics", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .arg = "FILE", .help = "a topics file instead of the shipped one" },
	{ .name = "help", .letter = 'h', .kind = OPTIONS_FLAG,
	  .flags = OPTIONS_CLI, .help = "print the usage and exit" },
	{ .name = "version", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "print the version and exit" },
	{ .name = NULL }
};

static const struct cmd_entry *topic_commands[] = {
	&cmd_alerts_entry,
	&cmd_backfill_entry,
	&cmd_chart_entry,
	&cmd_ingest_entry,
	&cmd_prune_entry,
	&cmd_rebuild_entry,
	&cmd_report_entry,
	&cmd_rising_entry,
	&cmd_search_entry,
	&cmd_series_entry,
	&cmd_stats_entry,
	&cmd_topics_entry,
};
#define TOPIC_NCOMMANDS	(sizeof topic_commands / sizeof topic_commands[0])

/* Print the command list and the global options. */
static void
topic_usage(FILE *f)
{
	char	*help = options_help(topic_options);
	size_t	 i;

	fprintf(f, "usage: topic [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]\n"
	    "       topic help [COMMAND]\n\ncommands:\n");
	for (i = 0; i < TOPIC_NCOMMANDS; i++)
		fprintf(f, "  %-8s %s\n", topic_commands[i]->name,
		    topic_commands[i]->what);
	fprintf(f, "\nglobal options (before or after the command):\n%s\n"
	    "topic COMMAND --help lists its options. See topic(1).\n", help);
	free(help);
}

/* Print the synopsis, the paragraph and the options of command ce. */
static void
topic_command_usage(const struct cmd_entry *ce, FILE *f)
{
	char	*prog, *synopsis, *help, *global;

	xasprintf(&prog, "topic %s", ce->name);
	synopsis = options_synopsis(prog, ce->options, ce->args);
	help = options_help(ce->options);
	global = options_help(topic_options);
	fprintf(f, "%s\n%s\n%s%s%sglobal options (before or after the "
	    "command):\n%s", synopsis, ce->about, *help != '\0' ?
	    "options:\n" : "", help, *help != '\0' ? "\n" : "", global);
	free(global);
	free(help);
	free(synopsis);
	free(prog);
}

/* Arguments command ce cannot take: its synopsis on stderr, exit 1. */
int
topic_usage_error(const struct cmd_entry *ce)
{
	char	*prog, *synopsis;

	xasprintf(&prog, "topic %s", ce->name);
	synopsis = options_synopsis(prog, ce->options, ce->args);
	fprintf(stderr, "%s(topic %s --help says more)\n", synopsis,
	    ce->name);
	free(synopsis);
	free(prog);
	return 1;
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
		log_cause(cause);
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
		log_cause(cause);
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
		log_cause(cause);
	}
	free(text);
	return rc;
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

/*
 * The columns of a text table: 0 (cut nothing) when standard output is
 * not a terminal, else COLUMNS, else the terminal's width, else 80.
 */
size_t
topic_columns(void)
{
	struct winsize	 ws;
	const char	*env = getenv("COLUMNS");
	long		 n;
	char		*end;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (env != NULL && (n = strtol(env, &end, 10)) >= 40 && *end == '\0' &&
	    n <= 1000)
		return (size_t)n;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		return ws.ws_col;
	return 80;
}

/*
 * Open what a reading command needs, read only: the word lists, the store,
 * a tokenizer and, with TOPIC_READ_TOPICS, the topics; or, with TOPIC_WRITE,
 * what a writing command needs: the word lists, the store read-write
 * (TOPIC_WRITE_EXISTING: only an existing one) and a pipeline counting the
 * topics. 0, or -1 when one of them failed (said); topic_reader_close in
 * both cases.
 */
int
topic_reader_open(struct topic_reader *rd, int flags)
{
	int	 how = STORE_READONLY;

	if (flags & TOPIC_WRITE)
		how = (flags & TOPIC_WRITE_EXISTING) ? STORE_EXISTING : 0;
	memset(rd, 0, sizeof *rd);
	if ((rd->wl = topic_wordlist()) == NULL ||
	    (rd->st = topic_store(how)) == NULL)
		return -1;
	if (flags & TOPIC_WRITE) {
		rd->p = pipeline_new(rd->st, rd->wl);
		return topic_set_topics(rd->p);
	}
	rd->tk = tokenizer_new(rd->wl);
	if ((flags & TOPIC_READ_TOPICS) &&
	    (rd->topics = topic_topics(rd->tk)) == NULL)
		return -1;
	return 0;
}

/* Close what topic_reader_open opened. */
void
topic_reader_close(struct topic_reader *rd)
{
	pipeline_free(rd->p);
	topics_free(rd->topics);
	tokenizer_free(rd->tk);
	store_close(rd->st);
	wordlist_free(rd->wl);
	memset(rd, 0, sizeof *rd);
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
	char	*cause = NULL;

	memset(l, 0, sizeof *l);
	if ((l->base = event_base_new()) == NULL)
		cause = xstrdup("cannot start the event loop");
	else
		l->fetcher = fetcher_new(l->base, &cause);
	if (l->fetcher == NULL) {
		log_cause(cause);
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
	if (l->base != NULL)
		event_base_free(l->base);
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

/* The command called name, or NULL. */
static const struct cmd_entry *
topic_command(const char *name)
{
	size_t	 i;

	for (i = 0; i < TOPIC_NCOMMANDS; i++) {
		if (strcmp(name, topic_commands[i]->name) == 0)
			return topic_commands[i];
	}
	return NULL;
}

/* Keep the global options given so far. */
static void
topic_globals(const struct options_values *g)
{
	topic_conf_path = options_str(g, "config", topic_conf_path);
	topic_db_path = options_str(g, "db", topic_db_path);
	topic_stopwords = options_str(g, "stopwords", topic_stopwords);
	topic_topics_path = options_str(g, "topics", topic_topics_path);
}

int
main(int argc, char **argv)
{
	const struct cmd_entry	*ce;
	struct options_values	*sets[2] = { NULL, NULL };
	char			*cause = NULL;
	int			 i, n, help, rc = 1;

	proc_heap_setup();
	log_init("topic", 1, 0);
	sets[1] = options_values_new(topic_options);
	if ((i = options_argv(argc, argv, &sets[1], 1, OPTIONS_STOP,
	    &cause)) < 0)
		goto fail;
	if (options_flag(sets[1], "version")) {
		printf("topic %s\n", TOPICD_VERSION);
		rc = 0;
		goto out;
	}
	if (options_flag(sets[1], "help") || (i + 1 == argc &&
	    strcmp(argv[i], "help") == 0)) {
		topic_usage(stdout);
		rc = 0;
		goto out;
	}
	if (i == argc) {
		topic_usage(stderr);
		goto out;
	}
	help = strcmp(argv[i], "help") == 0;
	if ((ce = topic_command(argv[i + help])) == NULL) {
		log_warnx("unknown command \"%s\" (try topic --help)",
		    argv[i + help]);
		goto out;
	}
	if (help) {
		topic_command_usage(ce, stdout);
		rc = 0;
		goto out;
	}
	sets[0] = options_values_new(ce->options);
	if ((n = options_argv(argc - i, argv + i, sets, 2, 0, &cause)) < 0)
		goto fail;
	if (options_flag(sets[1], "version")) {
		printf("topic %s\n", TOPICD_VERSION);
		rc = 0;
	} else if (options_flag(sets[1], "help")) {
		topic_command_usage(ce, stdout);
		rc = 0;
	} else if (argc - i - n < ce->lower || (ce->upper != -1 &&
	    argc - i - n > ce->upper))
		rc = topic_usage_error(ce);
	else {
		topic_globals(sets[1]);
		rc = ce->exec(sets[0], argc - i - n, argv + i + n);
	}
	config_free(topic_conf);
	goto out;
fail:
	log_cause(cause);
out:
	options_values_free(sets[0]);
	options_values_free(sets[1]);
	return rc;
}
