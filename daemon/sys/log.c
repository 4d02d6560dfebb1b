/*
 * Logging: one line a message, to stderr (prefixed with the program name)
 * or to syslog. log_warn appends strerror(errno); fatal exits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "daemon/sys/sys.h"

static const char	*log_name = "topic";
static int		 log_to_stderr = 1;
static int		 log_level = 0;	/* 0 warnings and info, 1+ debug */
static FILE		*log_file;	/* when logging to a file */
static char		*log_path;

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

/* Log to a file (appending) instead; 0 or -1 with errno set. */
int
log_open_file(const char *path)
{
	FILE	*f;

	if ((f = fopen(path, "ae")) == NULL)
		return -1;
	setvbuf(f, NULL, _IOLBF, 0);
	if (log_file != NULL)
		fclose(log_file);
	log_file = f;
	if (log_path != path) {
		free(log_path);
		log_path = strdup(path);
	}
	log_to_stderr = 0;
	return 0;
}

/* Reopen the log file (after rotation, on SIGUSR1); no-op for syslog. */
int
log_reopen(void)
{
	if (log_file == NULL || log_path == NULL)
		return 0;
	return log_open_file(log_path);
}

/* Set how much is logged: 0 normal, 1 or more debug. */
void
log_verbose(int level)
{
	log_level = level;
}

static void	log_vwrite(int, const char *, const char *, va_list)
		    __attribute__((format(printf, 3, 0)));

/* Write one message at a syslog priority, with an optional strerror. */
static void
log_vwrite(int pri, const char *err, const char *fmt, va_list ap)
{
	char	 msg[2048];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (log_file != NULL) {
		char		 stamp[32];
		time_t		 now = time(NULL);
		struct tm	 tm;

		localtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S%z", &tm);
		if (err != NULL)
			fprintf(log_file, "%s %s[%ld]: %s: %s\n", stamp,
			    log_name, (long)getpid(), msg, err);
		else
			fprintf(log_file, "%s %s[%ld]: %s\n", stamp, log_name,
			    (long)getpid(), msg);
	} else if (log_to_stderr) {
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

/* A warning of cause, a reason the caller owns, then free it; NULL is none. */
void
log_cause(char *cause)
{
	if (cause == NULL)
		return;
	log_warnx("%s", cause);
	free(cause);
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
