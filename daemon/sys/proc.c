/*
 * Processes. Ours: its heap settings. Children (gnuplot, alert
 * commands): fork and exec with an argv, never a shell. The callers watch
 * and time them: plot.c by poll, the alert deliveries on the event loop
 * (deliver.c).
 */
#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/sys/sys.h"

/*
 * Large blocks (vocabularies, hash tables) go back to the system when
 * freed, rather than lingering in the heap (glibc's adaptive threshold
 * would keep them after the first free); and the ingest's second thread
 * shares the one heap instead of growing its own. glibc only: other C
 * libraries keep their own defaults.
 */
void
proc_heap_setup(void)
{
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, 256 << 10);
	mallopt(M_ARENA_MAX, 1);
#endif
}

/*
 * Start argv[0] (looked up in PATH) with argv, in folder dir (NULL: here).
 * Its standard input is in_fd (-1: /dev/null), its output /dev/null, its
 * errors err_fd (-1: ours). If it cannot be run it exits 127 after
 * writing PROC_EXEC_FAILED and the reason to its errors. 0 with *pid, or
 * -1 with *cause.
 */
int
proc_spawn(const char *dir, char *const argv[], int in_fd, int err_fd,
    pid_t *pid, char **cause)
{
	int	 null;

	if ((*pid = fork()) < 0) {
		xasprintf(cause, "%s: fork: %s", argv[0], strerror(errno));
		return -1;
	}
	if (*pid != 0)
		return 0;
	if ((null = open("/dev/null", O_RDWR)) >= 0) {
		dup2(in_fd >= 0 ? in_fd : null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
	}
	if (err_fd >= 0)
		dup2(err_fd, STDERR_FILENO);
	if (dir != NULL && chdir(dir) != 0)
		_exit(126);
	execvp(argv[0], argv);
	dprintf(STDERR_FILENO, "%s%s\n", PROC_EXEC_FAILED, strerror(errno));
	_exit(127);
}
