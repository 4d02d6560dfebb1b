/*
 * Options and parameters, one table for both front ends: each entry names
 * an option of topic(1) and/or a parameter of the HTTP API, its kind of
 * value and its help. The value parsers, the getopt_long array, the --help
 * text and the query-string decoding (libevent's) all come from here, so
 * a value means and is refused the same way on the command line and in a
 * URL. Nothing here reads the store or the clock.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "daemon/query/query.h"

/* The window options of rising and topics. */
#define OPTIONS_WINDOW_ENTRIES \
	{ .name = "at", .kind = OPTIONS_DAY, .flags = OPTIONS_BOTH, \
	  .help = "the window's last day (default: the last day with " \
	  "data)" }, \
	{ .name = "window", .kind = OPTIONS_WINDOW, .flags = OPTIONS_BOTH, \
	  .help = "the window's length (default auto: 1 to 12 weeks, " \
	  "with 1,000 papers)" }, \
	{ .name = "baseline", .kind = OPTIONS_DURATION, \
	  .flags = OPTIONS_BOTH, \
	  .help = "the baseline before it (default: twice the window)" }

/* The options of a JSON answer, which the API always gives. */
#define OPTIONS_JSON_ENTRY \
	{ .name = "json", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI, \
	  .help = "JSON instead of a table" }

/* topic rising, GET /api/rising. */
const struct options_entry options_rising[] = {
	OPTIONS_WINDOW_ENTRIES,
	{ .name = "background", .kind = OPTIONS_DURATION,
	  .flags = OPTIONS_CLI,
	  .help = "the history before the baseline (default 365d)" },
	{ .name = "limit", .alias = "top", .kind = OPTIONS_COUNT,
	  .flags = OPTIONS_BOTH, .min = 1, .max = 10000, .api_max = 300,
	  .help = "the items listed (default 20; --top is the same)" },
	{ .name = "kind", .kind = OPTIONS_TERM_KIND, .flags = OPTIONS_BOTH,
	  .help = "words, phrases, topics or all of them (default)" },
	{ .name = "min-count", .kind = OPTIONS_COUNT, .flags = OPTIONS_CLI,
	  .min = 1, .max = 1000000,
	  .help = "the fewest papers in the window" },
	{ .name = "min-days", .kind = OPTIONS_COUNT, .flags = OPTIONS_CLI,
	  .min = 1, .max = 1000,
	  .help = "the fewest days of the window using it" },
	{ .name = "fdr", .kind = OPTIONS_RATE, .flags = OPTIONS_CLI,
	  .help = "the false discovery rate of \"significant\"" },
	{ .name = "min-g2", .kind = OPTIONS_REAL, .flags = OPTIONS_CLI,
	  .help = "the smallest Dunning G2 listed" },
	{ .name = "credible", .kind = OPTIONS_LEVEL, .flags = OPTIONS_CLI,
	  .help = "the level of the credible bound ranked by" },
	{ .name = "min-assoc", .kind = OPTIONS_REAL, .flags = OPTIONS_CLI,
	  .help = "how often terms share papers to be one item" },
	{ .name = "falling", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "what falls instead" },
	{ .name = "steady", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "steady risers instead (Mann-Kendall, 12 weeks)" },
	OPTIONS_JSON_ENTRY,
	{ .name = NULL }
};

/* topic topics, GET /api/topics. */
const struct options_entry options_topics[] = {
	OPTIONS_WINDOW_ENTRIES,
	OPTIONS_JSON_ENTRY,
	{ .name = NULL }
};

/* topic search, GET /api/search. */
const struct options_entry options_search[] = {
	{ .name = "q", .kind = OPTIONS_STRING, .flags = OPTIONS_API,
	  .min = 1, .max = API_MAX_TERM, .help = "the query" },
	OPTIONS_RANGE_ENTRIES(OPTIONS_BOTH),
	{ .name = "limit", .alias = "top", .kind = OPTIONS_COUNT,
	  .flags = OPTIONS_BOTH, .min = 1, .max = 100000, .api_max = 1000,
	  .help = "the papers listed (default 20; --top is the same)" },
	OPTIONS_JSON_ENTRY,
	{ .name = NULL }
};

/* topic series, GET /api/series. */
const struct options_entry options_series[] = {
	{ .name = "term", .kind = OPTIONS_STRING, .flags = OPTIONS_API,
	  .min = 1, .max = API_MAX_TERM, .help = "a term (repeated)" },
	OPTIONS_BY_ENTRY(OPTIONS_BOTH),
	OPTIONS_RANGE_ENTRIES(OPTIONS_BOTH),
	OPTIONS_JSON_ENTRY,
	{ .name = "csv", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "CSV instead of a table" },
	{ .name = NULL }
};

/* topic report, GET /api/report. */
const struct options_entry options_report[] = {
	{ .name = "week", .kind = OPTIONS_WEEK, .flags = OPTIONS_BOTH,
	  .help = "the ISO week reported" },
	{ .name = "at", .kind = OPTIONS_DAY, .flags = OPTIONS_CLI,
	  .help = "the last of the 7 days reported (default: the last "
	  "day with data)" },
	{ .name = "format", .kind = OPTIONS_CHOICE,
	  .flags = OPTIONS_CLI | OPTIONS_MANY, .arg = "text|md|json|html",
	  .help = "a format (repeated: several; default text, with -o "
	  "all)" },
	{ .name = "output", .letter = 'o', .kind = OPTIONS_STRING,
	  .flags = OPTIONS_CLI, .arg = "DIR",
	  .help = "write the report and its charts into DIR" },
	{ .name = NULL }
};

/* No option: every endpoint without parameters. */
const struct options_entry options_none[] = {
	{ .name = NULL }
};

/*
 * Names people type for another option that getopt_long would take as a
 * prefix of the wrong one (--top for --topics): refused by name where no
 * entry has it.
 */
static const struct {
	const char	*name;
	const char	*instead;
} options_refused[] = {
	{ "top", "for the number of items: --limit; for a topics file: "
	    "--topics" },
};
#define OPTIONS_NREFUSED (sizeof options_refused / sizeof options_refused[0])

/* The number of entries of table. */
static size_t
options_count(const struct options_entry *table)
{
	size_t	 n;

	for (n = 0; table[n].name != NULL; n++)
		;
	return n;
}

/* A new set of values of table, none given yet. */
struct options_values *
options_values_new(const struct options_entry *table)
{
	struct options_values	*ov = xcalloc(1, sizeof *ov);

	ov->table = table;
	ov->n = options_count(table);
	ov->v = xcalloc(ov->n + 1, sizeof *ov->v);
	return ov;
}

/* Free a set of values; NULL is fine. */
void
options_values_free(struct options_values *ov)
{
	if (ov == NULL)
		return;
	free(ov->v);
	free(ov);
}

/* The value of option name (which table must have), or NULL if not given. */
static const struct options_value *
options_find(const struct options_values *ov, const char *name)
{
	size_t	 i;

	for (i = 0; i < ov->n; i++) {
		if (strcmp(ov->table[i].name, name) == 0)
			return ov->v[i].set ? &ov->v[i] : NULL;
	}
	fatalx("option %s is in no table", name);
}

/* Whether option name was given. */
int
options_flag(const struct options_values *ov, const char *name)
{
	return options_find(ov, name) != NULL;
}

/* The number (count, day, days, index) of option name, or def. */
long
options_num(const struct options_values *ov, const char *name, long def)
{
	const struct options_value	*v = options_find(ov, name);

	return v != NULL ? v->num : def;
}

/* The real number of option name, or def. */
double
options_real(const struct options_values *ov, const char *name, double def)
{
	const struct options_value	*v = options_find(ov, name);

	return v != NULL ? v->real : def;
}

/* The text of option name as given, or def. */
const char *
options_str(const struct options_values *ov, const char *name,
    const char *def)
{
	const struct options_value	*v = options_find(ov, name);

	return v != NULL ? v->str : def;
}

/* An ISO week "YYYY-Www" as its Monday; 0, or -1. */
int
options_week_parse(const char *s, day_t *monday)
{
	int	 y, w, n = 0;
	char	 back[9];

	if (strlen(s) != 8 || sscanf(s, "%4d-W%2d%n", &y, &w, &n) != 2 ||
	    n != 8 || w < 1 || w > 53 || y < 1000)
		return -1;
	if ((*monday = day_iso_week_start(y, w)) == DAY_NONE)
		return -1;
	day_format_week(*monday, back);
	return strcmp(back, s) == 0 ? 0 : -1;	/* no W53 in a 52-week year */
}

/* Choice s of "a|b|c": its index, or -1. */
static int
options_choice(const char *choices, const char *s)
{
	const char	*p = choices;
	size_t		 len = strlen(s), n;
	int		 i;

	for (i = 0; *p != '\0'; i++) {
		n = strcspn(p, "|");
		if (n == len && strncmp(p, s, n) == 0)
			return i;
		p += n;
		if (*p == '|')
			p++;
	}
	return -1;
}

/* "a|b|c" as "a, b or c". */
static char *
options_choices_text(const char *choices)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*p = choices, *next;
	size_t		 n;

	while (*p != '\0') {
		n = strcspn(p, "|");
		next = p[n] == '|' ? p + n + 1 : p + n;
		buf_printf(&b, "%s%.*s", p == choices ? "" : *next == '\0' ?
		    " or " : ", ", (int)n, p);
		p = next;
	}
	return buf_take(&b);
}

/* What a value of e is called in the help ("DATE", "N"). */
static const char *
options_arg_name(const struct options_entry *e)
{
	if (e->arg != NULL)
		return e->arg;
	switch (e->kind) {
	case OPTIONS_DAY:
		return "DATE";
	case OPTIONS_COUNT:
		return "N";
	case OPTIONS_REAL:
	case OPTIONS_RATE:
	case OPTIONS_LEVEL:
		return "X";
	case OPTIONS_DURATION:
		return "Nd|Nw";
	case OPTIONS_WINDOW:
		return "Nd|Nw|auto";
	case OPTIONS_TERM_KIND:
		return "term|phrase|topic|all";
	case OPTIONS_WEEK:
		return "YYYY-Www";
	default:
		return "VALUE";
	}
}

/*
 * Set *cause to what is wrong with value s of e, spelt as the front end
 * spells it: "--name VALUE: why" on the command line, "name=VALUE: why"
 * in a query (the value cut short, it goes back to the client).
 */
static int
options_bad(const struct options_entry *e, const char *s, int api,
    char **cause, const char *why)
{
	if (api)
		xasprintf(cause, "%s=%.32s: %s", e->name, s, why);
	else
		xasprintf(cause, "--%s %s: %s", e->name, s, why);
	return -1;
}

/* Parse s, a value of e, into *v; 0, or -1 with *cause. */
static int
options_parse(const struct options_entry *e, const char *s, int api,
    struct options_value *v, char **cause)
{
	char	*end, *why;
	long	 max = api && e->api_max != 0 ? e->api_max : e->max;
	day_t	 day;
	int	 i, days;

	v->str = s;
	switch (e->kind) {
	case OPTIONS_FLAG:
		break;
	case OPTIONS_STRING:
		if (strlen(s) < (size_t)e->min ||
		    (max != 0 && strlen(s) > (size_t)max)) {
			if (api)
				xasprintf(cause, "%s: from %ld to %ld bytes",
				    e->name, e->min, max);
			else if (*s == '\0')
				xasprintf(cause, "--%s: empty", e->name);
			else
				xasprintf(cause, "--%s: longer than %ld bytes",
				    e->name, max);
			return -1;
		}
		break;
	case OPTIONS_DAY:
		if (day_parse(s, &day) != 0)
			return options_bad(e, s, api, cause,
			    "not a date YYYY-MM-DD");
		v->num = day;
		break;
	case OPTIONS_COUNT:
		v->num = strtol(s, &end, 10);
		if (*s == '\0' || *end != '\0' || v->num < e->min ||
		    v->num > max) {
			xasprintf(&why, "not a whole number from %ld to %ld",
			    e->min, max);
			options_bad(e, s, api, cause, why);
			free(why);
			return -1;
		}
		break;
	case OPTIONS_REAL:
	case OPTIONS_RATE:
	case OPTIONS_LEVEL:
		v->real = strtod(s, &end);
		if (*s == '\0' || *end != '\0' ||
		    (e->kind == OPTIONS_REAL && !(v->real >= 0 &&
		    v->real < 1e9)) ||
		    (e->kind == OPTIONS_RATE && !(v->real > 0 &&
		    v->real <= 1)) ||
		    (e->kind == OPTIONS_LEVEL && !(v->real > 0 &&
		    v->real < 1)))
			return options_bad(e, s, api, cause,
			    e->kind == OPTIONS_REAL ? "not a number >= 0" :
			    e->kind == OPTIONS_RATE ? "not a rate in (0, 1]" :
			    "not a level in (0, 1)");
		break;
	case OPTIONS_WINDOW:
		if (strcmp(s, "auto") == 0) {
			v->num = 0;
			break;
		}
		/* FALLTHROUGH */
	case OPTIONS_DURATION:
		if (duration_days(s, &days) != 0)
			return options_bad(e, s, api, cause,
			    e->kind == OPTIONS_WINDOW ?
			    "not a duration (7d, 4w, auto)" :
			    "not a duration (7d, 4w)");
		v->num = days;
		break;
	case OPTIONS_TERM_KIND:
		for (i = 0; i <= TERM_TOPIC; i++) {
			if (strcmp(s, rising_kind_name(i)) == 0)
				break;
		}
		if (i > TERM_TOPIC)
			return options_bad(e, s, api, cause,
			    "not term, phrase, topic or all");
		v->num = i;
		break;
	case OPTIONS_WEEK:
		if (options_week_parse(s, &day) != 0)
			return options_bad(e, s, api, cause,
			    "not an ISO week (YYYY-Www, like 2025-W09)");
		v->num = day;
		break;
	case OPTIONS_CHOICE:
		if ((i = options_choice(e->arg, s)) < 0) {
			end = options_choices_text(e->arg);
			xasprintf(&why, "not %s", end);
			options_bad(e, s, api, cause, why);
			free(end);
			free(why);
			return -1;
		}
		if (e->flags & OPTIONS_MANY)
			v->num |= 1L << i;
		else
			v->num = i;
		break;
	}
	v->set = 1;
	return 0;
}

/* One option getopt_long knows: which set and entry, or a refused name. */
struct options_ref {
	struct options_values	*ov;
	size_t			 i;
	const char		*refused;	/* what to say instead */
};

/* Whether name is one of lo's n long options. */
static int
options_known(const struct option *lo, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (strcmp(lo[i].name, name) == 0)
			return 1;
	}
	return 0;
}

/* Add long option name for ref k. */
static void
options_add(struct option *lo, size_t *n, const char *name, int has_arg,
    size_t k)
{
	lo[*n].name = name;
	lo[*n].has_arg = has_arg;
	lo[*n].flag = NULL;
	lo[*n].val = 0x100 + (int)k;
	(*n)++;
}

/*
 * What getopt_long refused at argv[optind - 1] (c is '?' or ':'), as one
 * line: an unknown, ambiguous or misused option.
 */
static void
options_refuse(int c, char **argv, const struct option *lo, size_t nlo,
    const struct options_ref *refs, char **cause)
{
	const char	*arg = argv[optind - 1];
	size_t		 len, i, matches = 0;

	if (optopt >= 0x100) {
		i = (size_t)(optopt - 0x100);
		if (c == ':')
			xasprintf(cause, "--%s needs a value (%s)",
			    refs[i].ov->table[refs[i].i].name,
			    options_arg_name(&refs[i].ov->table[refs[i].i]));
		else
			xasprintf(cause, "--%s takes no value",
			    refs[i].ov->table[refs[i].i].name);
		return;
	}
	if (optopt != 0) {
		if (c == ':')
			xasprintf(cause, "-%c needs a value", optopt);
		else
			xasprintf(cause, "unknown option -%c", optopt);
		return;
	}
	if (strncmp(arg, "--", 2) == 0)
		arg += 2;
	len = strcspn(arg, "=");
	for (i = 0; i < nlo; i++)
		matches += strncmp(lo[i].name, arg, len) == 0;
	xasprintf(cause, "%s option --%.*s", matches > 1 ? "ambiguous" :
	    "unknown", (int)len, arg);
}

/*
 * Parse the options of argv into the sets of values (each of its own
 * table; the command's first), as getopt_long does: options and
 * arguments in any order, or with OPTIONS_STOP up to the first argument.
 * Returns the index of the first argument, or -1 with *cause (one line).
 */
int
options_argv(int argc, char **argv, struct options_values **sets,
    size_t nsets, int flags, char **cause)
{
	struct options_ref		*refs;
	struct option			*lo;
	const struct options_entry	*e;
	char				 shorts[64];
	size_t				 s, i, k, nrefs = 0, nlo = 0, ns;
	int				 c, rc = -1;

	for (s = 0; s < nsets; s++)
		nrefs += sets[s]->n;
	refs = xcalloc(nrefs + OPTIONS_NREFUSED, sizeof *refs);
	lo = xcalloc(2 * nrefs + OPTIONS_NREFUSED + 1, sizeof *lo);
	ns = (size_t)snprintf(shorts, sizeof shorts, "%s:",
	    (flags & OPTIONS_STOP) ? "+" : "");
	for (k = 0, s = 0; s < nsets; s++) {
		for (i = 0; i < sets[s]->n; i++) {
			e = &sets[s]->table[i];
			if (!(e->flags & OPTIONS_CLI))
				continue;
			refs[k].ov = sets[s];
			refs[k].i = i;
			c = e->kind == OPTIONS_FLAG ? no_argument :
			    required_argument;
			options_add(lo, &nlo, e->name, c, k);
			if (e->alias != NULL)
				options_add(lo, &nlo, e->alias, c, k);
			if (e->letter != 0 && ns + 3 < sizeof shorts) {
				shorts[ns++] = (char)e->letter;
				if (c == required_argument)
					shorts[ns++] = ':';
				shorts[ns] = '\0';
			}
			k++;
		}
	}
	for (i = 0; i < OPTIONS_NREFUSED; i++) {
		if (options_known(lo, nlo, options_refused[i].name))
			continue;
		refs[k].refused = options_refused[i].instead;
		options_add(lo, &nlo, options_refused[i].name,
		    optional_argument, k++);
	}
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		if (c == '?' || c == ':') {
			options_refuse(c, argv, lo, nlo, refs, cause);
			goto out;
		}
		if (c < 0x100) {
			for (i = 0; i < k && (refs[i].refused != NULL ||
			    refs[i].ov->table[refs[i].i].letter != c); i++)
				;
		} else
			i = (size_t)(c - 0x100);
		if (refs[i].refused != NULL) {
			xasprintf(cause, "unknown option %.*s (%s)",
			    (int)strcspn(argv[optind - 1], "="),
			    argv[optind - 1], refs[i].refused);
			goto out;
		}
		e = &refs[i].ov->table[refs[i].i];
		if (options_parse(e, optarg != NULL ? optarg : "", 0,
		    &refs[i].ov->v[refs[i].i], cause) != 0)
			goto out;
	}
	rc = optind;
out:
	free(lo);
	free(refs);
	return rc;
}

/*
 * The synopsis of a program and table: "usage: PROG [--a N] [-o DIR]
 * ARGS", wrapped under its start.
 */
char *
options_synopsis(const char *prog, const struct options_entry *table,
    const char *args)
{
	struct buf			 b = { NULL, 0, 0 };
	const struct options_entry	*e;
	char				*item;
	size_t				 col, indent;

	buf_printf(&b, "usage: %s", prog);
	col = indent = b.len + 1;
	for (e = table; e->name != NULL; e++) {
		if (!(e->flags & OPTIONS_CLI))
			continue;
		if (e->letter != 0 && e->kind == OPTIONS_FLAG)
			xasprintf(&item, "[-%c]", e->letter);
		else if (e->letter != 0)
			xasprintf(&item, "[-%c %s]", e->letter,
			    options_arg_name(e));
		else if (e->kind == OPTIONS_FLAG)
			xasprintf(&item, "[--%s]", e->name);
		else
			xasprintf(&item, "[--%s %s]", e->name,
			    options_arg_name(e));
		if (col + strlen(item) >= 78) {
			buf_printf(&b, "\n%*s", (int)indent - 1, "");
			col = indent - 1;
		}
		buf_printf(&b, " %s", item);
		col += strlen(item) + 1;
		free(item);
	}
	if (args != NULL && *args != '\0') {
		if (col + strlen(args) >= 78)
			buf_printf(&b, "\n%*s", (int)indent - 1, "");
		buf_printf(&b, " %s", args);
	}
	buf_printf(&b, "\n");
	return buf_take(&b);
}

/* Add text to b wrapped in lines of up to 78 columns from column col. */
static void
options_wrap(struct buf *b, const char *text, int col)
{
	const char	*p = text;
	size_t		 n, left = (size_t)(78 - col);

	for (;;) {
		n = strlen(p);
		if (n > left) {
			for (n = left; n > 0 && p[n] != ' '; n--)
				;
			if (n == 0)
				n = strcspn(p, " ");
		}
		buf_printf(b, "%.*s\n", (int)n, p);
		p += n;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		buf_printf(b, "%*s", col, "");
	}
}

/* The help of table's options: "  --name ARG  help", wrapped. */
char *
options_help(const struct options_entry *table)
{
	struct buf			 b = { NULL, 0, 0 };
	const struct options_entry	*e;
	char				*left, *letter;

	for (e = table; e->name != NULL; e++) {
		if (!(e->flags & OPTIONS_CLI))
			continue;
		if (e->letter != 0)
			xasprintf(&letter, "-%c, ", e->letter);
		else
			letter = xstrdup("");
		if (e->kind == OPTIONS_FLAG)
			xasprintf(&left, "%s--%s", letter, e->name);
		else
			xasprintf(&left, "%s--%s %s", letter, e->name,
			    options_arg_name(e));
		if (strlen(left) > 24)
			buf_printf(&b, "  %s\n%27s", left, "");
		else
			buf_printf(&b, "  %-24s ", left);
		options_wrap(&b, e->help, 27);
		free(left);
		free(letter);
	}
	return buf_take(&b);
}

/*
 * Whether a raw query string escapes well: every '%' two hex digits, no
 * control character raw or escaped (a NUL would cut a value short). 0, or
 * -1 with *cause.
 */
static int
options_query_escapes(const char *s, char **cause)
{
	static const char	 hex[] = "0123456789abcdefABCDEF";
	unsigned int		 byte;

	for (; *s != '\0'; s++) {
		if (*s == '%') {
			if (s[1] == '\0' || strchr(hex, s[1]) == NULL ||
			    s[2] == '\0' || strchr(hex, s[2]) == NULL) {
				xasprintf(cause, "a broken %%-escape in the "
				    "query");
				return -1;
			}
			sscanf(s + 1, "%2x", &byte);
			s += 2;
		} else
			byte = (unsigned char)*s;
		if (byte < 0x20 || byte == 0x7f) {
			xasprintf(cause, "a control character in the query");
			return -1;
		}
	}
	return 0;
}

/*
 * Name what evhttp_parse_query_str refused in s: the first part with no
 * '=' or no name.
 */
static void
options_query_malformed(const char *s, char **cause)
{
	const char	*p, *end;

	for (p = s; *p != '\0'; p = *end == '\0' ? end : end + 1) {
		end = p + strcspn(p, "&");
		if (end == p || *p == '=') {
			xasprintf(cause, "a parameter without a name in the "
			    "query");
			return;
		}
		if (memchr(p, '=', (size_t)(end - p)) == NULL) {
			xasprintf(cause, "parameter \"%.*s\" without a value "
			    "(%.*s=...)", (int)(end - p > 64 ? 64 : end - p), p,
			    (int)(end - p > 64 ? 64 : end - p), p);
			return;
		}
	}
	xasprintf(cause, "a malformed query");
}

/*
 * Decode query string s (without '?'; NULL or "" for none) into q, with
 * libevent's decoder: name=value pairs split at '&', %XX and '+' decoded.
 * At most API_MAX_PARAMS pairs of at most API_MAX_QUERY bytes in all, no
 * control character, UTF-8 only. 0, or -1 with *cause (q left empty).
 */
int
options_query_parse(const char *s, struct options_query *q, char **cause)
{
	struct evkeyvalq	 kv;
	struct evkeyval		*p;
	char			*name;
	size_t			 bad, len;

	memset(q, 0, sizeof *q);
	if (s == NULL || *s == '\0')
		return 0;
	if (strlen(s) > API_MAX_QUERY) {
		xasprintf(cause, "the query is longer than %d bytes",
		    API_MAX_QUERY);
		return -1;
	}
	if (options_query_escapes(s, cause) != 0)
		return -1;
	TAILQ_INIT(&kv);
	if (evhttp_parse_query_str(s, &kv) != 0) {
		evhttp_clear_headers(&kv);
		options_query_malformed(s, cause);
		return -1;
	}
	TAILQ_FOREACH(p, &kv, next) {
		if (q->n == API_MAX_PARAMS) {
			xasprintf(cause, "more than %d query parameters",
			    API_MAX_PARAMS);
			goto fail;
		}
		/* libevent decodes the values, not the names. */
		if ((name = evhttp_uridecode(p->key, 1, &len)) == NULL)
			fatalx("out of memory");
		q->names = xreallocarray(q->names, q->n + 1, sizeof *q->names);
		q->values = xreallocarray(q->values, q->n + 1,
		    sizeof *q->values);
		q->names[q->n] = xstrdup(name);
		q->values[q->n++] = xstrdup(p->value);
		free(name);
		if (!utf8_valid(q->names[q->n - 1], strlen(q->names[q->n - 1]),
		    &bad) || !utf8_valid(p->value, strlen(p->value), &bad)) {
			xasprintf(cause, "the query is not UTF-8");
			goto fail;
		}
	}
	evhttp_clear_headers(&kv);
	return 0;
fail:
	evhttp_clear_headers(&kv);
	options_query_clear(q);
	return -1;
}

/* Free the pairs of q. */
void
options_query_clear(struct options_query *q)
{
	size_t	 i;

	for (i = 0; i < q->n; i++) {
		free(q->names[i]);
		free(q->values[i]);
	}
	free(q->names);
	free(q->values);
	memset(q, 0, sizeof *q);
}

/* The last value of parameter name, or NULL. */
const char *
options_query_get(const struct options_query *q, const char *name)
{
	size_t	 i;

	for (i = q->n; i > 0; i--) {
		if (strcmp(q->names[i - 1], name) == 0)
			return q->values[i - 1];
	}
	return NULL;
}

/*
 * Check every parameter of q against the API entries of table and parse
 * each value into ov (of the same table; the last value of a repeated
 * name counts). 0, or -1 naming the first unknown parameter or bad value.
 */
int
options_query_values(const struct options_query *q,
    struct options_values *ov, char **cause)
{
	const struct options_entry	*e;
	size_t				 i, j;

	for (i = 0; i < q->n; i++) {
		for (j = 0; j < ov->n; j++) {
			e = &ov->table[j];
			if ((e->flags & OPTIONS_API) &&
			    (strcmp(q->names[i], e->name) == 0 ||
			    (e->alias != NULL &&
			    strcmp(q->names[i], e->alias) == 0)))
				break;
		}
		if (j == ov->n) {
			xasprintf(cause, "unknown parameter \"%.64s\"",
			    q->names[i]);
			return -1;
		}
		if (options_parse(&ov->table[j], q->values[i], 1, &ov->v[j],
		    cause) != 0)
			return -1;
	}
	return 0;
}

/*
 * The rising query of values of options_rising or options_topics (what
 * is not given keeps q's value).
 */
void
options_rising_query(const struct options_values *ov, struct rising_query *q)
{
	const struct options_value	*v;
	size_t				 i;

	for (i = 0; i < ov->n; i++) {
		if (!ov->v[i].set)
			continue;
		v = &ov->v[i];
		if (strcmp(ov->table[i].name, "at") == 0)
			q->at = (day_t)v->num;
		else if (strcmp(ov->table[i].name, "window") == 0)
			q->window = (int)v->num;
		else if (strcmp(ov->table[i].name, "baseline") == 0)
			q->baseline = (int)v->num;
		else if (strcmp(ov->table[i].name, "background") == 0)
			q->background = (int)v->num;
		else if (strcmp(ov->table[i].name, "limit") == 0)
			q->limit = (size_t)v->num;
		else if (strcmp(ov->table[i].name, "kind") == 0)
			q->kind = (int)v->num;
		else if (strcmp(ov->table[i].name, "min-count") == 0)
			q->params.min_count = v->num;
		else if (strcmp(ov->table[i].name, "min-days") == 0)
			q->params.min_days = (int)v->num;
		else if (strcmp(ov->table[i].name, "fdr") == 0)
			q->params.fdr = v->real;
		else if (strcmp(ov->table[i].name, "min-g2") == 0)
			q->params.min_g2 = v->real;
		else if (strcmp(ov->table[i].name, "credible") == 0)
			q->params.credible = v->real;
		else if (strcmp(ov->table[i].name, "min-assoc") == 0)
			q->params.min_assoc = v->real;
		else if (strcmp(ov->table[i].name, "falling") == 0)
			q->params.falling = 1;
		else if (strcmp(ov->table[i].name, "steady") == 0)
			q->steady = 1;
	}
}
