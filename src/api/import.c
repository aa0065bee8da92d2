/* import.c - spreadsheet imports over HTTP: the template of a kind, the upload (the file's raw
 * bytes, received into a temporary file by http/ under the kind's own cap and handed to
 * app/import.c as it is), and the
 * one-time download an import left (the users import's first passwords). Who may import a kind
 * is the kind's permission. Must not read the spreadsheet or write SQL itself. */
#include "api/api.h"
#include "app/import_json.h"

#include "app/import.h"
#include "core/filetype.h"
#include "util/log.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* The :kind of the path, when the caller's role may import it. */
static const struct import_kind *kind_of(struct api_ctx *c)
{
	const struct import_kind *k = import_kind_find(http_param(c->req, "kind"));

	if (!k) {
		api_error(c, 404, "not_found", "没有这种导入", NULL);
		return NULL;
	}
	if ((account_role_perms(c->sess.user.role) & k->perm) != k->perm) {
		api_error(c, 403, "forbidden", "没有权限执行此操作", NULL);
		return NULL;
	}
	return k;
}

/* From the headers: the kind exists and the caller may import it, and the file is held to the
 * kind's cap (the route's is the largest any kind has), all before any of it is received. */
static int upload_head(struct api_ctx *c)
{
	const struct import_kind *k = kind_of(c);

	if (!k)
		return -1;
	c->req->body_cap = (size_t)import_kind_max_bytes(k);
	return 0;
}

static int template(struct api_ctx *c)
{
	const struct import_kind *k = kind_of(c);
	uint64_t size;
	int fd;

	if (!k)
		return -1;
	if (import_template(k, &fd, &size) != KFQ_OK)
		return api_error(c, 500, "internal_error", "模板生成失败", NULL);
	return api_send_file(c, fd, size, XLSX_TYPE,
	                     arena_printf(c->a, "%s导入模板.xlsx", k->title));
}

static int upload(struct api_ctx *c)
{
	const struct import_kind *k = kind_of(c);
	struct import_request req = {0};
	struct import_result r;
	int rc;

	if (!k)
		return -1;
	if (c->req->upload.size == 0)
		return api_error(c, 400, "empty_file", "文件为空", NULL);
	req.filename = api_query_str(c, "name");
	if (req.filename && !filetype_name_valid(req.filename))
		return api_error(c, 400, "invalid_file", filetype_message(FILETYPE_BAD_NAME),
		                 "name");
	req.kind = k;
	req.fd = c->req->upload.fd; /* the request's: closed with it */
	req.sha256 = c->req->upload.sha256;
	req.data_dir = api_data_dir();
	req.who = &c->actor;
	req.role = c->sess.user.role;
	rc = import_run(c->db, c->a, &req, &r);
	if (rc == KFQ_EIO)
		return api_error(c, 500, "storage_failed", "文件保存失败", NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	/* the one-time token must not sit in a cache */
	http_resp_header(c->req, "Cache-Control", "no-store");
	if (r.outcome == IMPORT_REJECTED) {
		/* a refusal like any other, with the full report beside the error */
		jsonw_obj_open(&c->w);
		jsonw_key(&c->w, "error");
		jsonw_obj_open(&c->w);
		jsonw_kstr(&c->w, "code", "import_rejected");
		jsonw_kstr(&c->w, "field", NULL);
		jsonw_kstr(
		    &c->w, "message",
		    r.problems.bad_rows
		        ? arena_printf(c->a, "文件中有%lld行有误，未导入任何数据",
		                       (long long)r.problems.bad_rows)
		        : arena_printf(c->a, "%s，未导入任何数据",
		                       r.problems.n ? r.problems.items[0].message : "文件有误"));
		jsonw_obj_close(&c->w);
		jsonw_key(&c->w, "import");
		import_result_write_json(&c->w, k, &r);
		jsonw_obj_close(&c->w);
		return api_ok(c, 422);
	}
	import_result_write_json(&c->w, k, &r);
	return api_ok(c, r.outcome == IMPORT_IMPORTED ? 201 : 200);
}

static int secret(struct api_ctx *c)
{
	const char *token = api_body_str(c, "token");
	void *bytes;
	size_t len;
	int64_t id;
	int fd, rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	rc = import_secret_take(c->db, c->a, &c->actor, id, token, c->now, &bytes, &len);
	if (rc == KFQ_ENOTFOUND)
		return api_error(c, 404, "secret_gone",
		                 "文件只能下载一次，且须在导入后30分钟内下载；已下载或已过期",
		                 NULL);
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	fd = memfd_create("kfq-secret", MFD_CLOEXEC);
	if (fd < 0 || write(fd, bytes, len) != (ssize_t)len) {
		if (fd >= 0)
			close(fd);
		return api_error(c, 500, "internal_error", "服务器内部错误", NULL);
	}
	memset(bytes, 0, len);
	return api_send_file(c, fd, len, XLSX_TYPE,
	                     arena_printf(c->a, "导入%lld-初始密码.xlsx", (long long)id));
}

static const struct api_field upload_query[] = {API_QSTR("name", 255), API_FIELDS_END};
static const struct api_field secret_body[] = {
    {"token", API_STR, true, IMPORT_TOKEN_LEN},
    {NULL, 0, false, 0},
};

const struct api_route api_import_routes[] = {
    {"GET", "/api/imports/:kind/template.xlsx", template, 0, 0, NULL, NULL},
    {"POST", "/api/imports/:kind", upload, 0, API_UPLOAD, upload_query, NULL, IMPORT_FILE_MAX_ANY,
     upload_head},
    {"POST", "/api/imports/:id/secret", secret, 0, 0, NULL, secret_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
