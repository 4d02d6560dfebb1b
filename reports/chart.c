/*
 * Charts as gnuplot input: for each chart a data file and a script, both
 * plain text, byte for byte the same for the same data. Every label that
 * comes from data (terms, titles, topic names) goes into the data file
 * only, made harmless (chart_label); the script holds our own words and
 * fixed file names, so nothing a digest says can run through gnuplot's
 * backticks or its system function. Running gnuplot is the daemon's job.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/reports.h"

/*
 * A label safe inside a gnuplot data file's double quotes: quotes and
 * backticks become a typographic apostrophe, backslashes a slash, control
 * characters and line breaks a space; at most 60 bytes (UTF-8 kept whole).
 */
char *
chart_label(const char *s)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i, n = 0;
	unsigned char	 c;

	buf_printf(&b, "%s", "");
	for (i = 0; s[i] != '\0'; i++) {
		c = (unsigned char)s[i];
		if (n >= 60 && (c & 0xc0) != 0x80) {
			buf_printf(&b, "\xe2\x80\xa6");
			break;
		}
		if (c == '"' || c == '`' || c == '\'')
			buf_printf(&b, "\xe2\x80\x99");
		else if (c == '\\')
			buf_printf(&b, "/");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(&b, " ");
		else
			buf_printf(&b, "%c", c);
		n++;
	}
	return buf_take(&b);
}

/* The terminal line for a format ("png" or "svg"). */
static void
chart_terminal(struct buf *b, const char *format, int width, int height)
{
	if (strcmp(format, "png") == 0)
		buf_printf(b, "set terminal pngcairo size %d,%d font "
		    "'DejaVu Sans,10' noenhanced\n", width, height);
	else
		buf_printf(b, "set terminal svg size %d,%d font "
		    "'DejaVu Sans,10' noenhanced background rgb 'white'\n",
		    width, height);
}

/* The start of every script: terminal, output, data file conventions. */
static void
chart_prologue(struct buf *b, const struct chart_spec *c, int width,
    int height)
{
	buf_printf(b, "# %s: written by topic chart; the data is in %s.dat\n",
	    c->name, c->name);
	chart_terminal(b, c->format, width, height);
	buf_printf(b, "set output '%s.%s'\n", c->name, c->format);
	buf_printf(b, "set datafile separator '\\t'\n");
	buf_printf(b, "set encoding utf8\n");
	buf_printf(b, "set title '%s' font ',13'\n", c->title);
	buf_printf(b, "set border 3 lc rgb '#555555'\n");
	buf_printf(b, "set tics nomirror textcolor rgb '#333333'\n");
	buf_printf(b, "set grid ytics lc rgb '#dddddd' dt 1\n");
	/* Ten colours that stay apart on screen and in print. */
	buf_printf(b, "set linetype 1 lc rgb '#1f77b4'\n"
	    "set linetype 2 lc rgb '#d62728'\n"
	    "set linetype 3 lc rgb '#2ca02c'\n"
	    "set linetype 4 lc rgb '#ff7f0e'\n"
	    "set linetype 5 lc rgb '#9467bd'\n"
	    "set linetype 6 lc rgb '#8c564b'\n"
	    "set linetype 7 lc rgb '#e377c2'\n"
	    "set linetype 8 lc rgb '#17becf'\n"
	    "set linetype 9 lc rgb '#7f7f7f'\n"
	    "set linetype 10 lc rgb '#bcbd22'\n"
	    "set linetype cycle 10\n");
}

/* Whether a title or axis text of ours is safe in single quotes. */
static int
chart_own_text(const char *s)
{
	return strpbrk(s, "'`\\\n\"@") == NULL;
}

/*
 * Lines over time: one line per term, its share of each period's papers
 * in percent (or its count). Periods must be days ("2025-03-14"), ISO weeks
 * or months; the x axis shows dates.
 */
int
chart_lines(const struct chart_spec *c, const struct series *s, int share,
    char **data, char **script)
{
	struct buf	 d = { NULL, 0, 0 }, g = { NULL, 0, 0 };
	size_t		 i, t;
	char		*label, start[11];
	double		 v;

	if (!chart_own_text(c->title) || s->nterms == 0)
		return -1;
	buf_printf(&d, "\"period\"\t\"papers\"");
	for (t = 0; t < s->nterms; t++) {
		label = chart_label(s->terms[t]);
		buf_printf(&d, "\t\"%s\"", label);
		free(label);
	}
	buf_printf(&d, "\n");
	for (i = 0; i < s->nperiods; i++) {
		series_period_start(s->by, s->periods[i], start);
		buf_printf(&d, "%s\t%lld", start, (long long)s->documents[i]);
		for (t = 0; t < s->nterms; t++) {
			v = (double)s->counts[i * s->nterms + t];
			if (share)
				v = s->documents[i] > 0 ? 100.0 * v /
				    (double)s->documents[i] : 0.0;
			buf_printf(&d, "\t%.3f", v);
		}
		buf_printf(&d, "\n");
	}

	chart_prologue(&g, c, 1100, 620);
	buf_printf(&g, "set xdata time\nset timefmt '%%Y-%%m-%%d'\n");
	buf_printf(&g, "set format x \"%s\"\n", s->by == SERIES_DAY ?
	    "%d %b\\n%Y" : "%b\\n%Y");
	buf_printf(&g, "set xlabel '%s'\n", s->by == SERIES_DAY ? "day" :
	    s->by == SERIES_WEEK ? "week (ISO, by its Monday)" : "month");
	buf_printf(&g, "set ylabel '%s'\n", share ?
	    "share of papers in the period (%)" : "papers");
	buf_printf(&g, "set yrange [0:*]\nset offsets 0, 0, graph 0.05, 0\n");
	buf_printf(&g, "set key outside right top vertical Left reverse "
	    "noautotitle samplen 2\n");
	buf_printf(&g, "set rmargin 28\n");
	buf_printf(&g, "plot for [i=3:%zu] '%s.dat' using 1:i with "
	    "linespoints lw 2 pt 7 ps 0.6 title columnheader(i)\n",
	    s->nterms + 2, c->name);
	*data = d.s;
	*script = g.s;
	return 0;
}

/* Horizontal bars: one per item, longest on top, with its value. */
int
chart_bars(const struct chart_spec *c, const char **labels,
    const double *values, size_t n, const char *xlabel, char **data,
    char **script)
{
	struct buf	 d = { NULL, 0, 0 }, g = { NULL, 0, 0 };
	size_t		 i;
	char		*label;
	int		 height;

	if (!chart_own_text(c->title) || !chart_own_text(xlabel))
		return -1;
	buf_printf(&d, "\"item\"\t\"value\"\n");
	/* gnuplot draws the first row at the bottom: write them reversed. */
	for (i = n; i > 0; i--) {
		label = chart_label(labels[i - 1]);
		buf_printf(&d, "\"%s\"\t%.3f\n", label, values[i - 1]);
		free(label);
	}
	height = 160 + 28 * (int)(n > 0 ? n : 1);
	chart_prologue(&g, c, 900, height < 360 ? 360 : height);
	buf_printf(&g, "set style fill solid 0.85 border -1\n");
	buf_printf(&g, "set xlabel '%s'\n", xlabel);
	buf_printf(&g, "set ylabel ''\nset xrange [0:*]\n");
	buf_printf(&g, "set offsets 0, graph 0.12, 0.5, 0.5\n");
	buf_printf(&g, "set lmargin 34\nset key off\nset grid xtics noytics\n");
	if (n == 0)
		buf_printf(&g, "set label 1 'no rising item this week' at "
		    "graph 0.5, graph 0.5 center\nset yrange [0:1]\n"
		    "plot NaN notitle\n");
	else
		buf_printf(&g, "plot '%s.dat' using 2:0:(0):2:($0-0.38):"
		    "($0+0.38):ytic(1) with boxxyerror lc rgb '#3b7dd8' "
		    "notitle, '' using 2:0:(sprintf(' %%.1f', $2)) with "
		    "labels left notitle\n", c->name);
	*data = d.s;
	*script = g.s;
	return 0;
}

/*
 * A heat map: rows (topics) by columns (periods), each cell a share in
 * percent; rows[r] labels, periods[p] column labels.
 */
int
chart_heat(const struct chart_spec *c, const char **rows, size_t nrows,
    const char (*periods)[11], size_t nperiods, const double *cells,
    char **data, char **script)
{
	struct buf	 d = { NULL, 0, 0 }, g = { NULL, 0, 0 };
	size_t		 r, p;
	char		*label;
	int		 height;

	if (!chart_own_text(c->title) || nrows == 0 || nperiods == 0)
		return -1;
	/* A matrix with row and column headers, for "matrix rowheaders". */
	buf_printf(&d, "\"topic\"");
	for (p = 0; p < nperiods; p++)
		buf_printf(&d, "\t\"%s\"", periods[p]);
	buf_printf(&d, "\n");
	for (r = nrows; r > 0; r--) {
		label = chart_label(rows[r - 1]);
		buf_printf(&d, "\"%s\"", label);
		free(label);
		for (p = 0; p < nperiods; p++)
			buf_printf(&d, "\t%.3f", cells[(r - 1) * nperiods + p]);
		buf_printf(&d, "\n");
	}
	height = 180 + 22 * (int)nrows;
	chart_prologue(&g, c, 1100, height < 400 ? 400 : height);
	buf_printf(&g, "set view map\nset grid noytics\n");
	buf_printf(&g, "set xlabel 'week (ISO)'\nset ylabel ''\n");
	buf_printf(&g, "set cblabel 'share of papers that week (%%)'\n");
	buf_printf(&g, "set palette defined (0 '#ffffff', 1 '#c6dbef', "
	    "2 '#6baed6', 3 '#2171b5', 4 '#08306b')\n");
	buf_printf(&g, "set cbrange [0:*]\nset lmargin 30\n");
	buf_printf(&g, "set xtics rotate by -60 font ',8'\n");
	buf_printf(&g, "set key off\n");
	buf_printf(&g, "plot '%s.dat' matrix rowheaders columnheaders "
	    "using 1:2:3 with image notitle\n", c->name);
	*data = d.s;
	*script = g.s;
	return 0;
}
