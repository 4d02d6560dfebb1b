/*
 * analysis/digest: a digest's bytes into papers: format sniffing, the
 * parsers (text, JSON Lines, RSS, RDF, Atom, the HF API and pages),
 * charsets, paper keys and content hashes. Pure.
 */
#ifndef TOPIC_DIGEST_H
#define TOPIC_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/text/text.h"

/* charset.c */
enum charset {
	CHARSET_UTF8,
	CHARSET_CP1252,		/* and ISO-8859-1, US-ASCII */
	CHARSET_UTF16,		/* byte order from a mark */
	CHARSET_UTF16LE,
	CHARSET_UTF16BE,
	CHARSET_OTHER		/* left to libxml2 */
};

enum charset	 charset_from_name(const char *, size_t);
const char	*charset_declared(const char *, size_t, size_t *);
const char	*charset_of_content_type(const char *, size_t *);
char		*charset_to_utf8(const char *, size_t, const char *, int,
		     size_t *, const char **, size_t *);
const char	*charset_utf8_view(const char *, size_t, const char *, int,
		     size_t *, char **, const char **, size_t *);

/*
 * sha256.c: a SHA-256 being computed (libcrypto's context, opaque here:
 * every sha256_init is ended by one sha256_final_hex).
 */
struct sha256 {
	struct evp_md_ctx_st *ctx;
};
void	 sha256_init(struct sha256 *);
void	 sha256_update(struct sha256 *, const void *, size_t);
void	 sha256_final_hex(struct sha256 *, char [65]);
void	 sha256_hex(const void *, size_t, char [65]);

/* digest.c */
enum digest_format {
	FORMAT_AUTO = 0,
	FORMAT_TEXT,
	FORMAT_JSONL,
	FORMAT_RSS,		/* RSS 2.0 (and 0.9x) */
	FORMAT_RDF,		/* RSS 1.0 / RDF */
	FORMAT_ATOM,
	FORMAT_HFJSON,		/* the Hugging Face Daily Papers API */
	FORMAT_HTML
};

/* One paper as a digest lists it. Strings are UTF-8 or NULL. */
struct entry {
	char		*key;		/* identity (paperkey.c) */
	char		*id;
	char		*title;
	char		*abstract;
	char		*url;
	day_t		 day;		/* the paper's digest day */
	int		 rank;		/* position or upvotes, -1 if none */
	long		 line;		/* source line, 0 if none */
	char		*authors;	/* "A. One, B. Two", or NULL */
	day_t		 published;	/* its own date, else the digest's */
	int		 update;	/* a new version of an old paper */
};

struct digest {
	struct entry	*entries;
	size_t		 n, cap;
	day_t		 date;		/* the digest date, DAY_NONE if many */
	size_t		 skipped;	/* bad records skipped (--skip-bad) */
	size_t		 skipped_first_line;
	char		*skipped_first_cause;
	enum digest_format format;	/* the format it was read as */
	char		*warning;	/* a partial read: what was kept */
	unsigned long	 xpath_steps;	/* XPath work of an HTML page */
};

struct digest_options {
	const char	*name;		/* file or URL, for messages */
	day_t		 date;		/* digest date, or DAY_NONE */
	int		 skip_bad;	/* JSONL: keep the good lines */
	const char	*content_type;	/* HTTP Content-Type, or NULL */
	const char	*base_url;	/* relative links resolve against it */
	const char	*item_xpath;	/* HTML: one node per paper */
	const char	*title_xpath;	/* HTML, relative to an item */
	const char	*abstract_xpath;
	const char	*link_xpath;
};

int		 digest_format_from_name(const char *, enum digest_format *);
const char	*digest_format_name(enum digest_format);
enum digest_format digest_sniff(const char *, size_t);
enum digest_format digest_sniff_type(const char *, const char *, size_t);
struct digest	*digest_parse(enum digest_format, const char *, size_t,
		     const struct digest_options *, char **);
void		 digest_free(struct digest *);
void		 digest_entry_clear(struct entry *);
struct entry	*digest_take(struct digest *, size_t);
void		 digest_entries_free(struct entry *, size_t);
void		 digest_entry_finish(struct entry *);
struct entry	*digest_add(struct digest *);
void		 digest_date_entries(struct digest *);
char		*digest_list_add(char *, char *);
int		 digest_check_bytes(const char *, size_t,
		     const struct digest_options *, char **);

/* digest_text.c */
struct digest	*digest_text_parse(const char *, size_t,
		     const struct digest_options *, char **);
int		 digest_text_date_line(const char *, size_t, day_t, day_t *);

/* digest_jsonl.c */
struct jsonl_stream;
struct jsonl_stream *jsonl_stream_new(const struct digest_options *);
void		 jsonl_stream_free(struct jsonl_stream *);
int		 jsonl_stream_feed(struct jsonl_stream *, const char *, size_t,
		     struct digest *, char **);
int		 jsonl_stream_end(struct jsonl_stream *, struct digest *,
		     char **);
struct digest	*digest_jsonl_parse(const char *, size_t,
		     const struct digest_options *, char **);

/* digest_rss.c */
struct digest	*digest_rss_parse(const char *, size_t,
		     const struct digest_options *, char **);
struct digest	*digest_rdf_parse(const char *, size_t,
		     const struct digest_options *, char **);

/* digest_atom.c */
struct digest	*digest_atom_parse(const char *, size_t,
		     const struct digest_options *, char **);

/* digest_hfjson.c */
struct digest	*digest_hfjson_parse(const char *, size_t,
		     const struct digest_options *, char **);

/* digest_html.c */
struct digest	*digest_html_parse(const char *, size_t,
		     const struct digest_options *, char **);

/* paperkey.c */
char		*paperkey_arxiv_id(const char *);
char		*paperkey_make(const struct entry *);

#endif
