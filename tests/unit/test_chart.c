/* Charts and sparklines: labels made harmless, stable gnuplot input. */
#include "unit.h"
#include "reports/reports.h"

static void
labels_lose_every_quote_backtick_and_line_break(void **state)
{
	char	*l;

	(void)state;
	l = chart_label("say \"hi\" `rm -rf /` system('x') a\\b\nc");
	assert_null(strchr(l, '"'));
	assert_null(strchr(l, '`'));
	assert_null(strchr(l, '\''));
	assert_null(strchr(l, '\\'));
	assert_null(strchr(l, '\n'));
	assert_string_equal(l, "say \xe2\x80\x99hi\xe2\x80\x99 \xe2\x80\x99"
	    "rm -rf /\xe2\x80\x99 system(\xe2\x80\x99x\xe2\x80\x99) a/b c");
	free(l);
	l = chart_label("a very long label that goes on and on and on and on "
	    "and on and on");
	assert_int_equal(strlen(l), 60 + 3);
	free(l);
}

static void
a_line_chart_keeps_data_out_of_the_script(void **state)
{
	const char		*terms[] = { "`touch x`", "o1" };
	struct chart_spec	 c = { "series", "svg", "A title" };
	struct series		 s;
	day_t			 days[2];
	int64_t			 papers[2] = { 10, 20 }, counts[4] = { 1, 2, 3, 4 };
	char			*data, *script;

	(void)state;
	day_parse("2025-03-03", &days[0]);
	day_parse("2025-03-10", &days[1]);
	memset(&s, 0, sizeof s);
	s.by = SERIES_WEEK;
	s.nterms = 2;
	s.terms = terms;
	series_build(&s, days, papers, 2, counts);
	assert_int_equal(chart_lines(&c, &s, 1, &data, &script), 0);
	assert_string_equal(data, "\"period\"\t\"papers\"\t\"\xe2\x80\x99touch "
	    "x\xe2\x80\x99\"\t\"o1\"\n2025-03-03\t10\t10.000\t20.000\n"
	    "2025-03-10\t20\t15.000\t20.000\n");
	assert_null(strstr(script, "touch"));
	assert_null(strchr(script, '`'));
	assert_non_null(strstr(script, "set terminal svg size 1100,620 font "
	    "'DejaVu Sans,10' noenhanced"));
	assert_non_null(strstr(script, "plot for [i=3:4] 'series.dat' using 1:i"));
	free(data);
	free(script);
	/* Our own words only: a title with a quote is refused. */
	c.title = "it's";
	assert_int_equal(chart_lines(&c, &s, 1, &data, &script), -1);
	series_clear(&s);
}

static void
sparklines_scale_from_zero_to_the_maximum(void **state)
{
	double	 v[5] = { 0, 1, 2, 4, 8 }, z[3] = { 0, 0, 0 };
	char	*s;

	(void)state;
	s = sparkline_text(v, 5);
	assert_string_equal(s, "\xe2\x96\x81\xe2\x96\x82\xe2\x96\x83"
	    "\xe2\x96\x85\xe2\x96\x88");
	free(s);
	s = sparkline_text(z, 3);
	assert_string_equal(s, "\xe2\x96\x81\xe2\x96\x81\xe2\x96\x81");
	free(s);
	s = sparkline_svg(v, 5, 84, 20);
	assert_non_null(strstr(s, "points=\"2.0,18.0 22.0,16.0 42.0,14.0 "
	    "62.0,10.0 82.0,2.0\""));
	free(s);
}

static void
html_text_is_escaped(void **state)
{
	char	*s;

	(void)state;
	s = html_escape("<script>alert('x')</script> & \"y\"");
	assert_string_equal(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script"
	    "&gt; &amp; &quot;y&quot;");
	free(s);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(labels_lose_every_quote_backtick_and_line_break),
    cmocka_unit_test(a_line_chart_keeps_data_out_of_the_script),
    cmocka_unit_test(sparklines_scale_from_zero_to_the_maximum),
    cmocka_unit_test(html_text_is_escaped))
