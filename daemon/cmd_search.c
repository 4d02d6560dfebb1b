/*
 * topic search: full-text search of the stored titles and abstracts
 * (SQLite FTS5, schema/002-search.sql), best match first.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "topicd.h"

static const char search_usage[] =
    "usage: topic search [--from DATE] [--to DATE] [--limit N] [--json]\n"
    "                    [--db FILE] QUERY\n"
    "\n"
    "Finds papers whose title or abstract match QUERY, in SQLite FTS5\n"
    "syntax: words (stemmed), \"a phrase\", AND, OR, NOT, prefix*. A word\n"
    "with punctuation (DeepSeek-R1, GPT-4o) is searched as a phrase.\n";

/*
 * The query with each word that holds punctuation quoted, so that
 * "DeepSeek-R1" or "GPT-4o" is one phrase to FTS5 rather than an operator;
 * words already quoted and the operators AND, OR, NOT stay as they are.
 */
static char *
search_quote(const char *q)
{
	char		*out = xmalloc(3 * strlen(q) + 1), *o = out;
	const char	*w, *e, *p;
	int		 plain;

	for (w = q; *w != '\0'; w = e) {
		if (*w == ' ' || *w == '\t') {
			*o++ = *w;
			e = w + 1;
			continue;
		}
		if (*w == '"') {
			e = strchr(w + 1, '"');
			e = e != NULL ? e + 1 : w + strlen(w);
			memcpy(o, w, (size_t)(e - w));
			o += e - w;
			continue;
		}
		for (e = w; *e != '\0' && *e != ' ' && *e != '\t'; e++)
			;
		plain = 1;
		for (p = w; p < e; p++) {
			if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
			    *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    (unsigned char)*p >= 0x80 || *p == '*' ||
			    *p == '(' || *p == ')'))
				plain = 0;
		}
		if (!plain)
			*o++ = '"';
		memcpy(o, w, (size_t)(e - w));
		o += e - w;
		if (!plain)
			*o++ = '"';
	}
	*o = '\0';
	return out;
}

/* topic search [options] QUERY */
int
cmd_search(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		TOPIC_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct rising_example	*ex = NULL;
	struct paper_row	*rows = NULL;
	struct store		*st = NULL;
	day_t			 from = INT32_MIN + 1, to = INT32_MAX;
	size_t			 n = 0, i;
	char			*cause = NULL, *end, *query = NULL;
	long			 limit = 20;
	int			 c, json = 0, rc = 1;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (topic_common_option(c, optarg, search_usage))
			continue;
		switch (c) {
		case 'f':
		case 't':
			if (topic_day_option(c == 'f' ? "from" : "to", optarg,
			    c == 'f' ? &from : &to) != 0)
				return 1;
			break;
		case 'l':
			limit = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || limit < 1 ||
			    limit > 100000) {
				log_warnx("--limit %s: not a whole number from "
				    "1 to 100000", optarg);
				return 1;
			}
			break;
		case 'j':
			json = 1;
			break;
		}
	}
	if (optind + 1 != argc || argv[optind][0] == '\0') {
		fputs(search_usage, stderr);
		return 1;
	}
	if ((st = topic_store(1)) == NULL)
		return 1;
	query = search_quote(argv[optind]);
	if (store_search(st, query, from, to, (int)limit, &rows, &n,
	    &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		goto out;
	}
	ex = xcalloc(n + 1, sizeof *ex);
	for (i = 0; i < n; i++) {
		ex[i].id = rows[i].key;
		ex[i].title = rows[i].title;
		ex[i].url = rows[i].url;
		ex[i].day = rows[i].day;
	}
	topic_print(json ? search_json(ex, n) : search_text(ex, n));
	rc = 0;
out:
	free(query);
	free(ex);
	paper_rows_free(rows, n);
	store_close(st);
	return rc;
}
