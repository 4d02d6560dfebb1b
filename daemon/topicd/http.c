/*
 * The HTTP interface: libevent's evhttp on the daemon's one event_base,
 * serving the dashboard and the JSON API of api.c. Only GET and HEAD,
 * exact paths from one table (no file is ever served, so no path can
 * climb out of anything), bounded headers, body and read time; every
 * error is a JSON object. Answers are built synchronously from bounded
 * store reads, so a request holds the loop for milliseconds, never a
 * fetch for long.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "daemon/topicd/topicd.h"

#define HTTP_JSON	"application/json; charset=utf-8"
#define HTTP_HTML	"text/html; charset=utf-8"
#define HTTP_METRICS	"text/plain; version=0.0.4; charset=utf-8"

/* The page may load nothing from anywhere but the daemon itself. */
#define HTTP_CSP	"default-src 'none'; script-src 'unsafe-inline'; " \
    "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; " \
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

struct http {
	struct evhttp	*eh;
	struct api_ctx	*ctx;
	char		*addr;
	int		 loopback;	/* only local names may be asked for */
};

/* One path the interface answers. */
struct http_route {
	const char	*path;
	api_fn		 fn;		/* NULL: the dashboard */
	const char	*type;
};

static const struct http_route http_routes[] = {
	{ "/", NULL, HTTP_HTML },
	{ "/healthz", api_healthz, HTTP_JSON },
	{ "/metrics", api_metrics, HTTP_METRICS },
	{ "/api/stats", api_stats, HTTP_JSON },
	{ "/api/series", api_series, HTTP_JSON },
	{ "/api/alerts", api_alerts, HTTP_JSON },
	{ "/api/sources", api_sources, HTTP_JSON },
	{ "/api/rising", api_rising, HTTP_JSON },
	{ "/api/topics", api_topics, HTTP_JSON },
	{ "/api/search", api_search, HTTP_JSON },
	{ "/api/report", api_report, HTTP_JSON },
};
#define HTTP_NROUTES	(sizeof http_routes / sizeof http_routes[0])

/* The reason phrase of the statuses we send. */
static const char *
http_reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 400:
		return "Bad Request";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 501:
		return "Not Implemented";
	case 503:
		return "Service Unavailable";
	default:
		return "Internal Server Error";
	}
}

/*
 * Send without Nagle's delay: libevent writes a large answer in 16 KiB
 * pieces, and a keep-alive client's delayed ACK would hold the last one
 * for 40 ms.
 */
static void
http_nodelay(struct evhttp_request *req)
{
	struct evhttp_connection	*evcon;
	struct bufferevent		*bev;
	evutil_socket_t			 fd;
	int				 one = 1;

	if ((evcon = evhttp_request_get_connection(req)) == NULL ||
	    (bev = evhttp_connection_get_bufferevent(evcon)) == NULL ||
	    (fd = bufferevent_getfd(bev)) < 0)
		return;
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* Send body (taken over) with status and content type. */
static void
http_send(struct http *h, struct evhttp_request *req, int status,
    const char *type, char *body)
{
	struct evkeyvalq	*out = evhttp_request_get_output_headers(req);
	struct evbuffer		*buf = evbuffer_new();

	evhttp_add_header(out, "Content-Type", type);
	evhttp_add_header(out, "Cache-Control", "no-store");
	evhttp_add_header(out, "X-Content-Type-Options", "nosniff");
	evhttp_add_header(out, "Referrer-Policy", "no-referrer");
	if (strcmp(type, HTTP_HTML) == 0) {
		evhttp_add_header(out, "Content-Security-Policy", HTTP_CSP);
		evhttp_add_header(out, "X-Frame-Options", "DENY");
	}
	if (status == 405)
		evhttp_add_header(out, "Allow", "GET, HEAD");
	if (buf != NULL && body != NULL)
		evbuffer_add(buf, body, strlen(body));
	free(body);
	if (status >= 100 && status < 600)
		h->ctx->http[status / 100]++;
	http_nodelay(req);
	evhttp_send_reply(req, status, http_reason(status), buf);
	if (buf != NULL)
		evbuffer_free(buf);
}

/* Send a JSON error. */
static void
http_error(struct http *h, struct evhttp_request *req, int status,
    const char *message)
{
	http_send(h, req, status, HTTP_JSON, render_error_json(status, message));
}

/* Whether a loopback name: localhost, 127.0.0.0/8 or ::1. */
static int
http_is_loopback(const char *name, size_t len)
{
	return (len == 9 && strncasecmp(name, "localhost", 9) == 0) ||
	    (len >= 4 && strncmp(name, "127.", 4) == 0 &&
	    strspn(name, "0123456789.") >= len) ||
	    (len == 3 && strncmp(name, "::1", 3) == 0);
}

/*
 * Whether the Host header is one this interface is reached by. When it
 * listens on loopback, only a loopback name is: a web page elsewhere that
 * resolves its own name to 127.0.0.1 (DNS rebinding) is refused.
 */
static int
http_host_ok(struct http *h, struct evhttp_request *req)
{
	const char	*host, *end;

	if (!h->loopback)
		return 1;
	host = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "Host");
	if (host == NULL)
		return 1;	/* HTTP/1.0 */
	if (*host == '[') {
		host++;
		if ((end = strchr(host, ']')) == NULL)
			return 0;
	} else
		end = host + strcspn(host, ":");
	return http_is_loopback(host, (size_t)(end - host));
}

/* Every request: route it, answer it, never fail the daemon. */
static void
http_request_cb(struct evhttp_request *req, void *arg)
{
	struct http			*h = arg;
	const struct evhttp_uri		*uri;
	const struct http_route		*r = NULL;
	struct options_query		 q;
	enum evhttp_cmd_type		 cmd = evhttp_request_get_command(req);
	const char			*path;
	char				*body, *cause = NULL;
	size_t				 i;
	int				 status = 200;

	if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD) {
		http_error(h, req, 405, "only GET and HEAD");
		return;
	}
	if (!http_host_ok(h, req)) {
		http_error(h, req, 403, "not a local Host");
		return;
	}
	uri = evhttp_request_get_evhttp_uri(req);
	path = uri != NULL ? evhttp_uri_get_path(uri) : NULL;
	for (i = 0; path != NULL && i < HTTP_NROUTES; i++) {
		if (strcmp(path, http_routes[i].path) == 0)
			r = &http_routes[i];
	}
	if (r == NULL) {
		http_error(h, req, 404, "no such page");
		return;
	}
	if (r->fn == NULL) {
		http_send(h, req, 200, r->type, xstrdup(embedded_dashboard));
		return;
	}
	if (options_query_parse(evhttp_uri_get_query(uri), &q, &cause) != 0) {
		http_error(h, req, 400, cause);
		free(cause);
		return;
	}
	body = r->fn(h->ctx, &q, &status, &cause);
	store_release(h->ctx->store);
	options_query_clear(&q);
	if (body != NULL) {
		http_send(h, req, 200, r->type, body);
		return;
	}
	if (status == 200)
		status = 500;
	if (status >= 500 && status != 501)
		log_warnx("http %s: %s", r->path, cause != NULL ? cause :
		    "failed");
	http_error(h, req, status, cause != NULL ? cause : "failed");
	free(cause);
}

/*
 * Listen on listen ("[ADDRESS:]PORT", checked by the config) on base,
 * answering from ctx. NULL with *cause if the address cannot be bound.
 */
struct http *
http_start(struct event_base *base, const char *listen, struct api_ctx *ctx,
    char **cause)
{
	struct http	*h = xcalloc(1, sizeof *h);
	unsigned short	 port;

	if (config_listen(listen, &h->addr, &port) != 0) {
		xasprintf(cause, "listen = %s: not [ADDRESS:]PORT", listen);
		goto fail;
	}
	h->ctx = ctx;
	h->loopback = http_is_loopback(h->addr, strlen(h->addr));
	if ((h->eh = evhttp_new(base)) == NULL) {
		*cause = xstrdup("cannot start the HTTP interface");
		goto fail;
	}
	evhttp_set_allowed_methods(h->eh, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD |
	    EVHTTP_REQ_POST | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE |
	    EVHTTP_REQ_OPTIONS | EVHTTP_REQ_PATCH);
	evhttp_set_max_headers_size(h->eh, HTTP_MAX_HEADERS);
	evhttp_set_max_body_size(h->eh, HTTP_MAX_BODY);
	evhttp_set_timeout(h->eh, HTTP_TIMEOUT);
	evhttp_set_gencb(h->eh, http_request_cb, h);
	errno = 0;
	if (evhttp_bind_socket_with_handle(h->eh, h->addr, port) == NULL) {
		xasprintf(cause, "listen = %s: cannot listen there%s%s",
		    listen, errno != 0 ? ": " : "", errno != 0 ?
		    strerror(errno) : "");
		goto fail;
	}
	log_info("dashboard and API on http://%s%s%s:%u/",
	    strchr(h->addr, ':') != NULL ? "[" : "", h->addr,
	    strchr(h->addr, ':') != NULL ? "]" : "", (unsigned)port);
	return h;
fail:
	http_free(h);
	return NULL;
}

/* Stop listening and free; NULL is fine. */
void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	if (h->eh != NULL)
		evhttp_free(h->eh);
	free(h->addr);
	free(h);
}
