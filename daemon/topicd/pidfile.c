/*
 * One daemon per database: an exclusive lock on the database file itself
 * (flock, which SQLite's own POSIX locks leave alone) and on the pid file,
 * held for the daemon's life. A second topicd is refused with a message
 * that says which pid holds them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>

#include "daemon/topicd/topicd.h"

/* The pid written in a pid file, or 0. */
static long
pidfile_read(const char *path)
{
	FILE	*f;
	long	 pid = 0;

	if ((f = fopen(path, "r")) != NULL) {
		if (fscanf(f, "%ld", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	return pid;
}

/* Open path (creating it) and lock it; -1 with *cause if it is taken. */
static int
pidfile_take(const char *path, const char *what, const char *pidpath,
    int *fd, char **cause)
{
	long	 pid;

	if ((*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (flock(*fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno == EWOULDBLOCK) {
		pid = pidfile_read(pidpath);
		if (pid > 0)
			xasprintf(cause, "%s: %s is in use by another topicd "
			    "(pid %ld)", path, what, pid);
		else
			xasprintf(cause, "%s: %s is in use by another topicd",
			    path, what);
	} else
		xasprintf(cause, "%s: cannot lock: %s", path, strerror(errno));
	close(*fd);
	*fd = -1;
	return -1;
}

/*
 * Lock the database and the pid file for this daemon; their descriptors
 * go to *dbfd and *pidfd and stay open (and locked) until exit.
 */
int
pidfile_lock(const char *database, const char *pidpath, int *dbfd, int *pidfd,
    char **cause)
{
	if (pidfile_take(database, "the database", pidpath, dbfd, cause) != 0)
		return -1;
	if (pidfile_take(pidpath, "the pid file", pidpath, pidfd, cause) != 0) {
		close(*dbfd);
		*dbfd = -1;
		return -1;
	}
	return 0;
}

/* Write our pid into the locked pid file. */
int
pidfile_write(int fd, char **cause)
{
	char	 buf[32];
	int	 n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());

	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n) {
		xasprintf(cause, "pid file: %s", strerror(errno));
		return -1;
	}
	return 0;
}
