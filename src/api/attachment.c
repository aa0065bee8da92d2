/* attachment.c - the routes of the attachment mechanism (attachment.h): upload for an entity
 * type, the files of one entity, and one file's download, each read under the rule of the
 * module that owns the entity type; the upload and download a module's own routes share
 * (progress-report evidence); the reception of an uploaded file (type check, blob store). An
 * attachment's JSON is app/attachment_json.c's. Must not write SQL or touch files except
 * through util/blobstore. */
#include "api/attachment.h"

#include "core/filetype.h"
#include "util/blobstore.h"

#include <errno.h>
#include <string.h>

static const struct api_attachment_kind *const kinds[] = {api_notice_attachment_kinds,
                                                          api_report_attachment_kinds,
                                                          api_consult_attachment_kinds,
                                                          api_platform_attachment_kinds,
                                                          api_fault_attachment_kinds,
                                                          api_powers_attachment_kinds,
                                                          NULL};

static const struct api_attachment_kind *kind_of(const char *type)
{
	for (const struct api_attachment_kind *const *t = kinds; type && *t; t++)
		for (const struct api_attachment_kind *k = *t; k->type; k++)
			if (!strcmp(k->type, type))
				return k;
	return NULL;
}

int api_file_receive(struct api_ctx *c, const char *name, struct api_file *f)
{
	const struct http_upload *up = &c->req->upload;
	const char *mime, *head;
	char *hex = arena_alloc(c->a, BLOB_HASH_HEX);
	enum filetype_verdict v;
	size_t n;

	if (api_upload_sample(c, &head, &n) != 0)
		return -1;
	v = filetype_check(name, (const unsigned char *)head, n, &mime);
	if (v != FILETYPE_OK)
		return api_error(c, v == FILETYPE_MISMATCH ? 415 : 400,
		                 v == FILETYPE_MISMATCH ? "file_type_mismatch" : "invalid_file",
		                 filetype_message(v), "name");
	if (blob_put_fd(api_data_dir(), up->fd, hex) != 0) {
		log_error("upload: cannot store in %s: %s", api_data_dir(), strerror(errno));
		return api_error(c, 500, "storage_failed", "文件保存失败", NULL);
	}
	f->sha256 = hex;
	f->filename = name;
	f->mime = mime;
	f->size = (int64_t)up->size;
	return 0;
}

/* The answer's shape of one file: the record and who uploaded it. */
static void write_answer(struct api_ctx *c, const struct store_attachment *x)
{
	jsonw_obj_open(&c->w);
	jsonw_kstr(&c->w, "created_at", x->created_at);
	jsonw_kid(&c->w, "created_by", x->created_by);
	jsonw_kstr(&c->w, "created_by_name", x->created_by_name);
	jsonw_kid(&c->w, "entity_id", x->entity_id);
	jsonw_kstr(&c->w, "entity_type", x->entity_type);
	jsonw_kstr(&c->w, "filename", x->filename);
	jsonw_kint(&c->w, "id", x->id);
	jsonw_kstr(&c->w, "mime", x->mime);
	jsonw_kstr(&c->w, "sha256", x->sha256);
	jsonw_kint(&c->w, "size", x->size);
	jsonw_obj_close(&c->w);
}

int api_attachment_upload(struct api_ctx *c, const char *type, struct store_attachment *x)
{
	const struct api_attachment_kind *k = kind_of(type);
	struct api_file f;
	int rc;

	if (!k)
		return api_error(c, 400, "invalid_parameter", "参数 for 应为可上传附件的对象类型",
		                 "for");
	if ((account_role_perms(c->sess.user.role) & k->perm) != k->perm)
		return api_error(c, 403, "forbidden",
		                 arena_printf(c->a, "无权为%s上传附件", k->label), NULL);
	if (api_file_receive(c, api_query_str(c, "name"), &f) != 0)
		return -1;
	memset(x, 0, sizeof(*x));
	x->entity_type = k->type;
	x->sha256 = f.sha256;
	x->filename = f.filename;
	x->mime = f.mime;
	x->size = f.size;
	x->org_id = c->sess.user.org_id;
	if ((rc = store_attachment_add(c->db, &c->actor, &attachment_json_audit, x)) != KFQ_OK ||
	    (rc = store_attachment_get(c->db, c->a, x->id, x)) != KFQ_OK)
		return api_store_error(c, rc);
	return 0;
}

static int upload(struct api_ctx *c)
{
	struct store_attachment x;

	if (api_attachment_upload(c, api_query_str(c, "for"), &x) != 0)
		return -1;
	write_answer(c, &x);
	return api_ok(c, 201);
}

static int not_found(struct api_ctx *c)
{
	return api_error(c, 404, "not_found", "附件不存在", NULL);
}

/* Whether the caller's role holds k's read permission: the entity's own routes' (the account
 * officers and the auditor read no reform file, whatever their data scope). */
static bool may_read_kind(struct api_ctx *c, const struct api_attachment_kind *k)
{
	return (account_role_perms(c->sess.user.role) & k->read_perm) == k->read_perm;
}

/* Loads the :id file the caller may read: its entity's, or an upload of the caller's own
 * organization not yet attached, to a role that may read its kind; of entity type `type`
 * unless NULL. 404 otherwise, as for a missing one. */
static int load(struct api_ctx *c, const char *type, struct store_attachment *x)
{
	const struct api_attachment_kind *k;
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	if ((rc = store_attachment_get(c->db, c->a, id, x)) == KFQ_ENOTFOUND)
		return not_found(c);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	if (type && strcmp(x->entity_type, type))
		return not_found(c);
	if (!(k = kind_of(x->entity_type)) || !may_read_kind(c, k))
		return not_found(c);
	if (!x->entity_id)
		return x->org_id == c->sess.user.org_id ? 0 : not_found(c);
	return k->may_read(c, x->entity_id);
}

int api_attachment_send(struct api_ctx *c, const char *type)
{
	struct store_attachment x;
	uint64_t size;
	int fd;

	if (load(c, type, &x) != 0)
		return -1;
	if (blob_open(api_data_dir(), x.sha256, &fd, &size) != 0)
		return api_error(c, 404, "not_found", "文件不存在", NULL);
	return api_send_file(c, fd, size, x.mime, x.filename);
}

static int download(struct api_ctx *c)
{
	return api_attachment_send(c, NULL);
}

static int list(struct api_ctx *c)
{
	const struct api_attachment_kind *k = kind_of(api_query_str(c, "entity_type"));
	struct store_attachment *xs;
	int64_t id;
	int n, rc;

	if (!k)
		return api_error(c, 400, "invalid_parameter",
		                 "参数 entity_type 应为可带附件的对象类型", "entity_type");
	if (!(id = api_query_int(c, "entity_id", 0)))
		return api_error(c, 400, "invalid_parameter", "请给出 entity_id", "entity_id");
	if (!may_read_kind(c, k))
		return not_found(c);
	if (k->may_read(c, id) != 0)
		return -1;
	if ((rc = store_attachment_list(c->db, c->a, k->type, id, &xs, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	api_page_begin(c);
	for (int i = 0; i < n; i++)
		write_answer(c, &xs[i]);
	api_page_end(c, n, 0, 0);
	return api_ok(c, 200);
}

static const struct api_field upload_query[] = {API_QSTR("for", 32), API_QSTR("name", 255),
                                                API_FIELDS_END};
static const struct api_field list_query[] = {API_QSTR("entity_type", 32),
                                              API_ID_FIELD("entity_id", false), API_FIELDS_END};

const struct api_route api_attachment_routes[] = {
    {"POST", "/api/attachments", upload, 0, API_UPLOAD, upload_query, NULL},
    {"GET", "/api/attachments", list, 0, 0, list_query, NULL},
    {"GET", "/api/attachments/:id", download, 0, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
