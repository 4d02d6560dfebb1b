/*
 * daemon/topic: the command-line tool: its shared options and helpers,
 * and one file per command.
 */
#ifndef TOPIC_TOPIC_H
#define TOPIC_TOPIC_H

#include <getopt.h>

#include "daemon/ingest/ingest.h"
#include "daemon/net/net.h"

/* topic.c */
#define TOPIC_COMMON_OPTIONS \
	{ "config", required_argument, NULL, 'C' }, \
	{ "db", required_argument, NULL, 'D' }, \
	{ "stopwords", required_argument, NULL, 'W' }, \
	{ "topics", required_argument, NULL, 'T' }, \
	{ "help", no_argument, NULL, 'h' }

int		 topic_common_option(int, const char *, const char *);
struct config	*topic_config(void);
struct store	*topic_store(int);
struct wordlist	*topic_wordlist(void);
void		 topic_print(char *);
struct topics	*topic_topics(struct tokenizer *);
int		 topic_set_topics(struct pipeline *);
int		 topic_day_option(const char *, const char *, day_t *);
int		 topic_day_range(day_t, day_t);

/* An event loop of topic's own, for deliveries. */
struct topic_loop {
	struct event_base	*base;
	struct fetcher		*fetcher;
	struct deliverer	*dl;
};

int		 topic_loop_start(struct topic_loop *, struct store *);
void		 topic_loop_run(struct topic_loop *);
void		 topic_loop_end(struct topic_loop *);
void		 topic_deliver(struct store *, const struct config *);

/* cmd_*.c */
int	 cmd_alerts(int, char **);
int	 cmd_chart(int, char **);
int	 cmd_report(int, char **);
int	 cmd_ingest(int, char **);
int	 cmd_stats(int, char **);
int	 cmd_series(int, char **);

/* cmd_rising.c, cmd_topics.c, cmd_search.c, cmd_rebuild.c */
int	 rising_window_option(int, const char *, struct rising_query *);
int	 rising_command(const struct rising_query *,
	     char *(*)(const struct rising_report *));
int	 cmd_rising(int, char **);
int	 cmd_topics(int, char **);
int	 cmd_search(int, char **);
int	 cmd_rebuild(int, char **);

/* cmd_backfill.c */
int	 cmd_backfill(int, char **);

#endif
