/*
 * The rising query: the terms, phrases, topics and emerging clusters that
 * a window of days uses more (or less) than the baseline just before it,
 * for topic rising, reports, charts, alerts and the HTTP API. This file
 * orchestrates: the store sums the packed day counts, analysis/ scores
 * and clusters. The method is the contract in analysis/rising.c and
 * analysis/cluster.c; one rule needs the store: a single word must be in
 * the title of one of the window's papers (rising_titled), read from the
 * window's papers in memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/query/query.h"
#include "daemon/sys/sys.h"

#define RISING_MAX_CANDIDATES	300	/* items named and clustered */
#define RISING_EXAMPLES		3
#define RISING_TREND_WEEKS	RISING_WEEKS	/* Mann-Kendall over weekly shares */
#define RISING_BURST_DAYS	365	/* Kleinberg over the last days */
#define RISING_STEADY_P		0.05
#define RISING_BASELINE_DAYS	28	/* the default baseline */
#define RISING_AUTO_PAPERS	1000	/* --window auto: papers it wants */
#define RISING_PROSE_PAPERS	5	/* papers that show a subject */
#define RISING_SUBJECT_SHARE	0.25	/* of them, with its best partner */
#define RISING_NAME_SHARE	8	/* tenths of the leader's papers */

/* The windows --window auto tries, shortest first. */
static const int rising_auto[] = { 7, 14, 28, 56, 84 };


/* A candidate item: a selected term with its name and window papers. */
struct rising_cand {
	struct rising_item	 it;
	char			*key;
	char			*display;
	int			 kind;
	uint32_t		 papers;	/* window papers holding it */
	double			 subject;	/* share with its best partner */
	int			 prose;		/* no subject: not an item */
};

/* The state of one run. */
struct rising_run {
	struct store		*st;
	struct tokenizer	*tk;
	struct topics		*topics;
	const struct rising_query *q;
	struct rising_report	*r;
	uint32_t		*df[3];		/* window, baseline, backgr. */
	uint16_t		*days, *peak;
	size_t			 n;		/* max term id + 1 */
	struct rising_cand	*cand;
	size_t			 ncand;
	struct paper_row	*papers;	/* the window's */
	size_t			 npapers;
	uint32_t		**has;		/* per paper: candidate list */
	size_t			*nhas;
	size_t			*row_cand;	/* per row: naming candidate */
	struct u64map		*pairs;		/* (candidate, token): papers */
	/* Read once and shared by every answer of rising_run_many: */
	struct u64map		*tokdf;		/* token: window papers */
	struct strmap		*title_words;	/* keys of words in titles */
	uint32_t		**terms;	/* per paper: its tokens */
	size_t			*nterms;
	uint32_t		*week_df[RISING_TREND_WEEKS];	/* oldest 1st */
	int64_t			 week_papers[RISING_TREND_WEEKS];
	float			*shape;		/* per term: history's k */
	uint8_t			*steady_set;	/* per term: 1 up, 2 down */
};

/* The documented defaults of topic rising. */
void
rising_query_defaults(struct rising_query *q)
{
	memset(q, 0, sizeof *q);
	q->at = DAY_NONE;
	q->window = 0;			/* auto */
	q->baseline = 0;		/* 28d, or twice an automatic window */
	q->background = 365;
	q->limit = 20;
	rising_defaults(&q->params);
}

/* Fill window w over [from, to] from the day totals; -1 on error. */
static int
rising_window(struct store *st, day_t from, day_t to, struct rising_window *w,
    char **cause)
{
	day_t	*days;
	int64_t	*papers;
	size_t	 n, i;

	w->from = from;
	w->to = to;
	w->documents = 0;
	if (store_day_totals(st, from, to, &days, &papers, &n, cause) != 0)
		return -1;
	w->days = n;
	for (i = 0; i < n; i++)
		w->documents += papers[i];
	free(days);
	free(papers);
	return 0;
}

/* Set the report's windows from the query and check them; -1 with cause. */
static int
rising_windows(struct rising_run *run, char **cause)
{
	const struct rising_query *q = run->q;
	struct rising_report	*r = run->r;
	struct stats		 s;
	char			 a[11], b[11], c[11], d[11];
	day_t			 at;
	int			 window, baseline;
	size_t			 k;

	if (store_stats(run->st, &s, cause) != 0)
		return -1;
	if (s.last_day == DAY_NONE) {
		xasprintf(cause, "no data: ingest something first");
		return -1;
	}
	day_format(s.first_day, a);
	day_format(s.last_day, b);
	at = q->at == DAY_NONE ? s.last_day : q->at;
	day_format(at, c);
	if (at < s.first_day || at > s.last_day) {
		xasprintf(cause, "--at %s: outside the data (%s to %s)", c, a,
		    b);
		return -1;
	}
	r->at = at;
	window = q->window;
	for (k = 0; window == 0; k++) {
		/* --window auto: the shortest that holds enough papers. */
		if (rising_window(run->st, at - rising_auto[k] + 1, at,
		    &r->window, cause) != 0)
			return -1;
		if (r->window.documents >= RISING_AUTO_PAPERS ||
		    k + 1 == sizeof rising_auto / sizeof rising_auto[0])
			window = rising_auto[k];
	}
	baseline = q->baseline != 0 ? q->baseline : q->window == 0 ?
	    2 * window : RISING_BASELINE_DAYS;
	if (rising_window(run->st, at - window + 1, at, &r->window,
	    cause) != 0 ||
	    rising_window(run->st, at - window - baseline + 1, at - window,
	    &r->baseline, cause) != 0 ||
	    rising_window(run->st, at - window - baseline - q->background + 1,
	    at - window - baseline, &r->background, cause) != 0)
		return -1;
	day_format(r->window.from, c);
	day_format(r->window.to, d);
	if (r->window.from < s.first_day) {
		xasprintf(cause, "--window %dd: the window %s..%s starts "
		    "before the first day with data (%s)", window, c, d, a);
		return -1;
	}
	if (r->window.documents == 0) {
		xasprintf(cause, "the window %s..%s has no %s: try another "
		    "--at or a longer --window", c, d, r->window.days == 0 ?
		    "known day (no snapshot)" : "paper");
		return -1;
	}
	day_format(r->baseline.from, c);
	day_format(r->baseline.to, d);
	if (r->baseline.documents == 0) {
		xasprintf(cause, "the baseline %s..%s has no %s: try another "
		    "--at or --baseline", c, d, r->baseline.days == 0 ?
		    "known day (no snapshot)" : "paper");
		return -1;
	}
	return 0;
}

/* Sum the three windows' packed counts per term id. */
static int
rising_sums(struct rising_run *run, char **cause)
{
	struct rising_report	*r = run->r;
	int64_t			 max;
	int			 i;

	if (store_max_term_id(run->st, &max, cause) != 0)
		return -1;
	run->n = (size_t)max + 1;
	for (i = 0; i < 3; i++)
		run->df[i] = xcalloc(run->n, sizeof *run->df[i]);
	run->days = xcalloc(run->n, sizeof *run->days);
	run->peak = xcalloc(run->n, sizeof *run->peak);
	if (store_range_df(run->st, r->window.from, r->window.to, run->df[0],
	    run->days, run->peak, run->n, cause) != 0 ||
	    store_range_df(run->st, r->baseline.from, r->baseline.to,
	    run->df[1], NULL, NULL, run->n, cause) != 0)
		return -1;
	if (r->background.days > 0 && store_range_df(run->st,
	    r->background.from, r->background.to, run->df[2], NULL, NULL,
	    run->n, cause) != 0)
		return -1;
	return 0;
}

/*
 * The edges of the history blocks before the window: window-long blocks
 * (at least a week) laid back from the window's first day over baseline
 * and background, split where the background ends. *n gets the number of
 * blocks (edges has *n + 1 entries; caller frees).
 */
static day_t *
rising_history_edges(const struct rising_report *r, size_t *n)
{
	day_t	 from = r->background.days > 0 ? r->background.from :
	    r->baseline.from, to = r->window.from, len, *e, d;
	size_t	 cap, k = 0, i;

	len = r->window.to - r->window.from + 1;
	if (len < 7)
		len = 7;
	cap = (size_t)((to - from) / len) + 3;
	e = xreallocarray(NULL, cap + 1, sizeof *e);
	for (d = to; d > from; d -= len) {
		if (d <= r->baseline.from && (k == 0 || e[k - 1] >
		    r->baseline.from))
			e[k++] = r->baseline.from;
		if (d != r->baseline.from)
			e[k++] = d;
	}
	if (k == 0 || e[k - 1] > from)
		e[k++] = from;
	for (i = 0; i < k / 2; i++) {		/* ascending */
		d = e[i];
		e[i] = e[k - 1 - i];
		e[k - 1 - i] = d;
	}
	*n = k - 1;
	return e;
}

/*
 * The history of every term with want[id] set: its papers in each
 * history block before the window, from which run->shape[id], the
 * prior's k (rising_history_shape).
 */
static int
rising_history(struct rising_run *run, const uint8_t *want, char **cause)
{
	struct rising_report	*r = run->r;
	day_t			*edges, *days = NULL;
	int64_t			*papers = NULL, *bp;
	int32_t			*slot;
	uint32_t		*blocks = NULL, *x;
	size_t			 nb, ns = 0, i, j, d, ndays;
	int			 rc = -1;

	edges = rising_history_edges(r, &nb);
	slot = xreallocarray(NULL, run->n + 1, sizeof *slot);
	for (i = 0; i < run->n; i++) {
		slot[i] = want[i] ? (int32_t)ns++ : -1;
	}
	bp = xcalloc(nb + 1, sizeof *bp);
	blocks = xcalloc(ns * nb + 1, sizeof *blocks);
	if (nb == 0 || ns == 0) {
		rc = 0;
		goto out;
	}
	if (store_day_totals(run->st, edges[0], edges[nb] - 1, &days, &papers,
	    &ndays, cause) != 0 || store_range_blocks(run->st, edges, nb, slot,
	    run->n, NULL, blocks, cause) != 0)
		goto out;
	for (d = 0, j = 0; d < ndays; d++) {
		while (j + 1 < nb && days[d] >= edges[j + 1])
			j++;
		bp[j] += papers[d];
	}
	for (i = 0; i < run->n; i++) {
		if (slot[i] < 0)
			continue;
		x = &blocks[(size_t)slot[i] * nb];
		run->shape[i] = (float)rising_history_shape(x, bp, nb);
	}
	rc = 0;
out:
	free(edges);
	free(slot);
	free(bp);
	free(blocks);
	free(days);
	free(papers);
	return rc;
}

/* The papers of term key over all three windows (0 if unknown). */
static int
rising_key_df(struct rising_run *run, const char *key, size_t len,
    int64_t *df, char **cause)
{
	char	*k = xstrndup(key, len), *display;
	int64_t	 id;
	int	 rc;

	*df = 0;
	rc = store_term_find(run->st, k, &id, &display, cause);
	free(k);
	free(display);
	if (rc == 0 && id > 0 && (size_t)id < run->n)
		*df = (int64_t)run->df[0][id] + run->df[1][id] +
		    run->df[2][id];
	return rc;
}

/* Whether a phrase with key is a collocation of its edge words. */
static int
rising_phrase_ok(struct rising_run *run, const struct rising_item *it,
    const char *key, int *ok, char **cause)
{
	const char	*sp = strchr(key, ' '), *last = strrchr(key, ' ');
	int64_t		 edge[2];

	*ok = 0;
	if (sp == NULL) {
		*ok = 1;
		return 0;
	}
	if (rising_key_df(run, key, (size_t)(sp - key), &edge[0],
	    cause) != 0 ||
	    rising_key_df(run, last + 1, strlen(last + 1), &edge[1],
	    cause) != 0)
		return -1;
	*ok = rising_assoc_ok(&run->q->params, it->a + it->b + it->c, edge, 2);
	return 0;
}

/* Add candidate item it with its name. */
static void
rising_add_cand(struct rising_run *run, const struct rising_item *it,
    char *key, char *display, int kind)
{
	struct rising_cand	*c;

	run->cand = xreallocarray(run->cand, run->ncand + 1,
	    sizeof *run->cand);
	c = &run->cand[run->ncand++];
	c->it = *it;
	c->key = key;
	c->display = display;
	c->kind = kind;
	c->papers = 0;
	c->subject = 0;
	c->prose = 0;
}

/*
 * Whether a word names something in the window: at least one of the
 * window's papers has it in its title (stemmed, as counted). Topics are
 * named in titles; a word that rises only in abstracts is the prose of a
 * week's summaries ("teaching", "old", "trick"), not a topic.
 */
static int
rising_titled(const struct rising_run *run, const char *key)
{
	return strmap_find(run->title_words, key, strlen(key)) >= 0;
}

/*
 * Name the ranked items, keeping those of the asked kind: a word must be
 * in a title of the window, a phrase a collocation; at most
 * RISING_MAX_CANDIDATES.
 */
static int
rising_candidates(struct rising_run *run, const struct rising_item *items,
    size_t nitems, char **cause)
{
	char		*key, *display;
	size_t		 i;
	int		 kind, ok;

	for (i = 0; i < nitems && run->ncand < RISING_MAX_CANDIDATES; i++) {
		if (store_term_info(run->st, items[i].id, &key, &kind,
		    &display, cause) != 0)
			return -1;
		ok = key != NULL && (run->q->kind == 0 ||
		    kind == run->q->kind);
		if (ok && kind == TERM_WORD && !rising_titled(run, key))
			ok = 0;
		if (ok && kind == TERM_PHRASE && rising_phrase_ok(run,
		    &items[i], key, &ok, cause) != 0) {
			free(key);
			free(display);
			return -1;
		}
		if (!ok) {
			free(key);
			free(display);
			continue;
		}
		rising_add_cand(run, &items[i], key, display, kind);
	}
	return 0;
}

/* Every topic counted so far as a candidate, scored or not. */
static int
rising_all_topics(struct rising_run *run, char **cause)
{
	struct rising_report	*r = run->r;
	struct rising_item	 it;
	int64_t			*ids;
	char			**names, *key;
	size_t			 n, i;

	if (store_topic_terms(run->st, &ids, &names, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		memset(&it, 0, sizeof it);
		it.id = (uint32_t)ids[i];
		if ((size_t)ids[i] < run->n) {
			it.a = run->df[0][ids[i]];
			it.b = run->df[1][ids[i]];
			it.c = run->df[2][ids[i]];
		}
		it.g2 = rising_g2(it.a, r->window.documents, it.b,
		    r->baseline.documents);
		it.lr = rising_lr(it.a, r->window.documents, it.b,
		    r->baseline.documents);
		it.isnew = it.b == 0 && it.c == 0;
		xasprintf(&key, "%s%s", TOPIC_KEY_PREFIX, names[i]);
		rising_add_cand(run, &it, key, names[i], TERM_TOPIC);
	}
	free(ids);
	free(names);
	return 0;
}

/* Order candidate indices ascending. */
static int
rising_u32_cmp(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Count, for each term candidate of one paper, the paper's other terms. */
static void
rising_pairs(struct rising_run *run, const uint32_t *has, size_t nhas,
    const uint32_t *terms, size_t nterms)
{
	size_t	 i, j;

	for (i = 0; i < nhas; i++) {
		if (run->cand[has[i]].kind == TERM_TOPIC)
			continue;
		for (j = 0; j < nterms; j++)
			(*u64map_slot(run->pairs, (uint64_t)has[i] << 32 |
			    terms[j], NULL))++;
	}
}

/* Note the keys of the words of one title in run->title_words. */
static void
rising_title_words(struct rising_run *run, struct tally *ta,
    const char *title)
{
	const uint32_t	*terms;
	const char	*k;
	size_t		 j, nterms, klen;

	terms = tally_paper_terms(ta, title, NULL, &nterms);
	for (j = 0; j < nterms; j++) {
		if (tokenizer_kind(run->tk, terms[j]) != TERM_WORD)
			continue;
		k = tokenizer_key(run->tk, terms[j], &klen);
		strmap_intern(run->title_words, k, klen, NULL);
	}
}

/*
 * Read the window's papers and their tokens, once for every answer
 * (re-tokenized exactly as at ingest: there are few papers in a window),
 * and each token's papers in the window.
 */
static int
rising_papers(struct rising_run *run, char **cause)
{
	struct tally	*ta = tally_new(run->tk);
	const uint32_t	*terms;
	size_t		 i, j, nterms;

	tally_set_topics(ta, run->topics);
	if (store_papers_range(run->st, run->r->window.from, run->r->window.to,
	    &run->papers, &run->npapers, cause) != 0) {
		tally_free(ta);
		return -1;
	}
	run->terms = xcalloc(run->npapers + 1, sizeof *run->terms);
	run->nterms = xcalloc(run->npapers + 1, sizeof *run->nterms);
	run->tokdf = u64map_new();
	run->title_words = strmap_new();
	for (i = 0; i < run->npapers; i++) {
		rising_title_words(run, ta, run->papers[i].title);
		terms = tally_paper_terms(ta, run->papers[i].title,
		    run->papers[i].abstract, &nterms);
		run->terms[i] = xreallocarray(NULL, nterms + 1,
		    sizeof **run->terms);
		memcpy(run->terms[i], terms, nterms * sizeof *terms);
		run->nterms[i] = nterms;
		for (j = 0; j < nterms; j++)
			(*u64map_slot(run->tokdf, terms[j], NULL))++;
	}
	tally_free(ta);
	return 0;
}

/* Note, for each of the window's papers, the candidates it holds. */
static void
rising_holders(struct rising_run *run)
{
	struct strmap	*keys = strmap_new();
	const char	*k;
	size_t		 i, j, klen;
	int64_t		 c;

	for (i = 0; i < run->ncand; i++)
		strmap_intern(keys, run->cand[i].key, strlen(run->cand[i].key),
		    NULL);
	run->has = xcalloc(run->npapers + 1, sizeof *run->has);
	run->nhas = xcalloc(run->npapers + 1, sizeof *run->nhas);
	run->pairs = u64map_new();
	for (i = 0; i < run->npapers; i++) {
		for (j = 0; j < run->nterms[i]; j++) {
			k = tokenizer_key(run->tk, run->terms[i][j], &klen);
			if ((c = strmap_find(keys, k, klen)) < 0)
				continue;
			run->has[i] = xreallocarray(run->has[i],
			    run->nhas[i] + 1, sizeof **run->has);
			run->has[i][run->nhas[i]++] = (uint32_t)c;
			run->cand[c].papers++;
		}
		if (run->nhas[i] > 1)
			qsort(run->has[i], run->nhas[i], sizeof **run->has,
			    rising_u32_cmp);
		rising_pairs(run, run->has[i], run->nhas[i], run->terms[i],
		    run->nterms[i]);
	}
	strmap_free(keys);
}

/* Whether c ends a word or a part of a hyphenated word. */
static int
rising_word_end(char c)
{
	return c == ' ' || c == '-' || c == '\0';
}

/*
 * Whether every word of key a is a word, or a part of a hyphenated word,
 * of key b ("r1" is in "deepseek-r1", "test-time" in "test-time scale").
 */
static int
rising_words_in(const char *a, const char *b)
{
	const char	*w, *end, *p;
	size_t		 len;

	for (w = a; *w != '\0'; w = *end ? end + 1 : end) {
		if ((end = strchr(w, ' ')) == NULL)
			end = w + strlen(w);
		len = (size_t)(end - w);
		for (p = b; *p != '\0'; p++) {
			if ((p == b || p[-1] == ' ' || p[-1] == '-') &&
			    strncmp(p, w, len) == 0 && rising_word_end(p[len]))
				break;
		}
		if (*p == '\0')
			return 0;
	}
	return 1;
}

/*
 * Whether token t may be a subject partner of candidate c: not a topic,
 * and neither inside the other ("r1" and "deepseek-r1" are one name).
 */
static int
rising_partner_ok(struct rising_run *run, size_t c, uint32_t t)
{
	const char	*key;
	char		*k;
	size_t		 len;
	int		 ok;

	key = tokenizer_key(run->tk, t, &len);
	k = xstrndup(key, len);
	key = run->cand[c].key;
	ok = strncmp(k, TOPIC_KEY_PREFIX, TOPIC_KEY_PREFIX_LEN) != 0 &&
	    !rising_words_in(k, key) && !rising_words_in(key, k);
	free(k);
	return ok;
}

/*
 * Find each word's and phrase's subject: the other terms its window
 * papers share far more often than the window's papers at large
 * (rising_partner), and the share of its papers that its best such
 * partner is in. A term in RISING_PROSE_PAPERS papers or more whose best
 * partner is in fewer than RISING_SUBJECT_SHARE of them is prose, used
 * in papers about everything ("examines", "called"), and is not an item:
 * the papers of a subject share its words ("GRPO" with "reinforcement
 * learning" in 75% of them). Fewer papers cannot show either, and stay.
 */
static void
rising_subjects(struct rising_run *run)
{
	size_t		 pos = 0, *tried, c;
	uint64_t	 key;
	uint32_t	 k, t;
	const uint32_t	*nu;

	tried = xcalloc(run->ncand + 1, sizeof *tried);
	while (u64map_next(run->pairs, &pos, &key, &k)) {
		if (k >= 3)
			tried[key >> 32]++;
	}
	pos = 0;
	while (u64map_next(run->pairs, &pos, &key, &k)) {
		c = (size_t)(key >> 32);
		t = (uint32_t)key;
		if (k < 3 || (nu = u64map_get(run->tokdf, t)) == NULL)
			continue;
		if (rising_partner(k, run->cand[c].papers, *nu,
		    (int64_t)run->npapers, tried[c]) &&
		    rising_partner_ok(run, c, t) && (double)k >
		    run->cand[c].subject * run->cand[c].papers)
			run->cand[c].subject = (double)k /
			    (double)run->cand[c].papers;
	}
	for (c = 0; c < run->ncand; c++) {
		run->cand[c].prose = run->cand[c].kind != TERM_TOPIC &&
		    run->cand[c].papers >= RISING_PROSE_PAPERS &&
		    run->cand[c].subject < RISING_SUBJECT_SHARE;
	}
	free(tried);
}

/* Cluster the candidates (topics stay alone); leader[i] for each. */
static void
rising_cluster(struct rising_run *run, size_t *leader)
{
	struct cluster_paper	*cp;
	uint8_t			*related;
	uint32_t		*terms;
	size_t			 i, j, k, n = run->ncand;

	/* Papers as lists of their term candidates: topics stay alone. */
	cp = xcalloc(run->npapers + 1, sizeof *cp);
	related = xcalloc(n * n + 1, 1);
	for (i = 0; i < run->npapers; i++) {
		terms = xreallocarray(NULL, run->nhas[i] + 1, sizeof *terms);
		for (j = k = 0; j < run->nhas[i]; j++) {
			if (run->cand[run->has[i][j]].kind != TERM_TOPIC &&
			    !run->cand[run->has[i][j]].prose)
				terms[k++] = run->has[i][j];
		}
		cp[i].items = terms;
		cp[i].n = k;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			if (i == j || run->cand[i].kind == TERM_TOPIC ||
			    run->cand[j].kind == TERM_TOPIC ||
			    run->cand[i].prose || run->cand[j].prose)
				continue;
			related[i * n + j] = rising_words_in(run->cand[i].key,
			    run->cand[j].key) || rising_words_in(
			    run->cand[j].key, run->cand[i].key);
		}
	}
	cluster_items(n, cp, run->npapers, related, leader);
	for (i = 0; i < run->npapers; i++)
		free((uint32_t *)cp[i].items);
	free(cp);
	free(related);
}

/* Count the spaces of s: a phrase's words minus one. */
static size_t
rising_spaces(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += *s == ' ';
	return n;
}

/*
 * The member that names cluster l: the longest phrase holding the
 * leader's words with at least 80% of its window papers, else the leader
 * ("test-time scaling" rather than "test-time").
 */
static size_t
rising_name(struct rising_run *run, const size_t *leader, size_t l)
{
	struct rising_cand	*c = run->cand;
	size_t			 i, best = l;

	for (i = l + 1; i < run->ncand; i++) {
		if (leader[i] != l || c[i].kind != TERM_PHRASE ||
		    !rising_words_in(c[l].key, c[i].key) ||
		    10 * (uint64_t)c[i].papers < RISING_NAME_SHARE *
		    (uint64_t)c[l].papers)
			continue;
		if (rising_spaces(c[i].key) > rising_spaces(c[best].key))
			best = i;
	}
	return best;
}

/* Fill a row from candidate c named by it. */
static void
rising_row_fill(struct rising_run *run, struct rising_row *row,
    const struct rising_cand *c)
{
	memset(row, 0, sizeof *row);
	row->term = xstrdup(c->display);
	row->id = c->it.id;
	row->kind = c->kind;
	row->a = c->it.a;
	row->n1 = run->r->window.documents;
	row->b = c->it.b;
	row->n2 = run->r->baseline.documents;
	row->g2 = c->it.g2;
	row->lr = c->it.lr;
	row->score = c->it.score;
	row->significant = c->it.significant;
	row->shape = c->it.shape;
	row->isnew = c->it.isnew;
	row->burst_since = DAY_NONE;
}

/* Up to RISING_EXAMPLES window papers holding candidate c (or cluster l). */
static void
rising_examples(struct rising_run *run, struct rising_row *row, size_t c,
    const size_t *leader, size_t l)
{
	struct rising_example	*e;
	struct paper_row	*p;
	size_t			 i, j, pick;

	row->examples = xcalloc(RISING_EXAMPLES, sizeof *row->examples);
	for (pick = 0; pick < 2; pick++) {
		for (i = 0; i < run->npapers &&
		    row->nexamples < RISING_EXAMPLES; i++) {
			for (j = 0; j < run->nhas[i]; j++) {
				if (pick == 0 ? run->has[i][j] == c :
				    leader[run->has[i][j]] == l)
					break;
			}
			if (j == run->nhas[i])
				continue;
			for (j = 0; j < row->nexamples; j++) {
				if (strcmp(row->examples[j].title,
				    run->papers[i].title) == 0)
					break;
			}
			if (j < row->nexamples)
				continue;
			p = &run->papers[i];
			e = &row->examples[row->nexamples++];
			e->id = p->key ? xstrdup(p->key) : NULL;
			e->title = xstrdup(p->title);
			e->url = p->url ? xstrdup(p->url) : NULL;
			e->day = p->day;
		}
	}
}

/* Whether a row already has this name (one event, one line). */
static int
rising_named(struct rising_run *run, const char *display)
{
	size_t	 i;

	for (i = 0; i < run->r->n; i++) {
		if (rising_same_name(run->r->rows[i].term, display))
			return 1;
	}
	return 0;
}

/* Turn clusters into report rows, best first, at most limit. */
static void
rising_rows(struct rising_run *run, const size_t *leader)
{
	struct rising_report	*r = run->r;
	struct rising_row	*row;
	size_t			 l, i, name;

	r->rows = xcalloc(run->ncand + 1, sizeof *r->rows);
	run->row_cand = xcalloc(run->ncand + 1, sizeof *run->row_cand);
	for (l = 0; l < run->ncand && r->n < run->q->limit; l++) {
		if (leader[l] != l || run->cand[l].prose)
			continue;
		name = run->q->all_topics ? l : rising_name(run, leader, l);
		if (rising_named(run, run->cand[name].display))
			continue;
		run->row_cand[r->n] = name;
		row = &r->rows[r->n++];
		rising_row_fill(run, row, &run->cand[name]);
		for (i = l; i < run->ncand; i++) {
			if (leader[i] != l || i == name || run->cand[i].prose)
				continue;
			row->members = xreallocarray(row->members,
			    row->nmembers + 1, sizeof *row->members);
			row->members[row->nmembers++] =
			    xstrdup(run->cand[i].display);
		}
		rising_examples(run, row, name, leader, l);
	}
}

/*
 * Trend labels of each row: Mann-Kendall with Sen's slope over the
 * RISING_TREND_WEEKS weekly shares (7-day blocks ending at --at, known
 * days only) that the steady risers are found from, the steady label
 * exactly when the row's term is one of them (rising_steady_set), and
 * Kleinberg's last burst over the last RISING_BURST_DAYS known days:
 * "bursting since" its first day when it reaches into the window.
 */
static int
rising_trends(struct rising_run *run, const int64_t *ids, char **cause)
{
	struct rising_report	*r = run->r;
	struct rising_row	*row;
	day_t			*days = NULL;
	int64_t			*papers = NULL, *counts = NULL, *rc, *dc;
	double			 share[RISING_TREND_WEEKS];
	size_t			 ndays, i, d, w, nw, nb;
	int64_t			 bstart, bend;
	int			 ret = -1;

	if (store_day_totals(run->st, r->at - RISING_BURST_DAYS + 1, r->at,
	    &days, &papers, &ndays, cause) != 0)
		return -1;
	counts = xcalloc(ndays * r->n + 1, sizeof *counts);
	if (store_term_days(run->st, ids, r->n, days, ndays, counts,
	    cause) != 0)
		goto out;
	rc = xcalloc(ndays + 1, sizeof *rc);
	dc = xcalloc(ndays + 1, sizeof *dc);
	for (i = 0; i < r->n; i++) {
		row = &r->rows[i];
		/* Oldest week first; weeks without a paper are unknown. */
		for (nw = w = 0; w < RISING_TREND_WEEKS; w++) {
			row->week_share[w] = -1;
			if (run->week_papers[w] == 0 || (size_t)ids[i] >= run->n)
				continue;
			row->week_share[w] = (double)run->week_df[w][ids[i]] /
			    (double)run->week_papers[w];
			share[nw++] = row->week_share[w];
		}
		trend_mann_kendall(share, nw, &row->trend);
		row->trend_known = nw >= 8;
		row->steady = (size_t)ids[i] < run->n &&
		    run->steady_set[ids[i]] == (r->falling ? 2 : 1);
		for (d = nb = 0; d < ndays; d++) {
			rc[nb] = counts[d * r->n + i];
			dc[nb++] = papers[d];
		}
		if (trend_burst_last(rc, dc, nb, 2.0, 1.0, &bstart,
		    &bend) == 0 && days[(size_t)bend] >= r->window.from)
			row->burst_since = days[(size_t)bstart];
	}
	free(rc);
	free(dc);
	ret = 0;
out:
	free(days);
	free(papers);
	free(counts);
	return ret;
}

/* Free what one answer holds, keeping what every answer shares. */
static void
rising_answer_clear(struct rising_run *run)
{
	size_t	 i;

	for (i = 0; i < run->ncand; i++) {
		free(run->cand[i].key);
		free(run->cand[i].display);
	}
	free(run->cand);
	run->cand = NULL;
	run->ncand = 0;
	for (i = 0; run->has != NULL && i < run->npapers; i++)
		free(run->has[i]);
	free(run->has);
	free(run->nhas);
	free(run->row_cand);
	run->has = NULL;
	run->nhas = NULL;
	run->row_cand = NULL;
	if (run->pairs != NULL)
		u64map_free(run->pairs);
	run->pairs = NULL;
}

/* Free what a run holds (not the reports). */
static void
rising_run_clear(struct rising_run *run)
{
	size_t	 i;

	rising_answer_clear(run);
	for (i = 0; i < 3; i++)
		free(run->df[i]);
	free(run->days);
	free(run->peak);
	for (i = 0; run->terms != NULL && i < run->npapers; i++)
		free(run->terms[i]);
	free(run->terms);
	free(run->nterms);
	paper_rows_free(run->papers, run->npapers);
	if (run->tokdf != NULL)
		u64map_free(run->tokdf);
	if (run->title_words != NULL)
		strmap_free(run->title_words);
	for (i = 0; i < RISING_TREND_WEEKS; i++)
		free(run->week_df[i]);
	free(run->shape);
	free(run->steady_set);
}

/* The term ids naming each row, for its trend. */
static int64_t *
rising_row_ids(struct rising_run *run)
{
	int64_t	*ids = xcalloc(run->r->n + 1, sizeof *ids);
	size_t	 i;

	for (i = 0; i < run->r->n; i++)
		ids[i] = run->cand[run->row_cand[i]].it.id;
	return ids;
}

/*
 * Read the RISING_TREND_WEEKS weeks ending at --at (7-day blocks, oldest
 * first; a week without papers has 0 and is unknown): the weekly shares
 * of steady risers, trend labels and sparklines.
 */
static int
rising_weeks(struct rising_run *run, char **cause)
{
	struct rising_window	 w;
	day_t			 at = run->r->at;
	size_t			 k;

	for (k = 0; k < RISING_TREND_WEEKS; k++) {
		run->week_df[k] = xcalloc(run->n + 1, sizeof *run->week_df[k]);
		if (rising_window(run->st, at - 7 * (day_t)(RISING_TREND_WEEKS -
		    1 - k) - 6, at - 7 * (day_t)(RISING_TREND_WEEKS - 1 - k),
		    &w, cause) != 0)
			return -1;
		run->week_papers[k] = w.documents;
		if (w.documents > 0 && store_range_df(run->st, w.from, w.to,
		    run->week_df[k], NULL, NULL, run->n, cause) != 0)
			return -1;
	}
	return 0;
}

/*
 * The steady risers (falling: fallers): Mann-Kendall over the known
 * weekly shares of rising_weeks, for every term, with the FDR of
 * trend_steady; the items carry the window's counts. *tested gets how
 * many terms were tested.
 */
static size_t
rising_steady(struct rising_run *run, const struct rising_params *p,
    struct rising_item **items, size_t *tested)
{
	struct rising_report	*r = run->r;
	uint32_t		*df[RISING_TREND_WEEKS];
	int64_t			 papers[RISING_TREND_WEEKS];
	size_t			 k, nw = 0, i, n;

	for (k = 0; k < RISING_TREND_WEEKS; k++) {
		if (run->week_papers[k] == 0)
			continue;
		df[nw] = run->week_df[k];
		papers[nw++] = run->week_papers[k];
	}
	n = trend_steady(df, papers, nw, run->n, 2 * p->min_count, p->fdr,
	    p->falling, items, tested);
	for (i = 0; i < n; i++) {
		k = (*items)[i].id;
		(*items)[i].a = run->df[0][k];
		(*items)[i].b = run->df[1][k];
		(*items)[i].c = run->df[2][k];
		(*items)[i].g2 = rising_g2((*items)[i].a, r->window.documents,
		    (*items)[i].b, r->baseline.documents);
		(*items)[i].lr = rising_lr((*items)[i].a, r->window.documents,
		    (*items)[i].b, r->baseline.documents);
		(*items)[i].isnew = (*items)[i].b == 0 && (*items)[i].c == 0;
	}
	return n;
}

/* Mark the steady risers (1) and fallers (2) of the shared weeks. */
static void
rising_steady_set(struct rising_run *run, const struct rising_params *p)
{
	struct rising_params	 q = *p;
	struct rising_item	*items;
	size_t			 n, i, tested;

	run->steady_set = xcalloc(run->n + 1, 1);
	for (q.falling = 0; q.falling < 2; q.falling++) {
		n = rising_steady(run, &q, &items, &tested);
		for (i = 0; i < n; i++)
			run->steady_set[items[i].id] = (uint8_t)(q.falling + 1);
		free(items);
	}
}

/* The settings of query q for this window: min_days no more than its days. */
static void
rising_query_params(const struct rising_run *run, const struct rising_query *q,
    struct rising_params *p)
{
	*p = q->params;
	if ((size_t)p->min_days > run->r->window.days)
		p->min_days = (int)run->r->window.days;
	p->window_days = (int)run->r->window.days;
}

/* One term's counts of the shared sums, with its history's shape. */
static void
rising_term_in(const struct rising_run *run, size_t i, struct rising_in *v)
{
	v->a = run->df[0][i];
	v->b = run->df[1][i];
	v->c = run->df[2][i];
	v->days = run->days[i];
	v->peak = run->peak[i];
	v->shape = run->shape != NULL ? run->shape[i] : 0;
}

/*
 * Read what every answer shares, once: windows (of qs[0]), the three
 * windows' sums, the weeks, the window's papers and their tokens, the
 * history of every term any of the nq queries ranks, and the steady set.
 */
static int
rising_load(struct rising_run *run, const struct rising_query *qs, size_t nq,
    char **cause)
{
	struct rising_params	 p;
	struct rising_in	*v;
	uint8_t			*want;
	size_t			 i, k;
	int			 rc;

	run->q = &qs[0];
	if (rising_windows(run, cause) != 0 || rising_sums(run, cause) != 0 ||
	    rising_weeks(run, cause) != 0 || rising_papers(run, cause) != 0)
		return -1;
	rising_query_params(run, &qs[0], &p);
	rising_steady_set(run, &p);
	v = xcalloc(run->n + 1, sizeof *v);
	want = xcalloc(run->n + 1, 1);
	for (i = 0; i < run->n; i++) {
		rising_term_in(run, i, &v[i]);
		for (k = 0; k < nq; k++) {
			rising_query_params(run, &qs[k], &p);
			if (!qs[k].all_topics && !qs[k].steady &&
			    rising_candidate(&p, &v[i], run->r->window.documents,
			    run->r->baseline.documents))
				want[i] = 1;
		}
	}
	run->shape = xcalloc(run->n + 1, sizeof *run->shape);
	rc = rising_history(run, want, cause);
	free(v);
	free(want);
	return rc;
}

/* Answer query q from the shared sums into r; -1 with *cause. */
static int
rising_answer(struct rising_run *run, const struct rising_query *q,
    const struct rising_report *shared, struct rising_report *r, char **cause)
{
	struct rising_params	 p;
	struct rising_in	*v = NULL;
	struct rising_item	*items = NULL;
	size_t			*leader = NULL, nitems, i;
	int64_t			*ids = NULL;
	int			 rc = -1;

	memset(r, 0, sizeof *r);
	r->at = shared->at;
	r->window = shared->window;
	r->baseline = shared->baseline;
	r->background = shared->background;
	r->falling = q->params.falling;
	r->topics = q->all_topics;
	r->steady = q->steady;
	run->q = q;
	run->r = r;
	rising_query_params(run, q, &p);
	if (q->all_topics) {
		if (rising_all_topics(run, cause) != 0)
			goto out;
	} else {
		if (q->steady)
			nitems = rising_steady(run, &p, &items, &r->tested);
		else {
			v = xcalloc(run->n + 1, sizeof *v);
			for (i = 0; i < run->n; i++)
				rising_term_in(run, i, &v[i]);
			nitems = rising_select(&p, v, run->n,
			    r->window.documents, r->baseline.documents,
			    r->background.documents, &items, &r->tested);
		}
		if (rising_candidates(run, items, nitems, cause) != 0)
			goto out;
	}
	rising_holders(run);
	if (!q->all_topics)
		rising_subjects(run);
	leader = xcalloc(run->ncand + 1, sizeof *leader);
	if (q->all_topics) {
		for (i = 0; i < run->ncand; i++)
			leader[i] = i;
	} else
		rising_cluster(run, leader);
	rising_rows(run, leader);
	ids = rising_row_ids(run);
	if (rising_trends(run, ids, cause) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		rising_report_clear(r);
	rising_answer_clear(run);
	free(ids);
	free(leader);
	free(items);
	free(v);
	return rc;
}

/*
 * Answer the nq queries qs, which share --at, --window, --baseline and
 * --background (rising, falling, steady, topics), into rs[0..nq): the
 * window sums, weeks, papers and histories are read once for all. -1
 * with *cause on bad input (every rs cleared).
 */
int
rising_run_many(struct store *st, struct tokenizer *tk, struct topics *topics,
    const struct rising_query *qs, size_t nq, struct rising_report *rs,
    char **cause)
{
	struct rising_run	 run;
	struct rising_report	 shared;
	size_t			 k, done = 0;
	int			 rc = -1;

	memset(&run, 0, sizeof run);
	memset(&shared, 0, sizeof shared);
	memset(rs, 0, nq * sizeof *rs);
	run.st = st;
	run.tk = tk;
	run.topics = topics;
	run.r = &shared;
	if (nq == 0 || rising_load(&run, qs, nq, cause) != 0)
		goto out;
	for (done = 0; done < nq; done++) {
		if (rising_answer(&run, &qs[done], &shared, &rs[done],
		    cause) != 0)
			goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		for (k = 0; k < done; k++)
			rising_report_clear(&rs[k]);
	}
	rising_run_clear(&run);
	return rc;
}

/*
 * Compute the report of query q: windows, sums, selection, names,
 * clusters, examples and trend labels. -1 with *cause on bad input.
 */
int
rising_run(struct store *st, struct tokenizer *tk, struct topics *topics,
    const struct rising_query *q, struct rising_report *r, char **cause)
{
	return rising_run_many(st, tk, topics, q, 1, r, cause);
}
