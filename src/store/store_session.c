/* store_session.c - the sessions kept on a connection, so that a request's session can be
 * confirmed in the round trip of the request's first statement instead of read before it
 * (DECISIONS 155): what is kept is only a guess of the session's row, never trusted until the
 * database has answered that session_version has not moved since it was read (DECISIONS 191:
 * one row by its key instead of the session joined with its user). Must not decide what a
 * session allows (api/ and core/account.c do). */
#include "store/store_impl.h"
#include "store/store_user_impl.h"

#include "util/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SESSIONS_KEPT 32 /* per connection: the callers one worker serves in a while */

struct kept {
	char token_hash[65];       /* "" = a free entry */
	struct store_session sess; /* its strings in a */
	struct arena a;
	uint64_t used; /* sessions.clock at its last use */
};

struct store_sessions {
	struct kept kept[SESSIONS_KEPT];
	uint64_t clock;
	/* what the queued confirmation compares with and fills */
	const char *token_hash;
	struct store_session *sess;
};

static const char *dup(struct arena *a, const char *t)
{
	return t ? arena_strdup(a, t) : NULL;
}

/* in, a session without a custom scope, into out with its strings in a */
static void copy(struct arena *a, const struct store_session *in, struct store_session *out)
{
	struct store_user *u = &out->user;

	*out = *in;
	u->username = dup(a, in->user.username);
	u->display_name = dup(a, in->user.display_name);
	u->org_name = dup(a, in->user.org_name);
	u->role = dup(a, in->user.role);
	u->data_scope = dup(a, in->user.data_scope);
	u->created_at = dup(a, in->user.created_at);
	u->last_login_at = dup(a, in->user.last_login_at);
	u->password_hash = NULL;
	u->phone = dup(a, in->user.phone);
	u->job_title = dup(a, in->user.job_title);
	u->scope_org_ids = NULL;
	u->nscope = 0;
	out->csrf = dup(a, in->csrf);
}

static struct kept *find(struct store_sessions *k, const char *token_hash)
{
	for (int i = 0; i < SESSIONS_KEPT; i++)
		if (!strcmp(k->kept[i].token_hash, token_hash))
			return &k->kept[i];
	return NULL;
}

void store_session_keep(struct store *s, const char *token_hash, const struct store_session *sess)
{
	struct store_sessions *k = s->sessions;
	struct kept *e;

	if (!k) {
		k = s->sessions = xcalloc(1, sizeof(*k));
		for (int i = 0; i < SESSIONS_KEPT; i++)
			arena_init(&k->kept[i].a);
	}
	if (!(e = find(k, token_hash))) {
		e = &k->kept[0];
		for (int i = 1; i < SESSIONS_KEPT && e->token_hash[0]; i++)
			if (!k->kept[i].token_hash[0] || k->kept[i].used < e->used)
				e = &k->kept[i];
	}
	arena_release(&e->a);
	snprintf(e->token_hash, sizeof(e->token_hash), "%s", token_hash);
	copy(&e->a, sess, &e->sess);
	e->used = ++k->clock;
}

static void drop(struct kept *e)
{
	arena_release(&e->a);
	e->token_hash[0] = '\0';
}

static void forget(struct store_sessions *k, const char *token_hash)
{
	struct kept *e = find(k, token_hash);

	if (e)
		drop(e);
}

int store_session_recall(struct store *s, struct arena *a, const char *token_hash,
                         struct store_session *out)
{
	struct kept *e = s->sessions ? find(s->sessions, token_hash) : NULL;

	if (!e)
		return KFQ_ENOTFOUND;
	copy(a, &e->sess, out);
	e->used = ++s->sessions->clock;
	return KFQ_OK;
}

/* session_version (migration 0075) and the audit head: two rows by their keys */
static const char sql_version[] =
    "SELECT v, (SELECT hash FROM audit_head WHERE id = 1) FROM session_version WHERE id = 1";

/* store_guard's check of session_version against the one the recalled session was read with */
static int confirm(struct store_stmt *st, int rc, void *arg)
{
	struct store_sessions *k = arg;
	const char *head;
	int64_t v;

	if (rc != KFQ_ROW && rc != KFQ_DONE)
		return rc;
	if (rc == KFQ_DONE) { /* no version row: a schema kfq did not make */
		forget(k, k->token_hash);
		return KFQ_ESTALE;
	}
	if ((v = store_col_int(st, 0)) != k->sess->version) {
		/* every session kept under another version may have changed, this one too: each is
		 * read again at its next request rather than guessed and found changed */
		for (int i = 0; i < SESSIONS_KEPT; i++)
			if (k->kept[i].token_hash[0] && k->kept[i].sess.version != v)
				drop(&k->kept[i]);
		return KFQ_ESTALE;
	}
	head = store_col_text(st, 1);
	snprintf(k->sess->head, sizeof(k->sess->head), "%s", head ? head : "");
	return KFQ_OK;
}

int store_session_confirm(struct store *s, const char *token_hash, struct store_session *sess)
{
	struct store_stmt *st;
	int rc;

	if (!s->sessions)
		fatal("store: a session confirmed that was never kept");
	if ((rc = store_prepare(s, sql_version, &st)) != KFQ_OK)
		return rc;
	s->sessions->token_hash = token_hash;
	s->sessions->sess = sess;
	store_guard(s, st, confirm, s->sessions);
	return KFQ_OK;
}

void store_sessions_free(struct store *s)
{
	if (!s->sessions)
		return;
	for (int i = 0; i < SESSIONS_KEPT; i++)
		arena_release(&s->sessions->kept[i].a);
	free(s->sessions);
	s->sessions = NULL;
}
