/* store_inbox.h - each account's in-app inbox. Workflow steps put their items (core/inbox.h)
 * in it inside their own write transaction with store_inbox_send, so that a step and the news
 * of it commit or roll back together; `kfq remind` adds the day's reminders with
 * store_inbox_add. Items are notifications derived from audited changes and are not audited
 * themselves; one item per account and dedupe key. Returned structs and strings are allocated
 * from the caller's arena. */
#ifndef KFQ_STORE_INBOX_H
#define KFQ_STORE_INBOX_H

#include "core/inbox.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <stdbool.h>

struct store_inbox_entry {
	int64_t id;
	const char *kind;
	const char *title;
	const char *link;
	const char *created_at;
	const char *read_at;    /* NULL = unread */
	const char *actor_name; /* who did it; NULL for reminders */
	const char *entity_type;
	int64_t entity_id;
};

/* Inside the caller's write transaction (after the step's audit record): puts the item in the
 * inbox of every active account its recipients name, except the actor's own; an account named
 * twice gets it once. *added (may be NULL) = items written. KFQ_EINVAL for a recipient entry
 * that names nobody in particular. */
int store_inbox_send(struct store *s, const struct store_actor *who, const struct inbox_item *it,
                     int *added);
/* Inside the caller's write transaction: removes every account's items about an entity the
 * transaction deletes, so that no news links to it. */
int store_inbox_forget(struct store *s, const char *entity_type, int64_t entity_id);
/* Adds the items (each with its dedupe key) in one transaction of its own; an item whose
 * (account, dedupe key) exists is skipped. *added = new items, *users = distinct accounts that
 * got at least one (either may be NULL). */
int store_inbox_add(struct store *s, const struct inbox_item *items, int n, int *added, int *users);
/* An account's items, unread first, newest first within each; *total matches the filter. */
int store_inbox_list(struct store *s, struct arena *a, int64_t user_id, bool unread_only,
                     int64_t offset, int64_t limit, struct store_inbox_entry **out, int *n,
                     int64_t *total);
int store_inbox_unread(struct store *s, int64_t user_id, int64_t *n);
/* Marks the account's own item read (the first reading time is kept). KFQ_ENOTFOUND when the
 * item does not exist or belongs to someone else. */
int store_inbox_mark_read(struct store *s, int64_t user_id, int64_t id);
/* Marks every unread item of the account read, in one statement: *n is how many were. */
int store_inbox_mark_all_read(struct store *s, int64_t user_id, int64_t *n);

#endif
