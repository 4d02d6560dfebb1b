/*
 * Atom 1.0 feeds, arXiv API responses among them: entries to entries.
 * Owns the text constructs (text, html, xhtml), xml:base, and arXiv's
 * error answer (one entry titled "Error"): an error, never a paper.
 * Pure: bytes in, entries out, through xmlutil.c's safe parser, read as
 * a stream: each entry is read as its end tag is and leaves the tree.
 */
#include <stdlib.h>
#include <string.h>

#include "digest_int.h"

/* A text construct: escaped HTML when type="html", else plain text. */
static char *
atom_text(xmlNodePtr n)
{
	char	*type;
	int	 html;

	if (n == NULL)
		return NULL;
	type = xml_attr(n, "type");
	html = type != NULL && (strcmp(type, "html") == 0 ||
	    strcmp(type, "text/html") == 0);
	free(type);
	return xml_text(n, html);
}

/* The entry's alternate link, resolved against xml:base and the page. */
static char *
atom_link(xmlDocPtr doc, xmlNodePtr entry, const char *base)
{
	xmlNodePtr	 c, best = NULL;
	xmlChar		*xbase;
	char		*rel, *href, *url, *abs;

	for (c = entry->children; c != NULL; c = c->next) {
		if (!xml_is(c, NULL, "link"))
			continue;
		rel = xml_attr(c, "rel");
		if (rel == NULL || strcmp(rel, "alternate") == 0) {
			free(rel);
			best = c;
			break;
		}
		free(rel);
	}
	if (best == NULL || (href = xml_attr(best, "href")) == NULL)
		return NULL;
	if ((xbase = xmlNodeGetBase(doc, best)) != NULL) {
		abs = xml_resolve((const char *)xbase, base);
		xmlFree(xbase);
		url = xml_resolve(href, abs);
		free(abs);
	} else
		url = xml_resolve(href, base);
	free(href);
	return url;
}

/* Every author's name, joined with ", "; or NULL. */
static char *
atom_authors(xmlNodePtr entry)
{
	xmlNodePtr	 c;
	char		*out = NULL;

	for (c = entry->children; c != NULL; c = c->next) {
		if (xml_is(c, NULL, "author"))
			out = digest_list_add(out, xml_child_text(c, NULL,
			    "name", 0));
	}
	return out;
}

/* Whether an entry is the arXiv API's error answer. */
static int
atom_is_error(const struct entry *e, size_t entries)
{
	if (e->id != NULL && strstr(e->id, "arxiv.org/api/errors") != NULL)
		return 1;
	return entries == 1 && e->title != NULL &&
	    strcmp(e->title, "Error") == 0;
}

/* What a streaming read of an Atom feed keeps between entries. */
struct atom_reader {
	struct digest	*d;
	const char	*base;		/* the page's URL, or NULL */
	size_t		 entries;	/* <entry> elements read */
};

/*
 * Read one <entry> into a new entry of d; its day waits for the feed's
 * <updated>, which may follow the entries (digest_date_entries).
 */
static void
atom_entry(struct digest *d, xmlDocPtr doc, xmlNodePtr n, const char *base)
{
	struct entry	*e;
	char		*title, *date;
	day_t		 pub;

	if ((title = atom_text(xml_child(n, NULL, "title"))) == NULL)
		return;
	e = digest_add(d);
	e->title = title;
	e->id = xml_child_text(n, NULL, "id", 0);
	if ((e->abstract = atom_text(xml_child(n, NULL, "summary"))) == NULL)
		e->abstract = atom_text(xml_child(n, NULL, "content"));
	e->url = atom_link(doc, n, base);
	e->authors = atom_authors(n);
	e->day = DAY_NONE;
	if ((date = xml_child_text(n, NULL, "published", 0)) == NULL)
		date = xml_child_text(n, NULL, "updated", 0);
	e->published = date != NULL && day_parse_loose(date, &pub) == 0 ?
	    pub : DAY_NONE;
	free(date);
	e->rank = (int)d->n;
	e->line = xmlGetLineNo(n);
}

/* The streaming reader's hook: an entry of the feed into d. */
static int
atom_read_entry(xmlNodePtr n, void *arg)
{
	struct atom_reader	*r = arg;

	if (!xml_is(n, NULL, "entry") || n->parent == NULL ||
	    !xml_is(n->parent, NULL, "feed") || n->parent->parent == NULL ||
	    n->parent->parent->type != XML_DOCUMENT_NODE)
		return 0;
	r->entries++;
	atom_entry(r->d, n->doc, n, r->base);
	return 1;
}

/* Parse an Atom feed. */
struct digest *
digest_atom_parse(const char *p, size_t len, const struct digest_options *o,
    char **cause)
{
	struct xml_doc	 xd;
	struct digest	*d;
	xmlNodePtr	 root, c;
	char		*date;
	struct atom_reader r;
	struct xml_items items = { atom_read_entry, &r };

	memset(&r, 0, sizeof r);
	r.d = d = xcalloc(1, sizeof *d);
	r.base = o->base_url;
	if (xml_read(p, len, o, &items, &xd, cause) != 0)
		goto fail;
	root = xmlDocGetRootElement(xd.doc);
	if (!xml_is(root, NULL, "feed")) {
		xasprintf(cause, "%s: not an Atom feed (the root element is "
		    "<%s>)", o->name, (const char *)root->name);
		goto fail;
	}
	date = xml_child_text(root, NULL, "updated", 0);
	if (date == NULL || day_parse_loose(date, &d->date) != 0)
		d->date = o->date;
	free(date);
	digest_date_entries(d);
	/* The entries read, and one left open at a broken end. */
	for (c = root->children; c != NULL; c = c->next)
		r.entries += xml_is(c, NULL, "entry") && c->children != NULL;
	if (d->n > 0 && atom_is_error(&d->entries[0], r.entries)) {
		xasprintf(cause, "%s: arXiv API error: %s", o->name,
		    d->entries[0].abstract != NULL ? d->entries[0].abstract :
		    "(no reason given)");
		goto fail;
	}
	if (xd.broken && d->n == 0) {
		*cause = xml_cause(&xd, o, "not well-formed");
		goto fail;
	}
	xml_partial(d, &xd, o, "entries");
	xml_doc_clear(&xd);
	return d;
fail:
	digest_free(d);
	xml_doc_clear(&xd);
	return NULL;
}
