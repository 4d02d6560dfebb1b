/*
 * topicd.conf: the key table parses, checks and documents. Run with
 * --write-sample FILE to regenerate packaging/topicd.conf.sample.
 */
#include <unistd.h>

#include "unit.h"
#include "daemon/sys/sys.h"

static char	 dir[] = "/tmp/topicd-conf-XXXXXX";

/* Write text to dir/name and return its path (static buffer). */
static const char *
conf_file(const char *name, const char *text)
{
	static char	 path[256];
	FILE		*f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* Read a file of the source tree. */
static char *
slurp(const char *rel)
{
	char	 path[4096], *buf;
	FILE	*f;
	long	 n;

	snprintf(path, sizeof path, "%s/%s", getenv("TOPICD_SOURCE_DIR"), rel);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	fclose(f);
	return buf;
}

static void
a_good_file_sets_its_keys_and_leaves_defaults_elsewhere(void **state)
{
	struct config	*c;
	char		**errors;
	size_t		 n;

	(void)state;
	c = config_load(conf_file("good.conf",
	    "# a comment\n"
	    "database = state/t.db\n"
	    "report = daily 06:30\n"
	    "\n"
	    "[source hf]\n"
	    "url = https://huggingface.co/api/daily_papers?date=%Y-%m-%d\n"
	    "format = jsonl\n"
	    "interval = 1d\n"
	    "max_size = 512K\n"
	    "  timeout = 20s\n"
	    "[source  off ]\n"
	    "url = file:///tmp/x\n"
	    "enabled = no\n"), &errors, &n);
	assert_non_null(c);
	assert_int_equal(strncmp(c->database, dir, strlen(dir)), 0);
	assert_string_equal(c->database + strlen(dir), "/state/t.db");
	assert_string_equal(c->pidfile, "/run/topicd/topicd.pid");
	assert_int_equal(c->report.wday, 0);
	assert_int_equal(c->report.minute, 6 * 60 + 30);
	assert_int_equal(c->nsources, 2);
	assert_string_equal(c->sources[0].name, "hf");
	assert_int_equal(c->sources[0].interval, 86400);
	assert_int_equal(c->sources[0].max_size, 512 * 1024);
	assert_int_equal(c->sources[0].timeout, 20);
	assert_int_equal(c->sources[0].jitter, 300);
	assert_int_equal(c->sources[0].format, FORMAT_JSONL);
	assert_true(c->sources[0].enabled);
	assert_string_equal(c->sources[1].name, "off");
	assert_false(c->sources[1].enabled);
	config_free(c);
}

static void
every_error_is_reported_with_its_line(void **state)
{
	char		**errors;
	size_t		 n;

	(void)state;
	assert_null(config_load(conf_file("bad.conf",
	    "report = someday\n"
	    "chart_format = gif\n"
	    "this line is wrong\n"
	    "[source x]\n"
	    "url = http://example.org/\n"
	    "max_size = 2G\n"
	    "enabled = maybe\n"
	    "format = rss9\n"
	    "[source two words]\n"), &errors, &n));
	assert_int_equal(n, 7);
	assert_non_null(strstr(errors[0], "bad.conf:1: report = \"someday\": "
	    "want DAY HH:MM"));
	assert_non_null(strstr(errors[1], "bad.conf:2: chart_format"));
	assert_non_null(strstr(errors[2], "bad.conf:3: not a section or a "
	    "key = value line"));
	assert_non_null(strstr(errors[3], "bad.conf:6: max_size = \"2G\""));
	assert_non_null(strstr(errors[4], "bad.conf:7: enabled = \"maybe\": "
	    "want yes or no"));
	assert_non_null(strstr(errors[5], "bad.conf:8: format = \"rss9\""));
	assert_non_null(strstr(errors[6], "bad.conf:9: [source two words]: a "
	    "source needs one name"));
	config_errors_free(errors, n);
}

static void
an_alert_rule_reads_its_keys_and_defaults(void **state)
{
	struct config			*c;
	const struct alert_conf		*a;
	char				**errors;
	size_t				 n;

	(void)state;
	c = config_load(conf_file("alert.conf",
	    "[alert models]\n"
	    "watch = topic:LLM* term:\"test-time scaling\" emerging\n"
	    "p = 1e-4\n"
	    "for = 3\n"
	    "webhook = https://example.org/hook\n"
	    "exec = /usr/local/bin/page \"on call\"\n"
	    "[alert plain]\n"
	    "watch = term:mamba\n"), &errors, &n);
	if (c == NULL)
		fail_msg("%s", errors[0]);
	assert_int_equal(c->nalerts, 2);
	a = config_alert(c, "models");
	assert_non_null(a);
	assert_true(a->p == 1e-4);
	assert_int_equal(a->for_count, 3);
	assert_string_equal(a->webhook, "https://example.org/hook");
	a = config_alert(c, "plain");
	assert_true(a->lambda == 0.2);
	assert_true(a->p == 1e-3);
	assert_int_equal(a->min_count, 3);
	assert_int_equal(a->for_count, 2);
	assert_int_equal(a->repeat, 7 * 86400);
	assert_string_equal(a->exec, "");
	assert_false(a->mail_resolved);
	assert_null(config_alert(c, "other"));
	config_free(c);
}

static void
a_bad_alert_rule_is_reported_with_its_line(void **state)
{
	char		**errors;
	size_t		 n;

	(void)state;
	assert_null(config_load(conf_file("badalert.conf",
	    "[alert a]\n"
	    "watch = topc:LLM\n"
	    "p = 2\n"
	    "lambda = zero\n"
	    "pager = 555-1234\n"
	    "webhook = ftp://example.org/\n"
	    "for = 0\n"
	    "mail = nobody\n"
	    "[alert b]\n"
	    "watch = topic:\n"
	    "mail = ops@example.org\n"
	    "[alert no/slash]\n"
	    "[alert c]\n"), &errors, &n));
	assert_int_equal(n, 11);
	assert_non_null(strstr(errors[0], "badalert.conf:2: watch = topc:LLM: "
	    "unknown watch \"topc:LLM\""));
	assert_non_null(strstr(errors[1], "badalert.conf:3: p = \"2\": want a "
	    "number above 0"));
	assert_non_null(strstr(errors[2], "badalert.conf:4: lambda"));
	assert_non_null(strstr(errors[3], "badalert.conf:5: unknown key "
	    "\"pager\" in [alert a] (deliveries are exec, webhook, file and "
	    "mail)"));
	assert_non_null(strstr(errors[4], "badalert.conf:6: webhook = "
	    "\"ftp://example.org/\": want an http:// or https:// URL"));
	assert_non_null(strstr(errors[5], "badalert.conf:7: for = \"0\": want "
	    "a whole number from 1 to 100"));
	assert_non_null(strstr(errors[6], "badalert.conf:8: mail = \"nobody\""));
	assert_non_null(strstr(errors[7], "badalert.conf:10: watch = topic:: "
	    "\"topic:\" names no topic"));
	assert_non_null(strstr(errors[8], "badalert.conf:12: [alert no/slash]: "
	    "a name is"));
	assert_non_null(strstr(errors[9], "badalert.conf:9: [alert b]: mail "
	    "needs smtp"));
	assert_non_null(strstr(errors[10], "badalert.conf:13: [alert c] has "
	    "no watch"));
	config_errors_free(errors, n);
}

static void
retention_is_a_day_or_more_or_forever_and_a_year_by_default(void **state)
{
	struct config	*c;
	char		**errors;
	size_t		 n;
	long long	 v;

	(void)state;
	c = config_default();
	assert_int_equal(c->keep_raw, 365LL * 86400);
	assert_int_equal(c->keep_alert_history, 365LL * 86400);
	assert_int_equal(c->keep_outbox, 30LL * 86400);
	config_free(c);
	c = config_load(conf_file("keep.conf", "keep_raw = forever\n"
	    "keep_alert_history = 0\nkeep_outbox = 2w\n"), &errors, &n);
	assert_non_null(c);
	assert_int_equal(c->keep_raw, 0);
	assert_int_equal(c->keep_alert_history, 0);
	assert_int_equal(c->keep_outbox, 14LL * 86400);
	config_free(c);
	c = config_load(conf_file("badkeep.conf", "keep_raw = -3 days\n"
	    "keep_outbox = 12h\n"), &errors, &n);
	assert_null(c);
	assert_int_equal(n, 2);
	assert_non_null(strstr(errors[0], "badkeep.conf:1: keep_raw = \"-3 "
	    "days\": want a duration of a day or more"));
	assert_non_null(strstr(errors[1], "badkeep.conf:2: keep_outbox"));
	config_errors_free(errors, n);
	assert_int_equal(config_retention("36601d", &v), -1);
	assert_int_equal(config_retention("1d", &v), 0);
	assert_int_equal(v, 86400);
}

static void
the_shipped_sample_is_the_key_table(void **state)
{
	char	*sample = config_sample(), *shipped;

	(void)state;
	shipped = slurp("packaging/topicd.conf.sample");
	assert_non_null(shipped);
	assert_string_equal(shipped, sample);
	free(shipped);
	free(sample);
}

static void
the_sample_is_a_valid_configuration(void **state)
{
	struct config	*c;
	char		*sample = config_sample(), **errors;
	size_t		 n;

	(void)state;
	c = config_load(conf_file("sample.conf", sample), &errors, &n);
	if (c == NULL)
		fail_msg("%s", errors[0]);
	assert_int_equal(c->nsources, 6);
	config_free(c);
	free(sample);
}

static void
the_manual_documents_every_key(void **state)
{
	char		*man = slurp("doc/topicd.conf.5"), pat[128];
	const char	*name;
	size_t		 i;
	int		 source;

	(void)state;
	assert_non_null(man);
	for (i = 0; (name = config_key_name(i, &source)) != NULL; i++) {
		snprintf(pat, sizeof pat, ".It Ic %s ", name);
		if (strstr(man, pat) == NULL)
			fail_msg("topicd.conf.5 does not document %s", name);
	}
	free(man);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_good_file_sets_its_keys_and_leaves_defaults_elsewhere),
		cmocka_unit_test(every_error_is_reported_with_its_line),
		cmocka_unit_test(an_alert_rule_reads_its_keys_and_defaults),
		cmocka_unit_test(a_bad_alert_rule_is_reported_with_its_line),
		cmocka_unit_test(retention_is_a_day_or_more_or_forever_and_a_year_by_default),
		cmocka_unit_test(the_shipped_sample_is_the_key_table),
		cmocka_unit_test(the_sample_is_a_valid_configuration),
		cmocka_unit_test(the_manual_documents_every_key),
	};
	char	*sample;
	FILE	*f;
	int	 rc;

	if (argc == 3 && strcmp(argv[1], "--write-sample") == 0) {
		sample = config_sample();
		if ((f = fopen(argv[2], "w")) == NULL)
			return 1;
		fputs(sample, f);
		fclose(f);
		free(sample);
		return 0;
	}
	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(conf_file("good.conf", ""));
	unlink(conf_file("bad.conf", ""));
	unlink(conf_file("sample.conf", ""));
	unlink(conf_file("alert.conf", ""));
	unlink(conf_file("badalert.conf", ""));
	rmdir(dir);
	return rc;
}
