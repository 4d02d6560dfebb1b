/*
 * The side-effect layer: files, the SQLite store, the clock, and the one
 * pipeline that runs parse -> count -> store for both programs.
 */
#ifndef TOPICD_H
#define TOPICD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <sys/types.h>

#include <curl/curl.h>

#include "analysis.h"
#include "reports.h"

#define PHRASE_HORIZON_DEFAULT	35	/* days a once-seen phrase is kept */

/* config.c */
struct schedule {
	int		 wday;		/* 0 daily, 1 Monday ... 7 Sunday */
	int		 minute;	/* after midnight */
};

struct source_conf {
	char			*name;
	char			*url;
	enum digest_format	 format;
	long long		 interval;	/* seconds */
	long long		 jitter;
	long long		 timeout;
	long long		 max_size;	/* bytes */
	char			*item_xpath;
	char			*title_xpath;
	char			*abstract_xpath;
	char			*link_xpath;
	int			 enabled;
	long			 line;		/* of its section header */
};

/* An [alert NAME] section: what it watches, its test, where it goes. */
struct alert_conf {
	char			*name;
	char			*watch;
	double			 lambda;
	double			 p;		/* fires below this tail */
	double			 resolve_p;	/* calm at or above it */
	long long		 min_count;
	long long		 warmup;	/* known days before judging */
	long long		 for_count;
	long long		 resolve_count;
	long long		 repeat;	/* seconds */
	long long		 max_items;
	char			*exec;
	long long		 exec_timeout;
	char			*webhook;
	long long		 webhook_timeout;
	char			*file;
	char			*mail;		/* recipients */
	char			*mail_from;
	char			*smtp;
	int			 mail_resolved;
	long long		 retries;
	long long		 retry_wait;
	long			 line;		/* of its section header */
};

struct config {
	char			*path;
	char			*database;
	char			*pidfile;
	char			*log;
	char			*user_agent;
	struct schedule		 report;
	char			*report_dir;
	char			*report_formats;
	char			*chart_format;
	char			*topics;
	char			*stopwords;
	char			*listen;	/* "" for no HTTP interface */
	struct source_conf	*sources;
	size_t			 nsources;
	struct alert_conf	*alerts;
	size_t			 nalerts;
};

struct config	*config_load(const char *, char ***, size_t *);
void		 config_free(struct config *);
void		 config_errors_free(char **, size_t);
char		*config_sample(void);
int		 config_listen(const char *, char **, unsigned short *);
const char	*config_key_name(size_t, int *);
void		 config_source_copy(struct source_conf *,
		     const struct source_conf *);
void		 config_source_clear(struct source_conf *);
const struct alert_conf *config_alert(const struct config *, const char *);

/* fetch.c */
#define FETCH_USER_AGENT \
    "topicd/" TOPICD_VERSION " (+research-topic trends from paper digests)"
#define FETCH_TIMEOUT		30		/* seconds, whole transfer */
#define FETCH_CONNECT_TIMEOUT	10
#define FETCH_MAX_REDIRECTS	5
#define FETCH_MAX_BODY		(15UL << 20)	/* bytes, decompressed */

struct fetch_limits {
	long		 timeout;
	long		 connect_timeout;
	long		 max_redirects;
	size_t		 max_body;
};

/* One transfer's answer: the body (NUL-terminated) and its headers. */
struct fetch_response {
	char		*body;
	size_t		 len, cap;
	size_t		 max_body;
	int		 too_large;
	long		 status;
	char		*content_type;
	char		*etag;
	char		*last_modified;
	char		*url;			/* after redirects */
	long		 retry_after;		/* seconds, 0 if none */
	double		 seconds;		/* the transfer took */
	char		 error[CURL_ERROR_SIZE];
};

void	 fetch_limits_default(struct fetch_limits *);
int	 fetch_is_url(const char *);
int	 fetch_setup(CURL *, const struct fetch_limits *,
	     struct fetch_response *);
int	 fetch_done(CURL *, CURLcode, struct fetch_response *, const char *,
	     char **);
void	 fetch_response_free(struct fetch_response *);
int	 fetch_url(const char *, const struct fetch_limits *,
	     struct fetch_response *, char **);

/* fetch_multi.c */
struct event_base;
struct fetcher;
struct fetch_response;

struct fetch_request {
	const char		*url;
	const char		*user_agent;	/* NULL: topicd's own */
	struct fetch_limits	 limits;
	const char		*etag;		/* validators of the last 200 */
	const char		*last_modified;
	const char		*post;		/* a body to POST (http) or mail */
	size_t			 post_len;
	const char		*content_type;	/* of the POST */
	const char		*mail_from;	/* set: send post by SMTP */
	const char		*mail_to;	/* recipients, blank-separated */
};

typedef void	(*fetch_done_cb)(struct fetch_response *, const char *,
		    void *);

struct fetcher	*fetcher_new(struct event_base *);
void		 fetcher_free(struct fetcher *);
size_t		 fetcher_active(const struct fetcher *);
int		 fetcher_start(struct fetcher *, const struct fetch_request *,
		     fetch_done_cb, void *, char **);

/* alert.c */
struct alerter;
struct store;

struct alerter	*alerter_new(void);
void		 alerter_free(struct alerter *);
int		 alert_evaluate(struct alerter *, struct store *,
		     struct wordlist *, const struct config *, day_t, time_t,
		     size_t *, char **);
int		 alert_enqueue(struct store *, const struct alert_conf *,
		     const struct notification *, time_t, char **);
char		*alert_channels(const struct alert_conf *);
int		 alert_listing_load(struct store *, const struct config *,
		     size_t, struct alert_listing *, char **);
void		 alert_listing_free(struct alert_listing *);

/* deliver.c */
struct deliverer;
struct outbox_row;

typedef void	(*deliver_done_cb)(const char *, void *);

struct deliverer *deliverer_new(struct event_base *, struct fetcher *,
		     struct store *, int, void (*)(void *), void *);
void		 deliverer_free(struct deliverer *);
int		 deliverer_busy(const struct deliverer *);
void		 deliverer_kick(struct deliverer *, const struct config *);
void		 deliver_start(struct deliverer *, const struct alert_conf *,
		     const char *, const struct outbox_row *, deliver_done_cb,
		     void *);

/* pidfile.c */
int	 pidfile_lock(const char *, const char *, int *, int *, char **);
int	 pidfile_write(int, char **);

/* plot.c */
int	 plot_gnuplot(const char *, const char *, int, char **);
int	 plot_write(const char *, const struct chart_spec *, const char *,
	     const char *, char **);

/* proc.c */
#define PROC_EXEC_FAILED	"topic-exec-failed: "

void	 proc_heap_setup(void);
int	 proc_spawn(const char *, char *const [], int, int, pid_t *, char **);

/* server.c */
long	 fetch_retry_delay(long, int, long, long);
long	 schedule_next(const struct schedule *, time_t);
int	 server_run(const char *, struct config *, int, int);

/* fileio.c */
int	 file_read(const char *, size_t, char **, size_t *, char **);
int	 file_compressed(const char *, size_t);
/* A piece of decoded bytes for the caller; 0, or -1 to stop. */
typedef int (*file_piece_fn)(void *, const char *, size_t, char **);
struct file_decoder;
struct file_decoder *file_decoder_new(const char *, const char *, size_t,
	     size_t, char **);
int	 file_decoder_feed(struct file_decoder *, const char *, size_t, int,
	     file_piece_fn, void *, char **);
void	 file_decoder_free(struct file_decoder *);
struct file_stream;
int	 file_stream_open(const char *, size_t, struct file_stream **,
	     char **);
size_t	 file_stream_size(const struct file_stream *);
int	 file_stream_changed(const struct file_stream *);
int	 file_stream_read_at(struct file_stream *, size_t, char *, size_t,
	     size_t *, char **);
void	 file_stream_close(struct file_stream *);
int	 file_decompress(const char *, const char *, size_t, size_t, char **,
	     size_t *, char **);
int	 file_write_atomic(const char *, const char *, size_t, char **);

/* store.c */
struct store;

struct snapshot_info {
	int64_t		 source_id;
	time_t		 fetched;
	day_t		 day;		/* DAY_NONE for an archive */
	const char	*hash;
	const char	*format;
	const char	*origin;
	const char	*etag;
	const char	*last_modified;
	const char	*raw;
	size_t		 raw_len;
	size_t		 entries;
};

#define STORE_READONLY	0x1	/* store_open: read only (must exist) */
#define STORE_EXISTING	0x2	/* store_open: must exist */

struct store	*store_open(const char *, int, char **);
void		 store_close(struct store *);
int		 store_schema_version(void);
int		 store_begin(struct store *, char **);
int		 store_commit(struct store *, char **);
void		 store_rollback(struct store *);
int		 store_source(struct store *, const char *, const char *,
		     time_t, int64_t *, char **);
int		 store_snapshot_find(struct store *, int64_t, const char *,
		     int64_t *, char **);
int		 store_snapshot_add(struct store *, const struct snapshot_info *,
		     int64_t *, char **);
int		 store_snapshot_write(struct store *, int64_t, size_t,
		     const void *, size_t, char **);
int		 store_snapshot_finish(struct store *, int64_t, size_t, size_t,
		     char **);
int		 store_paper_add(struct store *, const struct entry *, int64_t,
		     int64_t, int *, char **);
int		 store_put_tally(struct store *, int64_t, struct tally *, int,
		     char **);
int		 store_clear_counts(struct store *, char **);
int		 store_snapshot_next(struct store *, int64_t, int64_t *,
		     struct snapshot_info *, char **);

/* One fetch attempt of the daemon. */
struct fetch_record {
	int64_t		 source_id;
	time_t		 started;
	double		 seconds;
	long		 status;
	const char	*outcome;	/* stored, unchanged, not-modified, ... */
	int64_t		 snapshot_id;
	const char	*error;
};

int		 store_source_validators(struct store *, int64_t, char **,
		     char **, char **);
int		 store_source_set_validators(struct store *, int64_t,
		     const char *, const char *, char **);
int		 store_fetch_add(struct store *, const struct fetch_record *,
		     char **);

/* store_query.c */
int	 store_stats(struct store *, struct stats *, char **);
int	 store_term_find(struct store *, const char *, int64_t *, char **,
	     char **);
int	 store_day_totals(struct store *, day_t, day_t, day_t **, int64_t **,
	     size_t *, char **);
int	 store_term_days(struct store *, const int64_t *, size_t,
	     const day_t *, size_t, int64_t *, char **);
int	 store_last_day(struct store *, day_t *, char **);
int	 store_source_week(struct store *, day_t, day_t,
	     struct report_source **, size_t *, char **);
int	 store_source_health(struct store *, struct source_health **,
	     size_t *, char **);
int	 store_totals(struct store *, int64_t *, int64_t *, day_t *, char **);

/* store_alert.c */

/* A notification for one channel, waiting in the outbox. */
struct outbox_row {
	int64_t		 id;
	char		*rule;
	char		*channel;	/* exec, webhook, file, mail */
	int64_t		 created;
	char		*payload;	/* JSON */
	char		*text;		/* plain text, for mail */
	char		*subject;
	int		 attempts;
};

int	 store_topics(struct store *, char ***, int64_t **, size_t *,
	     char **);
int	 store_alert_get(struct store *, const char *, const char *,
	     struct alert_row *, int *, char **);
int	 store_alert_put(struct store *, const struct alert_row *, char **);
int	 store_alert_event(struct store *, const struct alert_row *,
	     const char *, int64_t, char **);
int	 store_alert_states(struct store *, struct alert_row **, size_t *,
	     char **);
int	 store_alert_history(struct store *, size_t, struct alert_hist **,
	     size_t *, char **);
int	 store_outbox_add(struct store *, const struct outbox_row *, char **);
int	 store_outbox_due(struct store *, int64_t, struct outbox_row **,
	     size_t *, char **);
void	 outbox_rows_free(struct outbox_row *, size_t);
int	 store_outbox_claim(struct store *, int64_t, int64_t, int64_t, int *,
	     char **);
int	 store_outbox_finish(struct store *, int64_t, const char *, int,
	     int64_t, const char *, int64_t, char **);
int	 store_outbox_next(struct store *, int64_t *, char **);
int	 store_outbox_counts(struct store *, int64_t *, int64_t *, int64_t *,
	     char **);

/* query.c */
int	 query_series(struct store *, struct tokenizer *, day_t, day_t,
	     struct series *, char **);
int	 query_series_ids(struct store *, const int64_t *, day_t, day_t,
	     struct series *, char **);
char	*query_search(struct store *, const char *, day_t, day_t, int, int,
	     char **);

/* A paper as stored: its key (arXiv id), title, abstract, URL and day. */
struct paper_row {
	char		*key;
	char		*title;
	char		*abstract;
	char		*url;
	day_t		 day;
};

int	 store_max_term_id(struct store *, int64_t *, char **);
int	 store_range_df(struct store *, day_t, day_t, uint32_t *, uint16_t *,
	     uint16_t *, size_t, char **);
int	 store_range_blocks(struct store *, const day_t *, size_t,
	     const int32_t *, size_t, uint32_t *, uint32_t *, char **);
int	 store_term_info(struct store *, int64_t, char **, int *, char **,
	     char **);
void	 paper_rows_free(struct paper_row *, size_t);
int	 store_papers_range(struct store *, day_t, day_t, struct paper_row **,
	     size_t *, char **);
int	 store_search(struct store *, const char *, day_t, day_t, int,
	     struct paper_row **, size_t *, char **);
int	 store_topic_terms(struct store *, int64_t **, char ***, size_t *,
	     char **);

/* report.c */
#define REPORT_TEXT	0
#define REPORT_MD	1
#define REPORT_JSON	2
#define REPORT_HTML	3
#define REPORT_NFORMATS	4

int	 report_format_from_name(const char *);
int	 report_build(struct store *, struct tokenizer *, struct topics *,
	     day_t, day_t, struct report *, char **);
int	 report_charts(struct store *, const struct report *, const char *,
	     const char *, char **);
char	*report_render(const struct report *, int);
int	 report_write(struct store *, struct report *, int, const char *, int,
	     char **);

/* api.c */

/* What the API's answers read: the store and the running daemon. */
struct api_ctx {
	struct store		*store;
	struct wordlist		*wl;		/* for a vocabulary per request */
	struct pipeline		*pipe;		/* its topics */
	const struct config	*conf;		/* the current one */
	time_t			 started;
	int64_t			 http[6];	/* answers by status class */
	void			(*live)(void *, struct source_health *);
	void			*arg;		/* of live */
};

typedef char	*(*api_fn)(struct api_ctx *, const struct api_query *, int *,
		    char **);

char	*api_healthz(struct api_ctx *, const struct api_query *, int *,
	     char **);
char	*api_stats(struct api_ctx *, const struct api_query *, int *, char **);
char	*api_series(struct api_ctx *, const struct api_query *, int *,
	     char **);
char	*api_alerts(struct api_ctx *, const struct api_query *, int *,
	     char **);
char	*api_sources(struct api_ctx *, const struct api_query *, int *,
	     char **);
char	*api_metrics(struct api_ctx *, const struct api_query *, int *,
	     char **);
char	*api_rising(struct api_ctx *, const struct api_query *, int *,
	     char **);
char	*api_topics(struct api_ctx *, const struct api_query *, int *,
	     char **);
char	*api_search(struct api_ctx *, const struct api_query *, int *,
	     char **);
char	*api_report(struct api_ctx *, const struct api_query *, int *,
	     char **);

/* http.c */
struct http;

#define HTTP_MAX_HEADERS	8192	/* bytes of a request's headers */
#define HTTP_MAX_BODY		1024	/* GET and HEAD need none */
#define HTTP_TIMEOUT		10	/* seconds to read a request */

struct http	*http_start(struct event_base *, const char *, struct api_ctx *,
		     char **);
void		 http_free(struct http *);

/* pipeline.c */
struct pipeline;

struct ingest_request {
	const char		*source;	/* source name */
	const char		*origin;	/* path or URL, for messages */
	const char		*raw;		/* the bytes as read */
	size_t			 raw_len;
	const char		*text;		/* decompressed bytes */
	size_t			 text_len;
	enum digest_format	 format;
	day_t			 date;		/* digest date or DAY_NONE */
	int			 skip_bad;
	time_t			 now;
	const char		*etag;
	const char		*last_modified;
	const char		*content_type;	/* HTTP, or NULL */
	const char		*base_url;	/* for relative links */
	const char		*item_xpath;	/* HTML selectors, or NULL */
	const char		*title_xpath;
	const char		*abstract_xpath;
	const char		*link_xpath;
};

struct ingest_result {
	int64_t		 snapshot_id;
	int		 unchanged;	/* same bytes stored before */
	size_t		 entries;
	size_t		 new_papers;
	size_t		 days;
	size_t		 skipped;
	size_t		 snapshots;	/* rebuild: snapshots recounted */
	day_t		 first_day, last_day;
	size_t		 updates;	/* new versions of old papers */
};

struct pipeline	*pipeline_new(struct store *, struct wordlist *);
void		 pipeline_free(struct pipeline *);
int		 pipeline_ingest(struct pipeline *,
		     const struct ingest_request *, struct ingest_result *,
		     char **);
int		 pipeline_ingest_file(struct pipeline *,
		     const struct ingest_request *, struct file_stream *,
		     struct ingest_result *, char **);
int		 pipeline_alerts(struct pipeline *, const struct config *,
		     const struct ingest_result *, time_t, size_t *, char **);
int		 pipeline_set_topics(struct pipeline *, const char *, size_t,
		     const char *, char **);
struct topics	*pipeline_topics(struct pipeline *, struct tokenizer *,
		     char **);
int		 pipeline_rebuild(struct pipeline *, struct ingest_result *,
		     char **);

/* topic.c */
#define TOPIC_COMMON_OPTIONS \
	{ "config", required_argument, NULL, 'C' }, \
	{ "db", required_argument, NULL, 'D' }, \
	{ "stopwords", required_argument, NULL, 'W' }, \
	{ "topics", required_argument, NULL, 'T' }, \
	{ "help", no_argument, NULL, 'h' }

int		 topic_common_option(int, const char *, const char *);
struct config	*topic_config(void);
struct store	*topic_store(int);
struct wordlist	*topic_wordlist(void);
void		 topic_print(char *);
struct topics	*topic_topics(struct tokenizer *);
int		 topic_set_topics(struct pipeline *);
int		 topic_day_option(const char *, const char *, day_t *);
int		 topic_day_range(day_t, day_t);

/* An event loop of topic's own, for deliveries. */
struct topic_loop {
	struct event_base	*base;
	struct fetcher		*fetcher;
	struct deliverer	*dl;
};

int		 topic_loop_start(struct topic_loop *, struct store *);
void		 topic_loop_run(struct topic_loop *);
void		 topic_loop_end(struct topic_loop *);
void		 topic_deliver(struct store *, const struct config *);

/* cmd_*.c */
int	 cmd_alerts(int, char **);
int	 cmd_chart(int, char **);
int	 cmd_report(int, char **);
int	 cmd_ingest(int, char **);
int	 cmd_stats(int, char **);
int	 cmd_series(int, char **);

/* cmd_rising.c, cmd_topics.c, cmd_search.c, cmd_rebuild.c */
struct rising_query {
	day_t			 at;		/* DAY_NONE: last known day */
	int			 window;	/* days; 0: auto */
	int			 baseline;	/* days; 0: the default */
	int			 background;	/* days before the baseline */
	size_t			 limit;
	int			 kind;		/* 0 all, else enum term_kind */
	int			 all_topics;	/* every topic, rising or not */
	int			 steady;	/* steady risers instead */
	struct rising_params	 params;
};

void	 rising_query_defaults(struct rising_query *);
int	 rising_window_option(int, const char *, struct rising_query *);
int	 rising_command(const struct rising_query *,
	     char *(*)(const struct rising_report *));
int	 rising_run(struct store *, struct tokenizer *, struct topics *,
	     const struct rising_query *, struct rising_report *, char **);
int	 rising_run_many(struct store *, struct tokenizer *, struct topics *,
	     const struct rising_query *, size_t, struct rising_report *,
	     char **);
int	 cmd_rising(int, char **);
int	 cmd_topics(int, char **);
int	 cmd_search(int, char **);
int	 cmd_rebuild(int, char **);

#endif
