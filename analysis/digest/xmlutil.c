/*
 * The one safe way to read XML and HTML digests with libxml2 (DESIGN
 * section 9): no network, no DTD loading, no entity declared by the
 * document is ever honoured (so no external entity, billion laughs or
 * quadratic blow-up: a reference to one stays as written text), libxml2's
 * own size and depth limits kept (no HUGE). HTML entity names in XML
 * (&nbsp;) are read as their characters and a bare '&' as text, as feed
 * readers do. Also text and attribute readers that walk without recursion
 * and never follow an entity, and escaped-HTML-to-text.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>

#include "digest_int.h"

static const char xml_read_mark[] = "read";

#define XML_PUSH_PIECE	(256 * 1024)	/* bytes handed to the parser a call */

/* What the parser callbacks share for one document. */
struct xml_state {
	char		*first_error;	/* message */
	int		 first_line, first_col;
	int		 first_level;
	xmlEntityPtr	*ents;		/* HTML entities handed out */
	size_t		 nents;
	const struct xml_items *items;	/* the reader of closed items */
};

/* The external entity loader: refuses everything, whatever asks. */
static xmlParserInputPtr
xml_no_load_cb(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* Silence: what goes wrong is reported by the caller, never on stderr. */
static void
xml_quiet_cb(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/*
 * Start libxml2 once: it never loads an external resource and never
 * prints an error itself.
 */
static void
xml_init(void)
{
	static int	 done;

	if (done)
		return;
	xmlInitParser();
	xmlSetExternalEntityLoader(xml_no_load_cb);
	xmlSetStructuredErrorFunc(NULL, xml_quiet_cb);
	done = 1;
}

/* Keep the first error (the first fatal one if any), "LINE:COL: what". */
static void
xml_error_cb(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct xml_state	*st = ctxt != NULL ? ctxt->_private : NULL;
	char			*msg;
	size_t			 n;

	if (st == NULL || e == NULL || e->level < XML_ERR_ERROR)
		return;
	if (st->first_error != NULL && (st->first_level == XML_ERR_FATAL ||
	    e->level != XML_ERR_FATAL))
		return;
	msg = xstrdup(e->message != NULL ? e->message : "error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	/* libxml2's 10 MB limits, said plainly. */
	if (e->code == XML_ERR_NO_MEMORY && strstr(msg, "huge text") != NULL) {
		free(msg);
		msg = xstrdup("text node larger than 10 MB");
	} else if (e->code == XML_ERR_INTERNAL_ERROR && strstr(msg,
	    "Huge input lookup") != NULL) {
		free(msg);
		msg = xstrdup("tag, attribute or comment larger than 10 MB");
	}
	free(st->first_error);
	st->first_error = msg;
	st->first_line = e->line;
	st->first_col = e->int2;
	st->first_level = e->level;
}

/*
 * Entity lookup: only the HTML 4 names, as their characters; every
 * entity the document declares stays unknown (and is dropped).
 */
static xmlEntityPtr
xml_entity_cb(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct xml_state	*st = ctxt->_private;
	const htmlEntityDesc	*h;
	xmlEntityPtr		 ent;
	char			 buf[5];
	size_t			 i, n;

	if ((h = htmlEntityLookup(name)) == NULL)
		return NULL;
	for (i = 0; i < st->nents; i++) {
		if (strcmp((const char *)st->ents[i]->name, h->name) == 0)
			return st->ents[i];
	}
	n = utf8_encode(buf, h->value);
	ent = xcalloc(1, sizeof *ent);
	ent->type = XML_ENTITY_DECL;
	ent->etype = XML_INTERNAL_PREDEFINED_ENTITY;
	ent->name = (const xmlChar *)xstrdup(h->name);
	ent->content = (xmlChar *)xstrndup(buf, n);
	ent->orig = (xmlChar *)xstrndup(buf, n);
	ent->length = (int)n;
	st->ents = xreallocarray(st->ents, st->nents + 1, sizeof *st->ents);
	st->ents[st->nents++] = ent;
	return ent;
}

/*
 * End of an element (its end tag was read): build, then offer it to the
 * streaming reader, if any. Only a closed element is ever offered, so a
 * broken document yields its complete items and no others.
 */
static void
xml_end_cb(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct xml_state	*st = ctxt->_private;
	xmlNodePtr		 n = ctxt->node, prev;

	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	if (n == NULL || st->items == NULL || !st->items->read(n,
	    st->items->arg))
		return;
	/*
	 * Read: its subtree goes now, and so do the items read before it
	 * with the blank text between them, so that the tree never holds
	 * more than one item. The element itself stays until the next one:
	 * it is its parent's last child, and the parser may append the text
	 * that follows to a last child that is a text node.
	 */
	xmlFreeNodeList(n->children);
	n->children = n->last = NULL;
	n->_private = (void *)(uintptr_t)xml_read_mark;
	while ((prev = n->prev) != NULL && (prev->_private ==
	    (void *)(uintptr_t)xml_read_mark || xmlIsBlankNode(prev))) {
		xmlUnlinkNode(prev);
		xmlFreeNode(prev);
	}
}

/* Free the entities handed out for one parse. */
static void
xml_state_clear(struct xml_state *st)
{
	size_t	 i;

	for (i = 0; i < st->nents; i++) {
		free((char *)(uintptr_t)st->ents[i]->name);
		free(st->ents[i]->content);
		free(st->ents[i]->orig);
		free(st->ents[i]);
	}
	free(st->ents);
	free(st->first_error);
}

/*
 * What every read does first: start libxml2, refuse what is too large or
 * empty, and decode to UTF-8 (*text: p itself when it is valid UTF-8,
 * else a copy also in *copy; NULL when libxml2 must decode).
 */
static int
xml_start(const char *p, size_t len, const struct digest_options *o,
    struct xml_doc *xd, const char **text, char **copy, size_t *tlen,
    char **cause)
{
	const char	*other;
	size_t		 olen, i;

	xml_init();
	memset(xd, 0, sizeof *xd);
	*text = *copy = NULL;
	if (len > INT32_MAX) {
		xasprintf(cause, "%s: larger than 2 GB", o->name);
		return -1;
	}
	for (i = 0; i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'); i++)
		;
	if (i == len) {
		xasprintf(cause, "%s: empty file: no digest in it", o->name);
		return -1;
	}
	*text = charset_utf8_view(p, len, o->content_type, 1, tlen, copy,
	    &other, &olen);
	return 0;
}

/* The length of a reference to keep at s ("&amp;", "&#233;"); 0 if none. */
static size_t
xml_good_ref(const char *s, const char *end)
{
	static const char *const xml_names[] = { "amp", "lt", "gt", "quot",
	    "apos", NULL };
	char		 name[33];
	size_t		 i, n;

	if (end - s >= 3 && s[1] == '#') {
		i = (s[2] == 'x' || s[2] == 'X') ? 3 : 2;
		for (n = i; s + n < end && n < 12 && (i == 3 ?
		    strchr("0123456789abcdefABCDEF", s[n]) != NULL :
		    (s[n] >= '0' && s[n] <= '9')) && s[n] != '\0'; n++)
			;
		return n > i && s + n < end && s[n] == ';' ? n + 1 : 0;
	}
	for (n = 1; s + n < end && n < sizeof name && (((s[n] | 0x20) >= 'a' &&
	    (s[n] | 0x20) <= 'z') || (n > 1 && s[n] >= '0' && s[n] <= '9'));
	    n++)
		name[n - 1] = s[n];
	if (n == 1 || s + n >= end || s[n] != ';')
		return 0;
	name[n - 1] = '\0';
	for (i = 0; xml_names[i] != NULL; i++) {
		if (strcmp(name, xml_names[i]) == 0)
			return n + 1;
	}
	return htmlEntityLookup((const xmlChar *)name) != NULL ? n + 1 : 0;
}

/*
 * Escape every '&' that starts no reference this reader honours ("AT&T",
 * "?a=1&b=2", "&undeclared;") as "&amp;", outside CDATA, comments and
 * processing instructions: feed readers forgive these, and libxml2 drops
 * every later reference in a document once it is not well-formed. NULL
 * if there is nothing to escape.
 */
static char *
xml_escape_amps(const char *s, size_t len, size_t *outlen)
{
	const char	*end = s + len, *p, *q, *close;
	char		*out = NULL, *o = NULL;
	size_t		 n, cl, count, pass;

	for (pass = 0; pass < 2; pass++) {
		count = 0;
		for (p = s; p < end; ) {
			close = NULL;
			if (*p == '<' && end - p >= 9 &&
			    memcmp(p, "<![CDATA[", 9) == 0)
				close = "]]>";
			else if (*p == '<' && end - p >= 4 &&
			    memcmp(p, "<!--", 4) == 0)
				close = "-->";
			else if (*p == '<' && end - p >= 2 && p[1] == '?')
				close = "?>";
			if (close != NULL) {
				cl = strlen(close);
				for (q = p + 2; q + cl <= end &&
				    memcmp(q, close, cl) != 0; q++)
					;
				n = q + cl <= end ? (size_t)(q + cl - p) :
				    (size_t)(end - p);
			} else if (*p == '&' && xml_good_ref(p, end) == 0) {
				if (pass == 1) {
					memcpy(o, "&amp;", 5);
					o += 5;
				}
				count++;
				p++;
				continue;
			} else
				n = 1;
			if (pass == 1) {
				memcpy(o, p, n);
				o += n;
			}
			p += n;
		}
		if (count == 0)
			return NULL;
		if (pass == 0)
			o = out = xmalloc(len + 4 * count + 1);
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

/* "NAME:LINE:COL: the first error", or "NAME: fallback" without one. */
char *
xml_cause(const struct xml_doc *xd, const struct digest_options *o,
    const char *fallback)
{
	char	*s;

	if (xd->error == NULL)
		xasprintf(&s, "%s: %s", o->name, fallback);
	else if (xd->line > 0)
		xasprintf(&s, "%s:%d:%d: %s", o->name, xd->line, xd->col,
		    xd->error);
	else
		xasprintf(&s, "%s: %s", o->name, xd->error);
	return s;
}

/* Finish a parse: take the document and its first error. */
static int
xml_finish(xmlParserCtxtPtr ctxt, struct xml_state *st,
    const struct digest_options *o, struct xml_doc *xd, char **cause)
{
	xmlNodePtr	 root;

	xd->doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	/* A limit libxml2's tree builder hit stops the parse as well. */
	xd->broken = !ctxt->wellFormed || ctxt->errNo == XML_ERR_NO_MEMORY;
	xd->error = st->first_error;
	xd->line = st->first_line;
	xd->col = st->first_col;
	st->first_error = NULL;
	root = xd->doc != NULL ? xmlDocGetRootElement(xd->doc) : NULL;
	if (root == NULL) {
		*cause = xml_cause(xd, o, "no document element");
		xml_doc_clear(xd);
		return -1;
	}
	if (o->base_url != NULL)
		xd->base = xstrdup(o->base_url);
	return 0;
}

/*
 * Tell the push parser the input ended. A document cut short leaves an
 * element open, and libxml2's push parser says only "Extra content at
 * the end of the document" (or less): say what was cut, as its reader of
 * a whole buffer does.
 */
static void
xml_end_of_input(xmlParserCtxtPtr ctxt, struct xml_state *st)
{
	int	 before = st->first_error != NULL;

	xmlParseChunk(ctxt, NULL, 0, 1);
	if (before || st->first_error == NULL || ctxt->node == NULL ||
	    ctxt->node->type != XML_ELEMENT_NODE)
		return;
	free(st->first_error);
	xasprintf(&st->first_error, "Premature end of data in tag %s line %ld",
	    (const char *)ctxt->node->name, xmlGetLineNo(ctxt->node));
}

/*
 * Parse an XML document safely, recovering what it can. With items, each
 * element is offered to items->read as its end tag is read, and the
 * subtree of one it read is freed at once: the document's memory is one
 * item's, not the file's. 0, or -1 with *cause when there is no document
 * element at all.
 */
int
xml_read(const char *p, size_t len, const struct digest_options *o,
    const struct xml_items *items, struct xml_doc *xd, char **cause)
{
	struct xml_state	 st;
	xmlParserCtxtPtr	 ctxt;
	const char		*start, *end, *q;
	ptrdiff_t		 n;
	const char		*text;
	char			*copy, *fixed = NULL;
	size_t			 tlen, flen;
	int			 rc, lines = 0;

	memset(&st, 0, sizeof st);
	if (xml_start(p, len, o, xd, &text, &copy, &tlen, cause) != 0)
		return -1;
	start = text != NULL ? text : p;
	end = start + (text != NULL ? tlen : len);
	/* White space before the XML declaration: a common slip, forgiven. */
	for (q = start; q < end && (*q == ' ' || *q == '\t' || *q == '\r' ||
	    *q == '\n'); q++)
		lines += *q == '\n';
	if (end - q >= 5 && strncmp(q, "<?xml", 5) == 0)
		start = q;
	else
		lines = 0;
	if (text != NULL && (fixed = xml_escape_amps(start,
	    (size_t)(end - start), &flen)) != NULL) {
		start = fixed;
		end = fixed + flen;
	}
	if ((ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL)) ==
	    NULL) {
		xasprintf(cause, "%s: cannot start the XML parser", o->name);
		free(fixed);
		free(copy);
		return -1;
	}
	if (ctxt->input != NULL)
		ctxt->input->line += lines;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_RECOVER |
	    XML_PARSE_NOCDATA | (text != NULL ? XML_PARSE_IGNORE_ENC : 0));
	st.items = items;
	ctxt->_private = &st;
	ctxt->sax->getEntity = xml_entity_cb;
	ctxt->sax->getParameterEntity = NULL;
	ctxt->sax->entityDecl = NULL;
	ctxt->sax->unparsedEntityDecl = NULL;
	ctxt->sax->reference = NULL;
	ctxt->sax->externalSubset = NULL;
	ctxt->sax->resolveEntity = NULL;
	ctxt->sax->endElementNs = xml_end_cb;
	ctxt->sax->serror = xml_error_cb;
	ctxt->sax->warning = NULL;
	ctxt->sax->error = NULL;
	ctxt->sax->fatalError = NULL;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	/* Pushed a piece at a time: libxml2 keeps no copy of the whole. */
	for (q = start; q < end && !ctxt->disableSAX; q += n) {
		n = end - q > XML_PUSH_PIECE ? XML_PUSH_PIECE : end - q;
		xmlParseChunk(ctxt, q, (int)n, 0);
	}
	xml_end_of_input(ctxt, &st);
	rc = xml_finish(ctxt, &st, o, xd, cause);
	xmlFreeParserCtxt(ctxt);
	xml_state_clear(&st);
	free(fixed);
	free(copy);
	return rc;
}

/*
 * Parse an HTML page with libxml2's HTML parser (it recovers from
 * anything). 0, or -1 with *cause when nothing could be read.
 */
int
xml_read_html(const char *p, size_t len, const struct digest_options *o,
    struct xml_doc *xd, char **cause)
{
	struct xml_state	 st;
	htmlParserCtxtPtr	 ctxt;
	const char		*text;
	char			*copy;
	size_t			 tlen;
	int			 rc;

	memset(&st, 0, sizeof st);
	if (xml_start(p, len, o, xd, &text, &copy, &tlen, cause) != 0)
		return -1;
	ctxt = text != NULL ? htmlCreateMemoryParserCtxt(text, (int)tlen) :
	    htmlCreateMemoryParserCtxt(p, (int)len);
	if (ctxt == NULL) {
		xasprintf(cause, "%s: cannot start the HTML parser", o->name);
		free(copy);
		return -1;
	}
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_RECOVER |
	    HTML_PARSE_COMPACT | (text != NULL ? HTML_PARSE_IGNORE_ENC : 0));
	if (text != NULL)	/* else the HTML parser guesses ISO-8859-1 */
		xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	ctxt->_private = &st;
	ctxt->sax->initialized = XML_SAX2_MAGIC;	/* so serror is used */
	ctxt->sax->serror = xml_error_cb;
	ctxt->sax->warning = NULL;
	ctxt->sax->error = NULL;
	ctxt->sax->fatalError = NULL;
	htmlParseDocument(ctxt);
	rc = xml_finish(ctxt, &st, o, xd, cause);
	xd->broken = 0;		/* HTML is never well-formed; all is read */
	htmlFreeParserCtxt(ctxt);
	xml_state_clear(&st);
	free(copy);
	return rc;
}

/* Free what a read kept; the struct can be read into again. */
void
xml_doc_clear(struct xml_doc *xd)
{
	if (xd->doc != NULL)
		xmlFreeDoc(xd->doc);
	free(xd->error);
	free(xd->base);
	memset(xd, 0, sizeof *xd);
}

/* Whether n is element name in namespace ns (NULL: any namespace). */
int
xml_is(xmlNodePtr n, const char *ns, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)n->name, name) != 0)
		return 0;
	if (ns == NULL)
		return 1;
	return n->ns != NULL && n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0;
}

/* The first child element name in namespace ns (NULL: any); or NULL. */
xmlNodePtr
xml_child(xmlNodePtr parent, const char *ns, const char *name)
{
	xmlNodePtr	 c;

	for (c = parent != NULL ? parent->children : NULL; c != NULL;
	    c = c->next) {
		if (xml_is(c, ns, name))
			return c;
	}
	return NULL;
}

/*
 * The text of n and everything below it, as written (CDATA included,
 * comments not), at most XML_FIELD_MAX bytes. Walks without recursion and
 * never into an entity. NULL if n is NULL.
 */
char *
xml_raw_text(xmlNodePtr n)
{
	xmlNodePtr	 c;
	char		*out;
	size_t		 len = 0, cap = 256, k;

	if (n == NULL)
		return NULL;
	out = xmalloc(cap);
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE ||
	    n->type == XML_ATTRIBUTE_NODE)
		c = n->type == XML_ATTRIBUTE_NODE ? n->children : n;
	else
		c = n->children;
	while (c != NULL && len < XML_FIELD_MAX) {
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL) {
			k = strlen((const char *)c->content);
			if (k > XML_FIELD_MAX - len)
				k = XML_FIELD_MAX - len;
			if (len + k + 1 > cap) {
				while (len + k + 1 > cap)
					cap *= 2;
				out = xrealloc(out, cap);
			}
			memcpy(out + len, c->content, k);
			len += k;
		}
		if (c->type == XML_ELEMENT_NODE && c->children != NULL) {
			c = c->children;
			continue;
		}
		while (c != NULL && c != n && c->next == NULL)
			c = c->parent;
		if (c == NULL || c == n)
			break;
		c = c->next;
	}
	/* A cut may split a character: utf8_repair cleans it up later. */
	out[len] = '\0';
	return out;
}

/*
 * The text of n ready to store: markup (escaped HTML) turned to text when
 * markup is set, white space collapsed, valid UTF-8. NULL if empty.
 */
char *
xml_text(xmlNodePtr n, int markup)
{
	char	*raw, *t, *s;

	if ((raw = xml_raw_text(n)) == NULL)
		return NULL;
	t = markup ? xml_markup_text(raw, strlen(raw)) : raw;
	if (t != raw)
		free(raw);
	s = utf8_repair(t, strlen(t), NULL);
	free(t);
	t = utf8_collapse_space(s, strlen(s));
	free(s);
	if (*t == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

/* xml_text of the first child element name (namespace ns). */
char *
xml_child_text(xmlNodePtr parent, const char *ns, const char *name,
    int markup)
{
	return xml_text(xml_child(parent, ns, name), markup);
}

/* The value of attribute name (any namespace), never expanded; or NULL. */
char *
xml_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr	 a;
	char		*raw, *v;

	for (a = n != NULL ? n->properties : NULL; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		raw = xml_raw_text((xmlNodePtr)a);
		v = utf8_repair(raw, strlen(raw), NULL);
		free(raw);
		return v;
	}
	return NULL;
}

/* An XPath context on xd's document that reports no error itself. */
xmlXPathContextPtr
xml_xpath_new(const struct xml_doc *xd)
{
	xmlXPathContextPtr	 ctx;

	if ((ctx = xmlXPathNewContext(xd->doc)) == NULL)
		return NULL;
	ctx->error = xml_quiet_cb;
	ctx->opLimit = XML_XPATH_OPS;
	return ctx;
}

/* Compile an XPath expression; NULL if it is not one. */
xmlXPathCompExprPtr
xml_xpath_compile(xmlXPathContextPtr ctx, const char *expr)
{
	return xmlXPathCtxtCompile(ctx, (const xmlChar *)expr);
}

/*
 * Evaluate comp at node (the context node), within the operation cap of
 * one evaluation; ctx->opCount sums the steps of all of them (the work a
 * parse did, which its tests count instead of timing it).
 */
xmlXPathObjectPtr
xml_xpath_eval(xmlXPathContextPtr ctx, xmlXPathCompExprPtr comp,
    xmlNodePtr node)
{
	ctx->node = node;
	ctx->opLimit = ctx->opCount + XML_XPATH_OPS;
	return xmlXPathCompiledEval(comp, ctx);
}

/*
 * The value of comp at node as text: the text of the first node of a
 * node set (an attribute's value), or a string or number result; white
 * space collapsed, NULL if empty.
 */
char *
xml_xpath_text(xmlXPathContextPtr ctx, xmlXPathCompExprPtr comp,
    xmlNodePtr node)
{
	xmlXPathObjectPtr	 r;
	char			*out = NULL, *s;

	if (comp == NULL || (r = xml_xpath_eval(ctx, comp, node)) == NULL)
		return NULL;
	if (r->type == XPATH_NODESET && r->nodesetval != NULL &&
	    r->nodesetval->nodeNr > 0)
		out = xml_text(r->nodesetval->nodeTab[0], 0);
	else if (r->type == XPATH_STRING && r->stringval != NULL) {
		s = utf8_repair((const char *)r->stringval,
		    strlen((const char *)r->stringval), NULL);
		out = utf8_collapse_space(s, strlen(s));
		free(s);
		if (*out == '\0') {
			free(out);
			out = NULL;
		}
	} else if (r->type == XPATH_NUMBER && r->floatval == r->floatval)
		xasprintf(&out, "%.15g", r->floatval);
	xmlXPathFreeObject(r);
	return out;
}

/* href resolved against base (either may be relative or NULL). */
char *
xml_resolve(const char *href, const char *base)
{
	xmlChar	*u;
	char	*out, *s;

	if (href == NULL)
		return NULL;
	s = utf8_collapse_space(href, strlen(href));
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	if (base == NULL || (u = xmlBuildURI((const xmlChar *)s,
	    (const xmlChar *)base)) == NULL)
		return s;
	out = xstrdup((const char *)u);
	xmlFree(u);
	free(s);
	return out;
}

/* Whether a tag name starts a new block of text (so it makes a space). */
static int
xml_block_tag(const char *s, size_t len)
{
	static const char *const blocks[] = { "p", "br", "div", "li", "ul",
	    "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
	    "blockquote", "pre", "table", "dd", "dt", "hr", "section",
	    "article", NULL };
	size_t	 i;

	for (i = 0; blocks[i] != NULL; i++) {
		if (strlen(blocks[i]) == len && strncasecmp(s, blocks[i],
		    len) == 0)
			return 1;
	}
	return 0;
}

/* Decode the character reference at s ("&amp;", "&#233;"); 0 if none. */
static size_t
xml_charref(const char *s, size_t len, uint32_t *cp)
{
	const htmlEntityDesc	*h;
	char			 name[33];
	size_t			 i;
	uint32_t		 v = 0;

	if (len >= 3 && s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';

		for (i = hex ? 3 : 2; i < len && i < 12; i++) {
			if (v > 0x10ffff)
				v = 0x110000;	/* no wrap-around */
			if (s[i] >= '0' && s[i] <= '9')
				v = v * (hex ? 16 : 10) + (uint32_t)(s[i] - '0');
			else if (hex && strchr("abcdefABCDEF", s[i]) != NULL)
				v = v * 16 + (uint32_t)((s[i] | 0x20) - 'a' +
				    10);
			else
				break;
		}
		if (i == (hex ? 3u : 2u) || i >= len || s[i] != ';')
			return 0;
		*cp = v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ?
		    0xfffd : v;
		return i + 1;
	}
	for (i = 1; i < len && i < sizeof name && ((s[i] >= 'a' &&
	    s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
	    s[i] <= '9')); i++)
		name[i - 1] = s[i];
	if (i == 1 || i >= len || s[i] != ';')
		return 0;
	name[i - 1] = '\0';
	if ((h = htmlEntityLookup((const xmlChar *)name)) == NULL)
		return 0;
	*cp = h->value;
	return i + 1;
}

/* The '>' that ends the tag at s, past quoted attribute values; or NULL. */
static const char *
xml_tag_end(const char *s, const char *end)
{
	const char	*q;

	for (s++; s < end && *s != '>'; s++) {
		if ((*s == '"' || *s == '\'') && (q = memchr(s + 1, *s,
		    (size_t)(end - s - 1))) != NULL)
			s = q;
	}
	return s < end ? s : NULL;
}

/*
 * Escaped HTML to text: tags dropped (a block tag leaves a space; script
 * and style lose their content; comments go), character references
 * decoded. A '<' that starts no tag ("p < 0.05") stays. Not collapsed.
 */
char *
xml_markup_text(const char *s, size_t len)
{
	char		*out = xmalloc(len + 1), *o = out;
	const char	*end = s + len, *q, *gt;
	size_t		 n, nl;
	uint32_t	 cp;
	char		 enc[4];

	while (s < end) {
		if (*s == '&' && (n = xml_charref(s, (size_t)(end - s),
		    &cp)) > 0) {
			nl = utf8_encode(enc, cp);
			if (nl <= n) {	/* never longer than the reference */
				memcpy(o, enc, nl);
				o += nl;
			}
			s += n;
			continue;
		}
		if (*s != '<' || s + 1 == end || !(s[1] == '/' || s[1] == '!' ||
		    s[1] == '?' || ((s[1] | 0x20) >= 'a' &&
		    (s[1] | 0x20) <= 'z'))) {
			*o++ = *s++;
			continue;
		}
		if (end - s >= 4 && strncmp(s, "<!--", 4) == 0) {
			for (q = s + 4; q + 3 <= end && strncmp(q, "-->", 3) != 0;
			    q++)
				;
			s = q + 3 <= end ? q + 3 : end;
			continue;
		}
		if ((gt = xml_tag_end(s, end)) == NULL) {
			*o++ = *s++;
			continue;
		}
		q = s + 1 + (s[1] == '/');
		for (n = 0; q + n < gt && (((q[n] | 0x20) >= 'a' &&
		    (q[n] | 0x20) <= 'z') || (q[n] >= '0' && q[n] <= '9'));
		    n++)
			;
		if (xml_block_tag(q, n))
			*o++ = ' ';
		s = gt + 1;
		if (q[-1] != '/' && ((n == 6 && strncasecmp(q, "script",
		    6) == 0) || (n == 5 && strncasecmp(q, "style", 5) == 0))) {
			while (s < end && !(*s == '<' && s + 1 < end &&
			    s[1] == '/'))
				s++;
		}
	}
	*o = '\0';
	return out;
}

/*
 * After reading a broken document: a warning naming the file, the first
 * error and how many entries (what) were kept.
 */
void
xml_partial(struct digest *d, const struct xml_doc *xd,
    const struct digest_options *o, const char *what)
{
	char	*where;

	if (!xd->broken)
		return;
	free(d->warning);
	where = xml_cause(xd, o, "not well-formed");
	xasprintf(&d->warning, "%s: kept %zu complete %s", where, d->n, what);
	free(where);
}
