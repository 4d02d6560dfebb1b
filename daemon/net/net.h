/*
 * daemon/net: the network through libcurl: one blocking fetch, many
 * transfers on an event loop, and the delivery of queued alert
 * notifications (exec, webhook, file, mail).
 */
#ifndef TOPIC_NET_H
#define TOPIC_NET_H

#include <stddef.h>
#include <curl/curl.h>

#include "daemon/store/store.h"
#include "daemon/sys/sys.h"

/* libcurl.c: the functions of libcurl the room calls, loaded on first use. */
#define LIBCURL_FUNCTIONS(X)						\
	X(global_init) X(global_cleanup) X(easy_init) X(easy_setopt)	\
	X(easy_getinfo) X(easy_perform) X(easy_cleanup)			\
	X(easy_strerror) X(slist_append) X(slist_free_all)		\
	X(multi_init) X(multi_setopt) X(multi_socket_action)		\
	X(multi_assign) X(multi_add_handle) X(multi_remove_handle)	\
	X(multi_info_read) X(multi_cleanup)

struct libcurl {
#define LIBCURL_MEMBER(f)	__typeof__(curl_##f) *f;
	LIBCURL_FUNCTIONS(LIBCURL_MEMBER)
#undef LIBCURL_MEMBER
};

extern struct libcurl libcurl;		/* valid after libcurl_load */

int	 libcurl_load(char **);

/* fetch.c */
#define FETCH_TIMEOUT		30		/* seconds, whole transfer */
#define FETCH_CONNECT_TIMEOUT	10
#define FETCH_MAX_REDIRECTS	5
#define FETCH_MAX_BODY		(15UL << 20)	/* bytes, decompressed */
#define FETCH_HOST_SPACING	3		/* least seconds between requests
						   to one host */

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

struct fetcher	*fetcher_new(struct event_base *, char **);
void		 fetcher_free(struct fetcher *);
size_t		 fetcher_active(const struct fetcher *);
int		 fetcher_start(struct fetcher *, const struct fetch_request *,
		     fetch_done_cb, void *, char **);

/* fetch_source.c */
struct tm;

int	 fetch_url_dated(const char *);
void	 fetch_url_expand(const char *, const struct tm *, char *, size_t);
void	 fetch_url_day(const char *, day_t, char *, size_t);
void	 fetch_request_source(struct fetch_request *,
	     const struct source_conf *, const char *, const char *);

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

#endif
