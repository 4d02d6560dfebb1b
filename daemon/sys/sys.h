/*
 * daemon/sys: the programs' contact with the system below the store: the
 * configuration file, the log, child processes and files (read whole,
 * decompressed, streamed, written atomically).
 */
#ifndef TOPIC_SYS_H
#define TOPIC_SYS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <sys/types.h>

#include "analysis/digest/digest.h"
#include "analysis/trend/trend.h"

/* progress.c: a one-line meter on standard error, for a terminal only. */
struct progress;
struct progress	*progress_new(const char *, uint64_t, int);
void		 progress_set(struct progress *, uint64_t);
void		 progress_add(struct progress *, uint64_t);
void		 progress_clear(struct progress *);
void		 progress_end(struct progress *);

/* log.c */
void	log_init(const char *, int, int);
void	log_verbose(int);
int	log_open_file(const char *);
int	log_reopen(void);
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_cause(char *);
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/* config.c */
/* The default of user_agent: sent with every request topicd makes. */
#define FETCH_USER_AGENT \
    "topicd/" TOPICD_VERSION " (+research-topic trends from paper digests)"

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
	long long		 keep_raw;	/* seconds; 0 keeps forever */
	long long		 keep_alert_history;
	long long		 keep_outbox;
	struct source_conf	*sources;
	size_t			 nsources;
	struct alert_conf	*alerts;
	size_t			 nalerts;
};

struct config	*config_load(const char *, char ***, size_t *);
void		 config_free(struct config *);
struct config	*config_default(void);
int		 config_retention(const char *, long long *);
void		 config_errors_free(char **, size_t);
char		*config_sample(void);
int		 config_listen(const char *, char **, unsigned short *);
const char	*config_key_name(size_t, int *);
void		 config_source_copy(struct source_conf *,
		     const struct source_conf *);
void		 config_source_clear(struct source_conf *);
const struct alert_conf *config_alert(const struct config *, const char *);

/* proc.c */
#define PROC_EXEC_FAILED	"topic-exec-failed: "

void	 proc_heap_setup(void);
int	 proc_spawn(const char *, char *const [], int, int, pid_t *, char **);

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

#endif
