/*
 * Delivering alert notifications without blocking the loop: a command by
 * fork/exec with the JSON on its standard input, watched by a SIGCHLD
 * event and killed by a timer; a webhook POST and a mail through libcurl
 * multi (fetch_multi.c); a JSON line appended to a file. The outbox in
 * the store says what to deliver; a failure is retried with back-off and
 * then logged, and never loses the notification before that.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include <event2/event.h>

#include "daemon/net/net.h"
#include "daemon/sys/sys.h"

#define DELIVER_MAIL_TIMEOUT	60	/* seconds for one mail */
#define DELIVER_LEASE		60	/* seconds a claim outlives a timeout */
#define DELIVER_RESPONSE_MAX	65536	/* bytes of a webhook's answer read */
#define DELIVER_BACKOFF_MAX	86400	/* longest wait between retries */

/* An alert command running. */
struct child {
	struct deliverer	*dl;
	pid_t			 pid;
	int			 fd;		/* its standard input, or -1 */
	struct event		*write_ev;
	struct event		*timer;
	char			*buf;		/* the JSON still to write */
	size_t			 len, off;
	long			 timeout;
	int			 timed_out;
	struct delivery_done	*dd;
	struct child		*next;
};

/* Who to tell when one delivery ends. */
struct delivery_done {
	struct deliverer	*dl;
	deliver_done_cb		 cb;
	void			*arg;
};

/* An outbox row in flight. */
struct outbox_job {
	struct deliverer	*dl;
	int64_t			 id;
	int			 attempts;
	long long		 retries;
	long long		 retry_wait;
	char			*what;		/* "alert NAME: webhook" */
};

struct deliverer {
	struct event_base	*base;
	struct fetcher		*fetcher;
	struct store		*store;
	const struct config	*conf;
	const char		*user_agent;
	struct event		*timer;		/* the next outbox run */
	struct event		*sigchld;
	struct child		*children;
	size_t			 active;	/* deliveries in flight */
	int			 once;		/* no timer for later retries */
	int			 due;		/* a run is armed to happen now */
	void			(*idle)(void *);
	void			*idle_arg;
};

static const struct timeval deliver_now = { 0, 0 };

static void	deliver_run_cb(evutil_socket_t, short, void *);
static void	deliver_sigchld_cb(evutil_socket_t, short, void *);

/*
 * A deliverer on base, sending HTTP and mail through fetcher and taking
 * its work from store's outbox (all borrowed). With once, failed
 * deliveries wait for the next run instead of a timer. idle(arg) is
 * called whenever nothing is left in flight.
 */
struct deliverer *
deliverer_new(struct event_base *base, struct fetcher *fetcher,
    struct store *store, int once, void (*idle)(void *), void *idle_arg)
{
	struct deliverer	*dl = xcalloc(1, sizeof *dl);

	dl->base = base;
	dl->fetcher = fetcher;
	dl->store = store;
	dl->once = once;
	dl->idle = idle;
	dl->idle_arg = idle_arg;
	dl->timer = evtimer_new(base, deliver_run_cb, dl);
	dl->sigchld = evsignal_new(base, SIGCHLD, deliver_sigchld_cb, dl);
	evsignal_add(dl->sigchld, NULL);
	signal(SIGPIPE, SIG_IGN);
	return dl;
}

/* Free a deliverer; commands still running are killed. NULL is fine. */
void
deliverer_free(struct deliverer *dl)
{
	struct child	*c, *next;
	int		 status;

	if (dl == NULL)
		return;
	for (c = dl->children; c != NULL; c = next) {
		next = c->next;
		kill(c->pid, SIGKILL);
		while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
			;
		if (c->fd >= 0)
			close(c->fd);
		event_free(c->write_ev);
		event_free(c->timer);
		free(c->buf);
		free(c->dd);
		free(c);
	}
	event_free(dl->timer);
	event_free(dl->sigchld);
	free(dl);
}

/* Whether a delivery is in flight or an outbox run is about to happen. */
int
deliverer_busy(const struct deliverer *dl)
{
	return dl->active > 0 || dl->due;
}

/* A delivery ended: tell its owner, and the deliverer's if all are done. */
static void
deliver_finish(struct delivery_done *dd, const char *error)
{
	struct deliverer	*dl = dd->dl;

	dl->active--;
	dd->cb(error, dd->arg);
	free(dd);
	if (!deliverer_busy(dl) && dl->idle != NULL)
		dl->idle(dl->idle_arg);
}

/* Stop writing to a command's standard input. */
static void
deliver_child_close(struct child *c)
{
	if (c->fd < 0)
		return;
	event_del(c->write_ev);
	close(c->fd);
	c->fd = -1;
}

/* The command's stdin can take more of the JSON. */
static void
deliver_child_write_cb(evutil_socket_t fd, short what, void *arg)
{
	struct child	*c = arg;
	ssize_t		 n;

	(void)what;
	n = write(fd, c->buf + c->off, c->len - c->off);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n > 0)
		c->off += (size_t)n;
	if (n <= 0 || c->off == c->len)
		deliver_child_close(c);	/* done, or it stopped reading */
}

/* A command ran out of time: kill it (SIGCHLD reaps it). */
static void
deliver_child_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	struct child	*c = arg;

	(void)fd;
	(void)what;
	c->timed_out = 1;
	kill(c->pid, SIGKILL);
}

/* SIGCHLD: reap the commands that ended and finish their deliveries. */
static void
deliver_sigchld_cb(evutil_socket_t sig, short what, void *arg)
{
	struct deliverer	*dl = arg;
	struct child		**cp, *c;
	char			*error = NULL;
	int			 status;

	(void)sig;
	(void)what;
	for (cp = &dl->children; (c = *cp) != NULL;) {
		if (waitpid(c->pid, &status, WNOHANG) != c->pid) {
			cp = &c->next;
			continue;
		}
		*cp = c->next;
		if (c->timed_out)
			xasprintf(&error, "no answer after %ld s: killed",
			    c->timeout);
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			xasprintf(&error, "cannot run it (exit status 127)");
		else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
			xasprintf(&error, "exit status %d",
			    WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			xasprintf(&error, "killed by signal %d",
			    WTERMSIG(status));
		deliver_child_close(c);
		event_free(c->write_ev);
		event_free(c->timer);
		free(c->buf);
		deliver_finish(c->dd, error);
		free(error);
		error = NULL;
		free(c);
	}
}

/* Run the rule's command with payload on its standard input. */
static int
deliver_exec(struct deliverer *dl, const struct alert_conf *a,
    const char *payload, struct delivery_done *dd, char **cause)
{
	struct child	*c;
	struct timeval	 tv = { (time_t)a->exec_timeout, 0 };
	char		**argv, **args;
	size_t		 n;
	int		 fds[2];

	if (split_words(a->exec, &argv, &n, cause) != 0)
		return -1;
	if (pipe2(fds, O_CLOEXEC) != 0) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		split_free(argv, n);
		return -1;
	}
	args = xcalloc(n + 1, sizeof *args);
	memcpy(args, argv, n * sizeof *args);
	c = xcalloc(1, sizeof *c);
	if (proc_spawn(NULL, args, fds[0], -1, &c->pid, cause) != 0) {
		close(fds[0]);
		close(fds[1]);
		free(args);
		split_free(argv, n);
		free(c);
		return -1;
	}
	close(fds[0]);
	free(args);
	split_free(argv, n);
	fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
	c->dl = dl;
	c->fd = fds[1];
	c->timeout = (long)a->exec_timeout;
	xasprintf(&c->buf, "%s\n", payload);
	c->len = strlen(c->buf);
	c->dd = dd;
	c->write_ev = event_new(dl->base, c->fd, EV_WRITE | EV_PERSIST,
	    deliver_child_write_cb, c);
	event_add(c->write_ev, NULL);
	c->timer = evtimer_new(dl->base, deliver_child_timeout_cb, c);
	evtimer_add(c->timer, &tv);
	c->next = dl->children;
	dl->children = c;
	return 0;
}

/* A webhook POST or a mail ended. */
static void
deliver_fetched(struct fetch_response *r, const char *error, void *arg)
{
	(void)r;
	deliver_finish(arg, error);
}

/* Append payload as one line to the rule's file. */
static int
deliver_file(const struct alert_conf *a, const char *payload, char **cause)
{
	char	*line;
	size_t	 len;
	ssize_t	 n;
	int	 fd;

	if ((fd = open(a->file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0640)) < 0) {
		xasprintf(cause, "%s: %s", a->file, strerror(errno));
		return -1;
	}
	xasprintf(&line, "%s\n", payload);
	len = strlen(line);
	n = write(fd, line, len);
	free(line);
	if (n != (ssize_t)len) {
		xasprintf(cause, "%s: %s", a->file, n < 0 ? strerror(errno) :
		    "short write");
		close(fd);
		return -1;
	}
	if (close(fd) != 0) {
		xasprintf(cause, "%s: %s", a->file, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Deliver one notification of rule a by channel (exec, webhook, file or
 * mail): payload is its JSON, text and subject its plain text, created
 * its time. cb(error or NULL, arg) is called once when it ends, maybe
 * before this returns.
 */
void
deliver_start(struct deliverer *dl, const struct alert_conf *a,
    const char *channel, const struct outbox_row *o, deliver_done_cb cb,
    void *arg)
{
	struct delivery_done	*dd = xcalloc(1, sizeof *dd);
	struct fetch_request	 rq;
	struct tm		 tm;
	time_t			 created = (time_t)o->created;
	char			*cause = NULL, *msg, date[64];

	dd->dl = dl;
	dd->cb = cb;
	dd->arg = arg;
	dl->active++;
	memset(&rq, 0, sizeof rq);
	rq.user_agent = dl->user_agent;
	fetch_limits_default(&rq.limits);
	rq.limits.max_body = DELIVER_RESPONSE_MAX;
	if (strcmp(channel, "exec") == 0 && *a->exec != '\0') {
		if (deliver_exec(dl, a, o->payload, dd, &cause) == 0)
			return;
	} else if (strcmp(channel, "webhook") == 0 && *a->webhook != '\0') {
		rq.url = a->webhook;
		rq.limits.timeout = (long)a->webhook_timeout;
		if (rq.limits.connect_timeout > rq.limits.timeout)
			rq.limits.connect_timeout = rq.limits.timeout;
		rq.post = o->payload;
		rq.post_len = strlen(o->payload);
		rq.content_type = "application/json";
		if (fetcher_start(dl->fetcher, &rq, deliver_fetched, dd,
		    &cause) == 0)
			return;
	} else if (strcmp(channel, "mail") == 0 && *a->mail != '\0') {
		gmtime_r(&created, &tm);
		strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
		msg = alert_mail(o->subject, o->text, a->mail_from, a->mail,
		    date);
		rq.url = a->smtp;
		rq.limits.timeout = DELIVER_MAIL_TIMEOUT;
		rq.post = msg;
		rq.post_len = strlen(msg);
		rq.mail_from = a->mail_from;
		rq.mail_to = a->mail;
		if (fetcher_start(dl->fetcher, &rq, deliver_fetched, dd,
		    &cause) == 0) {
			free(msg);
			return;
		}
		free(msg);
	} else if (strcmp(channel, "file") == 0 && *a->file != '\0')
		deliver_file(a, o->payload, &cause);
	else
		xasprintf(&cause, "no %s delivery configured", channel);
	deliver_finish(dd, cause);
	free(cause);
}

/* Seconds one delivery by channel may take. */
static long
deliver_timeout(const struct alert_conf *a, const char *channel)
{
	if (strcmp(channel, "exec") == 0)
		return (long)a->exec_timeout;
	if (strcmp(channel, "webhook") == 0)
		return (long)a->webhook_timeout;
	return DELIVER_MAIL_TIMEOUT;
}

/* Log a store failure of the outbox. */
static void
deliver_store_warn(char *cause)
{
	log_warnx("alerts: %s", cause);
	free(cause);
}

/* An outbox delivery ended: mark it sent, or retry later, or give up. */
static void
deliver_job_done(const char *error, void *arg)
{
	struct outbox_job	*j = arg;
	struct deliverer	*dl = j->dl;
	time_t			 now = time(NULL);
	long long		 wait;
	char			*cause = NULL;
	int			 rc, attempts = j->attempts + 1;

	if (error == NULL) {
		log_info("%s: delivered", j->what);
		rc = store_outbox_finish(dl->store, j->id, "sent", attempts,
		    now, NULL, now, &cause);
	} else if (attempts > j->retries) {
		log_warnx("%s: %s; gave up after %d attempt%s", j->what,
		    error, attempts, attempts == 1 ? "" : "s");
		rc = store_outbox_finish(dl->store, j->id, "failed", attempts,
		    now, error, now, &cause);
	} else {
		wait = j->retry_wait << (attempts - 1 < 20 ? attempts - 1 : 20);
		if (wait > DELIVER_BACKOFF_MAX)
			wait = DELIVER_BACKOFF_MAX;
		log_warnx("%s: %s; attempt %d of %lld, next in %lld s",
		    j->what, error, attempts, j->retries + 1, wait);
		rc = store_outbox_finish(dl->store, j->id, "pending", attempts,
		    now + wait, error, 0, &cause);
	}
	if (rc != 0)
		deliver_store_warn(cause);
	free(j->what);
	free(j);
	if (!dl->once && !dl->due)
		evtimer_add(dl->timer, &deliver_now);
}

/* Arm the timer for the next pending row that is not yet due. */
static void
deliver_schedule(struct deliverer *dl, time_t now)
{
	struct timeval	 tv = { 0, 0 };
	int64_t		 when;
	char		*cause = NULL;

	if (dl->once)
		return;
	if (store_outbox_next(dl->store, &when, &cause) != 0) {
		deliver_store_warn(cause);
		return;
	}
	if (when == 0)
		return;
	tv.tv_sec = when > now ? (time_t)(when - now) : 1;
	evtimer_add(dl->timer, &tv);
}

/* Start every due outbox row that this process can claim. */
static void
deliver_run_cb(evutil_socket_t fd, short what, void *arg)
{
	struct deliverer	*dl = arg;
	const struct alert_conf	*a;
	struct outbox_row	*rows = NULL;
	struct outbox_job	*j;
	time_t			 now = time(NULL);
	size_t			 n = 0, i;
	char			*cause = NULL;
	int			 claimed;

	(void)fd;
	(void)what;
	dl->due = 0;
	if (store_outbox_due(dl->store, now, &rows, &n, &cause) != 0) {
		deliver_store_warn(cause);
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if ((a = config_alert(dl->conf, rows[i].rule)) == NULL) {
			if (store_outbox_finish(dl->store, rows[i].id, "failed",
			    rows[i].attempts, now, "no such [alert] section",
			    now, &cause) != 0)
				deliver_store_warn(cause);
			log_warnx("alert %s: no longer configured: its %s "
			    "notification is dropped", rows[i].rule,
			    rows[i].channel);
			continue;
		}
		if (store_outbox_claim(dl->store, rows[i].id, now, now +
		    deliver_timeout(a, rows[i].channel) + DELIVER_LEASE,
		    &claimed, &cause) != 0) {
			deliver_store_warn(cause);
			continue;
		}
		if (!claimed)
			continue;
		j = xcalloc(1, sizeof *j);
		j->dl = dl;
		j->id = rows[i].id;
		j->attempts = rows[i].attempts;
		j->retries = a->retries;
		j->retry_wait = a->retry_wait;
		xasprintf(&j->what, "alert %s: %s", a->name, rows[i].channel);
		deliver_start(dl, a, rows[i].channel, &rows[i],
		    deliver_job_done, j);
	}
	outbox_rows_free(rows, n);
	if (!dl->due)
		deliver_schedule(dl, now);
	if (!deliverer_busy(dl) && dl->idle != NULL)
		dl->idle(dl->idle_arg);
}

/*
 * Deliver what the outbox holds, soon, from the loop, with the rules of
 * c (borrowed until the next kick).
 */
void
deliverer_kick(struct deliverer *dl, const struct config *c)
{
	dl->conf = c;
	dl->user_agent = c != NULL ? c->user_agent : NULL;
	dl->due = 1;
	evtimer_add(dl->timer, &deliver_now);
}
