/*
 * topic prune: retention now, as the daemon does it in its idle time:
 * old raw snapshot bytes, alert history and finished outbox rows, in
 * small transactions. Counts, papers and the search index are never
 * touched; --vacuum gives the freed pages back to the file system.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/topic/topic.h"
#include "daemon/sys/sys.h"

#define PRUNE_BATCH	64	/* rows of each kind a transaction */

static const struct options_entry prune_options[] = {
	{ .name = "dry-run", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "say what would go, change nothing" },
	{ .name = "vacuum", .kind = OPTIONS_FLAG, .flags = OPTIONS_CLI,
	  .help = "then give the freed pages back to the file system" },
	{ .name = "keep-raw", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .arg = "DURATION", .help = "raw snapshot bytes kept (default: the "
	  "config's keep_raw, 365d)" },
	{ .name = "keep-alert-history", .kind = OPTIONS_STRING,
	  .flags = OPTIONS_CLI, .arg = "DURATION", .help = "alert history "
	  "kept (default: keep_alert_history, 365d)" },
	{ .name = "keep-outbox", .kind = OPTIONS_STRING, .flags = OPTIONS_CLI,
	  .arg = "DURATION", .help = "sent or failed notifications kept "
	  "(default: keep_outbox, 30d)" },
	{ .name = NULL }
};

/*
 * Write days first..last as "A..B (n days)", or "A (1 day)", into buf
 * (without the count when n is 0): how prune and rebuild name days.
 */
void
prune_days_text(day_t first, day_t last, size_t n, char *buf, size_t len)
{
	char	 f[11], l[11], count[32] = "";

	day_format(first, f);
	day_format(last, l);
	if (n > 0)
		snprintf(count, sizeof count, " (%zu day%s)", n,
		    n == 1 ? "" : "s");
	if (first == last)
		snprintf(buf, len, "%s%s", f, count);
	else
		snprintf(buf, len, "%s..%s%s", f, l, count);
}

/* Parse the retention of option --opt into *v, or say what is wrong. */
static int
prune_keep_option(const char *opt, const char *arg, long long *v)
{
	if (config_retention(arg, v) != 0) {
		log_warnx("--%s %s: want a duration of a day or more like 30d, "
		    "52w or 365d, or forever", opt, arg);
		return -1;
	}
	return 0;
}

/* Say what went (or would): one line a kind. */
static void
prune_report(const struct prune_policy *pp, const struct prune_result *r,
    int dry)
{
	const char	*verb = dry ? "would prune" : "pruned";
	char		 days[64], size[32];

	if (pp->keep_raw == 0)
		printf("%s raw bytes: none (keep_raw is forever)\n", verb);
	else if (r->raw == 0)
		printf("%s raw bytes: none\n", verb);
	else {
		prune_days_text(r->raw_first, r->raw_last, 0, days,
		    sizeof days);
		size_format(r->raw_bytes, size, sizeof size);
		printf("%s raw bytes: %zu snapshot%s, %lld bytes (%s), of "
		    "%s\n", verb, r->raw, r->raw == 1 ? "" : "s",
		    (long long)r->raw_bytes, size, days);
	}
	printf("%s alert history: %zu event%s%s\n", verb, r->alert_events,
	    r->alert_events == 1 ? "" : "s", pp->keep_alert_history == 0 ?
	    " (keep_alert_history is forever)" : "");
	printf("%s outbox: %zu sent or failed notification%s%s\n", verb,
	    r->outbox, r->outbox == 1 ? "" : "s", pp->keep_outbox == 0 ?
	    " (keep_outbox is forever)" : "");
}

/* The file's size and free pages, after a prune or a vacuum. */
static int
prune_pages(struct store *st, const char *what)
{
	int64_t	 pages, free_pages, page_size;
	char	*cause = NULL, size[32], freed[32];

	if (store_pages(st, &pages, &free_pages, &page_size, &cause) != 0) {
		log_cause(cause);
		return -1;
	}
	size_format(pages * page_size, size, sizeof size);
	size_format(free_pages * page_size, freed, sizeof freed);
	printf("%s: %s, of which %s free (reused by later writes%s)\n", what,
	    size, freed, *what == 'v' ? "" : "; --vacuum gives it back");
	return 0;
}

/* topic prune [options] */
static int
cmd_prune(struct options_values *ov, int argc, char **argv)
{
	struct prune_policy	 pp;
	struct prune_result	 r;
	struct config		*conf, *def = NULL;
	struct store		*st = NULL;
	const char		*keep[3];
	char			*cause = NULL;
	int			 dry, vacuum, more, rc = 1;

	(void)argc;
	(void)argv;
	dry = options_flag(ov, "dry-run");
	vacuum = options_flag(ov, "vacuum");
	keep[0] = options_str(ov, "keep-raw", NULL);
	keep[1] = options_str(ov, "keep-alert-history", NULL);
	keep[2] = options_str(ov, "keep-outbox", NULL);
	if ((conf = topic_config()) == NULL)
		conf = def = config_default();
	store_prune_policy(&pp, conf, time(NULL), PRUNE_BATCH);
	if ((keep[0] != NULL && prune_keep_option("keep-raw", keep[0],
	    &pp.keep_raw) != 0) ||
	    (keep[1] != NULL && prune_keep_option("keep-alert-history",
	    keep[1], &pp.keep_alert_history) != 0) ||
	    (keep[2] != NULL && prune_keep_option("keep-outbox", keep[2],
	    &pp.keep_outbox) != 0))
		goto out;
	if ((st = topic_store(STORE_EXISTING)) == NULL)
		goto out;
	memset(&r, 0, sizeof r);
	do {
		if (store_prune_batch(st, &pp, dry, &r, &more, &cause) != 0) {
			log_warnx("prune: %s (this batch changed nothing%s)",
			    cause,
			    r.raw + r.alert_events + r.outbox > 0 ?
			    "; the batches before it stay pruned" : "");
			free(cause);
			goto out;
		}
	} while (more);
	prune_report(&pp, &r, dry);
	if (dry) {
		rc = 0;
		goto out;
	}
	if (prune_pages(st, "database") != 0)
		goto out;
	if (vacuum) {
		if (store_vacuum(st, &cause) != 0) {
			log_cause(cause);
			goto out;
		}
		if (prune_pages(st, "vacuumed") != 0)
			goto out;
	}
	rc = 0;
out:
	store_close(st);
	config_free(def);
	return rc;
}

const struct cmd_entry cmd_prune_entry = {
	"prune", "", 0, 0,
	"drop old raw bytes and alert history",
	"Deletes the raw snapshot bytes, alert history events and sent or\n"
	"failed notifications older than the config's keep_raw,\n"
	"keep_alert_history and keep_outbox (or these options: a duration\n"
	"like 90d or 52w, or forever). The newest snapshot of each source\n"
	"keeps its bytes; counts, papers and the search index stay.\n"
	"--dry-run says what would go; --vacuum then shrinks the file.\n",
	prune_options, cmd_prune
};
