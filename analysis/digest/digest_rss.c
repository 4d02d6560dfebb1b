/*
 * RSS 2.0 and RSS 1.0 / RDF feeds, arXiv's listings among them: items to
 * entries. Owns the arXiv quirks of both: "Announce Type:" and "Abstract:"
 * in RSS descriptions, "(arXiv:ID vN [cat] UPDATED)" after RDF titles;
 * replacements are appearances of old papers (entry.update). Pure: bytes
 * in, entries out, through xmlutil.c's safe parser, read as a stream: each
 * item becomes an entry as its end tag is read and leaves the tree.
 */
#include <stdlib.h>
#include <string.h>

#include "digest_int.h"

#define NS_DC		"http://purl.org/dc/elements/1.1/"
#define NS_ARXIV	"http://arxiv.org/schemas/atom"
#define NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"

/* The fields of one item before they become an entry (all owned). */
struct rss_item {
	char	*id, *title, *abstract, *url, *authors, *date;
	int	 update;
};

/* Free an item's fields. */
static void
rss_item_clear(struct rss_item *it)
{
	free(it->id);
	free(it->title);
	free(it->abstract);
	free(it->url);
	free(it->authors);
	free(it->date);
	memset(it, 0, sizeof *it);
}

/* Every child name (namespace ns) as text, joined with ", "; or NULL. */
static char *
rss_join(xmlNodePtr parent, const char *ns, const char *name)
{
	xmlNodePtr	 c;
	char		*out = NULL;

	for (c = parent->children; c != NULL; c = c->next) {
		if (xml_is(c, ns, name))
			out = digest_list_add(out, xml_text(c, 1));
	}
	return out;
}

/* The feed's own date; else the snapshot's (o->date). */
static day_t
rss_date(char *text, const struct digest_options *o)
{
	day_t	 day;

	if (text == NULL || day_parse_loose(text, &day) != 0)
		day = o->date;
	free(text);
	return day;
}

/*
 * Move an item into a new entry of d; rank is its position. Its day and
 * link wait for the feed's date and base, which may follow the items
 * (rss_settle).
 */
static void
rss_add(struct digest *d, struct rss_item *it, long line)
{
	struct entry	*e;
	day_t		 pub;

	if (it->title == NULL) {	/* no title: not a paper */
		rss_item_clear(it);
		return;
	}
	e = digest_add(d);
	e->id = it->id;
	e->title = it->title;
	e->abstract = it->abstract;
	e->url = it->url;
	e->authors = it->authors;
	e->day = DAY_NONE;
	e->published = it->date != NULL && day_parse_loose(it->date,
	    &pub) == 0 ? pub : DAY_NONE;
	e->update = it->update;
	e->rank = (int)d->n;
	e->line = line;
	free(it->date);
	memset(it, 0, sizeof *it);
}

/*
 * arXiv's RSS description, "arXiv:2503.10000v1 Announce Type: new
 * Abstract: text": keep the text; *type gets the announce type.
 */
static char *
rss_arxiv_description(char *desc, char **type)
{
	char	*a, *t, *out;
	size_t	 n;

	if (desc == NULL || strncmp(desc, "arXiv:", 6) != 0)
		return desc;
	if ((t = strstr(desc, "Announce Type:")) != NULL && *type == NULL) {
		t += 14;
		t += strspn(t, " ");
		n = strcspn(t, " ");
		*type = xstrndup(t, n);
	}
	if ((a = strstr(desc, "Abstract:")) == NULL)
		return desc;
	a += 9;
	a += strspn(a, " ");
	out = *a != '\0' ? xstrdup(a) : NULL;
	free(desc);
	return out;
}

/* Whether an announce type is a new version of an old paper. */
static int
rss_is_update(const char *type)
{
	return type != NULL && (strcmp(type, "replace") == 0 ||
	    strcmp(type, "replace-cross") == 0);
}

/* Read one RSS 2.0 <item> (its link as written). */
static void
rss_item(xmlNodePtr item, struct rss_item *it)
{
	char	*type;

	it->title = xml_child_text(item, NULL, "title", 1);
	it->url = xml_child_text(item, NULL, "link", 0);
	it->id = xml_child_text(item, NULL, "guid", 0);
	type = xml_child_text(item, NS_ARXIV, "announce_type", 0);
	it->abstract = xml_child_text(item, NULL, "description", 1);
	if (it->abstract == NULL)
		it->abstract = xml_child_text(item, NS_CONTENT, "encoded", 1);
	it->abstract = rss_arxiv_description(it->abstract, &type);
	it->update = rss_is_update(type);
	free(type);
	if ((it->authors = rss_join(item, NS_DC, "creator")) == NULL)
		it->authors = rss_join(item, NULL, "author");
	if ((it->date = xml_child_text(item, NULL, "pubDate", 0)) == NULL)
		it->date = xml_child_text(item, NS_DC, "date", 0);
}

/* Whether n is the element name whose parent is the document's root. */
static int
rss_under_root(xmlNodePtr n, const char *name)
{
	return xml_is(n, NULL, name) && n->parent != NULL &&
	    n->parent->parent != NULL &&
	    n->parent->parent->type == XML_DOCUMENT_NODE;
}

/* Whether n is an item of an RSS 2.0 feed: a child of its channel. */
static int
rss_is_item(xmlNodePtr n)
{
	xmlNodePtr	 channel = n->parent;

	if (!xml_is(n, NULL, "item") || channel == NULL ||
	    !xml_is(channel, NULL, "channel"))
		return 0;
	if (channel->parent != NULL &&
	    channel->parent->type == XML_DOCUMENT_NODE)
		return 1;
	return rss_under_root(channel, "channel") &&
	    xml_is(channel->parent, NULL, "rss") &&
	    xml_child(channel->parent, NULL, "channel") == channel;
}

/* Whether n is an item of an RDF feed: beside its channel or in it. */
static int
rdf_is_item(xmlNodePtr n)
{
	xmlNodePtr	 p = n->parent;

	if (!xml_is(n, NULL, "item") || p == NULL)
		return 0;
	if (rss_under_root(n, "item"))
		return xml_is(p, NULL, "RDF");
	return rss_under_root(p, "channel") &&
	    xml_is(p->parent, NULL, "RDF") &&
	    xml_child(p->parent, NULL, "channel") == p;
}

/* What the streaming read of an RSS 2.0 or RDF feed needs of each item. */
struct rss_reader {
	struct digest	*d;
	int		(*is_item)(xmlNodePtr);
	void		(*item)(xmlNodePtr, struct rss_item *);
};

/* The streaming reader's hook: an item of the feed into an entry of d. */
static int
rss_read_item(xmlNodePtr n, void *arg)
{
	struct rss_reader	*r = arg;
	struct rss_item		 it;

	if (!r->is_item(n))
		return 0;
	memset(&it, 0, sizeof it);
	r->item(n, &it);
	rss_add(r->d, &it, xmlGetLineNo(n));
	return 1;
}

/* Give every entry the feed's day and resolve its link against base. */
static void
rss_settle(struct digest *d, const char *base)
{
	char	*url;
	size_t	 i;

	digest_date_entries(d);
	for (i = 0; i < d->n; i++) {
		url = xml_resolve(d->entries[i].url, base);
		free(d->entries[i].url);
		d->entries[i].url = url;
	}
}

/* The end of a parse: a warning if the document broke, or an error. */
static struct digest *
rss_finish(struct digest *d, struct xml_doc *xd,
    const struct digest_options *o, char **cause)
{
	rss_settle(d, xd->base);
	if (xd->broken && d->n == 0) {
		*cause = xml_cause(xd, o, "not well-formed");
		digest_free(d);
		d = NULL;
	} else
		xml_partial(d, xd, o, "items");
	xml_doc_clear(xd);
	return d;
}

/* Parse an RSS 2.0 feed. */
struct digest *
digest_rss_parse(const char *p, size_t len, const struct digest_options *o,
    char **cause)
{
	struct xml_doc	 xd;
	struct digest	*d;
	xmlNodePtr	 root, channel;
	char		*date;
	struct rss_reader r = { NULL, rss_is_item, rss_item };
	struct xml_items items = { rss_read_item, &r };

	r.d = d = xcalloc(1, sizeof *d);
	if (xml_read(p, len, o, &items, &xd, cause) != 0)
		goto fail;
	root = xmlDocGetRootElement(xd.doc);
	if (!xml_is(root, NULL, "rss") && !xml_is(root, NULL, "channel")) {
		xasprintf(cause, "%s: not an RSS feed (the root element is "
		    "<%s>)", o->name, (const char *)root->name);
		goto fail;
	}
	channel = xml_is(root, NULL, "channel") ? root :
	    xml_child(root, NULL, "channel");
	if (channel == NULL) {
		xasprintf(cause, "%s: RSS feed without a <channel>", o->name);
		goto fail;
	}
	if ((date = xml_child_text(channel, NULL, "pubDate", 0)) == NULL &&
	    (date = xml_child_text(channel, NULL, "lastBuildDate", 0)) == NULL)
		date = xml_child_text(channel, NS_DC, "date", 0);
	d->date = rss_date(date, o);
	/* Without the feed's URL, links are relative to the site's. */
	if (xd.base == NULL)
		xd.base = xml_child_text(channel, NULL, "link", 0);
	return rss_finish(d, &xd, o, cause);
fail:
	digest_free(d);
	xml_doc_clear(&xd);
	return NULL;
}

/*
 * An RDF title's arXiv suffix, "Title. (arXiv:2303.07205v2 [cs.CL]
 * UPDATED)": cut it (and the period arXiv put before it) and say whether
 * it marks an update.
 */
static char *
rdf_arxiv_title(char *title, int *update)
{
	char	*s;
	size_t	 n;

	*update = 0;
	if (title == NULL || (s = strstr(title, "(arXiv:")) == NULL)
		return title;
	while (strstr(s + 1, "(arXiv:") != NULL)
		s = strstr(s + 1, "(arXiv:");
	n = strlen(title);
	if (title[n - 1] != ')')
		return title;
	*update = strstr(s, "UPDATED") != NULL;
	while (s > title && s[-1] == ' ')
		s--;
	if (s > title && s[-1] == '.')
		s--;
	*s = '\0';
	if (*title == '\0') {
		free(title);
		return NULL;
	}
	return title;
}

/* Read one RSS 1.0 <item> (its link as written). */
static void
rdf_item(xmlNodePtr item, struct rss_item *it)
{
	it->title = rdf_arxiv_title(xml_child_text(item, NULL, "title", 1),
	    &it->update);
	it->url = xml_child_text(item, NULL, "link", 0);
	it->id = xml_attr(item, "about");
	it->abstract = xml_child_text(item, NULL, "description", 1);
	it->authors = rss_join(item, NS_DC, "creator");
	it->date = xml_child_text(item, NS_DC, "date", 0);
}

/* Parse an RSS 1.0 / RDF feed: items are siblings of the channel. */
struct digest *
digest_rdf_parse(const char *p, size_t len, const struct digest_options *o,
    char **cause)
{
	struct xml_doc	 xd;
	struct digest	*d;
	xmlNodePtr	 root, channel;
	struct rss_reader r = { NULL, rdf_is_item, rdf_item };
	struct xml_items items = { rss_read_item, &r };

	r.d = d = xcalloc(1, sizeof *d);
	if (xml_read(p, len, o, &items, &xd, cause) != 0) {
		digest_free(d);
		return NULL;
	}
	root = xmlDocGetRootElement(xd.doc);
	if (!xml_is(root, NULL, "RDF")) {
		xasprintf(cause, "%s: not an RDF feed (the root element is "
		    "<%s>)", o->name, (const char *)root->name);
		digest_free(d);
		xml_doc_clear(&xd);
		return NULL;
	}
	channel = xml_child(root, NULL, "channel");
	d->date = rss_date(channel != NULL ? xml_child_text(channel, NS_DC,
	    "date", 0) : NULL, o);
	return rss_finish(d, &xd, o, cause);
}
