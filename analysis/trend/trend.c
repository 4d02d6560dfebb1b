/*
 * Trends over a series: steady risers (Mann-Kendall's test with Sen's
 * slope) and bursts (Kleinberg's two-state automaton). Pure arithmetic on
 * arrays; the command picks the series (weekly shares, daily counts).
 *
 * Contract, Mann-Kendall on x[0..n):
 *   S = sum over i < j of sign(x[j] - x[i]);
 *   Var(S) = [n(n-1)(2n+5) - sum over tie groups t(t-1)(2t+5)] / 18;
 *   Z = (S - 1)/sqrt(Var) if S > 0, (S + 1)/sqrt(Var) if S < 0, else 0;
 *   p = two-sided normal tail of Z; Sen's slope = the median of
 *   (x[j] - x[i]) / (j - i) over i < j. Fewer than 3 points, or a
 *   constant series: S = Z = slope = 0, p = 1.
 *
 * Contract, Kleinberg (2002, the batched binomial form) on r[t] of d[t]
 * papers for t in [0, n): state 0 emits at the base rate p0 = sum r /
 * sum d, state 1 at p1 = s p0 (capped below 1). A day's cost in state i
 * is -[r ln p_i + (d - r) ln(1 - p_i)] (the binomial coefficient is the
 * same in both states); going up costs gamma ln n, going down nothing;
 * the automaton starts in state 0. One Viterbi pass finds the cheapest
 * state sequence; its last run of state 1 is the last burst (the caller
 * says "bursting since" its first day when it reaches into the window).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/trend/trend.h"

/* Order doubles ascending. */
static int
trend_double_cmp(const void *a, const void *b)
{
	const double *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Mann-Kendall's S, Z, p and Sen's slope of x[0..n) into *t. */
void
trend_mann_kendall(const double *x, size_t n, struct trend *t)
{
	double		*sorted, *slopes, var, s = 0;
	size_t		 i, j, k = 0, run;

	t->s = t->z = t->slope = 0;
	t->p = 1;
	if (n < 3)
		return;
	slopes = xreallocarray(NULL, n * (n - 1) / 2, sizeof *slopes);
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			s += (x[j] > x[i]) - (x[j] < x[i]);
			slopes[k++] = (x[j] - x[i]) / (double)(j - i);
		}
	}
	qsort(slopes, k, sizeof *slopes, trend_double_cmp);
	t->slope = k % 2 ? slopes[k / 2] : (slopes[k / 2 - 1] +
	    slopes[k / 2]) / 2;
	free(slopes);
	sorted = xreallocarray(NULL, n, sizeof *sorted);
	for (i = 0; i < n; i++)
		sorted[i] = x[i];
	qsort(sorted, n, sizeof *sorted, trend_double_cmp);
	var = (double)n * (double)(n - 1) * (double)(2 * n + 5);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && sorted[j] == sorted[i]; j++)
			;
		run = j - i;
		var -= (double)run * (double)(run - 1) * (double)(2 * run + 5);
	}
	free(sorted);
	var /= 18;
	t->s = s;
	if (var <= 0)
		return;
	if (s > 0)
		t->z = (s - 1) / sqrt(var);
	else if (s < 0)
		t->z = (s + 1) / sqrt(var);
	t->p = erfc(fabs(t->z) / sqrt(2.0));
}

/* A day's cost: -log-likelihood of r of d at rate p (0 < p < 1). */
static double
trend_cost(int64_t r, int64_t d, double p)
{
	return -((double)r * log(p) + (double)(d - r) * log1p(-p));
}

/*
 * Kleinberg's two-state automaton (scale s, cost gamma) over r[t] of d[t]
 * papers, t in [0, n): the last burst, [*start, *end] (indices), or -1
 * when there is none (see the contract).
 */
int
trend_burst_last(const int64_t *r, const int64_t *d, size_t n, double s,
    double gamma, int64_t *start, int64_t *end)
{
	double		 p[2], c[2], nc[2], up, stay, move;
	uint8_t		*from;
	int64_t		 sr = 0, sd = 0;
	size_t		 t;
	int		 st, j;

	*start = *end = -1;
	for (t = 0; t < n; t++) {
		sr += r[t];
		sd += d[t];
	}
	if (n == 0 || sr == 0 || sd == 0 || sr >= sd)
		return -1;
	p[0] = (double)sr / (double)sd;
	p[1] = s * p[0];
	if (p[1] >= 1)
		p[1] = 0.9999;
	up = gamma * log((double)n);
	from = xcalloc(2 * n, 1);
	c[0] = c[1] = 0;	/* replaced on the first day */
	for (t = 0; t < n; t++) {
		for (j = 0; j < 2; j++) {
			/* From state 0 (up costs), or from state 1 (free). */
			stay = c[j];
			move = c[1 - j] + (j == 1 ? up : 0);
			if (t == 0) {
				stay = j == 0 ? 0 : up;
				move = stay + 1;
			}
			from[2 * t + j] = (uint8_t)(move < stay ? 1 - j : j);
			nc[j] = (move < stay ? move : stay) +
			    trend_cost(r[t], d[t], p[j]);
		}
		c[0] = nc[0];
		c[1] = nc[1];
	}
	/* Walk the cheapest path back; keep the last run of state 1. */
	st = c[1] < c[0] ? 1 : 0;
	for (t = n; t-- > 0;) {
		if (st == 1) {
			if (*end < 0)
				*end = (int64_t)t;
			*start = (int64_t)t;
		} else if (*end >= 0)
			break;
		st = from[2 * t + st];
	}
	free(from);
	return *end >= 0 ? 0 : -1;
}

/*
 * Steady risers (fallers with falling set): the terms whose weekly share
 * df[w][id] / papers[w] over nweeks weeks (oldest first, each with papers)
 * has a Mann-Kendall trend that passes Benjamini-Hochberg at q over every
 * tested term, with Sen's slope > 0 (< 0). Tested: terms in >= min_count
 * papers over the weeks and in 3 weeks or more (*tested says how many).
 * score = |Z|; *out sorted by score, then id (caller frees).
 */
size_t
trend_steady(uint32_t *const *df, const int64_t *papers, size_t nweeks,
    size_t nterms, int64_t min_count, double q, int falling,
    struct rising_item **out, size_t *tested)
{
	struct rising_item	*it = NULL, *r;
	struct trend		 t;
	double			*share = xcalloc(nweeks + 1, sizeof *share);
	double			*pv = NULL, cut;
	size_t			 id, w, weeks, cnt = 0, cap = 0, m = 0;
	int64_t			 total;

	for (id = 0; id < nterms; id++) {
		total = 0;
		weeks = 0;
		for (w = 0; w < nweeks; w++) {
			total += df[w][id];
			weeks += df[w][id] > 0;
			share[w] = (double)df[w][id] / (double)papers[w];
		}
		if (total < min_count || weeks < 3)
			continue;
		trend_mann_kendall(share, nweeks, &t);
		pv = xreallocarray(pv, m + 1, sizeof *pv);
		pv[m++] = t.p;
		if (falling ? t.slope >= 0 : t.slope <= 0)
			continue;
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			it = xreallocarray(it, cap, sizeof *it);
		}
		r = &it[cnt++];
		memset(r, 0, sizeof *r);
		r->id = (uint32_t)id;
		r->score = fabs(t.z);
		r->p = t.p;
	}
	free(share);
	*tested = m;
	cut = rising_fdr_cut(pv, m, q);
	free(pv);
	for (w = id = 0; id < cnt; id++) {
		if (it[id].p <= cut)
			it[w++] = it[id];
	}
	cnt = w;
	if (cnt > 0)
		qsort(it, cnt, sizeof *it, rising_item_cmp);
	else {
		free(it);
		it = NULL;
	}
	*out = it;
	return cnt;
}
