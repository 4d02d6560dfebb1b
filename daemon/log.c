/*
 * Logging: one line a message, to stderr (prefixed with the program name)
 * or to syslog. log_warn appends strerror(errno); fatal exits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "log.h"

static const char	*log_name = "topic";
static int		 log_to_stderr = 1;
static int		 log_level = 0;	/* 0 warnings and info, 1+ debug */

/* Start logging as name, to stderr or (detached) syslog. */
void
log_init(const char *name, int foreground, int verbose)
{
	log_name = name;
	log_to_stderr = foreground;
	log_level = verbose;
	if (!foreground)
		openlog(name, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

/* Set how much is logged: 0 normal, 1 or more debug. */
void
log_verbose(int level)
{
	log_level = level;
}

/* Write one message at a syslog priority, with an optional strerror. */
static void
log_vwrite(int pri, const char *err, const char *fmt, va_list ap)
{
	char	 msg[2048];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (log_to_stderr) {
		if (err != NULL)
			fprintf(stderr, "%s: %s: %s\n", log_name, msg, err);
		else
			fprintf(stderr, "%s: %s\n", log_name, msg);
		fflush(stderr);
	} else if (err != NULL)
		syslog(pri, "%s: %s", msg, err);
	else
		syslog(pri, "%s", msg);
}

/* A warning with strerror(errno) appended. */
void
log_warn(const char *fmt, ...)
{
	const char	*err = strerror(errno);
	va_list		 ap;

	va_start(ap, fmt);
	log_vwrite(LOG_WARNING, err, fmt, ap);
	va_end(ap);
}

/* A warning. */
void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(LOG_WARNING, NULL, fmt, ap);
	va_end(ap);
}

/* An informational message. */
void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(LOG_INFO, NULL, fmt, ap);
	va_end(ap);
}

/* A debugging message, shown with -v. */
void
log_debug(const char *fmt, ...)
{
	va_list	 ap;

	if (log_level < 1)
		return;
	va_start(ap, fmt);
	log_vwrite(LOG_DEBUG, NULL, fmt, ap);
	va_end(ap);
}

/* Log with strerror(errno) and exit 1. */
void
fatal(const char *fmt, ...)
{
	const char	*err = strerror(errno);
	va_list		 ap;

	va_start(ap, fmt);
	log_vwrite(LOG_CRIT, err, fmt, ap);
	va_end(ap);
	exit(1);
}

/* Log and exit 1. */
void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(LOG_CRIT, NULL, fmt, ap);
	va_end(ap);
	exit(1);
}
