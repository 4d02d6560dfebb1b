/*
 * libcurl, loaded when the first transfer needs it. topic links the net
 * room for backfill and deliveries, but most of its commands never fetch:
 * linked directly, libcurl would bring 27 more libraries (TLS, Kerberos,
 * LDAP, SSH) into every run, 4 MiB of resident memory and their start-up
 * relocations. Every call into libcurl goes through the table libcurl,
 * whose members have the types curl.h declares.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>

#include "daemon/net/net.h"

/* The soname of the ABI curl.h describes (libcurl 7.16 onwards). */
#define LIBCURL_SONAME	"libcurl.so.4"

struct libcurl		 libcurl;
static pthread_once_t	 libcurl_once = PTHREAD_ONCE_INIT;
static char		*libcurl_error;

/* Undo curl_global_init at exit, once every transfer has ended. */
static void
libcurl_cleanup(void)
{
	libcurl.global_cleanup();
}

/* Open libcurl, find each function and start it; else say why. */
static void
libcurl_open(void)
{
	void	*h;

	if ((h = dlopen(LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		xasprintf(&libcurl_error, "cannot load %s: %s", LIBCURL_SONAME,
		    dlerror());
		return;
	}
#define LIBCURL_LOOKUP(f)						\
	if ((*(void **)&libcurl.f = dlsym(h, "curl_" #f)) == NULL) {	\
		xasprintf(&libcurl_error, "%s has no curl_%s",		\
		    LIBCURL_SONAME, #f);				\
		return;							\
	}
	LIBCURL_FUNCTIONS(LIBCURL_LOOKUP)
#undef LIBCURL_LOOKUP
	if (libcurl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		xasprintf(&libcurl_error, "cannot start %s", LIBCURL_SONAME);
		return;
	}
	atexit(libcurl_cleanup);
}

/* Load and start libcurl once; 0, or -1 with *cause (each call says it). */
int
libcurl_load(char **cause)
{
	pthread_once(&libcurl_once, libcurl_open);
	if (libcurl_error != NULL) {
		*cause = xstrdup(libcurl_error);
		return -1;
	}
	return 0;
}
