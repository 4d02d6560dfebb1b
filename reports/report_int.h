/*
 * The weekly report's insides, shared by report.c (the one walk over the
 * sections) and its renderers report_text.c, report_md.c, report_html.c
 * and report_json.c: what a renderer is told at each step of the walk.
 * A renderer formats and escapes; it never walks the report itself.
 */
#ifndef TOPIC_REPORT_INT_H
#define TOPIC_REPORT_INT_H

#include "reports/reports.h"

/* The report's parts after its head, in the order they are walked. */
enum report_part {
	REPORT_SOURCES,		/* a table of source health */
	REPORT_RISING,		/* a table of items, with sparklines */
	REPORT_NEW,		/* the new terms, as tags */
	REPORT_FALLING,		/* a table of items */
	REPORT_STEADY,		/* a list of terms and their slopes */
	REPORT_ALERTS		/* a list of the week's alert events */
};

/* One part of the report as the walk names it: our own words, never data. */
struct report_section {
	enum report_part	 part;
	const char		*title;
	const char		*gloss;		/* after the title, in text */
	const char		*key;		/* its member in JSON */
	int			 spark;		/* items: a sparkline column */
};

/* The head of the report, worked out once by the walk. */
struct report_head {
	const struct report		*r;
	char				 from[11], to[11];
	const struct report_week	*now;	/* the last volume week */
	double				 average; /* papers a week before */
};

/* Where a rendering stands: its output so far and the section walked. */
struct report_out {
	const struct report_section	*sec;
	struct buf			 b;	/* text, Markdown, HTML */
	struct json_t			*root;	/* JSON: the document */
	struct json_t			*cur;	/* ... the section's array */
};

/*
 * One rendering of the report. The walk calls, in order: begin, volume,
 * week for each volume week, charts; then for each section: section (an
 * item table then its window) and either none (its nothing line) or
 * start, its entries, finish. A table (sources, items) is started only
 * when it has rows; a list (new terms, steady risers, alerts) is always
 * started and its nothing line is an entry of it. An item is followed by
 * up to examples example calls and item_end. Any callback may be NULL
 * (nothing to say there); without end, the result is the buffer.
 */
struct report_renderer {
	size_t	  examples;	/* example papers shown per item */
	void	(*begin)(struct report_out *, const struct report_head *);
	void	(*volume)(struct report_out *, const struct report_head *);
	void	(*week)(struct report_out *, const struct report_week *);
	void	(*charts)(struct report_out *, const struct report *);
	void	(*section)(struct report_out *, const struct rising_report *);
	void	(*none)(struct report_out *, const char *);
	void	(*window)(struct report_out *, const char *, const char *);
	void	(*start)(struct report_out *);
	void	(*finish)(struct report_out *);
	/* A source; an archive's what and how (report.c), else NULL. */
	void	(*source)(struct report_out *, const struct report_source *,
		    const char *, const char *);
	void	(*item)(struct report_out *, size_t, const struct rising_row *,
		    const double *);
	void	(*example)(struct report_out *, size_t,
		    const struct rising_example *);
	void	(*item_end)(struct report_out *);
	void	(*new_term)(struct report_out *, const char *);
	void	(*steady)(struct report_out *, const char *, double);
	void	(*alert)(struct report_out *, const struct alert_hist *,
		    const char *);
	char	*(*end)(struct report_out *);
};

/* report_text.c, report_md.c, report_html.c, report_json.c */
extern const struct report_renderer	report_text_renderer;
extern const struct report_renderer	report_md_renderer;
extern const struct report_renderer	report_html_renderer;
extern const struct report_renderer	report_json_renderer;

#endif
