/*
 * The plain-text digest (the seed's format): page furniture, a date line,
 * then per paper a title line, a blank line and an abstract paragraph.
 * Furniture ("Subscribe", "new") is never a paper: an entry is a one-line
 * title followed by a paragraph long enough to be an abstract.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/digest/digest.h"

#define TITLE_MAX	500	/* bytes: a longer line is no title */
#define ABSTRACT_MIN	80	/* bytes: a shorter paragraph is furniture */

/* One paragraph: its lines joined, white space collapsed. */
struct block {
	char	*text;
	int	 lines;
	long	 line;		/* where it starts */
};

/* Parse a number of 1-4 digits at s; -1 if there is none. */
static int
text_number(const char *s, size_t len, size_t *used)
{
	size_t	 i;
	int	 v = 0;

	for (i = 0; i < len && i < 4 && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (s[i] - '0');
	*used = i;
	return i == 0 ? -1 : v;
}

/*
 * The year for month m, day d seen on a page of day near: the most recent
 * such date not after near (a digest does not announce days to come), so
 * "Dec 31" read on 2025-01-02 is 2024-12-31 and "Mar 15" read on
 * 2025-03-14 is 2024-03-15; -1 if none of the last five years has it.
 */
static int
text_year(int m, int d, day_t near, day_t *out)
{
	int	 y, ny, nm, nd;
	day_t	 cand;

	day_to_ymd(near, &ny, &nm, &nd);
	for (y = ny + 1; y >= ny - 4; y--) {
		if (day_from_ymd(y, m, d, &cand) == 0 && cand <= near) {
			*out = cand;
			return 0;
		}
	}
	return -1;
}

/*
 * Whether a whole line is a date: "Mar 14", "March 14, 2025",
 * "14 March 2025" or "2025-03-14". A date without a year takes the year
 * that makes it the most recent such date not after near (text_year). 1 with *out set, 0
 * if not a date, -1 if an impossible one ("Feb 30").
 */
int
digest_text_date_line(const char *s, size_t len, day_t near, day_t *out)
{
	char	 buf[11];
	size_t	 i = 0, w, used;
	int	 m = -1, d = -1, y = -1;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
		len--;
	if (len == 10 && s[4] == '-' && s[7] == '-') {
		memcpy(buf, s, 10);
		buf[10] = '\0';
		if (text_number(s, 4, &used) < 0 || used != 4)
			return 0;
		return day_parse(buf, out) == 0 ? 1 : -1;
	}
	if (len < 3 || len > 30)
		return 0;
	if (s[0] >= '0' && s[0] <= '9') {
		/* 14 March 2025 */
		if ((d = text_number(s, len, &used)) < 0 || used > 2 ||
		    used >= len || s[used] != ' ')
			return 0;
		i = used + 1;
		for (w = 0; i + w < len && s[i + w] != ' '; w++)
			;
		if ((m = day_month_from_name(s + i, w)) < 0)
			return 0;
		i += w;
	} else {
		/* Mar 14, March 14 2025 */
		for (w = 0; w < len && s[w] != ' '; w++)
			;
		if ((m = day_month_from_name(s, w)) < 0 || w == len)
			return 0;
		i = w + 1;
		if ((d = text_number(s + i, len - i, &used)) < 0 || used > 2)
			return 0;
		i += used;
		if (i < len && s[i] == ',')
			i++;
	}
	if (i < len) {
		if (s[i] != ' ')
			return 0;
		i++;
		if ((y = text_number(s + i, len - i, &used)) < 0 ||
		    used != 4 || i + used != len)
			return 0;
	}
	if (y >= 0)
		return day_from_ymd(y, m, d, out) == 0 ? 1 : -1;
	if (near == DAY_NONE)
		return -1;
	return text_year(m, d, near, out) == 0 ? 1 : -1;
}

/* Split the text into paragraphs separated by blank lines. */
static struct block *
text_blocks(const char *p, size_t len, size_t *count)
{
	struct block	*v = NULL;
	size_t		 n = 0, cap = 0, blen = 0, llen;
	const char	*q = p, *end = p + len, *eol, *a, *b;
	char		*buf = xmalloc(len + 1);
	long		 line = 0, start = 0;
	int		 lines = 0;

	for (; q <= end; q = eol + 1) {
		line++;
		if ((eol = memchr(q, '\n', (size_t)(end - q))) == NULL)
			eol = end;
		a = q;
		b = eol;
		while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' ||
		    b[-1] == '\r'))
			b--;
		llen = (size_t)(b - a);
		if (llen > 0) {
			if (lines == 0)
				start = line;
			else
				buf[blen++] = ' ';
			memcpy(buf + blen, a, llen);
			blen += llen;
			lines++;
		}
		if ((llen == 0 || eol == end) && lines > 0) {
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				v = xreallocarray(v, cap, sizeof *v);
			}
			v[n].text = utf8_collapse_space(buf, blen);
			v[n].lines = lines;
			v[n].line = start;
			n++;
			blen = 0;
			lines = 0;
		}
		if (eol == end)
			break;
	}
	free(buf);
	*count = n;
	return v;
}

/* Parse a plain-text digest. */
struct digest *
digest_text_parse(const char *p, size_t len, const struct digest_options *o,
    char **cause)
{
	struct digest	*d = xcalloc(1, sizeof *d);
	struct block	*b;
	struct entry	*e;
	size_t		 n, i;
	day_t		 date = o->date, found;
	int		 dated = 0, r;

	b = text_blocks(p, len, &n);
	for (i = 0; i < n; i++) {
		if (!dated && b[i].lines == 1 && (r = digest_text_date_line(
		    b[i].text, strlen(b[i].text), o->date, &found)) != 0) {
			if (r < 0) {
				xasprintf(cause, "%s:%ld: impossible date "
				    "\"%s\"", o->name, b[i].line, b[i].text);
				goto fail;
			}
			date = found;
			dated = 1;
			continue;
		}
		if (i + 1 < n && b[i].lines == 1 &&
		    strlen(b[i].text) <= TITLE_MAX &&
		    strlen(b[i + 1].text) >= ABSTRACT_MIN) {
			e = digest_add(d);
			e->title = b[i].text;
			e->abstract = b[i + 1].text;
			e->line = b[i].line;
			e->rank = (int)d->n;
			b[i].text = b[i + 1].text = NULL;
			i++;
		}
	}
	if (date == DAY_NONE) {
		xasprintf(cause, "%s: no date line and no --date", o->name);
		goto fail;
	}
	d->date = date;
	for (i = 0; i < d->n; i++)
		d->entries[i].day = date;
	for (i = 0; i < n; i++)
		free(b[i].text);
	free(b);
	return d;
fail:
	for (i = 0; i < n; i++)
		free(b[i].text);
	free(b);
	digest_free(d);
	return NULL;
}
