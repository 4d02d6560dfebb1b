/*
 * HTML pages of paper cards: items, titles, abstracts and links picked
 * by XPath expressions (digest_options), or the built-in preset for
 * huggingface.co/papers, which prefers the page's embedded data-props
 * JSON (read by digest_hfjson.c) and falls back to the cards. Relative
 * links resolve against the page's URL. Pure: bytes in, entries out.
 */
#include <stdlib.h>
#include <string.h>

#include "digest_int.h"

#define HF_BASE		"https://huggingface.co/papers"

/* The expressions that read one page. */
struct html_select {
	const char	*item, *title, *abstract, *link, *rank;
};

/* huggingface.co/papers: the cards, as scrapers in the wild read them. */
static const struct html_select html_hf_cards = {
	"//article[.//h3//a]",
	"(.//h3//a)[1]",
	"(.//p)[1]",
	"(.//h3//a/@href)[1]",
	"(.//div[contains(concat(' ', normalize-space(@class), ' '), "
	    "' leading-none ')])[1]"
};

/* What a user gives; unset title and link have defaults. */
static const struct html_select html_defaults = {
	NULL,
	"(.//h1|.//h2|.//h3|.//h4|.//a)[1]",
	NULL,
	"(.//a/@href)[1]",
	NULL
};

/* The day's papers from the Daily Papers data-props JSON; NULL if none. */
static struct digest *
html_hf_props(struct xml_doc *xd, xmlXPathContextPtr ctx,
    const struct digest_options *o, char **cause)
{
	struct digest_options	 po = *o;
	xmlXPathCompExprPtr	 comp;
	xmlXPathObjectPtr	 r;
	struct digest		*d = NULL;
	char			*props = NULL, *name;

	comp = xml_xpath_compile(ctx, "//*[@data-target='DailyPapers']"
	    "[@data-props]");
	if (comp == NULL)
		return NULL;
	if ((r = xml_xpath_eval(ctx, comp, (xmlNodePtr)xd->doc)) != NULL &&
	    r->type == XPATH_NODESET && r->nodesetval != NULL &&
	    r->nodesetval->nodeNr > 0)
		props = xml_attr(r->nodesetval->nodeTab[0], "data-props");
	xmlXPathFreeObject(r);
	xmlXPathFreeCompExpr(comp);
	if (props == NULL)
		return NULL;
	xasprintf(&name, "%s: data-props", o->name);
	po.name = name;
	po.content_type = NULL;
	d = digest_hfjson_parse(props, strlen(props), &po, cause);
	free(props);
	free(name);
	return d;
}

/* Compile what *src names into *out; -1 with *cause if it is no XPath. */
static int
html_compile(xmlXPathContextPtr ctx, const char *src, const char *option,
    xmlXPathCompExprPtr *out, const struct digest_options *o, char **cause)
{
	*out = NULL;
	if (src == NULL)
		return 0;
	if ((*out = xml_xpath_compile(ctx, src)) == NULL) {
		xasprintf(cause, "%s: %s: not an XPath expression: \"%s\"",
		    o->name, option, src);
		return -1;
	}
	return 0;
}

/* The rank a card shows ("117" upvotes); -1 if it shows none. */
static int
html_rank(const char *s)
{
	long	 v = 0;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9' && v < 1000000000; s++)
		v = v * 10 + (*s - '0');
	return *s == '\0' ? (int)v : -1;
}

/* Read every item the selection finds into d. */
static int
html_items(struct digest *d, struct xml_doc *xd, xmlXPathContextPtr ctx,
    const struct html_select *sel, const char *base,
    const struct digest_options *o, char **cause)
{
	xmlXPathCompExprPtr	 c[5];
	xmlXPathObjectPtr	 r = NULL;
	xmlNodePtr		 n;
	struct entry		*e;
	char			*title, *link, *rank;
	int			 i, rc = -1;

	memset(c, 0, sizeof c);
	if (html_compile(ctx, sel->item, "--item-xpath", &c[0], o,
	    cause) != 0 ||
	    html_compile(ctx, sel->title, "--title-xpath", &c[1], o,
	    cause) != 0 ||
	    html_compile(ctx, sel->abstract, "--abstract-xpath", &c[2], o,
	    cause) != 0 ||
	    html_compile(ctx, sel->link, "--link-xpath", &c[3], o,
	    cause) != 0 ||
	    html_compile(ctx, sel->rank, "rank", &c[4], o, cause) != 0)
		goto out;
	if ((r = xml_xpath_eval(ctx, c[0], (xmlNodePtr)xd->doc)) == NULL ||
	    r->type != XPATH_NODESET) {
		xasprintf(cause, "%s: --item-xpath \"%s\" does not select "
		    "nodes%s", o->name, sel->item, r == NULL ? " (or takes "
		    "too long)" : "");
		goto out;
	}
	for (i = 0; r->nodesetval != NULL && i < r->nodesetval->nodeNr;
	    i++) {
		n = r->nodesetval->nodeTab[i];
		if ((title = xml_xpath_text(ctx, c[1], n)) == NULL)
			continue;
		e = digest_add(d);
		e->title = title;
		e->abstract = xml_xpath_text(ctx, c[2], n);
		link = xml_xpath_text(ctx, c[3], n);
		e->url = xml_resolve(link, base);
		free(link);
		rank = xml_xpath_text(ctx, c[4], n);
		if ((e->rank = html_rank(rank)) < 0)
			e->rank = (int)d->n;
		free(rank);
		e->day = d->date;
		e->line = xmlGetLineNo(n);
	}
	rc = 0;
out:
	xmlXPathFreeObject(r);
	for (i = 0; i < 5; i++)
		xmlXPathFreeCompExpr(c[i]);
	return rc;
}

/* Parse an HTML page of paper cards. */
struct digest *
digest_html_parse(const char *p, size_t len, const struct digest_options *o,
    char **cause)
{
	struct html_select	 sel;
	struct xml_doc		 xd;
	struct digest		*d = NULL, *props;
	xmlXPathContextPtr	 ctx;
	const char		*base;

	if (xml_read_html(p, len, o, &xd, cause) != 0)
		return NULL;
	if ((ctx = xml_xpath_new(&xd)) == NULL) {
		xasprintf(cause, "%s: cannot start XPath", o->name);
		goto out;
	}
	base = xd.base;
	if (o->item_xpath == NULL) {
		if (base == NULL)
			base = HF_BASE;
		*cause = NULL;
		if ((props = html_hf_props(&xd, ctx, o, cause)) != NULL ||
		    *cause != NULL) {
			d = props;
			goto out;
		}
		sel = html_hf_cards;
	} else {
		sel = html_defaults;
		sel.item = o->item_xpath;
		if (o->title_xpath != NULL)
			sel.title = o->title_xpath;
		if (o->link_xpath != NULL)
			sel.link = o->link_xpath;
		sel.abstract = o->abstract_xpath;
	}
	d = xcalloc(1, sizeof *d);
	d->date = o->date;
	if (html_items(d, &xd, ctx, &sel, base, o, cause) != 0) {
		digest_free(d);
		d = NULL;
	} else if (d->n == 0 && o->item_xpath == NULL) {
		xasprintf(cause, "%s: no paper cards found (not a "
		    "huggingface.co/papers page?): give --item-xpath and "
		    "--title-xpath", o->name);
		digest_free(d);
		d = NULL;
	}
out:
	if (d != NULL && ctx != NULL)
		d->xpath_steps = ctx->opCount;
	if (ctx != NULL)
		xmlXPathFreeContext(ctx);
	xml_doc_clear(&xd);
	return d;
}
