/*
 * Day spikes (DESIGN section 5): how surprising one day's count of a
 * watched term or topic is, given its smoothed share of the papers of the
 * known days before it. Pure arithmetic on arrays; no state, no clock.
 */
#include <math.h>
#include <string.h>

#include "analysis/trend/trend.h"

#define SPIKE_EPS	1e-15	/* relative precision of the series */
#define SPIKE_TINY	1e-300	/* keeps Lentz's method off zero */
#define SPIKE_ITER	10000	/* far more than either method needs */
#define SPIKE_HOLD	7	/* spike days in a row kept out of the EWMA */

/* log(mu^x e^-mu / Gamma(x)): the common factor of both expansions. */
static double
spike_log_front(double x, double mu)
{
	return x * log(mu) - mu - lgamma(x);
}

/* P(x, mu) by its power series; converges fast when mu < x + 1. */
static double
spike_gamma_series(double x, double mu)
{
	double	 ap = x, del = 1.0 / x, sum = del;
	int	 i;

	for (i = 0; i < SPIKE_ITER; i++) {
		ap += 1.0;
		del *= mu / ap;
		sum += del;
		if (fabs(del) < fabs(sum) * SPIKE_EPS)
			break;
	}
	return exp(log(sum) + spike_log_front(x, mu));
}

/* Q(x, mu) = 1 - P(x, mu) by Legendre's continued fraction (Lentz). */
static double
spike_gamma_fraction(double x, double mu)
{
	double	 b = mu + 1.0 - x, c = 1.0 / SPIKE_TINY, d = 1.0 / b, h = d;
	double	 an, del;
	int	 i;

	for (i = 1; i < SPIKE_ITER; i++) {
		an = -i * (i - x);
		b += 2.0;
		d = an * d + b;
		if (fabs(d) < SPIKE_TINY)
			d = SPIKE_TINY;
		c = b + an / c;
		if (fabs(c) < SPIKE_TINY)
			c = SPIKE_TINY;
		d = 1.0 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1.0) < SPIKE_EPS)
			break;
	}
	return exp(log(h) + spike_log_front(x, mu));
}

/*
 * The Poisson upper tail P(X >= x) for X ~ Poisson(mu).
 *
 * Contract: mu is an expected number of papers (>= 0, finite), x an
 * observed number of papers.
 *  - x <= 0: 1, since every count is at least 0.
 *  - mu == 0 and x >= 1: 0: nothing was expected, any paper is news.
 *  - otherwise P(X >= x) = P(x, mu), the regularized lower incomplete
 *    gamma function (sum_{k >= x} e^-mu mu^k / k! = gamma(x, mu) /
 *    Gamma(x)). It is summed as a power series when mu < x + 1 (the
 *    tail is small there: no cancellation, each term positive) and as
 *    1 - Q(x, mu) by a continued fraction otherwise (the tail is at least
 *    about 1/2 there, so the subtraction loses nothing). The common factor
 *    is taken in logs, so tails far below 1e-300 underflow cleanly to 0
 *    instead of overflowing on the way. Relative error about 1e-14.
 */
double
spike_poisson_tail(double mu, int64_t x)
{
	double	 a = (double)x;

	if (x <= 0)
		return 1.0;
	if (!(mu > 0.0))
		return 0.0;
	if (mu < a + 1.0)
		return spike_gamma_series(a, mu);
	return 1.0 - spike_gamma_fraction(a, mu);
}

/* Judge count of papers against share, the smoothed share before it. */
static void
spike_judge(double share, int64_t count, int64_t papers,
    const struct spike_params *sp, struct spike_result *out)
{
	out->count = count;
	out->papers = papers;
	out->share = share;
	out->expected = share * (double)papers;
	out->p = spike_poisson_tail(out->expected, count);
	out->judged = 1;
	out->qualifies = count >= sp->min_count && out->p < sp->p_fire;
	out->calm = count < sp->min_count || out->p >= sp->p_resolve;
}

/*
 * Test the last of n known days for a spike.
 *
 * Contract: counts[i] papers of papers[i] on the i-th known day, in day
 * order (unknown days are not in the arrays: they are skipped, never
 * zero); the last day is the one tested.
 *  - share: the EWMA of count / papers over the earlier days with papers
 *    (s = first share, then s = lambda x + (1 - lambda) s; lambda 0.2
 *    remembers about the last 5 to 10 days). A day that was itself a
 *    spike (it qualified against the share before it) is kept out of the
 *    EWMA, so that a spike does not hide its own second day; after
 *    SPIKE_HOLD such days in a row they count again: a level that lasts
 *    a week is the new normal, and the alert can resolve.
 *  - expected = share x today's papers; p = P(X >= count) under Poisson
 *    (spike_poisson_tail: expected 0 makes any count >= 1 a spike).
 *  - qualifies: count >= min_count and p < p_fire.
 *  - calm (counts toward resolving): count < min_count or p >= p_resolve.
 *  - Fewer than warmup earlier days with papers, or no papers today: no
 *    verdict (judged 0, p 1, neither qualifies nor calm), since an EWMA of
 *    nothing predicts nothing; the caller treats the day as unknown.
 */
void
spike_test(const int64_t *counts, const int64_t *papers, size_t n,
    const struct spike_params *sp, struct spike_result *out)
{
	struct spike_result	 day;
	double			 share = 0.0, x;
	size_t			 i, history = 0, held = 0;

	memset(out, 0, sizeof *out);
	out->p = 1.0;
	if (n == 0)
		return;
	out->count = counts[n - 1];
	out->papers = papers[n - 1];
	for (i = 0; i + 1 < n; i++) {
		if (papers[i] <= 0)
			continue;
		if (history >= sp->warmup && held < SPIKE_HOLD) {
			spike_judge(share, counts[i], papers[i], sp, &day);
			if (day.qualifies) {
				held++;
				continue;
			}
		}
		held = 0;
		x = (double)counts[i] / (double)papers[i];
		share = history == 0 ? x : sp->lambda * x +
		    (1.0 - sp->lambda) * share;
		history++;
	}
	out->history = history;
	out->share = share;
	if (history < sp->warmup || out->papers <= 0)
		return;
	spike_judge(share, out->count, out->papers, sp, out);
}
