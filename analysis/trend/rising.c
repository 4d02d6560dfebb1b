/*
 * Window rising: which terms a window of days uses more than the baseline
 * just before it, ranked by how credible the rise is given each term's own
 * history. Works on plain count arrays; the store sums them, the query
 * adds names and papers. The list is never filtered into silence: every
 * candidate with minimum evidence is ranked, and a label says how strong
 * the evidence is.
 *
 * Contract (DESIGN section 5):
 *  - a = papers of the window that contain the term, N1 = the window's
 *    papers; b, N2 the same for the baseline just before it; c, N3 for
 *    the background before the baseline (default one year). Only known
 *    days count: a day without a snapshot is in no window.
 *  - G2 (Dunning) and LR = log2(((a+0.5)/(N1+0.5)) / ((b+0.5)/(N2+0.5)))
 *    are shown beside the counts; they do not rank.
 *  - Candidates (minimum evidence): a >= min_count (3), on >= min_days
 *    (2) known days of the window, and a/N1 > b/N2. Nothing else removes
 *    a term: prose is ranked down by its history, not by a list.
 *  - Rank (empirical Bayes): the window's and the baseline's rates of
 *    the term, t1 and t0, get the same Gamma(k, k/mu) prior: the term's
 *    usual share mu (background (c+0.5)/(N3+1); without a background,
 *    the pooled (a+b+0.5)/(N1+N2+1)) and k, how steadily the term has
 *    been used, estimated from its own history (rising_history_shape).
 *    Counts are Poisson, so t1 ~ Gamma(k+a, k/mu+N1) and t0 ~ Gamma(k+b,
 *    k/mu+N2), and X = t1 B1 / (t1 B1 + t0 B0) ~ Beta(k+a, k+b) with Bi
 *    those rates: the ratio t1/t0 = (B0/B1) X/(1-X). A conjugate prior
 *    alone would never believe that a steady term changed, so the prior
 *    is a mixture: with prior probability 0.05 the term changed regime
 *    and its rates follow the diffuse Gamma(0.3, 0.3/mu) instead; each
 *    component is weighted by how well its negative binomial marginal
 *    explains a and b. The score is log2 of the lower credible bound of
 *    t1/t0 at level credible (0.9) under that mixture: the rise the data
 *    support even in a pessimistic reading. A word that has been used
 *    steadily for a long time, in papers about everything (the prose of
 *    abstracts), has a large k: a modest bump is explained by its usual
 *    variation and its bound stays near 1, while a jump far beyond it
 *    goes to the "changed" component and counts. A term of a subject
 *    comes in bursts and trends (small k) and its bound follows the
 *    data. A term never seen before gets k = 1 and a tiny mu: its bound
 *    grows with a (a new name in 3 papers is weak, in 12 strong).
 *    Assumptions: a term's rate in a window-long period varies around its
 *    usual share as a Gamma (negative binomial counts), alike for window
 *    and baseline; papers are independent given the rates.
 *  - Confidence: significant when its one-sided p-value passes
 *    Benjamini-Hochberg at q = fdr (0.05) over the m tested terms, its
 *    signed G2 >= min_g2 (10.83) and its lower bound is above 1;
 *    tentative otherwise. The p-value is conditional on a+b: P(X >= a),
 *    X ~ Binomial(a+b, N1/(N1+N2)), summed exactly while a+b <= 2,000,
 *    else G2's chi-square tail halved when G2 points the tested way and
 *    one minus that when it does not (a falling term never gets a small
 *    rising p-value). Tested: a+b >= min_count. The filter is on a+b,
 *    which under the null is independent of the conditional test
 *    (Bourgon, Gentleman and Huber 2010), so it does not bias the cut.
 *  - new: b = 0 and c = 0 (none in baseline nor background): a label.
 *  - Falling is the mirror image: a and b, N1 and N2 swap roles.
 *  - Phrases (rising_assoc_ok): a phrase must be a collocation: its papers
 *    are >= min_assoc (0.25) of the papers of its first or of its last
 *    word over all three windows ("test-time scaling" is most uses of
 *    "test-time"; "widely available" is few of "widely" or "available").
 *  - Empty windows (N1 or N2 of 0) select nothing; nothing here returns
 *    NaN or inf.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/trend/trend.h"

#define RISING_EXACT_MAX	2000	/* exact tails up to this many papers */
#define RISING_SHAPE_NEW	1.0	/* k of a term without a history */
#define RISING_SHAPE_CHANGE	0.3	/* k of a term that changed */
#define RISING_CHANGE_PRIOR	0.05	/* prior odds of a change */
#define RISING_SHAPE_MAX	1000.0	/* k of a perfectly steady term */
#define RISING_SHAPE_MIN	0.05	/* k of the burstiest term */
#define RISING_DISP_PRIOR	1.0	/* 1/k a history is shrunk towards */
#define RISING_DISP_WEIGHT	30.0	/* its weight, in sum of E^2 */
#define RISING_BETA_ITER	200	/* continued fraction terms */
#define RISING_BETA_EPS		3e-14
#define RISING_TINY		1e-300
#define RISING_PARTNER_MIN	3	/* papers shared with a partner */
#define RISING_PARTNER_P	0.01	/* family-wise, over the partners */

/* The documented defaults of every threshold. */
void
rising_defaults(struct rising_params *p)
{
	p->min_count = 3;
	p->min_days = 2;
	p->fdr = 0.05;
	p->min_g2 = 10.83;
	p->credible = 0.9;
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

/*
 * The one-sided p-value of "a/n1 > b/n2" from signed G2: half the
 * chi-square tail when G2 points that way, one minus half when not.
 */
double
rising_pvalue_above(double g2)
{
	double	 half = rising_pvalue(g2) / 2;

	return g2 > 0 ? half : 1 - half;
}

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

/*
 * The one-sided p-value that the FDR reads (see the contract): a in n1
 * above b in n2, conditional on a + b; exact while a + b is small.
 */
double
rising_term_pvalue(int64_t a, int64_t n1, int64_t b, int64_t n2)
{
	if (n1 <= 0 || n2 <= 0)
		return 1;
	if (a + b > RISING_EXACT_MAX)
		return rising_pvalue_above(rising_g2(a, n1, b, n2));
	return rising_binom_upper(a, a + b, (double)n1 / (double)(n1 + n2));
}

/* Order doubles ascending. */
static int
double_cmp(const void *a, const void *b)
{
	const double *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Order items by score descending, then id ascending (qsort). */
int
rising_item_cmp(const void *a, const void *b)
{
	const struct rising_item *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
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

/*
 * How steadily a term has been used: the shape k of the Gamma its rate
 * follows over the nblocks periods of its history, x[i] of its papers
 * among n[i] (periods without papers are unknown and skipped).
 *
 * Contract: with mu = sum x / sum n and E_i = n_i mu, a negative binomial
 * has E[(x_i - E_i)^2 - x_i] = E_i^2 / k, so the moment estimate of 1/k
 * is sum[(x_i - E_i)^2 - x_i] / sum E_i^2. A rare term's history says
 * little, so the estimate is shrunk towards RISING_DISP_PRIOR (1/k = 1)
 * with the weight of a history whose sum E_i^2 is RISING_DISP_WEIGHT:
 * 1/k = (num + w phi0) / (sum E_i^2 + w). A term never seen has no
 * history: 0 is returned and the caller uses RISING_SHAPE_NEW. The
 * result is within [RISING_SHAPE_MIN, RISING_SHAPE_MAX].
 */
double
rising_history_shape(const uint32_t *x, const int64_t *n, size_t nblocks)
{
	double	 sx = 0, sn = 0, mu, e, num = 0, den = 0, phi;
	size_t	 i;

	for (i = 0; i < nblocks; i++) {
		if (n[i] <= 0)
			continue;
		sx += x[i];
		sn += (double)n[i];
	}
	if (sx <= 0 || sn <= 0)
		return 0;
	mu = sx / sn;
	for (i = 0; i < nblocks; i++) {
		if (n[i] <= 0)
			continue;
		e = (double)n[i] * mu;
		num += ((double)x[i] - e) * ((double)x[i] - e) - x[i];
		den += e * e;
	}
	phi = (num + RISING_DISP_WEIGHT * RISING_DISP_PRIOR) /
	    (den + RISING_DISP_WEIGHT);
	if (phi <= 1 / RISING_SHAPE_MAX)
		return RISING_SHAPE_MAX;
	if (phi >= 1 / RISING_SHAPE_MIN)
		return RISING_SHAPE_MIN;
	return 1 / phi;
}

/* The continued fraction of the incomplete beta (modified Lentz). */
static double
rising_beta_cf(double x, double a, double b)
{
	double	 c = 1, d, h, del, aa;
	int	 m, m2;

	d = 1 - (a + b) * x / (a + 1);
	if (fabs(d) < RISING_TINY)
		d = RISING_TINY;
	d = 1 / d;
	h = d;
	for (m = 1; m <= RISING_BETA_ITER; m++) {
		m2 = 2 * m;
		aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
		d = 1 + aa * d;
		d = fabs(d) < RISING_TINY ? RISING_TINY : d;
		c = 1 + aa / c;
		c = fabs(c) < RISING_TINY ? RISING_TINY : c;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
		d = 1 + aa * d;
		d = fabs(d) < RISING_TINY ? RISING_TINY : d;
		c = 1 + aa / c;
		c = fabs(c) < RISING_TINY ? RISING_TINY : c;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < RISING_BETA_EPS)
			break;
	}
	return h;
}

/* The regularized incomplete beta I_x(a, b), a, b > 0. */
double
rising_beta_cdf(double x, double a, double b)
{
	double	 front;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
	    b * log1p(-x));
	if (x < (a + 1) / (a + b + 2))
		return front * rising_beta_cf(x, a, b) / a;
	return 1 - front * rising_beta_cf(1 - x, b, a) / b;
}

/* log P(x) for x ~ negative binomial: a Poisson of mean e, Gamma(k). */
static double
rising_nb_logpmf(int64_t x, double e, double k)
{
	return lgamma((double)x + k) - lgamma(k) - lgamma((double)x + 1) +
	    k * log(k / (k + e)) + (double)x * log(e / (k + e));
}

/*
 * One component of the prior (see the contract): its log marginal
 * likelihood of a in n1 and b in n2 with rates Gamma(k, k/mu), and what
 * its posterior needs: the Beta's parameters and log(B0/B1).
 */
struct rising_comp {
	double	 loglik, alpha, beta, lscale;
};

static void
rising_comp_fit(struct rising_comp *c, int64_t a, int64_t n1, int64_t b,
    int64_t n2, double k, double mu)
{
	c->loglik = rising_nb_logpmf(a, (double)n1 * mu, k) +
	    rising_nb_logpmf(b, (double)n2 * mu, k);
	c->alpha = k + (double)a;
	c->beta = k + (double)b;
	c->lscale = log((k / mu + (double)n2) / (k / mu + (double)n1));
}

/* P(t1/t0 <= exp(lr)) under one component's posterior. */
static double
rising_comp_cdf(const struct rising_comp *c, double lr)
{
	double	 t = lr - c->lscale;	/* log of X/(1-X) at the ratio */

	return rising_beta_cdf(1 / (1 + exp(-t)), c->alpha, c->beta);
}

/*
 * log2 of the lower credible bound, at level credible, of the rate ratio
 * of a in n1 against b in n2 for a term with history shape k and usual
 * share mu (see the contract): the posterior is the mixture of "kept its
 * usual variation" (shape k) and "changed" (shape RISING_SHAPE_CHANGE),
 * weighted by prior odds and how well each explains the counts.
 */
double
rising_lower_bound(int64_t a, int64_t n1, int64_t b, int64_t n2, double k,
    double mu, double credible)
{
	struct rising_comp	 s, c;
	double			 ws, lo = -60, hi = 60, mid, m;
	int			 i;

	rising_comp_fit(&s, a, n1, b, n2, k, mu);
	rising_comp_fit(&c, a, n1, b, n2, RISING_SHAPE_CHANGE, mu);
	m = log(RISING_CHANGE_PRIOR) + c.loglik - log1p(-RISING_CHANGE_PRIOR) -
	    s.loglik;
	ws = m > 700 ? 0 : 1 / (1 + exp(m));
	for (i = 0; i < 80; i++) {
		mid = (lo + hi) / 2;
		if (ws * rising_comp_cdf(&s, mid) + (1 - ws) *
		    rising_comp_cdf(&c, mid) < 1 - credible)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2 / log(2);
}

/* Whether term v is tested at all: a + b, the filter free under the null. */
static int
rising_tested(const struct rising_params *p, const struct rising_in *v)
{
	return (int64_t)v->a + v->b >= p->min_count;
}

/* Whether term v is a candidate: minimum evidence, the asked direction. */
int
rising_candidate(const struct rising_params *p, const struct rising_in *v,
    int64_t n1, int64_t n2)
{
	double	 up = (double)v->a * (double)n2 - (double)v->b * (double)n1;

	if (p->falling)
		return (double)v->b * (double)n1 >= (double)p->min_count *
		    (double)n2 && up < 0;
	return v->a >= p->min_count && v->days >= p->min_days && up > 0;
}

/* The one-sided p-value of v in the asked direction. */
static double
rising_pv(const struct rising_params *p, const struct rising_in *v,
    int64_t n1, int64_t n2)
{
	if (p->falling)
		return rising_term_pvalue(v->b, n2, v->a, n1);
	return rising_term_pvalue(v->a, n1, v->b, n2);
}

/*
 * The smallest p-value term v could reach in the asked direction: every
 * one of its a + b papers in the window (in the baseline when falling).
 */
static double
rising_pmin(const struct rising_params *p, const struct rising_in *v,
    int64_t n1, int64_t n2)
{
	double	 share = (double)(p->falling ? n2 : n1) / (double)(n1 + n2);
	int64_t	 n = (int64_t)v->a + v->b;

	if (n > RISING_EXACT_MAX)
		return 0;
	return pow(share, (double)n);
}

/*
 * The Benjamini-Hochberg cut over the terms of v that are tested, with
 * Tarone's refinement for discrete tests (Gilbert 2005): a term whose
 * smallest reachable p-value is above q / K can never pass among K
 * tests, so the family is the m(K) terms that can, for the smallest K
 * with m(K) <= K. *tested gets that family's size.
 */
static double
rising_bh_cut(const struct rising_params *p, const struct rising_in *v,
    size_t n, int64_t n1, int64_t n2, size_t *tested)
{
	double	*pv = xreallocarray(NULL, n + 1, sizeof *pv), cut;
	double	*pm = xreallocarray(NULL, n + 1, sizeof *pm);
	size_t	 m = 0, k, fam;

	for (k = 0; k < n; k++) {
		if (rising_tested(p, &v[k]))
			pm[m++] = rising_pmin(p, &v[k], n1, n2);
	}
	qsort(pm, m, sizeof *pm, double_cmp);
	/* m(K) = #{pmin <= q/K} falls as K grows: the first K it fits. */
	for (fam = 1; fam < m; fam++) {
		for (k = 0; k < m && pm[k] <= p->fdr / (double)fam; k++)
			;
		if (k <= fam)
			break;
	}
	fam = m < fam ? m : fam;
	m = 0;
	for (k = 0; k < n; k++) {
		if (rising_tested(p, &v[k]) && rising_pmin(p, &v[k], n1, n2) <=
		    p->fdr / (double)fam)
			pv[m++] = rising_pv(p, &v[k], n1, n2);
	}
	*tested = m;
	cut = rising_fdr_cut(pv, m, p->fdr);
	free(pv);
	free(pm);
	return cut;
}

/* Score candidate v (index id) into item r (see the contract). */
static void
rising_score(const struct rising_params *p, const struct rising_in *v,
    uint32_t id, int64_t n1, int64_t n2, int64_t n3, double cut,
    struct rising_item *r)
{
	double	 k = v->shape > 0 ? v->shape : RISING_SHAPE_NEW, mu;
	int	 sign = p->falling ? -1 : 1;

	if (n3 > 0)
		mu = ((double)v->c + 0.5) / ((double)n3 + 1);
	else
		mu = ((double)v->a + v->b + 0.5) / ((double)(n1 + n2) + 1);
	r->id = id;
	r->a = v->a;
	r->b = v->b;
	r->c = v->c;
	r->g2 = rising_g2(v->a, n1, v->b, n2);
	r->lr = rising_lr(v->a, n1, v->b, n2);
	r->p = rising_pv(p, v, n1, n2);
	r->shape = k;
	if (p->falling)
		r->score = rising_lower_bound(v->b, n2, v->a, n1, k, mu,
		    p->credible);
	else
		r->score = rising_lower_bound(v->a, n1, v->b, n2, k, mu,
		    p->credible);
	r->significant = cut >= 0 && r->p <= cut && sign * r->g2 >=
	    p->min_g2 && r->score > 0;
	r->isnew = v->b == 0 && v->c == 0;
}

/*
 * Rank the rising (or falling) candidates among v[0..n) (index = term
 * id) with window, baseline and background sizes n1, n2, n3. *out gets
 * every candidate, best first (caller frees), *tested how many terms the
 * multiple-testing correction counted. Returns how many items.
 */
size_t
rising_select(const struct rising_params *p, const struct rising_in *v,
    size_t n, int64_t n1, int64_t n2, int64_t n3, struct rising_item **out,
    size_t *tested)
{
	struct rising_item	*it = NULL;
	size_t			 k, cnt = 0, cap = 0;
	double			 cut;

	*out = NULL;
	*tested = 0;
	if (n1 <= 0 || n2 <= 0)
		return 0;
	cut = rising_bh_cut(p, v, n, n1, n2, tested);
	for (k = 0; k < n; k++) {
		if (!rising_candidate(p, &v[k], n1, n2))
			continue;
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			it = xreallocarray(it, cap, sizeof *it);
		}
		rising_score(p, &v[k], (uint32_t)k, n1, n2, n3, cut,
		    &it[cnt++]);
	}
	if (cnt > 0)
		qsort(it, cnt, sizeof *it, rising_item_cmp);
	*out = it;
	return cnt;
}

/*
 * Whether a term in nt of the window's n papers has a subject partner
 * in u, a term in nu of them and in k of the term's own (see the
 * contract): P(X >= k) < RISING_PARTNER_P / m for X ~ Binomial(nt,
 * nu/n), with k >= RISING_PARTNER_MIN, m the partners tried.
 */
int
rising_partner(int64_t k, int64_t nt, int64_t nu, int64_t n, size_t m)
{
	if (k < RISING_PARTNER_MIN || n <= 0 || nu >= n || m == 0)
		return 0;
	return rising_binom_upper(k, nt, (double)nu / (double)n) <
	    RISING_PARTNER_P / (double)m;
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

/* The next word of a name from *s: its length without a plural s. */
static size_t
rising_name_word(const char **s, const char **w)
{
	size_t	 len;

	while (**s == ' ' || **s == '-')
		(*s)++;
	*w = *s;
	while (**s != '\0' && **s != ' ' && **s != '-')
		(*s)++;
	len = (size_t)(*s - *w);
	if (len > 2 && ((*w)[len - 1] == 's' || (*w)[len - 1] == 'S'))
		len--;
	return len;
}

/*
 * Whether two names are one ("World models" and "World Models", the
 * topic "Quantization" and the term "quantization"): the same words,
 * ignoring case, a plural s, and hyphens against spaces.
 */
int
rising_same_name(const char *a, const char *b)
{
	const char	*wa, *wb;
	size_t		 la, lb, i;

	for (;;) {
		la = rising_name_word(&a, &wa);
		lb = rising_name_word(&b, &wb);
		if (la != lb)
			return 0;
		if (la == 0)
			return 1;
		for (i = 0; i < la; i++) {
			if (tolower((unsigned char)wa[i]) !=
			    tolower((unsigned char)wb[i]))
				return 0;
		}
	}
}
