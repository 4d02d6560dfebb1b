/*
 * Atom 1.0 feeds, arXiv API responses among them: entries to entries.
 * Owns the text constructs (text, html, xhtml), xml:base, and arXiv's
 * error answer (one entry titled "Error"): an error, never a paper.
 * Pure: bytes in, entries out, through xmlutil.c's safe parser.
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

/* Read one <entry> into a new entry of d. */
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
	e->day = d->date;
	if ((date = xml_child_text(n, NULL, "published", 0)) == NULL)
		date = xml_child_text(n, NULL, "updated", 0);
	e->published = date != NULL && day_parse_loose(date, &pub) == 0 ?
	    pub : d->date;
	free(date);
	e->rank = (int)d->n;
	e->line = xmlGetLineNo(n);
}

/* Parse an Atom feed. */
struct digest *
digest_atom_parse(const char *p, size_t len, const struct digest_options *o,
    char **cause)
{
	struct xml_doc	 xd;
	struct digest	*d;
	xmlNodePtr	 root, c;
	size_t		 entries = 0;
	char		*date;

	if (xml_read(p, len, o, &xd, cause) != 0)
		return NULL;
	root = xmlDocGetRootElement(xd.doc);
	if (!xml_is(root, NULL, "feed")) {
		xasprintf(cause, "%s: not an Atom feed (the root element is "
		    "<%s>)", o->name, (const char *)root->name);
		xml_doc_clear(&xd);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	date = xml_child_text(root, NULL, "updated", 0);
	if (date == NULL || day_parse_loose(date, &d->date) != 0)
		d->date = o->date;
	free(date);
	for (c = root->children; c != NULL; c = c->next)
		entries += xml_is(c, NULL, "entry");
	for (c = root->children; c != NULL; c = c->next) {
		if (xml_is(c, NULL, "entry") && xml_closed(&xd, c))
			atom_entry(d, xd.doc, c, xd.base);
	}
	if (d->n > 0 && atom_is_error(&d->entries[0], entries)) {
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
