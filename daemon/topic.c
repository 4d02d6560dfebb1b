/*
 * topic: the command-line tool on topicd's database. Parses the command
 * name and the options every command shares, then hands over to
 * cmd_*.c. Exit status: 0 ok, 1 error, 2 a firing alert.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "topicd.h"

static const char *topic_db_path;
static const char *topic_stopwords;
static const char *topic_topics_path;

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*what;
} topic_commands[] = {
	{ "ingest", cmd_ingest, "store digests: files, archives or -" },
	{ "rebuild", cmd_rebuild, "recount everything from the raw snapshots" },
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
	fprintf(f, "\nEvery command takes --db FILE (default $TOPICD_DB, then "
	    "./topicd.db),\n--stopwords FILE (more stop words, one a line), "
	    "--topics FILE (topics\nfile instead of the shipped one) and "
	    "--help.\nSee topic(1).\n");
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

/* Open the database (--db, $TOPICD_DB, ./topicd.db); NULL after an error. */
struct store *
topic_store(int readonly)
{
	const char	*path = topic_db_path;
	struct store	*st;
	char		*cause = NULL;

	if (path == NULL)
		path = getenv("TOPICD_DB");
	if (path == NULL || *path == '\0')
		path = "topicd.db";
	if ((st = store_open(path, readonly, &cause)) == NULL) {
		log_warnx("%s", cause);
		free(cause);
	}
	return st;
}

/* The shipped stop words plus --stopwords FILE; NULL after an error. */
struct wordlist *
topic_wordlist(void)
{
	struct wordlist	*wl = wordlist_default();
	char		*buf, *cause = NULL;
	size_t		 len;

	if (topic_stopwords == NULL)
		return wl;
	if (file_read(topic_stopwords, 64 << 20, &buf, &len, &cause) != 0) {
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
 * The topics of --topics FILE, else the shipped ones, counted with tk's
 * terms; NULL after an error (file:line and what is wrong).
 */
struct topics *
topic_topics(struct tokenizer *tk)
{
	struct topics	*tp;
	char		*buf, *cause = NULL;
	size_t		 len;

	if (topic_topics_path == NULL)
		return topics_default(tk);
	if (file_read(topic_topics_path, 16 << 20, &buf, &len, &cause) != 0) {
		log_warnx("topics: %s", cause);
		free(cause);
		return NULL;
	}
	tp = topics_parse(tk, buf, len, topic_topics_path, &cause);
	free(buf);
	if (tp == NULL) {
		log_warnx("%s", cause);
		free(cause);
	}
	return tp;
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

/* Write a rendered output to standard output and free it. */
void
topic_print(char *s)
{
	fputs(s, stdout);
	free(s);
}

int
main(int argc, char **argv)
{
	size_t	 i;

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
		if (strcmp(argv[1], topic_commands[i].name) == 0)
			return topic_commands[i].fn(argc - 1, argv + 1);
	}
	log_warnx("unknown command \"%s\" (try topic --help)", argv[1]);
	return 1;
}
