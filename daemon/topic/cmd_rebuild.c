/*
 * topic rebuild: recount every paper, term, phrase and topic from the
 * stored raw snapshots (after a change of the word lists, the topics file
 * or the tokenizer). One transaction: all of it or none of it. Days whose
 * raw bytes retention removed keep their counts, and are named.
 */
#include <stdio.h>
#include <stdlib.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

/* topic rebuild [options] */
static int
cmd_rebuild(struct options_values *ov, int argc, char **argv)
{
	struct ingest_result	 res;
	struct topic_reader	 w;
	struct stats		 stats;
	struct progress		*pg = NULL;
	day_t			*kept = NULL;
	size_t			 nkept = 0;
	char			*cause = NULL, days[64];
	int			 failed, rc = 1;

	(void)argc;
	(void)argv;
	(void)ov;
	if (topic_reader_open(&w, TOPIC_WRITE | TOPIC_WRITE_EXISTING) != 0)
		goto out;
	if (store_stats(w.st, &stats, &cause) != 0) {
		log_cause(cause);
		goto out;
	}
	pg = progress_new("topic rebuild: snapshots", (uint64_t)stats.snapshots,
	    0);
	pipeline_set_progress(w.p, pg);
	failed = pipeline_rebuild_keeping(w.p, &res, &kept, &nkept, &cause);
	progress_end(pg);		/* its line goes before ours */
	pg = NULL;
	if (failed) {
		log_cause(cause);
		goto out;
	}
	printf("rebuilt: %zu papers from %zu snapshot%s", res.new_papers,
	    res.snapshots, res.snapshots == 1 ? "" : "s");
	if (res.skipped > 0)
		printf(" (%zu without raw bytes skipped)", res.skipped);
	printf("\n");
	if (nkept > 0) {
		prune_days_text(kept[0], kept[nkept - 1], nkept, days,
		    sizeof days);
		printf("rebuild: %s %s no raw bytes left (pruned); their "
		    "counts are kept as they are\n", days, nkept == 1 ?
		    "has" : "have");
	}
	rc = 0;
out:
	progress_end(pg);
	free(kept);
	topic_reader_close(&w);
	return rc;
}

const struct cmd_entry cmd_rebuild_entry = {
	"rebuild", "", 0, 0,
	"recount everything from the raw snapshots",
	"Forgets every count and recounts it from the raw bytes of every\n"
	"stored snapshot, with the current word lists and topics file. Days\n"
	"whose raw bytes were pruned keep their papers and counts as they are\n"
	"(and are named).\n",
	options_none, cmd_rebuild
};
