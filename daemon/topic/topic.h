/*
 * daemon/topic: the command-line tool: its shared options and helpers,
 * and one file per command.
 */
#ifndef TOPIC_TOPIC_H
#define TOPIC_TOPIC_H

#include <stdio.h>

#include "daemon/ingest/ingest.h"
#include "daemon/net/net.h"

/*
 * A command of topic, as tmux's cmd_entry: its name, what follows its
 * options and how many arguments that is (upper -1: any), one line for
 * topic --help, a paragraph for its --help, its option table and its
 * function (given the values of its options and the arguments after them).
 */
struct cmd_entry {
	const char			*name;
	const char			*args;
	int				 lower, upper;
	const char			*what;
	const char			*about;
	const struct options_entry	*options;
	int				(*exec)(struct options_values *, int,
					    char **);
};

/* topic.c */
int		 topic_usage_error(const struct cmd_entry *);
struct config	*topic_config(void);
struct store	*topic_store(int);
struct wordlist	*topic_wordlist(void);
void		 topic_print(char *);

/*
 * What a command opens: the word lists, the store and a tokenizer to read;
 * with TOPIC_WRITE, a pipeline to write instead of the tokenizer.
 */
struct topic_reader {
	struct wordlist		*wl;
	struct store		*st;
	struct tokenizer	*tk;
	struct topics		*topics;	/* with TOPIC_READ_TOPICS */
	struct pipeline		*p;		/* with TOPIC_WRITE */
};
#define TOPIC_READ_TOPICS	0x1
#define TOPIC_WRITE		0x2
#define TOPIC_WRITE_EXISTING	0x4	/* with TOPIC_WRITE */

int		 topic_reader_open(struct topic_reader *, int);
void		 topic_reader_close(struct topic_reader *);
size_t		 topic_columns(void);
struct topics	*topic_topics(struct tokenizer *);
int		 topic_set_topics(struct pipeline *);
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
extern const struct cmd_entry cmd_alerts_entry;
extern const struct cmd_entry cmd_backfill_entry;
extern const struct cmd_entry cmd_chart_entry;
extern const struct cmd_entry cmd_ingest_entry;
extern const struct cmd_entry cmd_prune_entry;
extern const struct cmd_entry cmd_rebuild_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_rising_entry;
extern const struct cmd_entry cmd_search_entry;
extern const struct cmd_entry cmd_series_entry;
extern const struct cmd_entry cmd_stats_entry;
extern const struct cmd_entry cmd_topics_entry;

/* cmd_rising.c */
int	 rising_command(const struct options_values *, struct rising_query *,
	     char *(*)(const struct rising_report *));

/* cmd_prune.c */
void	 prune_days_text(day_t, day_t, size_t, char *, size_t);


#endif
