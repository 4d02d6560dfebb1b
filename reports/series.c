/*
 * Term series: counts per day, ISO week or month, with each period's
 * papers, rendered as JSON, CSV or a text table. A period appears only if
 * it has a known day: unknown days count nowhere (DESIGN section 3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "reports/reports.h"

static const char *series_by_names[] = { "day", "week", "month" };

/* The grouping called name; -1 if none. */
int
series_by_from_name(const char *name, enum series_by *out)
{
	int	 i;

	for (i = 0; i < 3; i++) {
		if (strcmp(name, series_by_names[i]) == 0) {
			*out = (enum series_by)i;
			return 0;
		}
	}
	return -1;
}

/* The name of a grouping. */
const char *
series_by_name(enum series_by by)
{
	return series_by_names[by];
}

/* The label of the period holding day. */
void
series_period(enum series_by by, day_t day, char out[11])
{
	switch (by) {
	case SERIES_DAY:
		day_format(day, out);
		break;
	case SERIES_WEEK:
		day_format_week(day, out);
		break;
	case SERIES_MONTH:
		day_format_month(day, out);
		break;
	}
}

/* The first day of a period label, as "YYYY-MM-DD" (for date axes). */
void
series_period_start(enum series_by by, const char *label, char out[11])
{
	int	 y, w;

	switch (by) {
	case SERIES_DAY:
		memcpy(out, label, 11);
		break;
	case SERIES_WEEK:
		if (sscanf(label, "%d-W%d", &y, &w) == 2)
			day_format(day_iso_week_start(y, w), out);
		else
			memcpy(out, "1970-01-01", 11);
		break;
	case SERIES_MONTH:
		snprintf(out, 11, "%.7s-01", label);
		break;
	}
}

/*
 * Fill s's periods from sorted known days with their papers and per-day
 * counts (counts[d * nterms + t]); s->by, nterms and terms are set.
 */
void
series_build(struct series *s, const day_t *days, const int64_t *papers,
    size_t ndays, const int64_t *counts)
{
	size_t	 d, t, p = 0;
	char	 label[11];

	s->periods = xreallocarray(NULL, ndays + 1, sizeof *s->periods);
	s->documents = xcalloc(ndays + 1, sizeof *s->documents);
	s->counts = xcalloc((ndays + 1) * (s->nterms + 1), sizeof *s->counts);
	s->nperiods = 0;
	for (d = 0; d < ndays; d++) {
		series_period(s->by, days[d], label);
		if (s->nperiods == 0 ||
		    strcmp(s->periods[s->nperiods - 1], label) != 0)
			memcpy(s->periods[s->nperiods++], label, sizeof label);
		p = s->nperiods - 1;
		s->documents[p] += papers[d];
		for (t = 0; t < s->nterms; t++)
			s->counts[p * s->nterms + t] +=
			    counts[d * s->nterms + t];
	}
}

/* Free what series_build allocated. */
void
series_clear(struct series *s)
{
	free(s->periods);
	free(s->documents);
	free(s->counts);
	s->periods = NULL;
	s->documents = s->counts = NULL;
	s->nperiods = 0;
}

/* {"by": "month", "periods": [{"period", "documents", "terms": {...}}]} */
char *
series_json(const struct series *s)
{
	json_t	*root = json_object(), *periods = json_array(), *p, *terms;
	size_t	 i, t;

	json_object_set_new(root, "by", json_string(series_by_name(s->by)));
	for (i = 0; i < s->nperiods; i++) {
		p = json_object();
		terms = json_object();
		json_object_set_new(p, "period", json_string(s->periods[i]));
		json_object_set_new(p, "documents",
		    json_integer(s->documents[i]));
		for (t = 0; t < s->nterms; t++)
			json_object_set_new(terms, s->terms[t],
			    json_integer(s->counts[i * s->nterms + t]));
		json_object_set_new(p, "terms", terms);
		json_array_append_new(periods, p);
	}
	json_object_set_new(root, "periods", periods);
	return render_json_line(root);
}

/* Append s to a growing buffer. */
static void
buf_add(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t	 n = strlen(s);

	while (*len + n + 1 > *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		*buf = xrealloc(*buf, *cap);
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
}

/* A CSV field, quoted when it holds a comma, quote or line break. */
static void
csv_field(char **buf, size_t *len, size_t *cap, const char *s)
{
	const char	*p;
	char		 c[2] = { 0, 0 };

	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_add(buf, len, cap, s);
		return;
	}
	buf_add(buf, len, cap, "\"");
	for (p = s; *p != '\0'; p++) {
		c[0] = *p;
		buf_add(buf, len, cap, *p == '"' ? "\"\"" : c);
	}
	buf_add(buf, len, cap, "\"");
}

/* period,documents,TERM... then one row a period. */
char *
series_csv(const struct series *s)
{
	char	*buf = NULL, num[32];
	size_t	 len = 0, cap = 0, i, t;

	buf_add(&buf, &len, &cap, "period,documents");
	for (t = 0; t < s->nterms; t++) {
		buf_add(&buf, &len, &cap, ",");
		csv_field(&buf, &len, &cap, s->terms[t]);
	}
	buf_add(&buf, &len, &cap, "\n");
	for (i = 0; i < s->nperiods; i++) {
		snprintf(num, sizeof num, "%s,%lld", s->periods[i],
		    (long long)s->documents[i]);
		buf_add(&buf, &len, &cap, num);
		for (t = 0; t < s->nterms; t++) {
			snprintf(num, sizeof num, ",%lld",
			    (long long)s->counts[i * s->nterms + t]);
			buf_add(&buf, &len, &cap, num);
		}
		buf_add(&buf, &len, &cap, "\n");
	}
	return buf;
}

/* A table: period, papers, then each term's count and share. */
char *
series_text(const struct series *s)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i, t, *width, chars;
	const char	*c;
	int64_t		 n;

	/* A column is as wide as its term: a header is never cut. */
	width = xcalloc(s->nterms + 1, sizeof *width);
	buf_printf(&b, "%-10s %8s", "period", "papers");
	for (t = 0; t < s->nterms; t++) {
		for (chars = 0, c = s->terms[t]; *c != '\0'; c++)
			chars += ((unsigned char)*c & 0xc0) != 0x80;
		width[t] = chars > 16 ? chars : 16;
		buf_printf(&b, "  %*s%s", (int)(width[t] - chars), "",
		    s->terms[t]);
	}
	buf_printf(&b, "\n");
	for (i = 0; i < s->nperiods; i++) {
		buf_printf(&b, "%-10s %8lld", s->periods[i],
		    (long long)s->documents[i]);
		for (t = 0; t < s->nterms; t++) {
			n = s->counts[i * s->nterms + t];
			buf_printf(&b, "  %*s%8lld (%4.1f%%)",
			    (int)(width[t] - 16), "", (long long)n,
			    s->documents[i] > 0 ? 100.0 * (double)n /
			    (double)s->documents[i] : 0.0);
		}
		buf_printf(&b, "\n");
	}
	if (s->nperiods == 0)
		buf_printf(&b, "(no known day in the range)\n");
	else
		buf_printf(&b, "\npapers: of the period (known days only); each "
		    "term: its papers (share).\n");
	free(width);
	return buf_take(&b);
}
