/*
 * Fetching on the daemon's libevent loop with libcurl's multi-socket
 * interface (the pattern of curl's hiperfifo example): curl says which
 * sockets to watch and when to time out, libevent says when they are
 * ready. Each transfer ends in one callback with its result; nothing here
 * parses or stores. Besides GET: a POST (alert webhooks) and a mail sent
 * by SMTP (alert mail), both with a body given by the caller.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "daemon/net/net.h"
#include "daemon/sys/sys.h"

struct fetcher {
	struct event_base	*base;
	CURLM			*multi;
	struct event		*timer;
	int			 running;
	size_t			 active;
};

/* One transfer in flight. */
struct fetch {
	struct fetcher		*fetcher;
	CURL			*easy;
	struct curl_slist	*headers;
	struct curl_slist	*rcpt;		/* SMTP recipients */
	char			*upload;	/* the mail being sent */
	size_t			 upload_len, upload_off;
	char			*url;
	struct fetch_response	 resp;
	struct timespec		 started;
	fetch_done_cb		 done;
	void			*arg;
};

/* A watched socket. */
struct fetch_sock {
	struct event		*ev;
};

static void	fetcher_check(struct fetcher *);
static void	fetch_free(struct fetch *);

/* libevent: a socket is ready; tell curl. */
static void
fetch_event_cb(evutil_socket_t fd, short what, void *arg)
{
	struct fetcher	*f = arg;
	int		 action = 0;

	if (what & EV_READ)
		action |= CURL_CSELECT_IN;
	if (what & EV_WRITE)
		action |= CURL_CSELECT_OUT;
	libcurl.multi_socket_action(f->multi, fd, action, &f->running);
	fetcher_check(f);
}

/* libevent: curl's timeout expired. */
static void
fetch_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct fetcher	*f = arg;

	(void)fd;
	(void)what;
	libcurl.multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0,
	    &f->running);
	fetcher_check(f);
}

/* curl: watch socket s for what (or stop watching it). */
static int
fetch_socket_cb(CURL *easy, curl_socket_t s, int what, void *userp,
    void *sockp)
{
	struct fetcher		*f = userp;
	struct fetch_sock	*fs = sockp;
	short			 kind;

	(void)easy;
	if (what == CURL_POLL_REMOVE) {
		if (fs != NULL) {
			event_free(fs->ev);
			free(fs);
		}
		libcurl.multi_assign(f->multi, s, NULL);
		return 0;
	}
	kind = EV_PERSIST;
	if (what & CURL_POLL_IN)
		kind |= EV_READ;
	if (what & CURL_POLL_OUT)
		kind |= EV_WRITE;
	if (fs == NULL) {
		fs = xcalloc(1, sizeof *fs);
		libcurl.multi_assign(f->multi, s, fs);
	} else
		event_free(fs->ev);
	fs->ev = event_new(f->base, s, kind, fetch_event_cb, f);
	event_add(fs->ev, NULL);
	return 0;
}

/* curl: call back in timeout_ms (-1: never). */
static int
fetch_timeout_cb(CURLM *multi, long timeout_ms, void *userp)
{
	struct fetcher	*f = userp;
	struct timeval	 tv;

	(void)multi;
	if (timeout_ms < 0) {
		evtimer_del(f->timer);
		return 0;
	}
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	evtimer_add(f->timer, &tv);
	return 0;
}

/* Seconds since start. */
static double
fetch_elapsed(const struct timespec *start)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/*
 * Finish a transfer: call back with the response and, when it is not a
 * digest to read (an error, or 304), why; then free it.
 */
static void
fetch_finish(struct fetch *t, CURLcode rc)
{
	struct fetcher	*f = t->fetcher;
	curl_off_t	 retry = 0;
	char		*error = NULL;

	if (fetch_done(t->easy, rc, &t->resp, t->url, &error) != 0 &&
	    t->resp.status == 304) {
		free(error);
		error = NULL;
	}
	if (libcurl.easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry) ==
	    CURLE_OK)
		t->resp.retry_after = (long)retry;
	t->resp.seconds = fetch_elapsed(&t->started);
	libcurl.multi_remove_handle(f->multi, t->easy);
	f->active--;
	t->done(&t->resp, error, t->arg);
	free(error);
	fetch_free(t);
}

/* Free a transfer and everything it holds. */
static void
fetch_free(struct fetch *t)
{
	if (t->easy != NULL)
		libcurl.easy_cleanup(t->easy);
	libcurl.slist_free_all(t->headers);
	libcurl.slist_free_all(t->rcpt);
	fetch_response_free(&t->resp);
	free(t->upload);
	free(t->url);
	free(t);
}

/* curl: the next bytes of the mail to upload. */
static size_t
fetch_read_cb(char *p, size_t size, size_t n, void *arg)
{
	struct fetch	*t = arg;
	size_t		 len = size * n;

	if (len > t->upload_len - t->upload_off)
		len = t->upload_len - t->upload_off;
	memcpy(p, t->upload + t->upload_off, len);
	t->upload_off += len;
	return len;
}

/*
 * Make t a POST of rq's body to an http(s) URL (no redirects), or a mail
 * by SMTP when rq->mail_from is set; -1 when a mail has no recipient.
 */
static int
fetch_body(struct fetch *t, const struct fetch_request *rq)
{
	char	*copy, *w, *last, *h;

	if (rq->mail_from == NULL) {
		libcurl.easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "http,https");
		libcurl.easy_setopt(t->easy, CURLOPT_FOLLOWLOCATION, 0L);
		libcurl.easy_setopt(t->easy, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)rq->post_len);
		libcurl.easy_setopt(t->easy, CURLOPT_COPYPOSTFIELDS, rq->post);
		xasprintf(&h, "Content-Type: %s", rq->content_type != NULL ?
		    rq->content_type : "application/octet-stream");
		t->headers = libcurl.slist_append(t->headers, h);
		free(h);
		return 0;
	}
	libcurl.easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	xasprintf(&h, "<%s>", rq->mail_from);
	libcurl.easy_setopt(t->easy, CURLOPT_MAIL_FROM, h);
	free(h);
	copy = xstrdup(rq->mail_to != NULL ? rq->mail_to : "");
	for (w = strtok_r(copy, " ,", &last); w != NULL;
	    w = strtok_r(NULL, " ,", &last)) {
		xasprintf(&h, "<%s>", w);
		t->rcpt = libcurl.slist_append(t->rcpt, h);
		free(h);
	}
	free(copy);
	if (t->rcpt == NULL)
		return -1;
	libcurl.easy_setopt(t->easy, CURLOPT_MAIL_RCPT, t->rcpt);
	t->upload = xstrndup(rq->post, rq->post_len);
	t->upload_len = rq->post_len;
	libcurl.easy_setopt(t->easy, CURLOPT_UPLOAD, 1L);
	libcurl.easy_setopt(t->easy, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)rq->post_len);
	libcurl.easy_setopt(t->easy, CURLOPT_READFUNCTION, fetch_read_cb);
	libcurl.easy_setopt(t->easy, CURLOPT_READDATA, t);
	return 0;
}

/* Hand every finished transfer to its callback. */
static void
fetcher_check(struct fetcher *f)
{
	CURLMsg		*m;
	int		 left;
	struct fetch	*t;

	while ((m = libcurl.multi_info_read(f->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		libcurl.easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &t);
		fetch_finish(t, m->data.result);
	}
}

/* A fetcher on base; NULL with *cause if libcurl cannot start. */
struct fetcher *
fetcher_new(struct event_base *base, char **cause)
{
	struct fetcher	*f;

	if (libcurl_load(cause) != 0)
		return NULL;
	f = xcalloc(1, sizeof *f);
	f->base = base;
	if ((f->multi = libcurl.multi_init()) == NULL) {
		free(f);
		*cause = xstrdup("libcurl cannot start a multi handle");
		return NULL;
	}
	f->timer = evtimer_new(base, fetch_timer_cb, f);
	libcurl.multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, fetch_socket_cb);
	libcurl.multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
	libcurl.multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, fetch_timeout_cb);
	libcurl.multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
	return f;
}

/* Free a fetcher with no transfer in flight; NULL is fine. */
void
fetcher_free(struct fetcher *f)
{
	if (f == NULL)
		return;
	libcurl.multi_cleanup(f->multi);
	event_free(f->timer);
	free(f);
}

/* How many transfers are in flight. */
size_t
fetcher_active(const struct fetcher *f)
{
	return f->active;
}

/*
 * Start fetching rq with the limits every digest transfer has (fetch.c);
 * done(response, error, arg) is called once when it ends, from the loop.
 * With rq->post the body is POSTed to an http(s) URL, or with
 * rq->mail_from sent as a mail to an smtp(s) URL.
 */
int
fetcher_start(struct fetcher *f, const struct fetch_request *rq,
    fetch_done_cb done, void *arg, char **cause)
{
	struct fetch	*t = xcalloc(1, sizeof *t);
	char		*h;

	t->fetcher = f;
	t->done = done;
	t->arg = arg;
	t->url = xstrdup(rq->url);
	if ((t->easy = libcurl.easy_init()) == NULL ||
	    fetch_setup(t->easy, &rq->limits, &t->resp) != 0 ||
	    libcurl.easy_setopt(t->easy, CURLOPT_URL, rq->url) != CURLE_OK ||
	    libcurl.easy_setopt(t->easy, CURLOPT_PRIVATE, t) != CURLE_OK ||
	    (rq->user_agent != NULL && libcurl.easy_setopt(t->easy,
	    CURLOPT_USERAGENT, rq->user_agent) != CURLE_OK)) {
		xasprintf(cause, "%s: cannot start a transfer", rq->url);
		goto fail;
	}
	if (rq->etag != NULL) {
		xasprintf(&h, "If-None-Match: %s", rq->etag);
		t->headers = libcurl.slist_append(t->headers, h);
		free(h);
	}
	if (rq->last_modified != NULL) {
		xasprintf(&h, "If-Modified-Since: %s", rq->last_modified);
		t->headers = libcurl.slist_append(t->headers, h);
		free(h);
	}
	if (rq->post != NULL && fetch_body(t, rq) != 0) {
		xasprintf(cause, "%s: no recipient", rq->url);
		goto fail;
	}
	if (t->headers != NULL)
		libcurl.easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->headers);
	clock_gettime(CLOCK_MONOTONIC, &t->started);
	if (libcurl.multi_add_handle(f->multi, t->easy) != CURLM_OK) {
		xasprintf(cause, "%s: cannot start a transfer", rq->url);
		goto fail;
	}
	f->active++;
	return 0;
fail:
	fetch_free(t);
	return -1;
}
