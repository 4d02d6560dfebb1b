/* Counting on threads: the same counts per day as one thread. */
#include "unit.h"
#include "daemon/ingest/ingest.h"

static const char *texts[][2] = {
	{ "Large language models reason", "Chain of thought for LLMs." },
	{ "Diffusion models for video", "Video diffusion with LoRA." },
	{ "Mamba state space models", "Large language models meet Mamba." },
	{ "Gaussian splatting in 3D", "Real-time 3D Gaussian splatting." },
	{ "Agents that use tools", "LLM agents call tools; RAG helps." },
	{ "GPT-4o evaluated", "We test GPT-4o and o1 on math reasoning." },
	{ "Vision-language models", "Large vision-language models see." },
	{ "Quantization of LLMs", "4-bit quantization keeps LLM quality." },
	{ "Robot learning", "Diffusion policies for robot arms." },
	{ "Speech recognition", "Whisper-style speech models at scale." },
	{ "Mixture of experts", "MoE layers route tokens to experts." },
	{ "Code generation", "LLMs write code; agents test it." },
};

/*
 * The fixture: day 100, then day 101 (whose papers come in two runs,
 * with day 102 between them), a paper's update that adds no count, and
 * day 103. Two threads cut it in the middle of day 101's first run,
 * three in the middle of its first run and where its second begins.
 */
static const day_t days[] = {
	100, 100, 101, 101, 101, 101, 101, 101, 102, 101, 101, 103, 103, 101
};
#define NPAPERS	(sizeof days / sizeof days[0])

/* Every count of c as sorted "day key df" and "day papers n" lines. */
static char *
dump(const struct pipeline_counts *c)
{
	struct tally_cell	*cell;
	char			**lines = NULL, *out, *s;
	day_t			*d;
	uint32_t		*papers;
	size_t			 n = 0, k, i, m, len, klen, total = 1;

	for (k = 0; k < c->n; k++) {
		cell = tally_cells(c->parts[k], &m);
		for (i = 0; i < m; i++) {
			const char *key = tokenizer_key(c->tokenizers[k],
			    cell[i].term, &klen);
			lines = realloc(lines, (n + 1) * sizeof *lines);
			xasprintf(&lines[n++], "%d %.*s %u", cell[i].day,
			    (int)klen, key, cell[i].df);
		}
		m = tally_days(c->parts[k], &d, &papers);
		for (i = 0; i < m; i++) {
			lines = realloc(lines, (n + 1) * sizeof *lines);
			xasprintf(&lines[n++], "%d papers %u", d[i], papers[i]);
		}
		free(d);
		free(papers);
	}
	for (i = 1; i < n; i++)	/* insertion sort: a small fixture */
		for (k = i; k > 0 && strcmp(lines[k - 1], lines[k]) > 0; k--) {
			s = lines[k];
			lines[k] = lines[k - 1];
			lines[k - 1] = s;
		}
	for (i = 0; i < n; i++)
		total += strlen(lines[i]) + 1;
	out = xmalloc(total);
	for (i = 0, len = 0; i < n; i++) {
		len += (size_t)sprintf(out + len, "%s\n", lines[i]);
		free(lines[i]);
	}
	out[len] = '\0';
	free(lines);
	return out;
}

/* The fixture counted on threads threads, dumped. */
static char *
count(struct entry *v, int threads, size_t *parts)
{
	struct pipeline		*p = pipeline_new(NULL, stop);
	struct pipeline_counts	 c;
	char			*cause = NULL, *out;

	assert_int_equal(pipeline_count_threads(p, v, NPAPERS, threads, &c,
	    &cause), 0);
	out = dump(&c);
	*parts = c.n;
	assert_int_equal(c.papers, NPAPERS - 1);
	pipeline_counts_free(&c);
	pipeline_free(p);
	return out;
}

/* The fixture's papers (one of them an update). */
static void
fixture(struct entry *v)
{
	size_t	 i;

	memset(v, 0, NPAPERS * sizeof *v);
	for (i = 0; i < NPAPERS; i++) {
		v[i].day = days[i];
		v[i].title = (char *)texts[i % 12][0];
		v[i].abstract = (char *)texts[i % 12][1];
	}
	v[NPAPERS - 1].update = 1;
}

static void
one_two_and_three_threads_count_every_day_the_same(void **state)
{
	struct entry	 v[NPAPERS];
	char		*one, *other;
	size_t		 parts;
	int		 threads;

	(void)state;
	fixture(v);
	one = count(v, 1, &parts);
	assert_int_equal(parts, 1);
	assert_non_null(strstr(one, "101 papers 8\n"));
	assert_non_null(strstr(one, "103 papers 2\n"));
	for (threads = 2; threads <= 5; threads++) {
		other = count(v, threads, &parts);
		assert_int_equal(parts, (size_t)threads);
		assert_string_equal(one, other);
		free(other);
	}
	free(one);
}

static void
a_day_split_between_two_threads_is_counted_once_in_the_first(void **state)
{
	struct pipeline		*p = pipeline_new(NULL, stop);
	struct pipeline_counts	 c;
	struct entry		 v[NPAPERS];
	char			*cause = NULL;

	(void)state;
	fixture(v);
	/* The second half starts in day 101, which comes back later too. */
	assert_int_equal(v[NPAPERS / 2].day, 101);
	assert_int_equal(pipeline_count_threads(p, v, NPAPERS, 2, &c,
	    &cause), 0);
	assert_true(tally_has_day(c.parts[0], 101));
	assert_false(tally_has_day(c.parts[1], 101));
	assert_true(tally_has_day(c.parts[1], 103));
	assert_false(tally_has_day(c.parts[1], 100));
	pipeline_counts_free(&c);
	pipeline_free(p);
}

static void
more_threads_than_papers_is_one_part_a_paper(void **state)
{
	struct pipeline		*p = pipeline_new(NULL, stop);
	struct pipeline_counts	 c;
	struct entry		 v[NPAPERS];
	char			*cause = NULL;

	(void)state;
	fixture(v);
	assert_int_equal(pipeline_count_threads(p, v, 2, 8, &c, &cause), 0);
	assert_int_equal(c.n, 2);
	pipeline_counts_free(&c);
	assert_int_equal(pipeline_count_threads(p, v, 0, 2, &c, &cause), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.papers, 0);
	pipeline_counts_free(&c);
	pipeline_free(p);
}

UNIT_MAIN(vocab_setup, vocab_teardown,
    cmocka_unit_test(one_two_and_three_threads_count_every_day_the_same),
    cmocka_unit_test(a_day_split_between_two_threads_is_counted_once_in_the_first),
    cmocka_unit_test(more_threads_than_papers_is_one_part_a_paper))
