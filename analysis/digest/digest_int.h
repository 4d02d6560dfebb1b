/*
 * The digest room's insides: libxml2 for the XML and HTML parsers
 * (xmlutil.c), the one safe
 * way to parse, text and attribute readers that never expand an entity,
 * and markup-to-text. Only digest_*.c include it.
 */
#ifndef TOPIC_DIGEST_INT_H
#define TOPIC_DIGEST_INT_H

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "analysis/digest/digest.h"

#define XML_FIELD_MAX	(1024 * 1024)	/* bytes kept of one text field */
#define XML_XPATH_OPS	50000000UL	/* steps one XPath evaluation may take */

/* A parsed document and what went wrong while reading it. */
struct xml_doc {
	xmlDocPtr	 doc;
	int		 broken;	/* not well-formed (closed items kept) */
	char		*error;		/* the first error, or NULL */
	int		 line, col;	/* where it was, 0 if unknown */
	char		*base;		/* URL relative links resolve against */
};

/*
 * A streaming reader's hook: read(node, arg) is offered every element as
 * its end tag is read, with its ancestors still in the tree; when it
 * returns 1 (it took what it needs), the element's subtree is freed.
 */
struct xml_items {
	int	(*read)(xmlNodePtr, void *);
	void	*arg;
};
int	 xml_read(const char *, size_t, const struct digest_options *,
	     const struct xml_items *, struct xml_doc *, char **);
int	 xml_read_html(const char *, size_t, const struct digest_options *,
	     struct xml_doc *, char **);
void	 xml_doc_clear(struct xml_doc *);
char	*xml_cause(const struct xml_doc *, const struct digest_options *,
	     const char *);
int	 xml_is(xmlNodePtr, const char *, const char *);
xmlNodePtr xml_child(xmlNodePtr, const char *, const char *);
char	*xml_raw_text(xmlNodePtr);
char	*xml_text(xmlNodePtr, int);
char	*xml_child_text(xmlNodePtr, const char *, const char *, int);
char	*xml_attr(xmlNodePtr, const char *);
char	*xml_resolve(const char *, const char *);
xmlXPathContextPtr xml_xpath_new(const struct xml_doc *);
xmlXPathCompExprPtr xml_xpath_compile(xmlXPathContextPtr, const char *);
xmlXPathObjectPtr xml_xpath_eval(xmlXPathContextPtr, xmlXPathCompExprPtr,
	     xmlNodePtr);
char	*xml_xpath_text(xmlXPathContextPtr, xmlXPathCompExprPtr,
	     xmlNodePtr);
char	*xml_markup_text(const char *, size_t);
void	 xml_partial(struct digest *, const struct xml_doc *,
	     const struct digest_options *, const char *);

#endif
