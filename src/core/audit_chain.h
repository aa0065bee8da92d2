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

/* A record the chain must still hold, known from outside the database (a checkpoint file, the
 * server's log, a hash written down): record `seq` had hash `hash`. A chain that verifies on
 * its own can still have lost its newest records with the head rewritten to match; only a
 * checkpoint kept elsewhere shows that. */
struct audit_checkpoint {
	int64_t seq; /* 0: any record, found by its hash (kfq audit verify --expect) */
	char hash[AUDIT_HASH_HEX]; /* lowercase hex */
	char time[32];             /* when it was taken (RFC 3339), "" if unknown */
	bool held;                 /* set by verification: the chain holds it */
};

/* Incremental verification: feed stored rows in seq order. */
struct audit_verify {
	int64_t count;             /* rows checked */
	char head[AUDIT_HASH_HEX]; /* hash of the last good row */
	int64_t broken_seq;        /* 0 while intact; else first bad seq */
	const char *reason;        /* Chinese, static */
	/* checkpoints (audit_verify_expect), borrowed: the nany hash-only ones first, then by seq
	 */
	struct audit_checkpoint *cps;
	size_t ncps, nany, next;
	const struct audit_checkpoint *cp_failed; /* the first one the chain does not hold */
	const char *cp_reason;                    /* Chinese, static */
};

void audit_verify_init(struct audit_verify *v);
/* Holds the chain to these checkpoints as it is verified; sorts them. After audit_verify_init,
 * before the first row. */
void audit_verify_expect(struct audit_verify *v, struct audit_checkpoint *cps, size_t n);
/* Checks one stored row: its columns' canonical form hashed with the chain so far against its
 * stored hash. Returns false once broken. */
bool audit_verify_row(struct audit_verify *v, const struct audit_rec *r, const char *stored_hash);
/* Checks the head table against what the rows gave, then that every checkpoint was held.
 * Returns false if the chain is broken (broken_seq) or a checkpoint failed (cp_failed). */
bool audit_verify_head(struct audit_verify *v, int64_t head_seq, const char *head_hash);

#endif
