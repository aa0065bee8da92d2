/* tpl.h - a small HTML template mechanism for printed documents (core/print_doc.c) and any page
 * the server writes as HTML. A template is the program's own constant text with tags:
 *
 *   {{name}}              the value of name, HTML-escaped (nothing when unset)
 *   {{#name}}…{{/name}}   the body once for each item of the list name, or once when name is a
 *                         value that is not empty; nothing otherwise
 *   {{^name}}…{{/name}}   the body when name is unset, empty or an empty list
 *
 * There is no tag that writes a value unescaped: whatever a caller sets comes out as text, so
 * user text can never become markup. Values live in scopes allocated from an arena; each list
 * item is a scope of its own whose lookups fall back to the scope that holds the list. */
#ifndef KFQ_UTIL_TPL_H
#define KFQ_UTIL_TPL_H

#include "util/arena.h"
#include "util/strbuf.h"

#include <stddef.h>
#include <stdint.h>

struct tpl_scope;

/* A root scope in arena a (which owns it and everything set in it). */
struct tpl_scope *tpl_scope_new(struct arena *a);
/* Sets name to value (borrowed: it must live as long as the scope). NULL unsets nothing: the
 * name stays unset, and lookups go on to the outer scopes. */
void tpl_set(struct tpl_scope *s, const char *name, const char *value);
__attribute__((format(printf, 3, 4))) void tpl_setf(struct tpl_scope *s, const char *name,
                                                    const char *fmt, ...);
/* Appends an item to the list name of s (making the list on first use) and returns the item's
 * scope. A list with no item yet is made by tpl_list. */
struct tpl_scope *tpl_push(struct tpl_scope *s, const char *list);
/* Makes name an empty list in s (so that {{^name}} sees it as empty rather than unset). */
void tpl_list(struct tpl_scope *s, const char *name);

/* Renders tpl with the values of s into out. Returns 0, or -1 when the template is malformed
 * (an unclosed tag or section, a mismatched {{/name}}, a name not made of [a-z0-9_]): a
 * programming error, since templates are constants, which the unit tests catch. */
int tpl_render(const char *tpl, const struct tpl_scope *s, struct strbuf *out);

/* Appends the n bytes of text at s to out with & < > " ' written as entities. */
void tpl_escape(struct strbuf *out, const char *s, size_t n);

#endif
