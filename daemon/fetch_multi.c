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

#include "log.h"
#include "topicd.h"

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
	struct fetch_result	 result;
	size_t			 cap;		/* body bytes allowed */
	size_t			 body_cap;	/* allocated */
	int			 too_big;
	char			 errbuf[CURL_ERROR_SIZE];
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

/* Free a result's strings and body. */
void
fetch_result_clear(struct fetch_result *r)
{
	free(r->body);
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	free(r->error);
	memset(r, 0, sizeof *r);
}

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
	curl_multi_socket_action(f->multi, fd, action, &f->running);
	fetcher_check(f);
}

/* libevent: curl's timeout expired. */
static void
fetch_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct fetcher	*f = arg;

	(void)fd;
	(void)what;
	curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0,
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
		curl_multi_assign(f->multi, s, NULL);
		return 0;
	}
	kind = EV_PERSIST;
	if (what & CURL_POLL_IN)
		kind |= EV_READ;
	if (what & CURL_POLL_OUT)
		kind |= EV_WRITE;
	if (fs == NULL) {
		fs = xcalloc(1, sizeof *fs);
		curl_multi_assign(f->multi, s, fs);
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

/* curl: body bytes (already decompressed); stop past the cap. */
static size_t
fetch_write_cb(char *p, size_t size, size_t n, void *arg)
{
	struct fetch	*t = arg;
	size_t		 len = size * n;

	if (t->result.len + len > t->cap) {
		t->too_big = 1;
		return 0;
	}
	if (t->result.len + len + 1 > t->body_cap) {
		t->body_cap = (t->result.len + len + 1) * 2;
		if (t->body_cap > t->cap + 1)
			t->body_cap = t->cap + 1;
		t->result.body = xrealloc(t->result.body, t->body_cap);
	}
	memcpy(t->result.body + t->result.len, p, len);
	t->result.len += len;
	t->result.body[t->result.len] = '\0';
	return len;
}

/* Copy a header's value without its end-of-line. */
static char *
fetch_header_value(const char *p, size_t len, size_t skip)
{
	size_t	 a = skip, b = len;

	while (a < b && (p[a] == ' ' || p[a] == '\t'))
		a++;
	while (b > a && (p[b - 1] == '\r' || p[b - 1] == '\n' ||
	    p[b - 1] == ' '))
		b--;
	return xstrndup(p + a, b - a);
}

/* curl: one response header; keep the validators of the last response. */
static size_t
fetch_header_cb(char *p, size_t size, size_t n, void *arg)
{
	struct fetch	*t = arg;
	size_t		 len = size * n;

	if (len > 5 && strncmp(p, "HTTP/", 5) == 0) {
		/* A new response (after a redirect): forget the last. */
		free(t->result.etag);
		free(t->result.last_modified);
		t->result.etag = t->result.last_modified = NULL;
	} else if (len > 5 && strncasecmp(p, "ETag:", 5) == 0) {
		free(t->result.etag);
		t->result.etag = fetch_header_value(p, len, 5);
	} else if (len > 14 && strncasecmp(p, "Last-Modified:", 14) == 0) {
		free(t->result.last_modified);
		t->result.last_modified = fetch_header_value(p, len, 14);
	}
	return len;
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

/* Finish a transfer: fill its result, call back, free it. */
static void
fetch_finish(struct fetch *t, CURLcode rc)
{
	struct fetcher	*f = t->fetcher;
	struct fetch_result *r = &t->result;
	curl_off_t	 retry = 0;
	char		*ct = NULL;

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &r->status);
	if (curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct) ==
	    CURLE_OK && ct != NULL)
		r->content_type = xstrdup(ct);
	if (curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry) ==
	    CURLE_OK)
		r->retry_after = (long)retry;
	r->seconds = fetch_elapsed(&t->started);
	if (t->too_big)
		xasprintf(&r->error, "body larger than %zu bytes", t->cap);
	else if (rc != CURLE_OK)
		xasprintf(&r->error, "%s", t->errbuf[0] ? t->errbuf :
		    curl_easy_strerror(rc));
	else if (r->status >= 400)
		xasprintf(&r->error, "HTTP status %ld", r->status);
	curl_multi_remove_handle(f->multi, t->easy);
	fetch_free(t);
	f->active--;
	t->done(r, t->arg);
	fetch_result_clear(r);
	free(t);
}

/* Free a transfer's handle and buffers (not its result or itself). */
static void
fetch_free(struct fetch *t)
{
	curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	curl_slist_free_all(t->rcpt);
	free(t->upload);
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

/* Set up a POST of rq's body, or a mail by SMTP; -1 on a bad recipient. */
static int
fetch_body(struct fetch *t, const struct fetch_request *rq)
{
	char	*copy, *w, *last, *h;

	if (rq->mail_from == NULL) {
		curl_easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(t->easy, CURLOPT_FOLLOWLOCATION, 0L);
		curl_easy_setopt(t->easy, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)rq->post_len);
		curl_easy_setopt(t->easy, CURLOPT_COPYPOSTFIELDS, rq->post);
		xasprintf(&h, "Content-Type: %s", rq->content_type != NULL ?
		    rq->content_type : "application/octet-stream");
		t->headers = curl_slist_append(t->headers, h);
		free(h);
		return 0;
	}
	curl_easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	xasprintf(&h, "<%s>", rq->mail_from);
	curl_easy_setopt(t->easy, CURLOPT_MAIL_FROM, h);
	free(h);
	copy = xstrdup(rq->mail_to != NULL ? rq->mail_to : "");
	for (w = strtok_r(copy, " ,", &last); w != NULL;
	    w = strtok_r(NULL, " ,", &last)) {
		xasprintf(&h, "<%s>", w);
		t->rcpt = curl_slist_append(t->rcpt, h);
		free(h);
	}
	free(copy);
	if (t->rcpt == NULL)
		return -1;
	curl_easy_setopt(t->easy, CURLOPT_MAIL_RCPT, t->rcpt);
	t->upload = xmalloc(rq->post_len + 1);
	memcpy(t->upload, rq->post, rq->post_len);
	t->upload_len = rq->post_len;
	curl_easy_setopt(t->easy, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(t->easy, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)rq->post_len);
	curl_easy_setopt(t->easy, CURLOPT_READFUNCTION, fetch_read_cb);
	curl_easy_setopt(t->easy, CURLOPT_READDATA, t);
	return 0;
}

/* Hand every finished transfer to its callback. */
static void
fetcher_check(struct fetcher *f)
{
	CURLMsg		*m;
	int		 left;
	struct fetch	*t;

	while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &t);
		fetch_finish(t, m->data.result);
	}
}

/* A fetcher on base; NULL if curl cannot start. */
struct fetcher *
fetcher_new(struct event_base *base)
{
	struct fetcher	*f = xcalloc(1, sizeof *f);

	f->base = base;
	if ((f->multi = curl_multi_init()) == NULL) {
		free(f);
		return NULL;
	}
	f->timer = evtimer_new(base, fetch_timer_cb, f);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, fetch_socket_cb);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, fetch_timeout_cb);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
	return f;
}

/* Free a fetcher with no transfer in flight; NULL is fine. */
void
fetcher_free(struct fetcher *f)
{
	if (f == NULL)
		return;
	curl_multi_cleanup(f->multi);
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
 * Start fetching rq; done(result, arg) is called once when it ends, from
 * the loop. Redirects are followed (at most 5, never to file://), bodies
 * are decompressed and capped, TLS is verified. With rq->post the body is
 * POSTed to an http(s) URL (no redirects), or with rq->mail_from sent as
 * a mail to an smtp(s) URL.
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
	t->cap = rq->max_size;
	if ((t->easy = curl_easy_init()) == NULL) {
		free(t);
		xasprintf(cause, "%s: cannot start a transfer", rq->url);
		return -1;
	}
	curl_easy_setopt(t->easy, CURLOPT_URL, rq->url);
	curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t);
	curl_easy_setopt(t->easy, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(t->easy, CURLOPT_USERAGENT, rq->user_agent);
	curl_easy_setopt(t->easy, CURLOPT_TIMEOUT, rq->timeout);
	curl_easy_setopt(t->easy, CURLOPT_CONNECTTIMEOUT,
	    rq->timeout < 10 ? rq->timeout : 10L);
	curl_easy_setopt(t->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(t->easy, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(t->easy, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(t->easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(t->easy, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(t->easy, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(t->easy, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, fetch_write_cb);
	curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(t->easy, CURLOPT_HEADERFUNCTION, fetch_header_cb);
	curl_easy_setopt(t->easy, CURLOPT_HEADERDATA, t);
	if (rq->etag != NULL) {
		xasprintf(&h, "If-None-Match: %s", rq->etag);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (rq->last_modified != NULL) {
		xasprintf(&h, "If-Modified-Since: %s", rq->last_modified);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (rq->post != NULL && fetch_body(t, rq) != 0) {
		fetch_free(t);
		free(t);
		xasprintf(cause, "%s: no recipient", rq->url);
		return -1;
	}
	if (t->headers != NULL)
		curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->headers);
	clock_gettime(CLOCK_MONOTONIC, &t->started);
	if (curl_multi_add_handle(f->multi, t->easy) != CURLM_OK) {
		fetch_free(t);
		free(t);
		xasprintf(cause, "%s: cannot start a transfer", rq->url);
		return -1;
	}
	f->active++;
	return 0;
}
