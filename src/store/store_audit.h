/* store_audit.h - writing, reading and verifying the hash-chained audit log.
 * store_audit_append runs inside the caller's write transaction, so a change and its record
 * commit or roll back together. Nothing here updates or deletes a record. The before/after
 * JSON is the caller's shape of the entity: each store module's writes take a struct of
 * writers (struct store_X_json) from the layer that owns the shape (app/X_json.c,
 * api/X_json.c); the store loads the entity and hands it over. */
#ifndef KFQ_STORE_AUDIT_H
#define KFQ_STORE_AUDIT_H

#include "core/audit_chain.h"
#include "store/store.h"

struct jsonw;

/* Who is making a change; borrowed strings. user_id 0 = the command line's operator. */
struct store_actor {
	int64_t user_id;
	const char *username;
	int64_t org_id;
	const char *client_addr; /* "cli" for the command line */
};

/* Appends one record. before/after are JSON texts or NULL; they are stored in canonical form
 * (KFQ_EINVAL if either is not valid JSON). Must run between store_begin and store_commit. */
int store_audit_append(struct store *s, const struct store_actor *who, const char *action,
                       const char *entity_type, const char *entity_id, const char *before,
                       const char *after);

/* An event that changes no entity, recorded in a transaction of its own (store_audit_event.c):
 * after is the caller's JSON of what happened. */
int store_audit_event(struct store *s, const struct store_actor *who, const char *action,
                      const char *entity_type, const char *entity_id, const char *after);

/* store_audit_append with the entity id as a number. */
int store_audit_append_id(struct store *s, const struct store_actor *who, const char *action,
                          const char *entity_type, int64_t id, const char *before,
                          const char *after);

/* Writes entity `id` as it is now: a store module's loader, which writes what it loaded with
 * the caller's writers (`json`, its struct store_X_json). Returns the loader's code. */
typedef int (*store_entity_writer)(struct store *s, struct arena *a, int64_t id, const void *json,
                                   struct jsonw *w);
/* The entity's JSON (heap: free() it), or NULL with *rc set to the loader's error. */
char *store_entity_json(struct store *s, int64_t id, store_entity_writer fn, const void *json,
                        int *rc);
/* Opens a write transaction that changes entity id: *before (heap: free() it) is the entity as
 * fn writes it before the change. On failure the transaction is over and *before NULL. */
int store_begin_change(struct store *s, int64_t id, store_entity_writer fn, const void *json,
                       char **before);
/* Appends a record whose "after" is the entity as fn reads it now, in the transaction. */
int store_audit_entity(struct store *s, const struct store_actor *who, const char *action,
                       const char *entity_type, int64_t id, const char *before,
                       store_entity_writer fn, const void *json);

struct store_audit_filter {
	int64_t user_id; /* 0 = any */
	/* a part of who acted, case-blind: of an account's login or display name, or of the login
	 * recorded without an account (cli:… for the command line); NULL = any */
	const char *username;
	int64_t org_id; /* the acting user's organization as recorded; 0 = any */
	const char *entity_type;
	const char *entity_id;
	const char *action;
	const char *from;      /* RFC 3339, inclusive; NULL = open */
	const char *to;        /* exclusive */
	int64_t offset, limit; /* limit 0 = all */
};

struct store_audit_row {
	struct audit_rec rec;
	const char *hash;
	/* lists: who acted as people know them, as named now (NULL when none) */
	const char *user_name; /* the account's display name */
	const char *org_name;
};

/* Rows newest first, arena-owned. *total = rows matching the filter. */
int store_audit_list(struct store *s, struct arena *a, const struct store_audit_filter *f,
                     struct store_audit_row **rows, int *nrows, int64_t *total);

/* Each record the filter selects (offset and limit ignored), newest first as the list, with
 * the list's names, handed to fn (element: a struct store_audit_row) one at a time: see
 * store_list_each. */
int store_audit_each(struct store *s, const struct store_audit_filter *f, store_each_fn fn,
                     void *ctx);

/* Reads the whole chain in order and checks it, and the checkpoints given to v (see
 * core/audit_chain.h). v is audit_verify_init'ed by the caller. */
int store_audit_verify(struct store *s, struct audit_verify *v);

/* The head as stored, without checking the chain: the newest record's number and hash (0 and
 * the genesis hash before the first record; KFQ_ENOTFOUND if the head row is gone). What a
 * checkpoint keeps. */
int store_audit_head(struct store *s, int64_t *seq, char hash[AUDIT_HASH_HEX]);

#endif
