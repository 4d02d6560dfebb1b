/*
 * The tally of one snapshot: for each day, how many new papers it brings
 * and in how many of them each term and phrase occurs. Counting is by
 * document: a term counts once per paper however often the paper repeats
 * it (DESIGN section 3). Everything stays in memory until the store writes
 * the tally in one batch.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/text/text.h"

/* Days are stored biased so that a day and a term pack into 64 bits. */
#define DAY_BIAS	((int64_t)1 << 31)

/* Counts logged, beyond half the merged cells, before they are merged. */
#define TALLY_LOG_MIN	(1U << 16)

struct tally {
	struct tokenizer	*tk;
	struct tokens		 toks;
	uint32_t		*stamp;		/* per term: last paper seen */
	uint32_t		*best_form;	/* per term: most used form */
	uint32_t		*best_n;
	uint32_t		*first_form;	/* per term: first form seen */
	uint32_t		*first_n;	/* its papers; 0: none yet */
	size_t			 terms_cap;
	uint32_t		 paper;
	uint64_t		*log;		/* (day, term): a paper each */
	size_t			 nlog, log_cap;
	struct tally_cell	*cells;		/* merged, by day and term */
	size_t			 ncells;
	struct u64map		*days;		/* day -> papers */
	struct u64map		*forms;		/* other forms -> papers */
	uint32_t		*phr;		/* scratch: phrase positions */
	size_t			 phr_cap;
	const struct topics	*topics;	/* counted too, if set */
	uint32_t		*seen;		/* scratch: one paper's terms */
	uint32_t		*seen_form;
	size_t			 nseen, seen_cap;
};

/* A new, empty tally counting with tk (borrowed). */
struct tally *
tally_new(struct tokenizer *tk)
{
	struct tally	*t = xcalloc(1, sizeof *t);

	t->tk = tk;
	t->days = u64map_new();
	t->forms = u64map_new();
	return t;
}

/* Free a tally; NULL is fine. */
void
tally_free(struct tally *t)
{
	if (t == NULL)
		return;
	tokens_free(&t->toks);
	free(t->stamp);
	free(t->best_form);
	free(t->best_n);
	free(t->first_form);
	free(t->first_n);
	free(t->phr);
	free(t->seen);
	free(t->seen_form);
	free(t->log);
	free(t->cells);
	u64map_free(t->days);
	u64map_free(t->forms);
	free(t);
}

/*
 * Empty the tally for the next batch of papers with the same tokenizer:
 * its counts go, its arrays sized by the vocabulary stay.
 */
void
tally_clear(struct tally *t)
{
	if (t->terms_cap > 0) {		/* the arrays exist */
		memset(t->best_n, 0, t->terms_cap * sizeof *t->best_n);
		memset(t->first_n, 0, t->terms_cap * sizeof *t->first_n);
	}
	t->nlog = t->ncells = 0;
	u64map_free(t->days);
	u64map_free(t->forms);
	t->days = u64map_new();
	t->forms = u64map_new();
}

/* The tokenizer this tally counts with. */
struct tokenizer *
tally_tokenizer(const struct tally *t)
{
	return t->tk;
}

/* Make the per-term arrays cover every term the tokenizer knows. */
static void
tally_reserve(struct tally *t)
{
	size_t	 need = tokenizer_term_count(t->tk), cap = t->terms_cap;

	if (need <= cap)
		return;
	while (cap < need)
		cap = cap ? cap * 2 : 4096;
	t->stamp = xreallocarray(t->stamp, cap, sizeof *t->stamp);
	t->best_form = xreallocarray(t->best_form, cap, sizeof *t->best_form);
	t->best_n = xreallocarray(t->best_n, cap, sizeof *t->best_n);
	t->first_form = xreallocarray(t->first_form, cap,
	    sizeof *t->first_form);
	t->first_n = xreallocarray(t->first_n, cap, sizeof *t->first_n);
	memset(t->stamp + t->terms_cap, 0, (cap - t->terms_cap) *
	    sizeof *t->stamp);
	memset(t->best_n + t->terms_cap, 0, (cap - t->terms_cap) *
	    sizeof *t->best_n);
	memset(t->first_n + t->terms_cap, 0, (cap - t->terms_cap) *
	    sizeof *t->first_n);
	t->terms_cap = cap;
}

/* Make room for another of the current paper's terms. */
static void
tally_seen_grow(struct tally *t)
{
	t->seen_cap = t->seen_cap ? t->seen_cap * 2 : 256;
	t->seen = xreallocarray(t->seen, t->seen_cap, sizeof *t->seen);
	t->seen_form = xreallocarray(t->seen_form, t->seen_cap,
	    sizeof *t->seen_form);
}

/* Note term once for the current paper; form is its written form. */
static inline void
tally_see(struct tally *t, uint32_t term, uint32_t form)
{
	if (t->stamp[term] == t->paper)
		return;
	t->stamp[term] = t->paper;
	if (t->nseen == t->seen_cap)
		tally_seen_grow(t);
	t->seen[t->nseen] = term;
	t->seen_form[t->nseen++] = form;
}

/* The key a cell sorts by: its day, then its term. */
static uint64_t
cell_key(day_t day, uint32_t term)
{
	return (uint64_t)(day + DAY_BIAS) << 32 | term;
}

/* Make room in the log for more keys. */
static void
tally_log_grow(struct tally *t)
{
	t->log_cap = t->log_cap ? t->log_cap * 2 : 4096;
	t->log = xreallocarray(t->log, t->log_cap, sizeof *t->log);
}

/* Log one more paper for (day, term). */
static inline void
tally_log(struct tally *t, day_t day, uint32_t term)
{
	if (t->nlog == t->log_cap)
		tally_log_grow(t);
	t->log[t->nlog++] = cell_key(day, term);
}

/*
 * Merge the log into the cells: the logged keys sorted (radix sort), each
 * run of one key is that many papers, added to its cell or a new one.
 * Counting appends to a log and merges in passes over sorted memory,
 * where a hash table of cells would take a random probe (most often a
 * cache miss) for every term of every paper.
 */
static void
tally_merge(struct tally *t)
{
	struct tally_cell	*out;
	size_t			 i = 0, j = 0, k, n = 0;
	uint64_t		 key;

	if (t->nlog == 0)
		return;
	sort_u64(t->log, t->nlog);
	out = xreallocarray(NULL, t->ncells + t->nlog, sizeof *out);
	while (j < t->nlog) {
		key = t->log[j];
		for (k = j + 1; k < t->nlog && t->log[k] == key; k++)
			;
		while (i < t->ncells &&
		    cell_key(t->cells[i].day, t->cells[i].term) < key)
			out[n++] = t->cells[i++];
		if (i < t->ncells &&
		    cell_key(t->cells[i].day, t->cells[i].term) == key)
			out[n] = t->cells[i++];
		else {
			out[n].day = (day_t)((int64_t)(key >> 32) - DAY_BIAS);
			out[n].term = (uint32_t)key;
			out[n].df = 0;
		}
		out[n++].df += (uint32_t)(k - j);
		j = k;
	}
	while (i < t->ncells)
		out[n++] = t->cells[i++];
	free(t->cells);
	t->cells = out;
	t->ncells = n;
	t->nlog = 0;
}

/* Count term once on day for the current paper's written form. */
static void
tally_count(struct tally *t, day_t day, uint32_t term, uint32_t form)
{
	uint32_t	*n;

	tally_log(t, day, term);
	if (form == UINT32_MAX)
		return;
	/* Most terms are written one way: their first form skips the map. */
	if (t->first_n[term] == 0)
		t->first_form[term] = form;
	if (form == t->first_form[term])
		n = &t->first_n[term];
	else
		n = u64map_slot(t->forms, (uint64_t)term << 32 | form, NULL);
	if (++*n > t->best_n[term]) {
		t->best_n[term] = *n;
		t->best_form[term] = form;
	}
}

/* Note a day as known (it had a snapshot) even if it brings no paper. */
void
tally_add_day(struct tally *t, day_t day)
{
	u64map_slot(t->days, (uint64_t)(day + DAY_BIAS), NULL);
}

/* Count topics named by the topics file too (borrowed; NULL for none). */
void
tally_set_topics(struct tally *t, const struct topics *topics)
{
	t->topics = topics;
}

/*
 * The distinct terms of one paper (words, phrases, topics), each once,
 * into t->seen: the same terms tally_add_paper counts.
 */
static void
tally_scan(struct tally *t, const char *title, const char *abstract)
{
	struct token	*v;
	uint32_t	 parts[3], ph, *hit;
	size_t		 i, n = 0, k, nhit;

	t->toks.n = 0;
	t->nseen = 0;
	if (title != NULL)
		tokenize(t->tk, title, strlen(title), &t->toks, 0);
	if (abstract != NULL)
		tokenize(t->tk, abstract, strlen(abstract), &t->toks, 0);
	t->paper++;
	tally_reserve(t);
	v = t->toks.v;
	if (t->phr_cap < t->toks.n) {
		t->phr_cap = t->toks.n * 2;
		t->phr = xreallocarray(t->phr, t->phr_cap, sizeof *t->phr);
	}
	for (i = 0; i < t->toks.n; i++) {
		tally_see(t, v[i].term, v[i].form);
		if (!(v[i].flags & TOKEN_NOPHRASE))
			t->phr[n++] = (uint32_t)i;
	}
	/* Phrases: 2 and 3 terms in a row with no boundary between them. */
	for (i = 0; i + 1 < n; i++) {
		for (k = 0; k < 3 && i + k < n; k++) {
			if (k > 0 && (v[t->phr[i + k]].flags & TOKEN_BREAK))
				break;
			parts[k] = v[t->phr[i + k]].term;
			if (k == 0)
				continue;
			ph = tokenizer_phrase(t->tk, parts, k + 1);
			tally_reserve(t);
			tally_see(t, ph, UINT32_MAX);
		}
	}
	if (t->topics == NULL || topics_count(t->topics) == 0)
		return;
	hit = xreallocarray(NULL, topics_count(t->topics), sizeof *hit);
	nhit = topics_match(t->topics, v, t->toks.n, hit);
	tally_reserve(t);
	for (i = 0; i < nhit; i++)
		tally_see(t, topics_term(t->topics, hit[i]), UINT32_MAX);
	free(hit);
}

/* Count one new paper of day: its title and abstract (either may be NULL). */
void
tally_add_paper(struct tally *t, day_t day, const char *title,
    const char *abstract)
{
	size_t	 i;

	tally_scan(t, title, abstract);
	(*u64map_slot(t->days, (uint64_t)(day + DAY_BIAS), NULL))++;
	for (i = 0; i < t->nseen; i++)
		tally_count(t, day, t->seen[i], t->seen_form[i]);
	if (t->nlog >= TALLY_LOG_MIN + t->ncells / 2)
		tally_merge(t);
}

/*
 * The distinct tokenizer terms of a paper, as tally_add_paper would count
 * them, without counting: valid until the next call on t.
 */
const uint32_t *
tally_paper_terms(struct tally *t, const char *title, const char *abstract,
    size_t *n)
{
	tally_scan(t, title, abstract);
	*n = t->nseen;
	return t->seen;
}

/*
 * Every (day, term, df) of the tally, sorted by day and term; valid until
 * the tally changes (a second call without new counts changes nothing,
 * so one thread may merge while another stores).
 */
struct tally_cell *
tally_cells(struct tally *t, size_t *n)
{
	tally_merge(t);
	*n = t->ncells;
	return t->cells;
}

/* Order days ascending. */
static int
tally_day_cmp(const void *a, const void *b)
{
	const day_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* The known days, sorted, with their new papers; returns how many. */
size_t
tally_days(const struct tally *t, day_t **days, uint32_t **papers)
{
	size_t		 pos = 0, i = 0, n = u64map_count(t->days);
	uint64_t	 key;
	uint32_t	 count;
	day_t		*d = xreallocarray(NULL, n + 1, sizeof *d);
	uint32_t	*p = xreallocarray(NULL, n + 1, sizeof *p);

	while (u64map_next(t->days, &pos, &key, &count))
		d[i++] = (day_t)((int64_t)key - DAY_BIAS);
	qsort(d, n, sizeof *d, tally_day_cmp);
	for (i = 0; i < n; i++)
		p[i] = *u64map_get(t->days, (uint64_t)(d[i] + DAY_BIAS));
	*days = d;
	*papers = p;
	return n;
}

/* How many papers of this tally wrote a word in its display form. */
uint32_t
tally_display_count(const struct tally *t, uint32_t term)
{
	if (tokenizer_kind(t->tk, term) != TERM_WORD || term >= t->terms_cap)
		return 0;
	return t->best_n[term];
}

/*
 * How term is written most often in this tally: a word's commonest form;
 * a phrase joins its words' forms ("large language models").
 */
char *
tally_display(const struct tally *t, uint32_t term)
{
	const char	*s;
	char		*out, *part;
	size_t		 len, i;
	uint32_t	 p;

	if (tokenizer_kind(t->tk, term) == TERM_TOPIC) {
		s = tokenizer_key(t->tk, term, &len);
		return xstrndup(s + TOPIC_KEY_PREFIX_LEN,
		    len - TOPIC_KEY_PREFIX_LEN);
	}
	if (tokenizer_kind(t->tk, term) != TERM_PHRASE) {
		if (term < t->terms_cap && t->best_n[term] > 0) {
			s = tokenizer_form(t->tk, t->best_form[term], &len);
			return xstrndup(s, len);
		}
		s = tokenizer_key(t->tk, term, &len);
		return xstrndup(s, len);
	}
	out = xstrdup("");
	for (i = 0; i < 3; i++) {
		if ((p = tokenizer_part(t->tk, term, i)) == UINT32_MAX)
			break;
		part = tally_display(t, p);
		s = out;
		xasprintf(&out, "%s%s%s", s, i > 0 ? " " : "", part);
		free((char *)s);
		free(part);
	}
	return out;
}

/* How many (day, term) counts the tally holds. */
size_t
tally_cell_count(struct tally *t)
{
	tally_merge(t);
	return t->ncells;
}

/* Whether day is known to the tally (it has a count of papers). */
int
tally_has_day(const struct tally *t, day_t day)
{
	return u64map_get(t->days, (uint64_t)(day + DAY_BIAS)) != NULL;
}

/*
 * Move day's counts from src into dst, which may count with another
 * tokenizer (its terms are found or added there by key): dst then counts
 * the day's papers of both, as one tally fed with both halves would, and
 * src no longer knows the day. Display forms stay where they were
 * counted: this merges document frequencies and papers, the counts.
 */
void
tally_move_day(struct tally *dst, struct tally *src, day_t day)
{
	struct u64map	*keep;
	const uint32_t	*p;
	size_t		 pos = 0, a, b;
	uint64_t	 key, dkey = (uint64_t)(day + DAY_BIAS);
	uint32_t	 df, term, n;

	if ((p = u64map_get(src->days, dkey)) == NULL)
		return;
	*u64map_slot(dst->days, dkey, NULL) += *p;
	/* The day's cells are one run of src's sorted cells. */
	tally_merge(src);
	for (a = 0; a < src->ncells && src->cells[a].day < day; a++)
		;
	for (b = a; b < src->ncells && src->cells[b].day == day; b++) {
		term = dst->tk == src->tk ? src->cells[b].term :
		    tokenizer_copy_term(dst->tk, src->tk, src->cells[b].term);
		for (n = 0; n < src->cells[b].df; n++)
			tally_log(dst, day, term);
	}
	memmove(src->cells + a, src->cells + b,
	    (src->ncells - b) * sizeof *src->cells);
	src->ncells -= b - a;
	tally_reserve(dst);
	keep = u64map_new();
	while (u64map_next(src->days, &pos, &key, &df))
		if (key != dkey)
			*u64map_slot(keep, key, NULL) = df;
	u64map_free(src->days);
	src->days = keep;
}
