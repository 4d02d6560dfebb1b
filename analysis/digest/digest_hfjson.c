/*
 * The Hugging Face Daily Papers API (/api/daily_papers?date=...): a JSON
 * array of {"paper": {id, title, summary, publishedAt, upvotes, authors}}
 * objects, and the same objects under "dailyPapers" in the papers page's
 * data-props. Upvotes become the appearance's rank. The array is read one
 * element at a time, so a truncated answer keeps its complete papers.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "analysis/digest/digest.h"

#define HF_PAPER_URL	"https://huggingface.co/papers/"

/* The string member name of obj (or of paper, first); NULL if none. */
static const char *
hf_string(json_t *paper, json_t *obj, const char *name)
{
	json_t	*v;

	if ((v = json_object_get(paper, name)) != NULL && json_is_string(v) &&
	    *json_string_value(v) != '\0')
		return json_string_value(v);
	if ((v = json_object_get(obj, name)) != NULL && json_is_string(v) &&
	    *json_string_value(v) != '\0')
		return json_string_value(v);
	return NULL;
}

/* A string from the JSON, white space collapsed; NULL stays NULL. */
static char *
hf_clean(const char *s)
{
	return s != NULL ? utf8_collapse_space(s, strlen(s)) : NULL;
}

/* The authors' names joined with ", "; or NULL. */
static char *
hf_authors(json_t *paper)
{
	json_t		*v;
	size_t		 i;
	char		*out = NULL;
	const char	*name;

	json_array_foreach(json_object_get(paper, "authors"), i, v) {
		if ((name = hf_string(v, NULL, "name")) != NULL)
			out = digest_list_add(out, xstrdup(name));
	}
	return out;
}

/* Add one element of the array to d; -1 with *why if it is no paper. */
static int
hf_item(struct digest *d, json_t *obj, char **why)
{
	struct entry	*e;
	json_t		*paper, *up;
	const char	*id, *title, *date;
	day_t		 pub;

	if (!json_is_object(obj)) {
		*why = xstrdup("not an object");
		return -1;
	}
	if ((paper = json_object_get(obj, "paper")) == NULL ||
	    !json_is_object(paper))
		paper = obj;
	if ((title = hf_string(paper, obj, "title")) == NULL) {
		*why = xstrdup("no paper title");
		return -1;
	}
	e = digest_add(d);
	e->title = hf_clean(title);
	if ((id = hf_string(paper, NULL, "id")) != NULL) {
		e->id = xstrdup(id);
		xasprintf(&e->url, "%s%s", HF_PAPER_URL, id);
	}
	e->abstract = hf_clean(hf_string(paper, obj, "summary"));
	e->authors = hf_authors(paper);
	e->day = d->date;
	date = hf_string(paper, obj, "publishedAt");
	e->published = date != NULL && day_parse_loose(date, &pub) == 0 ?
	    pub : d->date;
	if ((up = json_object_get(paper, "upvotes")) != NULL &&
	    json_is_integer(up) && json_integer_value(up) >= 0 &&
	    json_integer_value(up) <= INT32_MAX)
		e->rank = (int)json_integer_value(up);
	return 0;
}

/* Read the array at text[off] ('[') element by element. */
static int
hf_array(struct digest *d, const char *text, size_t len, size_t off,
    const struct digest_options *o, char **cause)
{
	json_error_t	 err;
	json_t		*v;
	char		*why = NULL;
	size_t		 item = 0;

	for (off++; ; ) {
		off += strspn(text + off, " \t\r\n");
		if (off < len && text[off] == ']')
			return 0;
		item++;
		if ((v = json_loadb(text + off, len - off,
		    JSON_DISABLE_EOF_CHECK, &err)) == NULL) {
			xasprintf(&why, "%s", off >= len ? "the array is cut "
			    "short" : err.text);
			break;
		}
		off += (size_t)err.position;
		if (hf_item(d, v, &why) != 0) {
			json_decref(v);
			break;
		}
		json_decref(v);
		off += strspn(text + off, " \t\r\n");
		if (off < len && text[off] == ',')
			off++;
		else if (off >= len || text[off] != ']') {
			why = xstrdup(off >= len ? "the array is cut short" :
			    "',' or ']' expected after it");
			break;
		}
	}
	if (d->n == 0) {
		xasprintf(cause, "%s: item %zu: %s", o->name, item, why);
		free(why);
		return -1;
	}
	xasprintf(&d->warning, "%s: item %zu: %s: kept %zu complete papers",
	    o->name, item, why, d->n);
	free(why);
	return 0;
}

/* Read {"dailyPapers": [...]} (the page's data-props) or an API error. */
static int
hf_object(struct digest *d, const char *text, size_t len,
    const struct digest_options *o, char **cause)
{
	json_error_t	 err;
	json_t		*root, *a, *v;
	const char	*msg;
	char		*why = NULL;
	size_t		 i;
	int		 rc = -1;

	if ((root = json_loadb(text, len, 0, &err)) == NULL) {
		xasprintf(cause, "%s:%d:%d: invalid JSON: %s", o->name,
		    err.line, err.column, err.text);
		return -1;
	}
	if ((a = json_object_get(root, "dailyPapers")) == NULL)
		a = json_object_get(root, "papers");
	if (!json_is_array(a)) {
		if ((msg = hf_string(root, NULL, "error")) != NULL)
			xasprintf(cause, "%s: Hugging Face API error: %s",
			    o->name, msg);
		else
			xasprintf(cause, "%s: not a Daily Papers list (no "
			    "array)", o->name);
		goto out;
	}
	json_array_foreach(a, i, v) {
		if (hf_item(d, v, &why) != 0) {
			xasprintf(cause, "%s: item %zu: %s", o->name, i + 1,
			    why);
			free(why);
			goto out;
		}
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* Parse a Daily Papers answer (or the page's data-props). */
struct digest *
digest_hfjson_parse(const char *p, size_t len, const struct digest_options *o,
    char **cause)
{
	struct digest	*d = xcalloc(1, sizeof *d);
	const char	*other;
	char		*text;
	size_t		 tlen, olen, off;
	int		 rc;

	if ((text = charset_to_utf8(p, len, o->content_type, 0, &tlen, &other,
	    &olen)) == NULL)
		text = utf8_repair(p, len, &tlen);
	d->date = o->date;
	off = strspn(text, " \t\r\n");
	if (off < tlen && text[off] == '[')
		rc = hf_array(d, text, tlen, off, o, cause);
	else if (off < tlen && text[off] == '{')
		rc = hf_object(d, text, tlen, o, cause);
	else {
		xasprintf(cause, "%s: %s", o->name, off == tlen ? "empty file: "
		    "no digest in it" : "not JSON (want an array of papers)");
		rc = -1;
	}
	free(text);
	if (rc != 0) {
		digest_free(d);
		return NULL;
	}
	return d;
}
