/* account.c - account rules. Must not hash, read clocks or touch storage. */
#include "core/account.h"

#include "core/enums.h"
#include "util/blank.h"

#include <stdio.h>
#include <string.h>

enum password_verdict account_password_check(const char *pw)
{
	const unsigned char *p = (const unsigned char *)pw;
	size_t chars = 0, len = strlen(pw);
	bool upper = false, lower = false, digit = false, other = false;

	if (len > PASSWORD_MAX_BYTES)
		return PASSWORD_TOO_LONG;
	while (*p) {
		size_t n = *p < 0x80             ? 1
		           : (*p & 0xe0) == 0xc0 ? 2
		           : (*p & 0xf0) == 0xe0 ? 3
		           : (*p & 0xf8) == 0xf0 ? 4
		                                 : 0;
		if (!n || (n == 2 && *p < 0xc2))
			return PASSWORD_NOT_UTF8;
		for (size_t i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return PASSWORD_NOT_UTF8;
		if (*p >= 'A' && *p <= 'Z')
			upper = true;
		else if (*p >= 'a' && *p <= 'z')
			lower = true;
		else if (*p >= '0' && *p <= '9')
			digit = true;
		else if (*p >= 0x20)
			other = true;
		else
			return PASSWORD_NOT_UTF8; /* control characters are never typed on purpose
			                           */
		p += n;
		chars++;
	}
	if (chars < PASSWORD_MIN_CHARS)
		return PASSWORD_TOO_SHORT;
	if (upper + lower + digit + other < PASSWORD_MIN_CLASSES)
		return PASSWORD_FEW_CLASSES;
	return PASSWORD_OK;
}

const char *account_password_message(enum password_verdict v)
{
	switch (v) {
	case PASSWORD_OK:
		return "密码符合要求";
	case PASSWORD_TOO_SHORT:
		return "密码至少10位，并包含大写字母、小写字母、数字、符号中的至少三类";
	case PASSWORD_TOO_LONG:
		return "密码过长（最多256字节）";
	case PASSWORD_FEW_CLASSES:
		return "密码须包含大写字母、小写字母、数字、符号中的至少三类";
	case PASSWORD_NOT_UTF8:
		return "密码含有无效字符";
	}
	return "密码不符合要求";
}

const struct ratelimit_policy account_login_addr_limit = {10, 15 * 60, 60, 60 * 60};
const struct ratelimit_policy account_login_name_limit = {5, 15 * 60, 15 * 60, 15 * 60};

void account_login_addr_key(const char *addr, char out[ACCOUNT_LOGIN_KEY_MAX])
{
	snprintf(out, ACCOUNT_LOGIN_KEY_MAX, "login-addr:%s", addr);
}

void account_login_name_key(const char *name, const char *addr, char out[ACCOUNT_LOGIN_KEY_MAX])
{
	/* names are at most 64 bytes and addresses 47 when they come from a request */
	snprintf(out, ACCOUNT_LOGIN_KEY_MAX, "login-name:%s@%s", name, addr ? addr : "");
}

bool account_is_locked(int64_t locked_until, int64_t now)
{
	return locked_until > now;
}

bool account_session_expired(int64_t last_seen, int64_t now)
{
	return now - last_seen > SESSION_IDLE_SECONDS;
}

bool account_session_needs_touch(int64_t last_seen, int64_t now)
{
	return now - last_seen >= SESSION_TOUCH_SECONDS;
}

static const struct {
	const char *role;
	account_perms perms;
	const char *scope;
} roles[] = {
    {"admin", PERM_DASHBOARD | PERM_ORG_READ | PERM_ORG_WRITE | PERM_USER_READ | PERM_USER_MANAGE,
     "all"},
    {"office",
     PERM_DASHBOARD | PERM_ORG_READ | PERM_ORG_WRITE | PERM_TASK_READ | PERM_POLICY_WRITE |
         PERM_PLAN_REVIEW | PERM_NOTICE_READ | PERM_NOTICE_ISSUE | PERM_CAPABILITY_MANAGE |
         PERM_ENTERPRISE_READ | PERM_ENTERPRISE_WRITE | PERM_REVSHARE_READ |
         PERM_ARRANGEMENT_WRITE | PERM_REVSHARE_COMPARE | PERM_POWER_READ | PERM_POWER_WRITE |
         PERM_CALENDAR_WRITE | PERM_BUDGET_READ | PERM_PEOPLE_READ | PERM_PAY_SET | PERM_LAND_READ |
         PERM_INDUSTRY_READ | PERM_INDUSTRY_APPROVE | PERM_PLATFORM_READ | PERM_FAULT_MANAGE,
     "all"},
    {"department",
     PERM_DASHBOARD | PERM_ORG_READ | PERM_TASK_READ | PERM_NOTICE_READ | PERM_NOTICE_REPLY |
         PERM_ENTERPRISE_READ | PERM_REVSHARE_READ | PERM_REVSHARE_MANAGE | PERM_REVSHARE_COMPARE |
         PERM_POWER_READ | PERM_POWER_WRITE | PERM_BUDGET_READ | PERM_BUDGET_MANAGE |
         PERM_PEOPLE_READ | PERM_LAND_READ | PERM_LAND_WRITE | PERM_INDUSTRY_READ |
         PERM_PLATFORM_READ | PERM_PLATFORM_WRITE | PERM_FAULT_DECIDE | PERM_LEADER_RECORD,
     "org"},
    {"zone",
     PERM_DASHBOARD | PERM_ORG_READ | PERM_TASK_READ | PERM_PLAN_WRITE | PERM_NOTICE_READ |
         PERM_NOTICE_REPLY | PERM_ENTERPRISE_READ | PERM_ENTERPRISE_WRITE | PERM_REVSHARE_READ |
         PERM_POWER_READ | PERM_POWER_WRITE | PERM_BUDGET_READ | PERM_PEOPLE_READ |
         PERM_PEOPLE_WRITE | PERM_LAND_READ | PERM_LAND_WRITE | PERM_INDUSTRY_READ |
         PERM_INDUSTRY_WRITE | PERM_PLATFORM_READ | PERM_PLATFORM_WRITE,
     "org"},
    {"county",
     PERM_DASHBOARD | PERM_ORG_READ | PERM_TASK_READ | PERM_PLAN_WRITE | PERM_NOTICE_READ |
         PERM_NOTICE_REPLY | PERM_ENTERPRISE_READ | PERM_REVSHARE_READ | PERM_POWER_READ |
         PERM_POWER_WRITE | PERM_BUDGET_READ | PERM_PEOPLE_READ | PERM_LAND_READ |
         PERM_INDUSTRY_READ | PERM_PLATFORM_READ,
     "org_and_below"},
    {"supervisor",
     PERM_DASHBOARD | PERM_ORG_READ | PERM_AUDIT_READ | PERM_TASK_READ | PERM_NOTICE_READ |
         PERM_ENTERPRISE_READ | PERM_REVSHARE_READ | PERM_REVSHARE_COMPARE | PERM_POWER_READ |
         PERM_BUDGET_READ | PERM_PEOPLE_READ | PERM_LAND_READ | PERM_INDUSTRY_READ |
         PERM_PLATFORM_READ,
     "all"},
    {"auditor", PERM_DASHBOARD | PERM_AUDIT_READ, "all"},
    /* accounts and nothing else: no reform data, no audit log (the auditor audits what the
     * security officer does) */
    {"security", PERM_ORG_READ | PERM_USER_READ | PERM_ACCOUNT_SECURITY, "all"},
};

bool account_display_name_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > ACCOUNT_DISPLAY_NAME_MAX || blank_all(s))
		return false;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

bool account_username_valid(const char *s)
{
	size_t n = strlen(s);

	if (n < 3 || n > 32)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' || *s == '-'))
			return false;
	return true;
}

void account_password_make(const uint32_t rnd[ACCOUNT_PASSWORD_RANDOM], char out[17])
{
	static const char upper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
	static const char lower[] = "abcdefghijkmnpqrstuvwxyz";
	static const char digit[] = "23456789";
	static const char sym[] = "@#%+=?";
	static const char *const sets[] = {upper, lower, digit, sym};
	int k = 0;

	/* a 32-bit word modulo at most 24 is uniform to within 24 / 2^32 */
	for (int i = 0; i < 16; i++) {
		const char *set = sets[i < 4 ? (uint32_t)i : rnd[k++] % 3];
		out[i] = set[rnd[k++] % (uint32_t)strlen(set)];
	}
	/* shuffle so the classes are not always in front */
	for (int i = 15; i > 0; i--) {
		uint32_t j = rnd[k++] % ((uint32_t)i + 1);
		char t = out[i];
		out[i] = out[j];
		out[j] = t;
	}
	out[16] = 0;
}

bool account_phone_valid(const char *s)
{
	size_t digits = 0, n = strlen(s);

	if (n == 0 || n > 20)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!(*p == '-' || *p == ' ' || (*p == '+' && p == s)))
			return false;
	}
	return digits >= 5;
}

bool account_role_valid(const char *role)
{
	return account_role_perms(role) != 0;
}

bool account_scope_valid(const char *scope)
{
	return enum_valid(&enum_data_scope, scope);
}

bool account_org_type_valid(const char *type)
{
	return enum_valid(&enum_org_type, type);
}

bool account_zone_level_valid(const char *level)
{
	return enum_valid(&enum_zone_level, level);
}

account_perms account_role_perms(const char *role)
{
	for (size_t i = 0; role && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (!strcmp(role, roles[i].role))
			return roles[i].perms;
	return 0;
}

const char *account_default_scope(const char *role)
{
	for (size_t i = 0; role && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (!strcmp(role, roles[i].role))
			return roles[i].scope;
	return "self";
}

_Static_assert(ACCOUNT_NPERMS <= 64, "account_perms holds 64 permission bits");

const char *account_perm_name(account_perms perm)
{
	static const char *const names[ACCOUNT_NPERMS] = {
	    "dashboard",
	    "org_read",
	    "org_write",
	    "user_manage",
	    "audit_read",
	    "task_read",
	    "policy_write",
	    "plan_write",
	    "plan_review",
	    "notice_read",
	    "notice_issue",
	    "notice_reply",
	    "capability_manage",
	    "user_read",
	    "account_security",
	    "enterprise_read",
	    "enterprise_write",
	    "revshare_read",
	    "revshare_manage",
	    "arrangement_write",
	    "revshare_compare",
	    "power_read",
	    "power_write",
	    "calendar_write",
	    "budget_read",
	    "budget_manage",
	    "people_read",
	    "people_write",
	    "pay_set",
	    "land_read",
	    "land_write",
	    "industry_read",
	    "industry_write",
	    "industry_approve",
	    "platform_read",
	    "platform_write",
	    [48] = "fault_manage",
	    [49] = "fault_decide",
	    [50] = "leader_record",
	};
	for (int i = 0; i < ACCOUNT_NPERMS; i++)
		if (perm == (account_perms)1 << i)
			return names[i];
	return NULL;
}

int account_nroles(void)
{
	return (int)(sizeof(roles) / sizeof(roles[0]));
}

void account_role_at(int i, const char **role, account_perms *perms, const char **scope)
{
	*role = roles[i].role;
	*perms = roles[i].perms;
	*scope = roles[i].scope;
}

bool account_role_guarded(const char *role)
{
	return (account_role_perms(role) & (PERM_AUDIT_READ | PERM_ACCOUNT_SECURITY)) != 0;
}

bool account_role_acts(const char *role)
{
	account_perms p = account_role_perms(role);

	return p && !account_role_guarded(role) && !(p & PERM_USER_MANAGE);
}

bool account_may_manage(const char *actor, const char *target)
{
	account_perms need =
	    account_role_guarded(target) ? PERM_ACCOUNT_SECURITY : PERM_USER_MANAGE;

	return (account_role_perms(actor) & need) != 0;
}

static bool in(const int64_t *ids, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* Is organization id within g's scope, as far as it can be told without the tree? */
static bool covers(const struct account_grant *g, int64_t id)
{
	if (!strcmp(g->scope, "all"))
		return true;
	if (!strcmp(g->scope, "custom"))
		return in(g->orgs, g->norgs, id);
	return id == g->org_id; /* org, self, and the root of org_and_below */
}

/* Is to's scope provably within from's? */
static bool scope_within(const struct account_grant *to, const struct account_grant *from)
{
	if (!strcmp(from->scope, "all"))
		return true;
	if (!strcmp(to->scope, "all"))
		return false;
	if (!strcmp(to->scope, "org_and_below"))
		return !strcmp(from->scope, "org_and_below") && from->org_id == to->org_id;
	if (!strcmp(to->scope, "custom")) {
		for (int i = 0; i < to->norgs; i++)
			if (!covers(from, to->orgs[i]))
				return false;
		return true;
	}
	return covers(from, to->org_id); /* org, self */
}

bool account_widens_approval(const struct account_grant *from, const struct account_grant *to)
{
	account_perms before = account_role_perms(from->role) & ACCOUNT_APPROVAL_PERMS;
	account_perms after = account_role_perms(to->role) & ACCOUNT_APPROVAL_PERMS;

	if (after & ~before)
		return true;
	return after && !scope_within(to, from);
}
