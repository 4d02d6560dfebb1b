/*
 * daemon/topicd: the daemon: its main loop (schedule, fetch, ingest,
 * report, deliver), the HTTP interface and its JSON API, the pid file.
 */
#ifndef TOPIC_TOPICD_H
#define TOPIC_TOPICD_H

#include <stdint.h>
#include <time.h>

#include "daemon/ingest/ingest.h"
#include "daemon/net/net.h"

/* server.c */
long	 fetch_retry_delay(long, int, long, long);
long	 schedule_next(const struct schedule *, time_t);
int	 server_run(const char *, struct config *, int, int);

/* retention.c */
struct retention;

struct retention *retention_new(struct event_base *, struct store *,
	     struct config *const *);
void	 retention_search_soon(struct retention *);
void	 retention_free(struct retention *);

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

/* What /api/series asks, checked (terms point into the query). */
struct api_series_args {
	enum series_by	 by;
	day_t		 from, to;
	const char	*terms[API_MAX_TERMS];
	size_t		 nterms;
};

int	 api_series_args(const struct options_query *, day_t,
	     struct api_series_args *, char **);

typedef char	*(*api_fn)(struct api_ctx *, const struct options_query *, int *,
		    char **);

char	*api_healthz(struct api_ctx *, const struct options_query *, int *,
	     char **);
char	*api_stats(struct api_ctx *, const struct options_query *, int *, char **);
char	*api_series(struct api_ctx *, const struct options_query *, int *,
	     char **);
char	*api_alerts(struct api_ctx *, const struct options_query *, int *,
	     char **);
char	*api_sources(struct api_ctx *, const struct options_query *, int *,
	     char **);
char	*api_metrics(struct api_ctx *, const struct options_query *, int *,
	     char **);
char	*api_rising(struct api_ctx *, const struct options_query *, int *,
	     char **);
char	*api_topics(struct api_ctx *, const struct options_query *, int *,
	     char **);
char	*api_search(struct api_ctx *, const struct options_query *, int *,
	     char **);
char	*api_report(struct api_ctx *, const struct options_query *, int *,
	     char **);

/* http.c */
struct http;

#define HTTP_MAX_HEADERS	8192	/* bytes of a request's headers */
#define HTTP_MAX_BODY		1024	/* GET and HEAD need none */
#define HTTP_TIMEOUT		10	/* seconds to read a request */

struct http	*http_start(struct event_base *, const char *, struct api_ctx *,
		     char **);
void		 http_free(struct http *);

/* pidfile.c */
int	 pidfile_lock(const char *, const char *, int *, int *, char **);
int	 pidfile_write(int, char **);

#endif
