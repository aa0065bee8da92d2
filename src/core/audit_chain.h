/* audit_chain.h - the rules of the hash-chained audit log: a record's canonical form and its
 * hash, and checking a sequence of stored records. Pure: no I/O, no SQL.
 *
 * canonical form: kfq's canonical JSON (util/jcanon.h) of the object
 *   {action, after, before, client_addr, entity_id, entity_type, org_id, prev_hash, seq, time,
 *    user_id, username}
 * where before/after are themselves canonical JSON (or null).
 * hash = lowercase hex SHA-256 of (prev_hash || "\n" || canonical form).
 * The first record's prev_hash is 64 zeros. */
#ifndef KFQ_CORE_AUDIT_CHAIN_H
#define KFQ_CORE_AUDIT_CHAIN_H

#include "util/strbuf.h"

#include <stdbool.h>
#include <stdint.h>

#define AUDIT_HASH_HEX 65 /* 64 hex digits + NUL */
#define AUDIT_GENESIS  "0000000000000000000000000000000000000000000000000000000000000000"

/* One record as stored. Strings are borrowed; NULL means JSON null. */
struct audit_rec {
	int64_t seq;
	const char *time; /* RFC 3339 UTC */
	int64_t user_id;  /* 0 = none (CLI without user, anonymous) */
	const char *username;
	int64_t org_id; /* 0 = none */
	const char *client_addr;
	const char *action;      /* create, update, login, lock, ... */
	const char *entity_type; /* org, user, session, ... */
	const char *entity_id;
	const char *before_json; /* canonical JSON text or NULL */
	const char *after_json;
	const char *prev_hash;
};

/* Appends the canonical form of r to out. */
void audit_canonical(const struct audit_rec *r, struct strbuf *out);
/* hash of prev_hash and canon into hex[AUDIT_HASH_HEX]. */
void audit_hash(const char *prev_hash, const char *canon, size_t canon_len,
                char hex[AUDIT_HASH_HEX]);

/* Incremental verification: feed stored rows in seq order. */
struct audit_verify {
	int64_t count;             /* rows checked */
	char head[AUDIT_HASH_HEX]; /* hash of the last good row */
	int64_t broken_seq;        /* 0 while intact; else first bad seq */
	const char *reason;        /* Chinese, static */
};

void audit_verify_init(struct audit_verify *v);
/* Checks one stored row (its canon and hash columns as stored). Returns false once broken. */
bool audit_verify_row(struct audit_verify *v, const struct audit_rec *r, const char *stored_canon,
                      const char *stored_hash);
/* Checks the head table against what the rows gave. */
bool audit_verify_head(struct audit_verify *v, int64_t head_seq, const char *head_hash);

#endif
