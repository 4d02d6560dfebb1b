/*
 * analysis/text: text into terms: UTF-8, word lists, the tokenizer (words,
 * stems, phrases), the per-snapshot tally of document frequencies, and
 * the topic vocabulary. Pure.
 */
#ifndef TOPIC_TEXT_H
#define TOPIC_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/base/base.h"

/* utf8.c */
size_t	 utf8_decode(const char *, size_t, uint32_t *);
size_t	 utf8_encode(char *, uint32_t);
int	 utf8_valid(const char *, size_t, size_t *);
char	*utf8_repair(const char *, size_t, size_t *);
char	*utf8_collapse_space(const char *, size_t);

/* wordlist.c */
struct wordlist;
struct wordlist	*wordlist_new(void);
void		 wordlist_free(struct wordlist *);
size_t		 wordlist_add_text(struct wordlist *, const char *, size_t);
int		 wordlist_has(const struct wordlist *, const char *, size_t);
struct wordlist	*wordlist_default(void);

/* tokenize.c */
enum term_kind {
	TERM_WORD = 1,		/* a single word or name ("mamba", "gpt-4o") */
	TERM_PHRASE = 2,	/* two or three words ("larg languag model") */
	TERM_TOPIC = 3		/* a named group from the topics file */
};

#define TOKEN_BREAK	0x01	/* no phrase spans into this token */
#define TOKEN_NOPHRASE	0x02	/* counted alone, never inside a phrase */
#define TOKEN_STOP	0x04	/* a stop word (only kept for queries) */

struct token {
	uint32_t	 term;		/* tokenizer term index */
	uint32_t	 form;		/* written form index */
	uint8_t		 flags;
};

struct tokens {
	struct token	*v;
	size_t		 n, cap;
};

struct tokenizer;
struct tokenizer *tokenizer_new(const struct wordlist *);
void		 tokenizer_free(struct tokenizer *);
void		 tokenize(struct tokenizer *, const char *, size_t,
		     struct tokens *, int);
void		 tokens_free(struct tokens *);
uint32_t	 tokenizer_phrase(struct tokenizer *, const uint32_t *, size_t);
const char	*tokenizer_key(const struct tokenizer *, uint32_t, size_t *);
enum term_kind	 tokenizer_kind(const struct tokenizer *, uint32_t);
const char	*tokenizer_form(const struct tokenizer *, uint32_t, size_t *);
uint32_t	 tokenizer_term_count(const struct tokenizer *);
uint32_t	 tokenizer_part(const struct tokenizer *, uint32_t, size_t);
uint32_t	 tokenizer_copy_term(struct tokenizer *,
		     const struct tokenizer *, uint32_t);
char		*tokenizer_query_key(struct tokenizer *, const char *,
		     enum term_kind *, char **);

/* tally.c */

/* One term's document frequency on one day of a snapshot. */
struct tally_cell {
	day_t		 day;
	uint32_t	 term;		/* tokenizer term index */
	uint32_t	 df;
};

struct tally;
struct tally	*tally_new(struct tokenizer *);
void		 tally_free(struct tally *);
void		 tally_clear(struct tally *);
void		 tally_add_paper(struct tally *, day_t, const char *,
		     const char *);
void		 tally_add_day(struct tally *, day_t);
size_t		 tally_days(const struct tally *, day_t **, uint32_t **);
struct tally_cell *tally_cells(struct tally *, size_t *);
char		*tally_display(const struct tally *, uint32_t);
uint32_t	 tally_display_count(const struct tally *, uint32_t);
struct tokenizer *tally_tokenizer(const struct tally *);
size_t		 tally_cell_count(struct tally *);
int		 tally_has_day(const struct tally *, day_t);
void		 tally_move_day(struct tally *, struct tally *, day_t);

/* topics.c */
#define TOPIC_KEY_PREFIX	"topic:"	/* a topic's key: prefix + name */
#define TOPIC_KEY_PREFIX_LEN	6

struct topics;
struct topics	*topics_parse(struct tokenizer *, const char *, size_t,
		     const char *, char **);
struct topics	*topics_default(struct tokenizer *, char **);
void		 topics_free(struct topics *);
size_t		 topics_count(const struct topics *);
const char	*topics_name(const struct topics *, size_t);
uint32_t	 topics_term(const struct topics *, size_t);
size_t		 topics_match(const struct topics *, const struct token *,
		     size_t, uint32_t *);
uint32_t	 tokenizer_topic(struct tokenizer *, const char *);
void		 tally_set_topics(struct tally *, const struct topics *);
const uint32_t	*tally_paper_terms(struct tally *, const char *, const char *,
		     size_t *);

#endif
