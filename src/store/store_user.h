/* store_user.h - accounts and sessions. Every change of an account (create, update, password,
 * lock, login result, logout) is audited in the same transaction. Structs and strings returned
 * are allocated from the caller's arena. Password hashes are produced by app/ (libsodium);
 * sessions are stored by the SHA-256 of their token only. */
#ifndef KFQ_STORE_USER_H
#define KFQ_STORE_USER_H

#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_bulk.h"

#include <stdbool.h>

struct store_user {
	int64_t id;
	const char *username;
	const char *display_name;
	int64_t org_id;
	const char *org_name;
	const char
	    *role; /* admin, office, department, zone, county, supervisor, auditor, security */
	const char *data_scope; /* all, org, org_and_below, custom, self */
	int64_t *scope_org_ids; /* the custom scope */
	int nscope;
	bool must_change;     /* password must be changed at next login */
	int failed_count;     /* failed logins since the last success (for the record only) */
	int64_t locked_until; /* epoch seconds; 0 = not locked */
	const char *created_at;
	const char *last_login_at;
	const char *password_hash; /* filled by store_user_get_auth only */
	const char *phone;         /* may be NULL */
	const char *job_title;     /* 职务; may be NULL */
	/* a list's row only: the end of the latest wait on its name after failed logins, from any
	 * address (epoch seconds; 0 none, and in any other read) */
	int64_t login_wait_until;
};

struct store_user_filter {
	const char *q; /* substring of username or display name */
	const char *role;
	int64_t org_id; /* 0 = any */
	int status;     /* 0 any, 1 active, 2 locked, 3 waiting after failed logins (not locked) */
	int64_t now;    /* for status */
	int64_t offset, limit; /* limit 0 = all */
};

int store_user_list(struct store *s, struct arena *a, const struct store_user_filter *f,
                    struct store_user **out, int *n, int64_t *total);
/* Each account f selects (offset and limit ignored), in the list's order, handed to fn (element:
 * a struct store_user without its custom scope) one at a time, for the export: see
 * store_list_each. a holds what the filter needs. */
int store_user_each(struct store *s, struct arena *a, const struct store_user_filter *f,
                    store_each_fn fn, void *ctx);
int store_user_get(struct store *s, struct arena *a, int64_t id, struct store_user *out);
/* With password_hash. KFQ_ENOTFOUND when there is no such user. */
int store_user_get_auth(struct store *s, struct arena *a, const char *username,
                        struct store_user *out);
int store_user_count(struct store *s, int64_t *n);
int store_user_count_by_role(struct store *s, void (*fn)(void *arg, const char *role, int64_t n),
                             void *arg);

/* A role change the administrator proposed that widens what an account may approve
 * (core/account.h): the security officer confirms (it is applied then) or rejects it. */
struct store_role_change {
	int64_t id;
	int64_t user_id;
	const char *username;
	/* the account when the change was proposed */
	const char *from_role, *from_data_scope;
	int64_t from_org_id;
	const char *from_org_name;
	/* the account as proposed */
	const char *display_name;
	int64_t org_id;
	const char *org_name;
	const char *role, *data_scope;
	int64_t *scope_org_ids; /* the custom scope */
	int nscope;
	const char *phone, *job_title; /* may be NULL */
	const char *status;            /* pending, confirmed, rejected, superseded */
	int64_t proposed_by;
	const char *proposed_by_name, *proposed_at;
	int64_t decided_by; /* 0 while pending */
	const char *decided_by_name, *decided_at, *comment;
};

/* The writers the audit records of accounts take their before/after from: the caller's shape
 * of a user and of a role change (app/user_json.c's user_json_audit). Each write below takes
 * them. */
struct store_user_json {
	void (*user)(struct jsonw *w, const struct store_user *u);
	void (*role_change)(struct jsonw *w, const struct store_role_change *c);
};

/* KFQ_ECONFLICT when the username is taken; KFQ_ECONSTRAINT for an unknown organization. */
int store_user_create(struct store *s, const struct store_actor *who,
                      const struct store_user_json *json, struct store_user *u,
                      const char *password_hash);
/* Updates display name, organization, role, data scope and custom scope of u->id; a role
 * change pending for the account is superseded (audited "supersede"). */
int store_user_update(struct store *s, const struct store_actor *who,
                      const struct store_user_json *json, const struct store_user *u);
/* Sets a new password hash; ends the user's other sessions (keep_session stays, may be NULL).
 * action: "change_password" or "reset_password". */
int store_user_set_password(struct store *s, const struct store_actor *who,
                            const struct store_user_json *json, int64_t id, const char *hash,
                            bool must_change, const char *action, const char *keep_session);
/* The account's own change (PUT /api/session/password): as store_user_set_password with
 * action "change_password", must_change false, while its hash is still was, the one the old
 * password was checked against; KFQ_ECONFLICT, nothing written, when another change came
 * first (two tabs at once: one wins, DECISIONS 305). */
int store_user_change_password(struct store *s, const struct store_actor *who,
                               const struct store_user_json *json, int64_t id, const char *was,
                               const char *hash, const char *keep_session);
/* Locks until `until` and ends the user's sessions; 0 unlocks, clears the failure count and
 * lifts the waits the login limiters put on the user's name at every address (in the same
 * transaction). action: "lock" or "unlock". */
int store_user_set_lock(struct store *s, const struct store_actor *who,
                        const struct store_user_json *json, int64_t id, int64_t until,
                        const char *action);
/* Keeps `to` (display name, organization, role, data scope, custom scope, phone and job title
 * of account to->id) as a pending role change, *id its id, audited "propose" (entity type
 * role_change); a change already pending for the account is superseded. The account itself does not
 * change. */
int store_role_change_propose(struct store *s, const struct store_actor *who,
                              const struct store_user_json *json, const struct store_user *to,
                              int64_t *id);
/* Confirms (applies the change to the account, audited "update" on the user, and marks it
 * "confirmed") or rejects (with comment) a pending role change, audited "confirm"/"reject".
 * KFQ_ESTATE when it is no longer pending. */
int store_role_change_decide(struct store *s, const struct store_actor *who,
                             const struct store_user_json *json, int64_t id, bool confirm,
                             const char *comment);

struct store_role_change_filter {
	const char *status;    /* NULL = any */
	int64_t user_id;       /* 0 = any */
	int64_t offset, limit; /* limit 0 = all */
};
/* Newest first. */
int store_role_change_list(struct store *s, struct arena *a,
                           const struct store_role_change_filter *f, struct store_role_change **out,
                           int *n, int64_t *total);
int store_role_change_get(struct store *s, struct arena *a, int64_t id,
                          struct store_role_change *out);

/* Records a failed login of an existing account: its count of failures since the last
 * success goes up by one, audited as "login_failed". (Attempts are limited by the limiters of
 * api/ratelimit.c, not by this count.) */
int store_user_login_failed(struct store *s, const struct store_actor *who,
                            const struct store_user_json *json, int64_t id);
/* Records a successful login and creates its session in one transaction; `rehash` (may be
 * NULL) replaces the password hash when its parameters are outdated. */
int store_user_login_ok(struct store *s, const struct store_actor *who,
                        const struct store_user_json *json, int64_t id, const char *token_hash,
                        const char *csrf, const char *rehash);

struct store_session {
	struct store_user user;
	const char *csrf;
	int64_t last_seen;
	/* the audit head's hash as this session was read: it moves with every audited write, so
	 * what the request answers from the data is current as of it (api/cache.c tags with it) */
	char head[AUDIT_HASH_HEX];
	/* session_version.v read with it: the same while no session, account or organization's
	 * name has changed since (migration 0075, DECISIONS 191) */
	int64_t version;
};

/* KFQ_ENOTFOUND when no session has this token hash. One statement: the session, its user
 * (with the custom scope's organizations when the scope is custom) and the audit head. A
 * session read on a connection is kept on it (a few, the least recently used go), unless its
 * scope is custom, for store_session_recall. */
int store_session_get(struct store *s, struct arena *a, const char *token_hash,
                      struct store_session *out);
/* The session last read for token_hash on this connection (copied into a), without reading
 * the database: KFQ_ENOTFOUND when none is kept. Not yet true: the caller confirms it with
 * store_session_confirm before anything of it is answered. */
int store_session_recall(struct store *s, struct arena *a, const char *token_hash,
                         struct store_session *out);
/* Queues the confirmation of sess, recalled for token_hash, to run with the next statement, in
 * its round trip on PostgreSQL (store_guard_end tells the outcome): one row read by its key,
 * session_version with the audit head. Confirmed when the version is the one sess was read
 * with: the audit head then goes into sess->head (sess and token_hash must live until then);
 * KFQ_ESTALE, and forgotten, when it has moved: some session, account or organization's name
 * has changed (a logout, an expiry, a lock, a role, a scope, a password), maybe this one. */
int store_session_confirm(struct store *s, const char *token_hash, struct store_session *sess);
/* Writes last_seen (not audited: it changes nothing the user did). */
int store_session_touch(struct store *s, const char *token_hash, int64_t now);
/* Logout. */
int store_session_delete(struct store *s, const struct store_actor *who, const char *token_hash);
/* Removes sessions idle since before `cutoff`. */
int store_session_expire(struct store *s, int64_t cutoff);

/* The users import (store_user_bulk.c): the bulk insert of new accounts, one row each with
 * its password hash and the time (created and updated), inside the caller's transaction. */
extern const struct store_bulk_spec store_user_bulk;
int store_user_bulk_row(struct store_bulk *b, const struct store_user *u, const char *hash,
                        const char *now);
/* Every login name, in no particular order (arena). */
int store_user_names(struct store *s, struct arena *a, const char ***out, int *n);

#endif
