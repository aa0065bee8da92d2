/* import_users.c - the users import: one account per row (登录名, 姓名, 所属组织 by name or alias,
 * 角色, 数据范围, 手机, 职务). Each new account gets a random first password that must be changed
 * at first login; the passwords leave the server once, as a sealed .xlsx the importing admin
 * downloads (import_secret_take). An importer creates only the accounts its role manages
 * (core/account.h, 三员分立): the system administrator the ordinary ones, never an auditor's, a
 * supervisor's or a security officer's; the command line on the server any.
 * Must not write SQL (store/) nor decide the password policy (core/account.c). */
#include "app/import.h"
#include "app/password.h"

#include "core/account.h"
#include "core/enums.h"
#include "store/store_org.h"
#include "store/store_user.h"
#include "util/log.h"
#include "util/timeutil.h"
#include "util/xlsx.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define USERS_MAX_ROWS 5000

enum { C_USERNAME, C_NAME, C_ORG, C_ROLE, C_SCOPE, C_PHONE, C_TITLE, NCOLS };

static const char *check_username(const struct import_value *v, struct arena *a)
{
	(void)a;
	return account_username_valid(v->text) ? NULL : "须为3至32位字母、数字或 _ . -";
}

/* the custom scope needs a list of organizations: set it on the page after the import */
static const char *check_scope(const struct import_value *v, struct arena *a)
{
	(void)a;
	return strcmp(v->text, "custom") != 0 ? NULL : "自定义机构范围请在导入后到用户管理页面设置";
}

static const char *check_phone(const struct import_value *v, struct arena *a)
{
	(void)a;
	return account_phone_valid(v->text) ? NULL : "手机号码格式不正确";
}

static const struct import_column cols[NCOLS] = {
    [C_USERNAME] = {.header = "登录名",
                    .type = IMPORT_TEXT,
                    .required = true,
                    .key = true,
                    .fold = true,
                    .max = 32,
                    .rule = "3至32位字母、数字或 _ . -，不能与已有账号重复",
                    .sample = "zhangsan",
                    .check = check_username},
    [C_NAME] = {.header = "姓名",
                .type = IMPORT_TEXT,
                .required = true,
                .max = 64,
                .rule = "账号使用人的姓名",
                .sample = "张三"},
    [C_ORG] = {.header = "所属组织",
               .type = IMPORT_TEXT,
               .required = true,
               .max = 100,
               .rule = "组织机构的名称或别名，须已在系统中",
               .sample = "市商务局"},
    [C_ROLE] = {.header = "角色",
                .type = IMPORT_ENUM,
                .required = true,
                .options = &enum_role,
                .rule = "审计员、监督部门账号须由安全管理员创建，不能批量导入",
                .sample = "市直部门"},
    [C_SCOPE] = {.header = "数据范围",
                 .type = IMPORT_ENUM,
                 .options = &enum_data_scope,
                 .check = check_scope,
                 .rule = "不填则按角色默认；自定义机构范围请导入后在用户管理页面设置",
                 .sample = "本机构数据"},
    [C_PHONE] = {.header = "手机",
                 .type = IMPORT_TEXT,
                 .upper = true,
                 .max = 20,
                 .rule = "5至20位数字，可含 - 和空格",
                 .sample = "13800138000",
                 .check = check_phone},
    [C_TITLE] =
        {.header = "职务", .type = IMPORT_TEXT, .max = 64, .rule = "选填", .sample = "科员"},
};

struct issued {
	const char *username, *display_name, *org_name, *role;
	char password[PASSWORD_RANDOM_MAX];
};

struct state {
	struct store_org *orgs;
	int norgs;
	const char **names; /* existing login names, sorted */
	int nnames;
	struct store_bulk *bulk; /* the run's writer (import_run_writer), while it writes */
	struct issued *issued;   /* the second pass's accounts and passwords */
	int nissued, cap;
	char now[TIME_RFC3339_LEN];
};

/* names are ASCII (account_username_valid) and one whatever their letters' case */
static int by_name(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

static int prepare(struct import_run *r)
{
	struct store_org_filter f = {0};
	struct state *st = arena_zalloc(r->a, sizeof(*st));
	int rc;

	r->state = st;
	time_format(r->now, st->now);
	if ((rc = store_org_list(r->s, r->a, &f, &st->orgs, &st->norgs)) != KFQ_OK)
		return rc;
	if ((rc = store_user_names(r->s, r->a, &st->names, &st->nnames)) != KFQ_OK)
		return rc;
	/* byte order for bsearch: PostgreSQL's ORDER BY follows the database's collation */
	qsort(st->names, (size_t)st->nnames, sizeof(*st->names), by_name);
	return KFQ_OK;
}

static const struct store_org *find_org(const struct state *st, const char *name)
{
	return import_org_named(st->orgs, st->norgs, name);
}

static void check(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;
	const char *role = v[C_ROLE].present ? v[C_ROLE].text : "";

	const char *const *taken = v[C_USERNAME].present
	                               ? bsearch(&v[C_USERNAME].text, st->names, (size_t)st->nnames,
	                                         sizeof(*st->names), by_name)
	                               : NULL;

	if (taken && !strcmp(*taken, v[C_USERNAME].text))
		import_run_problem(r, row, cols[C_USERNAME].header, "登录名“%s”已存在",
		                   v[C_USERNAME].text);
	else if (taken)
		import_run_problem(r, row, cols[C_USERNAME].header,
		                   "登录名“%s”与已有的“%s”只差字母大小写，请换一个",
		                   v[C_USERNAME].text, *taken);
	if (v[C_ORG].present && !find_org(st, v[C_ORG].text))
		import_run_problem(r, row, cols[C_ORG].header,
		                   "找不到组织“%s”（请填写系统中组织机构的名称或别名）",
		                   v[C_ORG].text);
	if (*role && r->role && !account_may_manage(r->role, role))
		import_run_problem(r, row, cols[C_ROLE].header,
		                   account_role_guarded(role)
		                       ? "审计员、监督部门和安全管理员的账号只能由安全管理员创建，"
		                         "不能由系统管理员导入"
		                       : "安全管理员只能创建审计员、监督部门和安全管理员的账号");
}

static int write_begin(struct import_run *r)
{
	struct state *st = r->state;

	int rc = store_bulk_begin(r->s, &store_user_bulk, &st->bulk);

	return import_run_writer(r, rc, &import_store_bulk, st->bulk);
}

static int write_row(struct import_run *r, int64_t row, const struct import_value *v)
{
	struct state *st = r->state;
	const struct store_org *org = find_org(st, v[C_ORG].text);
	struct store_user u = {0};
	char hash[PASSWORD_HASH_MAX];
	struct issued *is;

	(void)row;
	if (st->nissued == st->cap)
		st->issued = arena_grow(r->a, st->issued, sizeof(*st->issued), &st->cap);
	is = &st->issued[st->nissued++];
	password_random(is->password);
	if (password_hash_generated(is->password, hash) != KFQ_OK)
		return KFQ_ERR;
	u.username = is->username = arena_strdup(r->a, v[C_USERNAME].text);
	u.display_name = is->display_name = arena_strdup(r->a, v[C_NAME].text);
	u.org_id = org->id;
	is->org_name = org->name;
	u.role = v[C_ROLE].text;
	is->role = enum_label(&enum_role, u.role);
	u.data_scope = v[C_SCOPE].present ? v[C_SCOPE].text : account_default_scope(u.role);
	u.phone = v[C_PHONE].present ? arena_strdup(r->a, v[C_PHONE].text) : NULL;
	u.job_title = v[C_TITLE].present ? arena_strdup(r->a, v[C_TITLE].text) : NULL;
	u.must_change = true;
	return store_user_bulk_row(st->bulk, &u, hash, st->now);
}

/* The accounts and their first passwords as an .xlsx, sealed for one download. */
static int finish(struct import_run *r)
{
	static const char *const headers[] = {"登录名", "姓名", "所属组织", "角色", "初始密码"};
	static const double widths[] = {18, 14, 30, 12, 22};
	struct state *st = r->state;
	struct xlsx *x;
	uint64_t size;
	char *buf;
	int fd, rc;

	if ((rc = xlsx_open(&x, "初始密码", headers, widths, 5)) != KFQ_OK)
		return rc;
	for (int i = 0; i < st->nissued; i++) {
		xlsx_text(x, st->issued[i].username);
		xlsx_text(x, st->issued[i].display_name);
		xlsx_text(x, st->issued[i].org_name);
		xlsx_text(x, st->issued[i].role);
		xlsx_text(x, st->issued[i].password);
		xlsx_end_row(x);
	}
	if ((rc = xlsx_finish(x, &fd, &size)) != KFQ_OK)
		return rc;
	buf = xmalloc(size + 1);
	if (pread(fd, buf, size, 0) != (ssize_t)size)
		rc = KFQ_EIO;
	close(fd);
	if (rc == KFQ_OK)
		rc = import_run_seal(r, buf, size, st->nissued);
	sodium_memzero(buf, size);
	free(buf);
	return rc;
}

static void release(struct import_run *r)
{
	struct state *st = r->state;

	if (!st)
		return;
	for (int i = 0; i < st->nissued; i++)
		sodium_memzero(st->issued[i].password, sizeof(st->issued[i].password));
	st->nissued = 0;
}

const struct import_kind import_users = {
    .name = "users",
    .title = "用户",
    .perm = PERM_USER_MANAGE,
    .cols = cols,
    .ncols = NCOLS,
    .max_rows = USERS_MAX_ROWS,
    .prepare = prepare,
    .check = check,
    .write_begin = write_begin,
    .write_row = write_row,
    .finish = finish,
    .release = release,
};
