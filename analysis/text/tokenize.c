/*
 * The tokenizer: turns a title or an abstract into term indices, the same
 * way for counting and for a user's query. It owns the vocabulary of one
 * process (words, their keys, phrases) and caches every decision per
 * distinct written word, so each word is folded and stemmed once.
 *
 * Contract (DESIGN section 4):
 *  - Text is NFKC-normalized (utf8proc). A token is a run of letters and
 *    digits; a hyphen between two of them and a dot between two digits
 *    stay inside ("test-time", "GPT-4o", "Qwen2.5").
 *  - Dropped, and a phrase boundary: URLs and e-mail addresses (a blank-
 *    delimited run holding "://", "www." at its start or "@"), LaTeX math
 *    ($...$ and \commands), bare numbers ("2024", "27-90"), one-letter
 *    tokens, and all punctuation other than the joiners above.
 *  - A short number (at most three digits, or digits.digits) right after a
 *    capitalised name, with only spaces between, is that name's version:
 *    "Gemini 2.5", "Llama 3", "SAM 2" are terms of their own; the bare name
 *    ("gemini") is counted too, and phrases use the versioned form.
 *  - A token is a name when a part of it (between hyphens) holds a digit
 *    or an upper-case letter after its first letter: "o1", "R1", "GPT-4o",
 *    "3D", "LoRA", "DeepSeek", "LLMs". A name is case-folded but never
 *    stemmed; a final "s" after a capital is its plural and is dropped
 *    ("LLMs" = "LLM", "MoEs" = "MoE").
 *  - Other words are case-folded and stemmed with Snowball English
 *    (libstemmer); in a hyphenated word only the last part is stemmed
 *    ("fine-tuning" -> "fine-tune"). "Models" and "model" are one term.
 *  - A stop word (the case-folded word is on the list) is never a term and
 *    ends any phrase.
 *  - A phrase is 2 or 3 consecutive terms with no boundary between them;
 *    its key is its terms' keys joined by one space, so "Large Language
 *    Models" and "large language model" are one phrase.
 */
#include <stdlib.h>
#include <string.h>
#include <libstemmer.h>
#include <utf8proc.h>

#include "analysis/text/text.h"

#define WORD_STOP	0x01
#define WORD_NAME	0x02	/* a name: may take a version number */
#define WORD_CAPITAL	0x04	/* starts with a capital letter */

struct word {
	uint32_t	 term;
	uint32_t	 parts;		/* first of its parts in tk->parts */
	uint8_t		 nparts;	/* names inside a hyphenated name */
	uint8_t		 flags;
};

struct term {
	uint32_t	 parts[3];	/* a phrase's terms; UINT32_MAX unused */
	uint8_t		 kind;
};

struct tokenizer {
	const struct wordlist	*stop;
	struct sb_stemmer	*stemmer;
	struct strmap		*forms;		/* written form -> word */
	struct word		*words;
	size_t			 words_cap;
	struct strmap		*keys;		/* term key -> term */
	struct term		*terms;
	size_t			 terms_cap;
	struct u64map		*phrases;	/* (term, term) -> phrase */
	uint32_t		*parts;		/* words inside hyphenated names */
	size_t			 nparts, parts_cap;
	char			*buf;		/* scratch for keys */
	size_t			 buf_cap;
};

/*
 * A new tokenizer using the stop words of wl (borrowed, must outlive it);
 * never NULL.
 */
struct tokenizer *
tokenizer_new(const struct wordlist *wl)
{
	struct tokenizer	*tk = xcalloc(1, sizeof *tk);

	tk->stop = wl;
	tk->stemmer = sb_stemmer_new("english", "UTF_8");
	if (tk->stemmer == NULL)	/* out of memory: it knows english */
		xfatal("cannot start the English stemmer");
	tk->forms = strmap_new();
	tk->keys = strmap_new();
	tk->phrases = u64map_new();
	return tk;
}

/* Free a tokenizer; NULL is fine. */
void
tokenizer_free(struct tokenizer *tk)
{
	if (tk == NULL)
		return;
	sb_stemmer_delete(tk->stemmer);
	strmap_free(tk->forms);
	strmap_free(tk->keys);
	u64map_free(tk->phrases);
	free(tk->words);
	free(tk->parts);
	free(tk->terms);
	free(tk->buf);
	free(tk);
}

/* Free a token array's storage (not the struct itself). */
void
tokens_free(struct tokens *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

/* Make the scratch buffer hold at least n bytes. */
static char *
tokenizer_scratch(struct tokenizer *tk, size_t n)
{
	if (n > tk->buf_cap) {
		tk->buf_cap = n * 2;
		tk->buf = xrealloc(tk->buf, tk->buf_cap);
	}
	return tk->buf;
}

/* The term with this key and kind, added if new. */
static uint32_t
tokenizer_term(struct tokenizer *tk, const char *key, size_t len,
    enum term_kind kind, const uint32_t *parts)
{
	int		 added;
	uint32_t	 t = strmap_intern(tk->keys, key, len, &added);
	size_t		 i;

	if (!added)
		return t;
	if (t >= tk->terms_cap) {
		tk->terms_cap = tk->terms_cap ? tk->terms_cap * 2 : 4096;
		tk->terms = xreallocarray(tk->terms, tk->terms_cap,
		    sizeof *tk->terms);
	}
	tk->terms[t].kind = (uint8_t)kind;
	for (i = 0; i < 3; i++)
		tk->terms[t].parts[i] = parts != NULL ? parts[i] : UINT32_MAX;
	return t;
}

/* The phrase made of n (2 or 3) terms, added if new. */
uint32_t
tokenizer_phrase(struct tokenizer *tk, const uint32_t *v, size_t n)
{
	uint32_t	*slot, parts[3] = { v[0], v[1], UINT32_MAX };
	uint64_t	 pair;
	size_t		 i, len = 0, klen;
	const char	*k;
	char		*buf;
	int		 added;

	pair = (uint64_t)v[0] << 32 | v[1];
	if (n == 3) {
		/* A 3-word phrase hangs off its 2-word prefix. */
		pair = (uint64_t)(tokenizer_phrase(tk, v, 2) | 0x80000000U)
		    << 32 | v[2];
		parts[2] = v[2];
	}
	slot = u64map_slot(tk->phrases, pair, &added);
	if (!added)
		return *slot;
	for (i = 0; i < n; i++) {
		strmap_string(tk->keys, v[i], &klen);
		len += klen + 1;
	}
	buf = tokenizer_scratch(tk, len);
	len = 0;
	for (i = 0; i < n; i++) {
		k = strmap_string(tk->keys, v[i], &klen);
		if (i > 0)
			buf[len++] = ' ';
		memcpy(buf + len, k, klen);
		len += klen;
	}
	/* Only tk->keys and tk->terms change below: slot stays valid. */
	*slot = tokenizer_term(tk, buf, len, TERM_PHRASE, parts);
	return *slot;
}

/*
 * The term of dst with the key and kind of term t of src (another
 * tokenizer), added if new: a phrase through its words, so that dst
 * finds it again when it meets it in text.
 */
uint32_t
tokenizer_copy_term(struct tokenizer *dst, const struct tokenizer *src,
    uint32_t t)
{
	const char	*key;
	uint32_t	 parts[3];
	size_t		 i, len;

	if (src->terms[t].kind == TERM_PHRASE) {
		for (i = 0; i < 3 && src->terms[t].parts[i] != UINT32_MAX; i++)
			parts[i] = tokenizer_copy_term(dst, src,
			    src->terms[t].parts[i]);
		return tokenizer_phrase(dst, parts, i);
	}
	key = strmap_string(src->keys, t, &len);
	return tokenizer_term(dst, key, len,
	    (enum term_kind)src->terms[t].kind, NULL);
}

/* The term of the topic called name (key "topic:NAME"), added if new. */
uint32_t
tokenizer_topic(struct tokenizer *tk, const char *name)
{
	char		*key;
	uint32_t	 t;

	xasprintf(&key, "%s%s", TOPIC_KEY_PREFIX, name);
	t = tokenizer_term(tk, key, strlen(key), TERM_TOPIC, NULL);
	free(key);
	return t;
}

/* The key of term t. */
const char *
tokenizer_key(const struct tokenizer *tk, uint32_t t, size_t *len)
{
	return strmap_string(tk->keys, t, len);
}

/* The kind of term t. */
enum term_kind
tokenizer_kind(const struct tokenizer *tk, uint32_t t)
{
	return (enum term_kind)tk->terms[t].kind;
}

/* Part i of phrase t, or UINT32_MAX. */
uint32_t
tokenizer_part(const struct tokenizer *tk, uint32_t t, size_t i)
{
	return tk->terms[t].parts[i];
}

/* The written form with index f. */
const char *
tokenizer_form(const struct tokenizer *tk, uint32_t f, size_t *len)
{
	return strmap_string(tk->forms, f, len);
}

/* How many terms the vocabulary holds. */
uint32_t
tokenizer_term_count(const struct tokenizer *tk)
{
	return strmap_count(tk->keys);
}

/*
 * The classes of a byte, so that ASCII, nearly all of the text, costs one
 * load: a letter or digit, a digit, white space (is_space), a blank that
 * ends a run for skip_link, and the two characters that can make a run a
 * link. Bytes from 0x80 are in no class: their code points decide.
 */
#define CH_WORD		0x01
#define CH_DIGIT	0x02
#define CH_SPACE	0x04
#define CH_RUN_END	0x08
#define CH_LINK		0x10

static const uint8_t byte_class[256] = {
	['0' ... '9'] = CH_WORD | CH_DIGIT,
	['a' ... 'z'] = CH_WORD,
	['A' ... 'Z'] = CH_WORD,
	[' '] = CH_SPACE | CH_RUN_END,
	['\t'] = CH_SPACE | CH_RUN_END,
	['\n'] = CH_SPACE | CH_RUN_END,
	['\r'] = CH_SPACE | CH_RUN_END,
	['\f'] = CH_SPACE,
	['\v'] = CH_SPACE,
	['@'] = CH_LINK,
	[':'] = CH_LINK,
};

/* Whether all len bytes of s are ASCII, eight at a time. */
static int
all_ascii(const char *s, size_t len)
{
	uint64_t	 w, any = 0;
	size_t		 i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		any |= w;
	}
	for (; i < len; i++)
		any |= (unsigned char)s[i];
	return (any & 0x8080808080808080ULL) == 0;
}

/* Decode one code point at s[i] (valid UTF-8 assumed); returns its length. */
static size_t
decode(const char *s, size_t len, size_t i, int32_t *cp)
{
	utf8proc_ssize_t n;

	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	    (utf8proc_ssize_t)(len - i), cp);
	if (n <= 0) {
		*cp = -1;
		return 1;
	}
	return (size_t)n;
}

/* Whether code point cp is a letter or digit (inside a token). */
static int
is_word(int32_t cp)
{
	utf8proc_category_t c;

	if ((uint32_t)cp < 0x80)
		return byte_class[cp] & CH_WORD;
	if (cp < 0)
		return 0;
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND) ||
	    c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO;
}

/* Whether code point cp is an upper-case letter. */
static int
is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* Whether cp is white space. */
static int
is_space(int32_t cp)
{
	if ((uint32_t)cp < 0x80)
		return byte_class[cp] & CH_SPACE;
	return cp == 0xa0 ||
	    (cp > 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS);
}

/* Case-fold s into the scratch buffer; returns its length. */
static size_t
tokenizer_fold(struct tokenizer *tk, const char *s, size_t len, char **out)
{
	utf8proc_uint8_t *folded;
	utf8proc_ssize_t n;
	char		*buf;
	size_t		 i;

	if (all_ascii(s, len)) {
		buf = tokenizer_scratch(tk, len + 1);
		for (i = 0; i < len; i++)
			buf[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i];
		*out = buf;
		return len;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &folded, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (n < 0)
		n = 0;
	buf = tokenizer_scratch(tk, (size_t)n + 1);
	memcpy(buf, folded, (size_t)n);
	free(folded);
	*out = buf;
	return (size_t)n;
}

static inline uint32_t tokenizer_word(struct tokenizer *, const char *,
    size_t);

/*
 * Note the names inside hyphenated name f ("DeepSeek-R1" holds "DeepSeek"
 * and "R1"; "Mamba-2" holds "Mamba"; "o1-like" holds "o1"), so that each
 * is counted too.
 */
static void
tokenizer_word_parts(struct tokenizer *tk, uint32_t f, const char *s,
    size_t len)
{
	size_t		 a = 0, b, k;
	uint32_t	 pf;
	int		 alpha, name;

	while (a < len) {
		for (b = a; b < len && s[b] != '-'; b++)
			;
		alpha = name = 0;
		for (k = a; k < b; k++) {
			if ((unsigned char)s[k] >= 0x80 ||
			    (s[k] >= 'a' && s[k] <= 'z') ||
			    (s[k] >= 'A' && s[k] <= 'Z'))
				alpha = 1;
			if ((s[k] >= '0' && s[k] <= '9') ||
			    (s[k] >= 'A' && s[k] <= 'Z'))
				name = 1;
		}
		if (alpha && name && b - a >= 2 && b - a < len) {
			pf = tokenizer_word(tk, s + a, b - a);
			if (!(tk->words[pf].flags & WORD_STOP)) {
				if (tk->nparts == tk->parts_cap) {
					tk->parts_cap = tk->parts_cap ?
					    tk->parts_cap * 2 : 1024;
					tk->parts = xreallocarray(tk->parts,
					    tk->parts_cap, sizeof *tk->parts);
				}
				if (tk->words[f].nparts == 0)
					tk->words[f].parts =
					    (uint32_t)tk->nparts;
				tk->parts[tk->nparts++] = pf;
				tk->words[f].nparts++;
			}
		}
		a = b + 1;
	}
}

/* Decide what new written form f is: its term, whether a stop or name. */
static uint32_t
tokenizer_learn(struct tokenizer *tk, uint32_t f, const char *s, size_t len)
{
	struct word	*w;
	size_t		 i, n, flen, last = 0, partstart = 0, klen;
	const sb_symbol	*stem;
	char		*fold, *key;
	int32_t		 cp;
	int		 name = 0;

	if (f >= tk->words_cap) {
		tk->words_cap = tk->words_cap ? tk->words_cap * 2 : 4096;
		tk->words = xreallocarray(tk->words, tk->words_cap,
		    sizeof *tk->words);
	}
	w = &tk->words[f];
	w->flags = 0;
	w->nparts = 0;
	for (i = 0; i < len; i += n) {
		n = decode(s, len, i, &cp);
		if (cp == '-') {
			partstart = i + 1;
			last = i + 1;
			continue;
		}
		if (cp >= '0' && cp <= '9')
			name = 1;
		if (is_upper(cp)) {
			if (i == 0)
				w->flags |= WORD_CAPITAL;
			if (i > partstart)
				name = 1;
		}
	}
	flen = tokenizer_fold(tk, s, len, &fold);
	if (wordlist_has(tk->stop, fold, flen)) {
		w->flags |= WORD_STOP;
		w->term = tokenizer_term(tk, fold, flen, TERM_WORD, NULL);
		return f;
	}
	if (name) {
		w->flags |= WORD_NAME;
		w->nparts = 0;
		/* "LLMs" and "MoEs": a plural s after a capital. */
		if (len >= 3 && s[len - 1] == 's' && s[len - 2] >= 'A' &&
		    s[len - 2] <= 'Z')
			flen--;
		w->term = tokenizer_term(tk, fold, flen, TERM_WORD, NULL);
		if (last > 0)
			tokenizer_word_parts(tk, f, s, len);
		return f;
	}
	/* Stem only the last part of a hyphenated word. */
	key = xstrndup(fold, flen);
	stem = sb_stemmer_stem(tk->stemmer, (const sb_symbol *)key + last,
	    (int)(flen - last));
	if (stem == NULL) {
		w->term = tokenizer_term(tk, key, flen, TERM_WORD, NULL);
		free(key);
		return f;
	}
	klen = last + (size_t)sb_stemmer_length(tk->stemmer);
	fold = tokenizer_scratch(tk, klen + 1);
	memcpy(fold, key, last);
	memcpy(fold + last, stem, klen - last);
	free(key);
	w->term = tokenizer_term(tk, fold, klen, TERM_WORD, NULL);
	return f;
}

/* The form of a written word, decided once (tokenizer_learn). */
static inline uint32_t
tokenizer_word(struct tokenizer *tk, const char *s, size_t len)
{
	int		 added;
	uint32_t	 f = strmap_intern(tk->forms, s, len, &added);

	return added ? tokenizer_learn(tk, f, s, len) : f;
}

/* Make room for another token. */
static void
tokens_grow(struct tokens *out)
{
	out->cap = out->cap ? out->cap * 2 : 256;
	out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
}

/* Append a token. */
static inline void
tokens_push(struct tokens *out, uint32_t term, uint32_t form, uint8_t flags)
{
	if (out->n == out->cap)
		tokens_grow(out);
	out->v[out->n].term = term;
	out->v[out->n].form = form;
	out->v[out->n].flags = flags;
	out->n++;
}

/* Whether a bare number looks like a version: "3", "2.5", "3.1". */
static int
is_version(const char *s, size_t len)
{
	size_t	 i, digits = 0, dots = 0;

	if (len == 0 || len > 5 || s[0] < '0' || s[0] > '9')
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '.')
			dots++;
		else if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else
			return 0;
	}
	return dots == 0 ? digits <= 3 : dots == 1;
}

/* The length of a blank-delimited run from s[i] that is a URL or address. */
static size_t
skip_link(const char *s, size_t len, size_t i)
{
	size_t	 j = i;
	int	 link = len - i >= 4 && memcmp(s + i, "www.", 4) == 0;

	for (;;) {
		while (j < len && !(byte_class[(unsigned char)s[j]] &
		    (CH_RUN_END | CH_LINK)))
			j++;
		if (j == len || (byte_class[(unsigned char)s[j]] & CH_RUN_END))
			break;
		if (s[j] == '@' || (j + 2 < len && s[j + 1] == '/' &&
		    s[j + 2] == '/'))
			link = 1;
		j++;
	}
	return link ? j - i : 0;
}

/*
 * Whether a run of s could be a link for skip_link other than by starting
 * with "www.": one needs "@" or ":" somewhere, which most texts lack (two
 * scans by libc's vector code instead of skip_link at every run).
 */
static int
may_hold_link(const char *s, size_t len)
{
	return memchr(s, '@', len) != NULL || memchr(s, ':', len) != NULL;
}

/*
 * Tokenize text, appending to out. The first token gets TOKEN_BREAK. Stop
 * words are appended (as TOKEN_STOP) only when keep_stop is set.
 */
void
tokenize(struct tokenizer *tk, const char *text, size_t len,
    struct tokens *out, int keep_stop)
{
	utf8proc_uint8_t *norm = NULL;
	utf8proc_ssize_t nlen;
	size_t		 i = 0, n, j, k, skip, vlen, tlen;
	int32_t		 cp, cp2;
	uint8_t		 brk = TOKEN_BREAK;
	uint32_t	 f, mf;
	struct word	*w, *pw;
	const char	*s = text;
	int		 prev_name = 0, has_alpha, may_link;
	uint8_t		 cls, all;
	char		*merged;
	const char	*pf;
	size_t		 pflen;

	if (!all_ascii(text, len)) {
		nlen = utf8proc_map((const utf8proc_uint8_t *)text,
		    (utf8proc_ssize_t)len, &norm, UTF8PROC_STABLE |
		    UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
		if (nlen >= 0) {
			s = (const char *)norm;
			len = (size_t)nlen;
		}
	}
	may_link = may_hold_link(s, len);
	while (i < len) {
		n = decode(s, len, i, &cp);
		if (is_space(cp)) {
			i += n;
			continue;
		}
		if ((may_link || s[i] == 'w') &&
		    (i == 0 || is_space(s[i - 1])) &&
		    (skip = skip_link(s, len, i)) > 0) {
			i += skip;
			brk = TOKEN_BREAK;
			prev_name = 0;
			continue;
		}
		if (cp == '$') {
			/* Inline math: skip to the closing dollar, if near. */
			const char *close = memchr(s + i + 1, '$',
			    len - i - 1 < 500 ? len - i - 1 : 500);
			i = close != NULL ? (size_t)(close - s) + 1 : i + 1;
			brk = TOKEN_BREAK;
			prev_name = 0;
			continue;
		}
		if (cp == '\\') {
			for (i++; i < len && ((s[i] >= 'a' && s[i] <= 'z') ||
			    (s[i] >= 'A' && s[i] <= 'Z')); i++)
				;
			brk = TOKEN_BREAK;
			prev_name = 0;
			continue;
		}
		if (!is_word(cp)) {
			i += n;
			brk = TOKEN_BREAK;
			prev_name = 0;
			continue;
		}
		/* A token: letters and digits, joined by - and digit.digit. */
		j = i;
		has_alpha = 0;
		while (j < len) {
			/*
			 * ASCII letters and digits, the bulk, by their class:
			 * the classes' AND keeps CH_DIGIT while all are digits.
			 */
			all = CH_WORD | CH_DIGIT;
			while (j < len && ((cls = byte_class[(unsigned char)
			    s[j]]) & CH_WORD)) {
				all &= cls;
				j++;
			}
			has_alpha |= !(all & CH_DIGIT);
			if (j == len)
				break;
			n = decode(s, len, j, &cp);
			if (is_word(cp)) {
				if (cp < '0' || cp > '9')
					has_alpha = 1;
				j += n;
				continue;
			}
			if ((cp == '-' || cp == '.') && j + 1 < len) {
				decode(s, len, j + 1, &cp2);
				if (cp == '-' && is_word(cp2)) {
					j++;
					continue;
				}
				if (cp == '.' && s[j - 1] >= '0' &&
				    s[j - 1] <= '9' && cp2 >= '0' && cp2 <= '9') {
					j++;
					continue;
				}
			}
			break;
		}
		if (!has_alpha) {
			/* A number: a version of the name before it, or dropped. */
			vlen = j - i;
			if (prev_name && is_version(s + i, vlen) &&
			    (j == len || s[j] != '%')) {
				pf = tokenizer_form(tk, out->v[out->n - 1].form,
				    &pflen);
				xasprintf(&merged, "%.*s %.*s", (int)pflen, pf,
				    (int)vlen, s + i);
				mf = tokenizer_word(tk, merged, strlen(merged));
				free(merged);
				out->v[out->n - 1].flags |= TOKEN_NOPHRASE;
				tokens_push(out, tk->words[mf].term, mf,
				    out->v[out->n - 1].flags &
				    (uint8_t)~TOKEN_NOPHRASE);
				prev_name = 0;
				i = j;
				continue;
			}
			brk = TOKEN_BREAK;
			prev_name = 0;
			i = j;
			continue;
		}
		tlen = j - i;
		if (tlen == 1 || ((unsigned char)s[i] >= 0x80 &&
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)tlen, &cp) == (utf8proc_ssize_t)tlen)) {
			/* One letter alone is never a term. */
			brk = TOKEN_BREAK;
			prev_name = 0;
			i = j;
			continue;
		}
		f = tokenizer_word(tk, s + i, j - i);
		w = &tk->words[f];
		if (w->flags & WORD_STOP) {
			if (keep_stop)
				tokens_push(out, w->term, f, brk | TOKEN_STOP);
			brk = TOKEN_BREAK;
			prev_name = 0;
			i = j;
			continue;
		}
		for (k = 0; k < w->nparts; k++) {
			pw = &tk->words[tk->parts[w->parts + k]];
			tokens_push(out, pw->term, tk->parts[w->parts + k],
			    TOKEN_NOPHRASE);
		}
		tokens_push(out, w->term, f, brk);
		brk = 0;
		prev_name = (w->flags & (WORD_NAME | WORD_CAPITAL)) != 0;
		i = j;
		/* Only spaces may stand between a name and its version. */
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < len && !(s[i] >= '0' && s[i] <= '9'))
			prev_name = 0;
	}
	free(norm);
}

/*
 * The key a user's words are counted under, for queries ("large language
 * models" -> "larg languag model"). NULL with *cause if the words cannot
 * be a term (empty, a stop word, punctuation, more than three words).
 */
char *
tokenizer_query_key(struct tokenizer *tk, const char *q, enum term_kind *kind,
    char **cause)
{
	struct tokens	 t = { NULL, 0, 0 };
	uint32_t	 v[3];
	size_t		 i, n = 0, klen;
	const char	*k;
	char		*key = NULL;

	tokenize(tk, q, strlen(q), &t, 1);
	for (i = 0; i < t.n; i++) {
		if (t.v[i].flags & TOKEN_NOPHRASE)
			continue;
		if (t.v[i].flags & TOKEN_STOP) {
			k = tokenizer_form(tk, t.v[i].form, &klen);
			xasprintf(cause, "\"%s\": \"%.*s\" is a stop word, "
			    "and terms never hold one", q, (int)klen, k);
			goto out;
		}
		if (n > 0 && (t.v[i].flags & TOKEN_BREAK)) {
			xasprintf(cause, "\"%s\": punctuation or a number "
			    "splits it: not one term", q);
			goto out;
		}
		if (n == 3) {
			xasprintf(cause, "\"%s\": phrases have at most three "
			    "words", q);
			goto out;
		}
		v[n++] = t.v[i].term;
	}
	if (n == 0) {
		xasprintf(cause, "\"%s\": no word to look up", q);
		goto out;
	}
	if (n > 1)
		v[0] = tokenizer_phrase(tk, v, n);
	*kind = tokenizer_kind(tk, v[0]);
	k = tokenizer_key(tk, v[0], &klen);
	key = xstrndup(k, klen);
out:
	tokens_free(&t);
	return key;
}
