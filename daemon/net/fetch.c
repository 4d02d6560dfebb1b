/*
 * Fetching a digest with libcurl: the one option setup every transfer
 * uses (TLS verified, timeouts, at most 5 redirects, http/https/file only,
 * gzip accepted, a body cap counted after decompression), usable on the
 * daemon's multi-socket loop, and a blocking fetch_url() for topic ingest.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/net/net.h"

/* The limits the daemon and topic ingest use unless told otherwise. */
void
fetch_limits_default(struct fetch_limits *l)
{
	l->timeout = FETCH_TIMEOUT;
	l->connect_timeout = FETCH_CONNECT_TIMEOUT;
	l->max_redirects = FETCH_MAX_REDIRECTS;
	l->max_body = FETCH_MAX_BODY;
}

/* Whether s is a URL this program fetches (http, https, file). */
int
fetch_is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0 ||
	    strncasecmp(s, "file://", 7) == 0;
}

/* Body data (decompressed): append, or stop the transfer past the cap. */
static size_t
fetch_write_cb(char *data, size_t size, size_t n, void *arg)
{
	struct fetch_response	*r = arg;
	size_t			 len = size * n;

	if (len > r->max_body - r->len) {
		r->too_large = 1;
		return 0;
	}
	if (r->len + len + 1 > r->cap) {
		while (r->len + len + 1 > r->cap)
			r->cap = r->cap ? r->cap * 2 : 65536;
		r->body = xrealloc(r->body, r->cap);
	}
	memcpy(r->body + r->len, data, len);
	r->len += len;
	r->body[r->len] = '\0';
	return len;
}

/* Replace *field with the header's value, trimmed. */
static void
fetch_header_value(char **field, const char *v, size_t len)
{
	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == '\r' || v[len - 1] == '\n' ||
	    v[len - 1] == ' '))
		len--;
	free(*field);
	*field = xstrndup(v, len);
}

/* One response header: keep the validators of the final response. */
static size_t
fetch_header_cb(char *data, size_t size, size_t n, void *arg)
{
	struct fetch_response	*r = arg;
	size_t			 len = size * n;

	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		free(r->etag);
		free(r->last_modified);
		r->etag = r->last_modified = NULL;
	} else if (len > 5 && strncasecmp(data, "ETag:", 5) == 0)
		fetch_header_value(&r->etag, data + 5, len - 5);
	else if (len > 14 && strncasecmp(data, "Last-Modified:", 14) == 0)
		fetch_header_value(&r->last_modified, data + 14, len - 14);
	return len;
}

/*
 * Set every option a digest transfer needs on h, writing into r (which
 * must stay put until the transfer is done). 0, or -1 if libcurl refuses
 * an option.
 */
int
fetch_setup(CURL *h, const struct fetch_limits *l, struct fetch_response *r)
{
	CURLcode	 rc = CURLE_OK;

	memset(r, 0, sizeof *r);
	r->max_body = l->max_body;
#define SET(opt, val) do {					\
	if (rc == CURLE_OK)					\
		rc = libcurl.easy_setopt(h, opt, val);		\
} while (0)
	SET(CURLOPT_PROTOCOLS_STR, "http,https,file");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, l->max_redirects);
	SET(CURLOPT_TIMEOUT, l->timeout);
	SET(CURLOPT_CONNECTTIMEOUT, l->connect_timeout);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)l->max_body);
	SET(CURLOPT_USERAGENT, FETCH_USER_AGENT);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_WRITEFUNCTION, fetch_write_cb);
	SET(CURLOPT_WRITEDATA, r);
	SET(CURLOPT_HEADERFUNCTION, fetch_header_cb);
	SET(CURLOPT_HEADERDATA, r);
	SET(CURLOPT_ERRORBUFFER, r->error);
#undef SET
	return rc == CURLE_OK ? 0 : -1;
}

/*
 * A finished transfer: 0 when the body is a digest to read (2xx, or a
 * file), else -1 with *cause naming the URL and what went wrong.
 */
int
fetch_done(CURL *h, CURLcode rc, struct fetch_response *r, const char *url,
    char **cause)
{
	char	*type = NULL, *eff = NULL;

	libcurl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	if (libcurl.easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK &&
	    type != NULL)
		r->content_type = xstrdup(type);
	if (libcurl.easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK &&
	    eff != NULL)
		r->url = xstrdup(eff);
	if (r->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
		if (r->max_body >= 1 << 20)
			xasprintf(cause, "%s: body larger than %zu MiB (once "
			    "decompressed)", url, r->max_body >> 20);
		else
			xasprintf(cause, "%s: body larger than %zu bytes (once "
			    "decompressed)", url, r->max_body);
		return -1;
	}
	if (rc != CURLE_OK) {
		xasprintf(cause, "%s: %s", url, *r->error != '\0' ? r->error :
		    libcurl.easy_strerror(rc));
		return -1;
	}
	if (strncasecmp(url, "http", 4) == 0 &&
	    (r->status < 200 || r->status > 299)) {
		xasprintf(cause, "%s: HTTP status %ld", url, r->status);
		return -1;
	}
	if (r->body == NULL)
		r->body = xcalloc(1, 1);
	return 0;
}

/* Free what a response holds; the struct can be reused. */
void
fetch_response_free(struct fetch_response *r)
{
	free(r->body);
	free(r->content_type);
	free(r->etag);
	free(r->last_modified);
	free(r->url);
	memset(r, 0, sizeof *r);
}

/* Fetch url with a blocking transfer; 0, or -1 with *cause. */
int
fetch_url(const char *url, const struct fetch_limits *l,
    struct fetch_response *r, char **cause)
{
	CURL		*h;
	CURLcode	 rc;
	char		*why;
	int		 ret;

	memset(r, 0, sizeof *r);
	if (libcurl_load(&why) != 0) {
		xasprintf(cause, "%s: %s", url, why);
		free(why);
		return -1;
	}
	if ((h = libcurl.easy_init()) == NULL) {
		xasprintf(cause, "%s: cannot start libcurl", url);
		return -1;
	}
	if (fetch_setup(h, l, r) != 0 ||
	    libcurl.easy_setopt(h, CURLOPT_URL, url) != CURLE_OK) {
		xasprintf(cause, "%s: libcurl refuses an option", url);
		libcurl.easy_cleanup(h);
		return -1;
	}
	rc = libcurl.easy_perform(h);
	ret = fetch_done(h, rc, r, url, cause);
	libcurl.easy_cleanup(h);
	if (ret != 0)
		fetch_response_free(r);
	return ret;
}
