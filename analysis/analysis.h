/*
 * The pure layer: digest parsers, the tokenizer and the per-snapshot tally.
 * Data in, data out: nothing here touches the network, the database, the
 * clock, files or processes, so all of it is testable with plain arrays.
 */
#ifndef ANALYSIS_H
#define ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "xmalloc.h"

/* day.c */

/* A calendar day as days since 1970-01-01 (proleptic Gregorian, UTC). */
typedef int32_t day_t;
#define DAY_NONE	INT32_MIN

int	 day_from_ymd(int, int, int, day_t *);
void	 day_to_ymd(day_t, int *, int *, int *);
int	 day_parse(const char *, day_t *);
int	 day_parse_loose(const char *, day_t *);
void	 day_format(day_t, char [11]);
int	 day_month_from_name(const char *, size_t);
int	 day_weekday(day_t);
void	 day_iso_week(day_t, int *, int *);
day_t	 day_iso_week_start(int, int);
void	 day_format_month(day_t, char [8]);
void	 day_format_week(day_t, char [9]);

/* units.c */
int	 duration_parse(const char *, long long *);
int	 duration_days(const char *, int *);
int	 size_parse(const char *, long long *);

/* utf8.c */
size_t	 utf8_decode(const char *, size_t, uint32_t *);
size_t	 utf8_encode(char *, uint32_t);
int	 utf8_valid(const char *, size_t, size_t *);
char	*utf8_repair(const char *, size_t, size_t *);
char	*utf8_collapse_space(const char *, size_t);

/* charset.c */
enum charset {
	CHARSET_UTF8,
	CHARSET_CP1252,		/* and ISO-8859-1, US-ASCII */
	CHARSET_UTF16,		/* byte order from a mark */
	CHARSET_UTF16LE,
	CHARSET_UTF16BE,
	CHARSET_OTHER		/* left to libxml2 */
};

enum charset	 charset_from_name(const char *, size_t);
const char	*charset_declared(const char *, size_t, size_t *);
const char	*charset_of_content_type(const char *, size_t *);
char		*charset_to_utf8(const char *, size_t, const char *, int,
		     size_t *, const char **, size_t *);

/* sort.c */
void	 sort_u64(uint64_t *, size_t);

/* sha256.c: a SHA-256 being computed. */
struct sha256 {
	uint32_t	 h[8];
	unsigned char	 buf[64];
	size_t		 nbuf;
	uint64_t	 len;
	int		 portable;	/* not the SHA instructions */
};
void	 sha256_init(struct sha256 *);
void	 sha256_init_portable(struct sha256 *);
void	 sha256_update(struct sha256 *, const void *, size_t);
void	 sha256_final_hex(struct sha256 *, char [65]);
void	 sha256_hex(const void *, size_t, char [65]);

/* hashmap.c */
uint64_t	 hash_bytes(const char *, size_t);

/* Interns strings: each distinct byte string gets a dense index from 0. */
struct strmap;
struct strmap	*strmap_new(void);
void		 strmap_free(struct strmap *);
int64_t		 strmap_find(const struct strmap *, const char *, size_t);
uint32_t	 strmap_intern(struct strmap *, const char *, size_t, int *);
const char	*strmap_string(const struct strmap *, uint32_t, size_t *);
uint32_t	 strmap_count(const struct strmap *);

/* Maps 64-bit keys to 32-bit values (open addressing, key 0 allowed). */
struct u64map;
struct u64map	*u64map_new(void);
void		 u64map_free(struct u64map *);
uint32_t	*u64map_slot(struct u64map *, uint64_t, int *);
const uint32_t	*u64map_get(const struct u64map *, uint64_t);
size_t		 u64map_count(const struct u64map *);
int		 u64map_next(const struct u64map *, size_t *, uint64_t *,
		     uint32_t *);

/* wordlist.c */
struct wordlist;
struct wordlist	*wordlist_new(void);
void		 wordlist_free(struct wordlist *);
size_t		 wordlist_add_text(struct wordlist *, const char *, size_t);
int		 wordlist_has(const struct wordlist *, const char *, size_t);
struct wordlist	*wordlist_default(void);

/* tokenize.c */
enum term_kind {
	TERM_WORD = 1,		/* a single word or name ("mamba", "gpt-4o") */
	TERM_PHRASE = 2,	/* two or three words ("larg languag model") */
	TERM_TOPIC = 3		/* a named group from the topics file */
};

#define TOKEN_BREAK	0x01	/* no phrase spans into this token */
#define TOKEN_NOPHRASE	0x02	/* counted alone, never inside a phrase */
#define TOKEN_STOP	0x04	/* a stop word (only kept for queries) */

struct token {
	uint32_t	 term;		/* tokenizer term index */
	uint32_t	 form;		/* written form index */
	uint8_t		 flags;
};

struct tokens {
	struct token	*v;
	size_t		 n, cap;
};

struct tokenizer;
struct tokenizer *tokenizer_new(const struct wordlist *);
void		 tokenizer_free(struct tokenizer *);
void		 tokenize(struct tokenizer *, const char *, size_t,
		     struct tokens *, int);
void		 tokens_free(struct tokens *);
uint32_t	 tokenizer_phrase(struct tokenizer *, const uint32_t *, size_t);
const char	*tokenizer_key(const struct tokenizer *, uint32_t, size_t *);
enum term_kind	 tokenizer_kind(const struct tokenizer *, uint32_t);
const char	*tokenizer_form(const struct tokenizer *, uint32_t, size_t *);
uint32_t	 tokenizer_term_count(const struct tokenizer *);
uint32_t	 tokenizer_part(const struct tokenizer *, uint32_t, size_t);
char		*tokenizer_query_key(struct tokenizer *, const char *,
		     enum term_kind *, char **);

/* tally.c */

/* One term's document frequency on one day of a snapshot. */
struct tally_cell {
	day_t		 day;
	uint32_t	 term;		/* tokenizer term index */
	uint32_t	 df;
};

struct tally;
struct tally	*tally_new(struct tokenizer *);
void		 tally_free(struct tally *);
void		 tally_clear(struct tally *);
void		 tally_add_paper(struct tally *, day_t, const char *,
		     const char *);
void		 tally_add_day(struct tally *, day_t);
size_t		 tally_days(const struct tally *, day_t **, uint32_t **);
struct tally_cell *tally_cells(struct tally *, size_t *);
char		*tally_display(const struct tally *, uint32_t);
uint32_t	 tally_display_count(const struct tally *, uint32_t);
struct tokenizer *tally_tokenizer(const struct tally *);

/* digest.c */
enum digest_format {
	FORMAT_AUTO = 0,
	FORMAT_TEXT,
	FORMAT_JSONL,
	FORMAT_RSS,		/* RSS 2.0 (and 0.9x) */
	FORMAT_RDF,		/* RSS 1.0 / RDF */
	FORMAT_ATOM,
	FORMAT_HFJSON,		/* the Hugging Face Daily Papers API */
	FORMAT_HTML
};

/* One paper as a digest lists it. Strings are UTF-8 or NULL. */
struct entry {
	char		*key;		/* identity (paperkey.c) */
	char		*id;
	char		*title;
	char		*abstract;
	char		*url;
	day_t		 day;		/* the paper's digest day */
	int		 rank;		/* position or upvotes, -1 if none */
	long		 line;		/* source line, 0 if none */
	char		*authors;	/* "A. One, B. Two", or NULL */
	day_t		 published;	/* its own date, else the digest's */
	int		 update;	/* a new version of an old paper */
};

struct digest {
	struct entry	*entries;
	size_t		 n, cap;
	day_t		 date;		/* the digest date, DAY_NONE if many */
	size_t		 skipped;	/* bad records skipped (--skip-bad) */
	size_t		 skipped_first_line;
	char		*skipped_first_cause;
	enum digest_format format;	/* the format it was read as */
	char		*warning;	/* a partial read: what was kept */
};

struct digest_options {
	const char	*name;		/* file or URL, for messages */
	day_t		 date;		/* digest date, or DAY_NONE */
	int		 skip_bad;	/* JSONL: keep the good lines */
	const char	*content_type;	/* HTTP Content-Type, or NULL */
	const char	*base_url;	/* relative links resolve against it */
	const char	*item_xpath;	/* HTML: one node per paper */
	const char	*title_xpath;	/* HTML, relative to an item */
	const char	*abstract_xpath;
	const char	*link_xpath;
};

int		 digest_format_from_name(const char *, enum digest_format *);
const char	*digest_format_name(enum digest_format);
enum digest_format digest_sniff(const char *, size_t);
enum digest_format digest_sniff_type(const char *, const char *, size_t);
struct digest	*digest_parse(enum digest_format, const char *, size_t,
		     const struct digest_options *, char **);
void		 digest_free(struct digest *);
struct entry	*digest_take(struct digest *, size_t);
void		 digest_entries_free(struct entry *, size_t);
void		 digest_entry_finish(struct entry *);
struct entry	*digest_add(struct digest *);
char		*digest_list_add(char *, char *);
int		 digest_check_bytes(const char *, size_t,
		     const struct digest_options *, char **);

/* digest_text.c */
struct digest	*digest_text_parse(const char *, size_t,
		     const struct digest_options *, char **);
int		 digest_text_date_line(const char *, size_t, day_t, day_t *);

/* digest_jsonl.c */
struct jsonl_stream;
struct jsonl_stream *jsonl_stream_new(const struct digest_options *);
void		 jsonl_stream_free(struct jsonl_stream *);
int		 jsonl_stream_feed(struct jsonl_stream *, const char *, size_t,
		     struct digest *, char **);
int		 jsonl_stream_end(struct jsonl_stream *, struct digest *,
		     char **);
struct digest	*digest_jsonl_parse(const char *, size_t,
		     const struct digest_options *, char **);

/* digest_rss.c */
struct digest	*digest_rss_parse(const char *, size_t,
		     const struct digest_options *, char **);
struct digest	*digest_rdf_parse(const char *, size_t,
		     const struct digest_options *, char **);

/* digest_atom.c */
struct digest	*digest_atom_parse(const char *, size_t,
		     const struct digest_options *, char **);

/* digest_hfjson.c */
struct digest	*digest_hfjson_parse(const char *, size_t,
		     const struct digest_options *, char **);

/* digest_html.c */
struct digest	*digest_html_parse(const char *, size_t,
		     const struct digest_options *, char **);

/* paperkey.c */
char		*paperkey_arxiv_id(const char *);
char		*paperkey_make(const struct entry *);

/* watch.c */
enum watch_kind {
	WATCH_TOPIC,		/* topic:GLOB */
	WATCH_TERM,		/* term:WORD or term:"a phrase" */
	WATCH_EMERGING		/* any new cluster */
};

struct watch_item {
	enum watch_kind	 kind;
	char		*arg;		/* the glob or the term as written */
};

struct watch {
	struct watch_item *v;
	size_t		 n;
};

int	 split_words(const char *, char ***, size_t *, char **);
void	 split_free(char **, size_t);
int	 watch_parse(const char *, struct watch *, char **);
void	 watch_clear(struct watch *);
int	 watch_topic_match(const char *, const char *);

/* spike.c */
struct spike_params {
	double		 lambda;	/* EWMA weight of the newest day */
	double		 p_fire;	/* qualifies below this tail */
	double		 p_resolve;	/* calm at or above this tail */
	int64_t		 min_count;	/* papers a spike needs at least */
	size_t		 warmup;	/* earlier known days needed */
};

struct spike_result {
	int64_t		 count;		/* papers with it on the day */
	int64_t		 papers;	/* papers of the day */
	size_t		 history;	/* earlier known days used */
	double		 share;		/* EWMA of its daily share */
	double		 expected;	/* share x papers */
	double		 p;		/* P(X >= count) */
	int		 judged;	/* enough history for a verdict */
	int		 qualifies;
	int		 calm;
};

double	 spike_poisson_tail(double, int64_t);
void	 spike_test(const int64_t *, const int64_t *, size_t,
	     const struct spike_params *, struct spike_result *);

/* alertstate.c */
enum alert_status {
	ALERT_INACTIVE,
	ALERT_PENDING,
	ALERT_FIRING,
	ALERT_RESOLVED
};

enum alert_event {
	ALERT_EV_NONE,
	ALERT_EV_PENDING,	/* inactive -> pending */
	ALERT_EV_INACTIVE,	/* pending -> inactive */
	ALERT_EV_FIRING,	/* -> firing */
	ALERT_EV_REPEAT,	/* still firing, repeat interval passed */
	ALERT_EV_RESOLVED	/* firing -> resolved */
};

struct alert_params {
	int		 for_count;	/* qualifying days before firing */
	int		 resolve_count;	/* calm days before resolving */
	int64_t		 repeat;	/* seconds between repeats */
};

/* One alert's state, as stored between snapshots. */
struct alert_state {
	enum alert_status status;
	int		 streak;	/* qualifying days in a row */
	int		 calm;		/* calm days in a row */
	day_t		 day;		/* last day evaluated */
	day_t		 qual_day;	/* last day counted in streak */
	day_t		 calm_day;	/* last day counted in calm */
	int64_t		 since;		/* entered this status (Unix time) */
	int64_t		 started;	/* began firing */
	int64_t		 notified;	/* last firing or repeat notice */
};

const char	*alertstate_name(enum alert_status);
const char	*alertstate_event_name(enum alert_event);
int		 alertstate_from_name(const char *, enum alert_status *);
void		 alertstate_init(struct alert_state *);
enum alert_event alertstate_step(struct alert_state *,
		     const struct alert_params *, day_t, int, int, int64_t);
/* rising.c */

/* The settings of window rising (DESIGN section 5); rising_defaults(). */
struct rising_params {
	int64_t		 min_count;	/* a >= this (3): minimum evidence */
	int		 min_days;	/* window days it occurs on (2) */
	double		 fdr;		/* Benjamini-Hochberg q (0.05) */
	double		 min_g2;	/* signed G2 of a significant item */
	double		 credible;	/* level of the lower bound (0.9) */
	double		 min_assoc;	/* a phrase's share of a part (0.25) */
	int		 falling;	/* the mirror image */
	int		 window_days;	/* known days of the window (context) */
};

/* One term's counts: window, baseline just before, background before. */
struct rising_in {
	uint32_t	 a;		/* papers in the window */
	uint32_t	 b;		/* papers in the baseline */
	uint32_t	 c;		/* papers in the background */
	uint16_t	 days;		/* window days it occurs on */
	uint16_t	 peak;		/* papers on its busiest window day */
	float		 shape;		/* history's k; 0: none (new) */
};

struct rising_item {
	uint32_t	 id;		/* index into the input: the term id */
	int64_t		 a, b, c;
	double		 g2;		/* signed */
	double		 lr;		/* log2 ratio */
	double		 score;		/* log2 lower bound of the ratio */
	double		 p;		/* one-sided p-value the FDR read */
	double		 shape;		/* the prior's k */
	int		 significant;	/* passed the FDR, G2 and bound */
	int		 isnew;		/* b = c = 0 */
};

void		 rising_defaults(struct rising_params *);
double		 rising_g2(int64_t, int64_t, int64_t, int64_t);
double		 rising_lr(int64_t, int64_t, int64_t, int64_t);
double		 rising_pvalue(double);
double		 rising_pvalue_above(double);
double		 rising_term_pvalue(int64_t, int64_t, int64_t, int64_t);
double		 rising_fdr_cut(double *, size_t, double);
double		 rising_history_shape(const uint32_t *, const int64_t *,
		     size_t);
double		 rising_beta_cdf(double, double, double);
double		 rising_lower_bound(int64_t, int64_t, int64_t, int64_t,
		     double, double, double);
int		 rising_candidate(const struct rising_params *,
		     const struct rising_in *, int64_t, int64_t);
size_t		 rising_select(const struct rising_params *,
		     const struct rising_in *, size_t, int64_t, int64_t,
		     int64_t, struct rising_item **, size_t *);
int		 rising_same_name(const char *, const char *);
int		 rising_partner(int64_t, int64_t, int64_t, int64_t, size_t);
int		 rising_assoc_ok(const struct rising_params *, int64_t,
		     const int64_t *, size_t);

/* cluster.c */
struct cluster_paper {
	const uint32_t	*items;		/* sorted item indices in the paper */
	size_t		 n;
};

size_t		 cluster_items(size_t, const struct cluster_paper *, size_t,
		     const uint8_t *, size_t *);

/* trend.c */
struct trend {
	double		 s;		/* Mann-Kendall S */
	double		 z;
	double		 p;		/* two-sided */
	double		 slope;		/* Sen's slope, share per step */
};

void		 trend_mann_kendall(const double *, size_t, struct trend *);
int		 trend_burst_last(const int64_t *, const int64_t *, size_t,
		     double, double, int64_t *, int64_t *);
size_t		 trend_steady(uint32_t *const *, const int64_t *, size_t,
		     size_t, int64_t, double, int, struct rising_item **,
		     size_t *);

/* topics.c */
#define TOPIC_KEY_PREFIX	"topic:"	/* a topic's key: prefix + name */
#define TOPIC_KEY_PREFIX_LEN	6

struct topics;
struct topics	*topics_parse(struct tokenizer *, const char *, size_t,
		     const char *, char **);
struct topics	*topics_default(struct tokenizer *, char **);
void		 topics_free(struct topics *);
size_t		 topics_count(const struct topics *);
const char	*topics_name(const struct topics *, size_t);
uint32_t	 topics_term(const struct topics *, size_t);
size_t		 topics_match(const struct topics *, const struct token *,
		     size_t, uint32_t *);
uint32_t	 tokenizer_topic(struct tokenizer *, const char *);
void		 tally_set_topics(struct tally *, const struct topics *);
const uint32_t	*tally_paper_terms(struct tally *, const char *, const char *,
		     size_t *);

#endif
