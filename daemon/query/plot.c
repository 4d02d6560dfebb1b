/*
 * Drawing charts: writes a chart's data and script (from reports/chart.c)
 * into a fresh folder inside the output folder, runs gnuplot there by
 * fork/exec (never a shell) with a timeout, then renames the files into
 * place, so a reader never sees half a chart.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "daemon/query/query.h"
#include "daemon/sys/sys.h"

#define PLOT_TIMEOUT	30	/* seconds gnuplot may take for a chart */

/* Milliseconds on the monotonic clock. */
static long long
plot_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The first line of gnuplot's messages, for an error. */
static const char *
plot_first_line(char *msg)
{
	char	*p = msg;

	while (*p == '\n' || *p == ' ')
		p++;
	/* gnuplot points at the bad spot on a line of its own: skip it. */
	p[strcspn(p, "\n")] = '\0';
	return *p ? p : "no message";
}

/*
 * Run gnuplot on script inside dir; killed after timeout seconds. 0, or
 * -1 with *cause (gnuplot missing, failing or too slow).
 */
int
plot_gnuplot(const char *dir, const char *script, int timeout, char **cause)
{
	struct pollfd	 pfd;
	char		*argv[] = { (char *)"gnuplot", (char *)script, NULL };
	char		 msg[4096];
	size_t		 len = 0;
	long long	 deadline = plot_now_ms() + (long long)timeout * 1000;
	ssize_t		 n;
	pid_t		 pid;
	int		 fds[2], status, left, timed_out = 0;

	if (pipe2(fds, O_CLOEXEC) != 0) {
		xasprintf(cause, "gnuplot: pipe: %s", strerror(errno));
		return -1;
	}
	if (proc_spawn(dir, argv, -1, fds[1], &pid, cause) != 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	for (;;) {
		left = (int)(deadline - plot_now_ms());
		if (left <= 0) {
			timed_out = 1;
			break;
		}
		if (poll(&pfd, 1, left) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd.revents == 0)
			continue;
		n = read(fds[0], msg + len, sizeof msg - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (len == sizeof msg - 1)
			len = 0;	/* keep reading; only the gist matters */
	}
	msg[len] = '\0';
	close(fds[0]);
	if (timed_out)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timed_out) {
		xasprintf(cause, "gnuplot: no answer after %d s: stopped",
		    timeout);
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127 &&
	    strstr(msg, PROC_EXEC_FAILED) != NULL) {
		xasprintf(cause, "gnuplot: cannot run it (%s): install "
		    "gnuplot-nox", plot_first_line(strstr(msg,
		    PROC_EXEC_FAILED) + strlen(PROC_EXEC_FAILED)));
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		xasprintf(cause, "gnuplot failed on %s: %s", script,
		    plot_first_line(msg));
		return -1;
	}
	if (len > 0)
		log_debug("gnuplot: %s", plot_first_line(msg));
	return 0;
}

/* Write one file into dir. */
static int
plot_file(const char *dir, const char *name, const char *ext,
    const char *text, char **cause)
{
	char	*path;
	int	 rc;

	xasprintf(&path, "%s/%s.%s", dir, name, ext);
	rc = file_write_atomic(path, text, strlen(text), cause);
	free(path);
	return rc;
}

/* Move dir/NAME.EXT to out/NAME.EXT. */
static int
plot_move(const char *dir, const char *out, const char *name, const char *ext,
    char **cause)
{
	char	*from, *to;
	int	 rc = 0;

	xasprintf(&from, "%s/%s.%s", dir, name, ext);
	xasprintf(&to, "%s/%s.%s", out, name, ext);
	if (rename(from, to) != 0) {
		xasprintf(cause, "%s: %s", to, strerror(errno));
		rc = -1;
	}
	free(from);
	free(to);
	return rc;
}

/* Remove dir/NAME.EXT if it is there. */
static void
plot_unlink(const char *dir, const char *name, const char *ext)
{
	char	*path;

	xasprintf(&path, "%s/%s.%s", dir, name, ext);
	unlink(path);
	free(path);
}

/*
 * Draw chart c from its data and script into folder out: NAME.dat,
 * NAME.gp and the image NAME.png or NAME.svg. The data and script land
 * even when gnuplot fails (its error is returned), so they can be drawn
 * by hand.
 */
int
plot_write(const char *out, const struct chart_spec *c, const char *data,
    const char *script, char **cause)
{
	char	*dir, *gp, *why = NULL;
	int	 rc = -1;

	if (mkdir(out, 0755) != 0 && errno != EEXIST) {
		xasprintf(cause, "%s: %s", out, strerror(errno));
		return -1;
	}
	xasprintf(&dir, "%s/.topic-chart-XXXXXX", out);
	if (mkdtemp(dir) == NULL) {
		xasprintf(cause, "%s: %s", out, strerror(errno));
		free(dir);
		return -1;
	}
	xasprintf(&gp, "%s.gp", c->name);
	if (plot_file(dir, c->name, "dat", data, cause) != 0 ||
	    plot_file(dir, c->name, "gp", script, cause) != 0)
		goto out;
	if (plot_gnuplot(dir, gp, PLOT_TIMEOUT, &why) == 0 &&
	    plot_move(dir, out, c->name, c->format, &why) == 0)
		rc = 0;
	if (plot_move(dir, out, c->name, "dat", cause) != 0 ||
	    plot_move(dir, out, c->name, "gp", cause) != 0)
		rc = -1;
	else if (rc != 0)
		*cause = why, why = NULL;
out:
	free(why);
	plot_unlink(dir, c->name, c->format);
	plot_unlink(dir, c->name, "dat");
	plot_unlink(dir, c->name, "gp");
	rmdir(dir);
	free(dir);
	free(gp);
	return rc;
}
