/*
 * One logging API for both programs: stderr in the foreground, syslog
 * when detached. Leaf utility.
 */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>

void	log_init(const char *, int, int);
void	log_verbose(int);
int	log_open_file(const char *);
int	log_reopen(void);
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
