/*
 * Sparklines: a series as eight levels of block characters for terminals
 * and Markdown, or as a tiny inline SVG for HTML. Scaled from zero to the
 * series' maximum, so an all-zero series is a flat baseline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/reports.h"

/* The level (0-7) of v on a scale from 0 to max. */
static int
sparkline_level(double v, double max)
{
	int	 l;

	if (max <= 0 || v <= 0)
		return 0;
	l = (int)(v / max * 7.0 + 0.5);
	return l < 0 ? 0 : l > 7 ? 7 : l;
}

/* The largest value of v (0 if none is positive). */
static double
sparkline_max(const double *v, size_t n)
{
	double	 max = 0;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (v[i] > max)
			max = v[i];
	}
	return max;
}

/* "▁▂▅█": one block character per value. */
char *
sparkline_text(const double *v, size_t n)
{
	static const char *blocks[] = { "\xe2\x96\x81", "\xe2\x96\x82",
	    "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
	    "\xe2\x96\x87", "\xe2\x96\x88" };
	double	 max = sparkline_max(v, n);
	char	*out = xmalloc(3 * n + 1), *o = out;
	size_t	 i;

	for (i = 0; i < n; i++) {
		memcpy(o, blocks[sparkline_level(v[i], max)], 3);
		o += 3;
	}
	*o = '\0';
	return out;
}

/* An inline SVG of width x height pixels: a polyline with a last dot. */
char *
sparkline_svg(const double *v, size_t n, int width, int height)
{
	double	 max = sparkline_max(v, n), x, y, step;
	char	*pts = xstrdup(""), *tmp, *out;
	size_t	 i;

	step = n > 1 ? (double)(width - 4) / (double)(n - 1) : 0;
	x = y = 0;
	for (i = 0; i < n; i++) {
		x = 2 + step * (double)i;
		y = (double)height - 2 - (max > 0 ? v[i] / max : 0) *
		    (double)(height - 4);
		tmp = pts;
		xasprintf(&pts, "%s%s%.1f,%.1f", tmp, i ? " " : "", x, y);
		free(tmp);
	}
	xasprintf(&out, "<svg class=\"spark\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\"><polyline fill=\"none\" "
	    "stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"%s\"/>"
	    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#d62728\"/></svg>",
	    width, height, width, height, pts, x, y);
	free(pts);
	return out;
}

/* s with &, <, >, " and ' written as entities, for HTML text. */
char *
html_escape(const char *s)
{
	size_t	 n = 0, i;
	char	*out, *o;

	for (i = 0; s[i] != '\0'; i++)
		n += strchr("&<>\"'", s[i]) != NULL ? 6 : 1;
	out = o = xmalloc(n + 1);
	for (i = 0; s[i] != '\0'; i++) {
		switch (s[i]) {
		case '&':
			o = stpcpy(o, "&amp;");
			break;
		case '<':
			o = stpcpy(o, "&lt;");
			break;
		case '>':
			o = stpcpy(o, "&gt;");
			break;
		case '"':
			o = stpcpy(o, "&quot;");
			break;
		case '\'':
			o = stpcpy(o, "&#39;");
			break;
		default:
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}
