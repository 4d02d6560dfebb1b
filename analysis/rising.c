/*
 * Window rising: which terms a window of days uses more than the baseline
 * just before it, with the evidence to say so. Works on plain count
 * arrays; the store sums them, the command adds names and papers.
 *
 * Contract (DESIGN section 5, and what real abstracts taught us):
 *  - a = papers of the window that contain the term, N1 = the window's
 *    papers; b, N2 the same for the baseline just before it; c, N3 for
 *    the background before the baseline (default one year). Only known
 *    days count: a day without a snapshot is in no window.
 *  - E1 = N1(a+b)/(N1+N2), E2 = N2(a+b)/(N1+N2),
 *    G2 = 2[a ln(a/E1) + b ln(b/E2)] with 0 ln 0 = 0, signed + when
 *    a/N1 > b/N2, - otherwise (Dunning). p = P(chi2 with 1 df >= |G2|).
 *  - LR = log2(((a+0.5)/(N1+0.5)) / ((b+0.5)/(N2+0.5))).
 *  - Rising needs all of:
 *      a >= min_count (3); signed G2 >= min_g2 (10.83, p < 0.001);
 *      LR >= min_lr (1);
 *      many tests at once: its p-value passes Benjamini-Hochberg at
 *        q = fdr (0.05) over the m terms with a >= min_count (the only
 *        ones that could pass), so a window of 20,000 terms needs far
 *        more than 10.83 and a word in 4 papers of a quiet week is not
 *        news. The p-value is one-sided and the larger of two: against
 *        the baseline, P(X >= a) for X ~ Binomial(a + b, N1/(N1+N2));
 *        against baseline and background, P(X >= a) for X ~ Poisson(N1
 *        (b + c + 0.5)/(N2 + N3)). Both are summed exactly while the
 *        counts are at most 2,000 (the chi-square of G2 is too kind to
 *        7 papers against 0: 2e-6 where the exact tail is 1e-5), and are
 *        G2's chi-square tail, halved, beyond. Falling: P(X >= b) for
 *        X ~ Binomial(a + b, N2/(N1+N2));
 *      spread: it occurs on >= min_days (2) known days of the window,
 *        >= min_spread (2) of its papers are off its busiest day, and
 *        without its busiest day (a - peak papers of N1 - N1/days) its
 *        LR is still >= min_lr and its G2 >= min_g2 / 2 (p < 0.005): one
 *        group's batch of papers on one day, on top of a term's usual
 *        use, is not a trend;
 *      background: its window share is still >= 2^min_bg_lr (2) times its
 *        share over baseline + background, so what comes back every few
 *        months at the same rate is not rising.
 *  - new: b = 0 and c = 0 (none in baseline nor background): a label.
 *  - score = LR * sqrt(G2); ranked by score, then by term id (stable).
 *  - Falling is the mirror: tested when b N1/N2 >= min_count, G2 <=
 *    -min_g2, LR <= -min_lr, the same FDR; ranked by -LR * sqrt(-G2).
 *  - Phrases (rising_assoc_ok): a phrase must be a collocation: its papers
 *    are >= min_assoc (0.25) of the papers of its first or of its last
 *    word over all three windows ("test-time scaling" is most uses of
 *    "test-time"; "widely available" is few of "widely" or "available").
 *  - Prose (rising_generic): a word of words/generic.txt is never an
 *    item, and a phrase never starts or ends with a word of its
 *    [everywhere] part (adjectives, adverbs and verbs of academic prose:
 *    "showing strong", "area specifically", "offer greater flexibility").
 *    Stop words never reach this far: they are never terms.
 *  - Empty windows (N1 or N2 of 0) give G2 = 0 and LR from the smoothing:
 *    the caller refuses them before; nothing here returns NaN or inf.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "embedded.h"

/* The documented defaults of every threshold. */
void
rising_defaults(struct rising_params *p)
{
	p->min_count = 3;
	p->min_g2 = 10.83;
	p->min_lr = 1.0;
	p->fdr = 0.05;
	p->min_days = 2;
	p->min_spread = 2;
	p->min_bg_lr = 1.0;
	p->min_assoc = 0.25;
	p->falling = 0;
	p->window_days = 0;
}

/* x ln(x / e), with 0 ln 0 = 0. */
static double
xlogx(double x, double e)
{
	if (x <= 0 || e <= 0)
		return 0;
	return x * log(x / e);
}

/* Dunning's G2 of a in n1 against b in n2, signed + when a/n1 > b/n2. */
double
rising_g2(int64_t a, int64_t n1, int64_t b, int64_t n2)
{
	double	 e1, e2, g;

	if (n1 <= 0 || n2 <= 0 || a + b == 0)
		return 0;
	e1 = (double)n1 * (double)(a + b) / (double)(n1 + n2);
	e2 = (double)n2 * (double)(a + b) / (double)(n1 + n2);
	g = 2 * (xlogx((double)a, e1) + xlogx((double)b, e2));
	if (g < 0)
		g = 0;		/* rounding when a/n1 = b/n2 */
	return (double)a * (double)n2 > (double)b * (double)n1 ? g : -g;
}

/* log2 of the smoothed ratio of shares (a+0.5)/(n1+0.5) : (b+0.5)/(n2+0.5). */
double
rising_lr(int64_t a, int64_t n1, int64_t b, int64_t n2)
{
	return log2(((double)a + 0.5) / ((double)n1 + 0.5)) -
	    log2(((double)b + 0.5) / ((double)n2 + 0.5));
}

/* P(X >= |g2|) for X chi-square with one degree of freedom. */
double
rising_pvalue(double g2)
{
	return erfc(sqrt(fabs(g2) / 2));
}

#define RISING_EXACT_MAX	2000	/* exact tails up to this many papers */

/* P(X >= a) for X ~ Binomial(n, q), summed exactly (n small). */
static double
rising_binom_upper(int64_t a, int64_t n, double q)
{
	double	 lq, l1q, sum = 0, t;
	int64_t	 k;

	if (a <= 0)
		return 1;
	if (a > n || q <= 0)
		return 0;
	if (q >= 1)
		return 1;
	lq = log(q);
	l1q = log1p(-q);
	for (k = a; k <= n; k++) {
		t = exp(lgamma((double)n + 1) - lgamma((double)k + 1) -
		    lgamma((double)(n - k) + 1) + (double)k * lq +
		    (double)(n - k) * l1q);
		sum += t;
		if (t < sum * 1e-17 && (double)k > (double)n * q)
			break;
	}
	return sum < 1 ? sum : 1;
}

/* P(X >= a) for X ~ Poisson(lambda), summed exactly (a small). */
static double
rising_poisson_upper(int64_t a, double lambda)
{
	double	 sum = 0, t;
	int64_t	 k;

	if (a <= 0)
		return 1;
	if (lambda <= 0)
		return 0;
	for (k = a; k < a + 10 * RISING_EXACT_MAX; k++) {
		t = exp((double)k * log(lambda) - lambda -
		    lgamma((double)k + 1));
		sum += t;
		if (t < sum * 1e-17 && (double)k > lambda)
			break;
	}
	return sum < 1 ? sum : 1;
}

/*
 * The one-sided p-value of term v that the FDR reads (see the contract):
 * exact binomial tails while counts are small, where the chi-square of
 * G2 is too kind to a handful of papers; G2's chi-square beyond.
 */
double
rising_term_pvalue(const struct rising_params *p, const struct rising_in *v,
    int64_t n1, int64_t n2, int64_t n3)
{
	int64_t	 a = v->a, b = v->b, bc = (int64_t)v->b + v->c;
	double	 pb, pg, lambda;

	if (p->falling) {
		if (a + b > RISING_EXACT_MAX)
			return rising_pvalue(rising_g2(a, n1, b, n2)) / 2;
		return rising_binom_upper(b, a + b, (double)n2 /
		    (double)(n1 + n2));
	}
	if (a + b > RISING_EXACT_MAX)
		pb = rising_pvalue(rising_g2(a, n1, b, n2)) / 2;
	else
		pb = rising_binom_upper(a, a + b, (double)n1 /
		    (double)(n1 + n2));
	if (n3 <= 0)
		return pb;
	lambda = (double)n1 * ((double)bc + 0.5) / (double)(n2 + n3);
	if (a > RISING_EXACT_MAX || lambda > RISING_EXACT_MAX)
		pg = rising_pvalue(rising_g2(a, n1, bc, n2 + n3)) / 2;
	else
		pg = rising_poisson_upper(a, lambda);
	return pb > pg ? pb : pg;
}

/* Order doubles ascending. */
static int
double_cmp(const void *a, const void *b)
{
	const double *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Order items by score descending, then id ascending. */
static int
item_cmp(const void *a, const void *b)
{
	const struct rising_item *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Whether term v is tested at all (could pass min_count). */
static int
rising_tested(const struct rising_params *p, const struct rising_in *v,
    int64_t n1, int64_t n2)
{
	if (p->falling)
		return (double)v->b * (double)n1 >= (double)p->min_count *
		    (double)n2;
	return v->a >= p->min_count;
}

/*
 * The Benjamini-Hochberg cut of the m p-values pv (sorted in place): the
 * largest p-value that still passes at q, or -1 when none does.
 */
double
rising_fdr_cut(double *pv, size_t m, double q)
{
	size_t	 k;

	if (m == 0)
		return -1;
	qsort(pv, m, sizeof *pv, double_cmp);
	for (k = m; k > 0; k--) {
		if (pv[k - 1] <= (double)k * q / (double)m)
			return pv[k - 1];
	}
	return -1;
}

/* The Benjamini-Hochberg cut over the terms of v that are tested. */
static double
rising_bh_cut(const struct rising_params *p, const struct rising_in *v,
    size_t n, int64_t n1, int64_t n2, int64_t n3)
{
	double	*pv = xreallocarray(NULL, n + 1, sizeof *pv), cut;
	size_t	 m = 0, k;

	for (k = 0; k < n; k++) {
		if (rising_tested(p, &v[k], n1, n2))
			pv[m++] = rising_term_pvalue(p, &v[k], n1, n2, n3);
	}
	cut = rising_fdr_cut(pv, m, p->fdr);
	free(pv);
	return cut;
}

/*
 * Whether v's rise is spread over the window rather than one day's batch:
 * enough days, enough papers off its busiest day, and the rise still
 * there without that day (see the contract).
 */
static int
rising_spread_ok(const struct rising_params *p, const struct rising_in *v,
    int64_t n1, int64_t n2)
{
	int64_t	 rest = (int64_t)v->a - v->peak, n1rest = n1;

	if (v->days < p->min_days || rest < p->min_spread)
		return 0;
	if (p->window_days > 1)
		n1rest = n1 - n1 / p->window_days;
	return rising_lr(rest, n1rest, v->b, n2) >= p->min_lr &&
	    rising_g2(rest, n1rest, v->b, n2) >= p->min_g2 / 2;
}

/*
 * Select the rising (or falling) terms among v[0..n) (index = term id)
 * with window, baseline and background sizes n1, n2, n3. *out gets the
 * items sorted by score (caller frees), *tested how many were tested.
 * Returns how many items.
 */
size_t
rising_select(const struct rising_params *p, const struct rising_in *v,
    size_t n, int64_t n1, int64_t n2, int64_t n3, struct rising_item **out,
    size_t *tested)
{
	struct rising_item	*it = NULL, *r;
	size_t			 k, cnt = 0, cap = 0;
	double			 cut, g, lr, bg, pv;
	int			 sign = p->falling ? -1 : 1;

	*out = NULL;
	*tested = 0;
	if (n1 <= 0 || n2 <= 0)
		return 0;
	for (k = 0; k < n; k++)
		*tested += rising_tested(p, &v[k], n1, n2);
	if ((cut = rising_bh_cut(p, v, n, n1, n2, n3)) < 0)
		return 0;
	for (k = 0; k < n; k++) {
		if (!rising_tested(p, &v[k], n1, n2))
			continue;
		g = rising_g2(v[k].a, n1, v[k].b, n2);
		lr = rising_lr(v[k].a, n1, v[k].b, n2);
		if (sign * g < p->min_g2 || sign * lr < p->min_lr)
			continue;
		pv = rising_term_pvalue(p, &v[k], n1, n2, n3);
		if (pv > cut)
			continue;
		if (!p->falling) {
			if (!rising_spread_ok(p, &v[k], n1, n2))
				continue;
			bg = rising_lr(v[k].a, n1, (int64_t)v[k].b + v[k].c,
			    n2 + n3);
			if (n3 > 0 && bg < p->min_bg_lr)
				continue;
		}
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			it = xreallocarray(it, cap, sizeof *it);
		}
		r = &it[cnt++];
		r->id = (uint32_t)k;
		r->a = v[k].a;
		r->b = v[k].b;
		r->c = v[k].c;
		r->g2 = g;
		r->lr = lr;
		r->score = sign * lr * sqrt(fabs(g));
		r->p = pv;
		r->isnew = v[k].b == 0 && v[k].c == 0;
	}
	if (cnt > 0)
		qsort(it, cnt, sizeof *it, item_cmp);
	*out = it;
	return cnt;
}

/*
 * Whether a phrase in df papers is a collocation of its edge words, in
 * edge[0] and edge[1] papers over the same days (see the contract).
 */
int
rising_assoc_ok(const struct rising_params *p, int64_t df,
    const int64_t *edge, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (edge[i] > 0 && (double)df >= p->min_assoc * (double)edge[i])
			return 1;
	}
	return 0;
}

/*
 * The keys of the shipped generic words (words/generic.txt) as tk writes
 * them, each mapped to 1 (generic everywhere) or 2 (only alone): the set
 * rising_generic() reads.
 */
struct strmap *
rising_generic_keys(struct tokenizer *tk, uint8_t **where)
{
	struct strmap	*set = strmap_new();
	const char	*s = embedded_generic, *nl;
	char		*word, *key, *cause = NULL;
	enum term_kind	 kind;
	uint8_t		 section = 1;
	uint32_t	 k;
	size_t		 cap = 0;

	*where = NULL;
	for (; *s != '\0'; s = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(s, '\n')) == NULL)
			nl = s + strlen(s);
		if (*s == '#' || nl == s)
			continue;
		if (*s == '[') {
			section = strncmp(s, "[alone]", 7) == 0 ? 2 : 1;
			continue;
		}
		word = xstrndup(s, (size_t)(nl - s));
		if ((key = tokenizer_query_key(tk, word, &kind,
		    &cause)) != NULL) {
			k = strmap_intern(set, key, strlen(key), NULL);
			if (k >= cap) {
				cap = cap ? cap * 2 : 512;
				*where = xreallocarray(*where, cap, 1);
			}
			(*where)[k] = section;
		}
		free(cause);
		cause = NULL;
		free(key);
		free(word);
	}
	return set;
}

/*
 * Whether the term with key (words joined by spaces) is generic: a
 * generic word itself, or a phrase that starts or ends with a word that
 * is generic everywhere (where[] from rising_generic_keys).
 */
int
rising_generic(const struct strmap *set, const uint8_t *where,
    const char *key)
{
	const char	*sp = strchr(key, ' '), *last = strrchr(key, ' ');
	int64_t		 k;

	if (sp == NULL)
		return strmap_find(set, key, strlen(key)) >= 0;
	if ((k = strmap_find(set, key, (size_t)(sp - key))) >= 0 &&
	    where[k] == 1)
		return 1;
	k = strmap_find(set, last + 1, strlen(last + 1));
	return k >= 0 && where[k] == 1;
}
