/* consult_version.c - versions of a consultation's draft (consult_version.h): parsing and
 * comparing texts, building the final version's tasks and their flags, then one store call.
 * Must not write SQL nor decide how articles pair (core/policy_diff.c does). */
#include "app/consult_version.h"

#include "app/consult_json.h"
#include "app/policy_diff_json.h"
#include "app/policy_import.h"
#include "app/task_json.h"
#include "core/policy_parse.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/textconv.h"

#include <sodium.h>
#include <string.h>

int consult_version_import(struct store *s, struct arena *a, const struct store_actor *who,
                           const struct store_consultation *k, const char *text, size_t len,
                           const char *note, struct store_consult_version *out, const char **error)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char *hex = arena_alloc(a, sizeof(h) * 2 + 1);
	struct textconv_text utf8;
	struct policy_doc doc;
	const char *key;
	size_t klen, dlen;
	struct store_policy draft;
	struct strbuf js = STRBUF_INIT;
	struct jsonw w;
	int rc;

	memset(out, 0, sizeof(*out));
	if (textconv_to_utf8(text, len, a, &utf8) != KFQ_OK) {
		*error = utf8.error;
		return KFQ_EINVAL;
	}
	if (policy_parse(utf8.text, utf8.len, a, &doc) != KFQ_OK) {
		*error = doc.error;
		return KFQ_EINVAL;
	}
	if (doc.n_articles == 0) {
		*error = "没有识别出任何条目（如“1.”或“第一条”），不是政策文本的修改稿";
		return KFQ_EINVAL;
	}
	/* the text as a duplicate check compares it (policy_text_key): saved again, the same */
	key = policy_text_key(a, utf8.text, utf8.len, &klen);
	crypto_hash_sha256(h, (const unsigned char *)key, klen);
	sodium_bin2hex(hex, sizeof(h) * 2 + 1, h, sizeof(h));
	if ((rc = store_policy_source(s, a, k->policy_id, &draft)) != KFQ_OK)
		return rc;
	if (draft.source_text &&
	    !strcmp(policy_text_key(a, draft.source_text, strlen(draft.source_text), &dlen), key)) {
		*error = "与征求意见稿的文本完全相同，不是新的版本";
		return KFQ_EINVAL;
	}
	jsonw_init(&w, &js);
	policy_doc_to_json(&doc, &w);
	out->consultation_id = k->id;
	out->title = doc.title ? doc.title : "（无标题）";
	out->title_note = doc.title_note;
	out->note = note;
	out->source_sha256 = hex;
	out->source_text = utf8.text;
	out->parsed_json = arena_strdup(a, js.buf);
	out->n_articles = (int)doc.n_articles;
	strbuf_release(&js);
	rc = store_consult_version_add(s, who, &consult_json_audit, out);
	if (rc == KFQ_ECONFLICT)
		*error = "该版本已经导入过（内容完全相同）";
	else if (rc == KFQ_ESTATE)
		*error = "已根据终稿创建任务，不能再导入新的版本";
	return rc;
}

int consult_versions(struct store *s, struct arena *a, const struct store_consultation *k,
                     struct store_consult_version **out, int *n)
{
	struct store_consult_version *vs, *all;
	struct store_consult_article *arts;
	struct store_policy p;
	int nv, na, rc;

	if ((rc = store_policy_get(s, a, k->policy_id, &p)) != KFQ_OK ||
	    (rc = store_consult_articles(s, a, k->id, &arts, &na)) != KFQ_OK ||
	    (rc = store_consult_versions(s, a, k->id, &vs, &nv)) != KFQ_OK)
		return rc;
	all = arena_zalloc(a, (size_t)(nv + 1) * sizeof(*all));
	all[0].consultation_id = k->id;
	all[0].seq = 1;
	all[0].title = p.title;
	all[0].title_note = p.title_note;
	all[0].source_sha256 = p.source_sha256;
	all[0].n_articles = na;
	all[0].tasks_policy_id = p.id;
	all[0].created_at = p.created_at;
	if (nv)
		memcpy(all + 1, vs, (size_t)nv * sizeof(*vs));
	*out = all;
	*n = nv + 1;
	return KFQ_OK;
}

/* The text of version seq of k (1: the draft). */
static int text_of(struct store *s, struct arena *a, const struct store_consultation *k, int seq,
                   const char **text)
{
	struct store_consult_version v;
	struct store_policy p;
	int rc;

	if (seq == 1) {
		rc = store_policy_source(s, a, k->policy_id, &p);
		*text = p.source_text;
	} else {
		rc = store_consult_version_get(s, a, k->id, seq, &v);
		*text = v.source_text;
	}
	return rc == KFQ_OK && !*text ? KFQ_ENOTFOUND : rc;
}

int consult_version_diff(struct store *s, struct arena *a, const struct store_consultation *k,
                         int from, int to, struct policy_diff *out)
{
	const char *old, *new_, *error;
	int which, rc;

	if ((rc = text_of(s, a, k, from, &old)) != KFQ_OK ||
	    (rc = text_of(s, a, k, to, &new_)) != KFQ_OK)
		return rc;
	/* both texts were parsed when they were imported */
	if (policy_diff_texts(a, old, strlen(old), new_, strlen(new_), out, &error, &which) !=
	    KFQ_OK) {
		log_error("consultation %lld: version %d no longer parses: %s", (long long)k->id,
		          which ? to : from, error);
		return KFQ_ERR;
	}
	return KFQ_OK;
}

int consult_version_draft_numbers(struct store *s, struct arena *a,
                                  const struct store_consultation *k, int from,
                                  const struct policy_diff *d, int **numbers)
{
	struct policy_diff d0;
	int rc;

	*numbers = arena_zalloc(a, (d->n_entries + 1) * sizeof(int));
	if (from != 1 && (rc = consult_version_diff(s, a, k, 1, from, &d0)) != KFQ_OK)
		return rc;
	for (size_t i = 0; i < d->n_entries; i++) {
		const struct policy_diff_article *old = d->entries[i].old;

		if (!old)
			continue;
		if (from == 1) {
			(*numbers)[i] = old->number;
			continue;
		}
		/* the draft's article paired with this one of version from */
		for (size_t j = 0; j < d0.n_entries; j++)
			if (d0.entries[j].new_ && d0.entries[j].old &&
			    d0.entries[j].new_->number == old->number)
				(*numbers)[i] = d0.entries[j].old->number;
	}
	return KFQ_OK;
}

/* The flags of d (draft → final): every entry but the unchanged ones in place, with the draft's
 * task of the old article. */
static void flags_of(struct arena *a, const struct policy_diff *d, const struct store_task *old,
                     int n_old, struct store_consult_flag **out, int *n)
{
	static const char *const status[] = {"unchanged", "changed", "added", "removed"};

	*out = arena_zalloc(a, (d->n_entries + 1) * sizeof(**out));
	*n = 0;
	for (size_t i = 0; i < d->n_entries; i++) {
		const struct policy_diff_entry *e = &d->entries[i];
		struct store_consult_flag *f = &(*out)[*n];

		if (e->status == POLICY_DIFF_UNCHANGED && !e->moved)
			continue;
		f->status = status[e->status];
		f->moved = e->moved;
		f->old_number = e->old ? e->old->number : 0;
		f->new_number = e->new_ ? e->new_->number : 0;
		f->similarity_bp = e->similarity_bp;
		for (int j = 0; f->old_number && j < n_old; j++)
			if (old[j].article_number == f->old_number)
				f->old_task_id = old[j].id;
		(*n)++;
	}
}

int consult_version_tasks(struct store *s, struct arena *a, const struct store_actor *who,
                          const struct store_consultation *k, struct store_consult_version *version,
                          struct store_consult_flag **flags, int *n_flags, const char **error)
{
	struct store_task_filter tf = {.policy_id = k->policy_id, .without_orgs = true};
	struct policy_import_result r;
	struct store_consult_version *vs;
	struct store_task *old, *tasks;
	struct policy_diff d;
	int64_t total;
	int nv, n_old, rc;

	if ((rc = store_consult_versions(s, a, k->id, &vs, &nv)) != KFQ_OK)
		return rc;
	if (nv == 0) {
		*error = "尚未导入修改后的版本，请先导入终稿";
		return KFQ_EINVAL;
	}
	*version = vs[nv - 1];
	if (version->tasks_policy_id) {
		*error = "已根据终稿创建过任务";
		return KFQ_ESTATE;
	}
	if ((rc = consult_version_diff(s, a, k, 1, version->seq, &d)) != KFQ_OK ||
	    (rc = store_task_list(s, a, &tf, &old, &n_old, &total)) != KFQ_OK)
		return rc;
	if ((rc = store_consult_version_get(s, a, k->id, version->seq, version)) != KFQ_OK)
		return rc;
	if (policy_import(s, a, who, version->source_text, strlen(version->source_text), true,
	                  &r) != KFQ_OK) {
		*error = r.message;
		return r.status == POLICY_IMPORT_STORE ? r.rc : KFQ_EINVAL;
	}
	flags_of(a, &d, old, n_old, flags, n_flags);
	tasks = policy_import_tasks(a, &r);
	rc = store_consult_tasks(s, who, &consult_json_audit, &task_json_audit, version->id,
	                         &r.policy, tasks, (int)r.tasks.n_tasks, *flags, *n_flags);
	if (rc == KFQ_ECONFLICT)
		*error = "终稿的文本已经作为政策文件导入过，不能再据此创建任务";
	else if (rc == KFQ_ESTATE)
		*error = "已根据终稿创建过任务，或又导入了新的版本，请刷新后再试";
	if (rc == KFQ_OK)
		version->tasks_policy_id = r.policy.id;
	return rc;
}
