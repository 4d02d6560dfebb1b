/*
 * Emerging clusters: rising terms that rise in the same papers are one
 * event, reported as one item with its member terms (TwitterMonitor's
 * grouping of bursty keywords by co-occurrence). Pure: the command gives
 * each paper of the window as the list of items it contains.
 *
 * Contract: items come in rank order (0 is the best). Leader clustering,
 * in that order: an item joins the first earlier leader L it shares
 * enough papers with, else it leads a cluster of its own. With n(X) the
 * window papers of X and n(X, L) those of both, "enough" is
 *   n(X, L) >= 2 and n(X, L) >= 0.7 min(n(X), n(L))
 *   and n(X, L) >= 0.3 max(n(X), n(L)),
 * or, for related items (one's words are among the other's, as "test-time"
 * and "scaling test-time compute"), n(X, L) >= 0.5 min(n(X), n(L)). The
 * second bound keeps a broad word ("reasoning") from swallowing every
 * narrower event that mentions it. Joining a leader, never a member, stops
 * chains. The result depends only on the order and the papers.
 */
#include <stdlib.h>

#include "analysis/trend/trend.h"

#define CLUSTER_MIN_SHARED	2
#define CLUSTER_MIN_OF_LESS	0.7
#define CLUSTER_MIN_OF_MORE	0.3
#define CLUSTER_MIN_RELATED	0.5

/*
 * Cluster n items (see the contract) given the window's papers and an
 * n x n matrix related[i * n + j] (may be NULL). leader[i] gets the index
 * of item i's leader (itself for a leader). Returns how many clusters.
 */
size_t
cluster_items(size_t n, const struct cluster_paper *papers, size_t npapers,
    const uint8_t *related, size_t *leader)
{
	uint32_t	*both, *own;
	size_t		 i, j, k, l, clusters = 0;
	double		 lo, hi, shared;

	if (n == 0)
		return 0;
	both = xcalloc(n * n, sizeof *both);
	own = xcalloc(n, sizeof *own);
	for (k = 0; k < npapers; k++) {
		for (i = 0; i < papers[k].n; i++) {
			own[papers[k].items[i]]++;
			for (j = i + 1; j < papers[k].n; j++) {
				both[papers[k].items[i] * n +
				    papers[k].items[j]]++;
				both[papers[k].items[j] * n +
				    papers[k].items[i]]++;
			}
		}
	}
	for (i = 0; i < n; i++) {
		leader[i] = i;
		for (l = 0; l < i; l++) {
			if (leader[l] != l)
				continue;
			shared = both[i * n + l];
			lo = own[i] < own[l] ? own[i] : own[l];
			hi = own[i] < own[l] ? own[l] : own[i];
			if (shared < CLUSTER_MIN_SHARED)
				continue;
			if ((shared >= CLUSTER_MIN_OF_LESS * lo &&
			    shared >= CLUSTER_MIN_OF_MORE * hi) ||
			    (related != NULL && related[i * n + l] &&
			    shared >= CLUSTER_MIN_RELATED * lo)) {
				leader[i] = l;
				break;
			}
		}
		clusters += leader[i] == i;
	}
	free(both);
	free(own);
	return clusters;
}
