/* Tests src/core/account.c: password policy, the limits on failed logins, session idleness,
 * roles. */
#include "core/account.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_password_policy(void **state)
{
	(void)state;
	assert_int_equal(account_password_check("Abcdefgh1!"), PASSWORD_OK);
	assert_int_equal(account_password_check("abcdefgh12"), PASSWORD_FEW_CLASSES);
	assert_int_equal(account_password_check("Abcdef12!"), PASSWORD_TOO_SHORT); /* 9 chars */
	assert_int_equal(account_password_check("abcdefgh1!"),
	                 PASSWORD_OK); /* lower digit symbol */
	/* 10 code points, not 10 bytes: 开发区 count as three "other" characters */
	assert_int_equal(account_password_check("开发区abcd123"), PASSWORD_OK);
	assert_int_equal(account_password_check("开发区改革工作平台很好"), PASSWORD_FEW_CLASSES);
	assert_int_equal(account_password_check("开发区ab1"),
	                 PASSWORD_TOO_SHORT); /* 12 bytes, 6 chars */
	assert_int_equal(account_password_check("Abcdefgh1\x01"), PASSWORD_NOT_UTF8);
	assert_int_equal(account_password_check("Abcdefgh1\xc3"), PASSWORD_NOT_UTF8);
	char longpw[300];
	for (int i = 0; i < 299; i++)
		longpw[i] = "aA1"[i % 3];
	longpw[299] = 0;
	assert_int_equal(account_password_check(longpw), PASSWORD_TOO_LONG);
}

/* Failures of one name from one address: 5 pass, the 5th makes the name wait 15 minutes
 * there; each failure on probation after that waits 15 minutes again (never longer). */
static void test_login_name_limit(void **state)
{
	(void)state;
	const struct ratelimit_policy *p = &account_login_name_limit;
	struct ratelimit_state cur = {0}, next;
	int64_t now = 1764300000;

	for (int i = 1; i <= 4; i++) {
		assert_int_equal(ratelimit_hit(p, &cur, now + i, &next), 0);
		cur = next;
	}
	assert_int_equal(ratelimit_hit(p, &cur, now + 5, &next), 900);
	assert_int_equal(next.blocked_until, now + 905);
	assert_int_equal(ratelimit_wait(&next, now + 6), 899);
	cur = next;
	assert_int_equal(ratelimit_hit(p, &cur, now + 905, &next), 900); /* on probation */
	assert_int_equal(next.blocked_until, now + 1805);
	/* quiet for 15 minutes after the block: five again */
	cur = next;
	assert_int_equal(ratelimit_hit(p, &cur, now + 1805 + 900, &next), 0);
	assert_int_equal(next.count, 1);
	assert_int_equal(next.strikes, 0);
}

/* Failures from one address, any names: 10 pass, then 1, 2, 4 … minutes, at most an hour. */
static void test_login_addr_limit(void **state)
{
	(void)state;
	const struct ratelimit_policy *p = &account_login_addr_limit;
	static const int64_t blocks[] = {60, 120, 240, 480, 960, 1920, 3600, 3600};
	struct ratelimit_state cur = {0}, next;
	int64_t t = 1764300000;

	for (int i = 1; i <= 9; i++) {
		assert_int_equal(ratelimit_hit(p, &cur, t, &next), 0);
		cur = next;
	}
	for (size_t k = 0; k < sizeof(blocks) / sizeof(blocks[0]); k++) {
		assert_int_equal(ratelimit_hit(p, &cur, t, &next), blocks[k]);
		cur = next;
		t = cur.blocked_until; /* the next failure comes as soon as it may */
	}
}

static void test_admin_lock(void **state)
{
	(void)state;
	assert_true(account_is_locked(ACCOUNT_ADMIN_LOCK_UNTIL, 1764300000));
	assert_true(account_is_locked(1764300001, 1764300000));
	assert_false(account_is_locked(1764300000, 1764300000));
	assert_false(account_is_locked(0, 1764300000));
}

static void test_session_idle(void **state)
{
	(void)state;
	assert_false(account_session_expired(1000, 1000 + 1800));
	assert_true(account_session_expired(1000, 1000 + 1801));
	assert_false(account_session_needs_touch(1000, 1059));
	assert_true(account_session_needs_touch(1000, 1060));
}

/* Made passwords pass the policy whatever the random words; fixed words give fixed output. */
static void test_password_make(void **state)
{
	(void)state;
	uint32_t rnd[ACCOUNT_PASSWORD_RANDOM];
	char pw[20];

	memset(rnd, 0, sizeof(rnd));
	account_password_make(rnd, pw);
	/* all zero: A a 2 @ and 12 more A; every shuffle step swaps with place 0 */
	assert_string_equal(pw, "a2@AAAAAAAAAAAAA");
	for (uint32_t seed = 1; seed < 200; seed++) {
		for (int i = 0; i < ACCOUNT_PASSWORD_RANDOM; i++)
			rnd[i] = seed * 2654435761u + (uint32_t)i * 40503u;
		account_password_make(rnd, pw);
		assert_int_equal(strlen(pw), 16);
		assert_int_equal(account_password_check(pw), PASSWORD_OK);
		assert_null(strpbrk(pw, "0O1lI"));
	}
}

static void test_phone(void **state)
{
	(void)state;
	assert_true(account_phone_valid("13800138000"));
	assert_true(account_phone_valid("0413-5551234"));
	assert_true(account_phone_valid("+86 138 0013 8000"));
	assert_false(account_phone_valid("1234"));
	assert_false(account_phone_valid("abc12345"));
	assert_false(account_phone_valid("138-0013-8000-1234-5678"));
	assert_false(account_phone_valid("86+13800138000"));
	assert_false(account_phone_valid(""));
}

static void test_display_name(void **state)
{
	char longest[ACCOUNT_DISPLAY_NAME_MAX + 2];

	(void)state;
	assert_true(account_display_name_valid("改革办演示"));
	memset(longest, 'a', sizeof(longest));
	longest[ACCOUNT_DISPLAY_NAME_MAX] = '\0';
	assert_true(account_display_name_valid(longest));
	longest[ACCOUNT_DISPLAY_NAME_MAX] = 'a';
	longest[ACCOUNT_DISPLAY_NAME_MAX + 1] = '\0';
	assert_false(account_display_name_valid(longest)); /* 65 bytes, as the API's 64 */
	/* 22 Chinese characters are 66 bytes */
	assert_false(account_display_name_valid("长长长长长长长长长长长长长长长长长长长长长长"));
	assert_false(account_display_name_valid(""));
	assert_false(account_display_name_valid(" \u3000"));
	assert_false(account_display_name_valid("a\tb"));
}

static void test_roles(void **state)
{
	(void)state;
	assert_true(account_role_perms("admin") & PERM_USER_MANAGE);
	/* every bit a role holds has its name, the last bit too, and a set of bits or a bit past
	 * the last has none (bits between the modules' allocations may be nobody's yet) */
	for (int i = 0; i < account_nroles(); i++) {
		const char *role, *scope;
		account_perms perms;
		account_role_at(i, &role, &perms, &scope);
		for (int b = 0; b < ACCOUNT_NPERMS; b++)
			if (perms & ((account_perms)1 << b))
				assert_non_null(account_perm_name((account_perms)1 << b));
	}
	assert_non_null(account_perm_name((account_perms)1 << (ACCOUNT_NPERMS - 1)));
	assert_string_equal(account_perm_name(PERM_PLATFORM_WRITE), "platform_write");
	assert_string_equal(account_perm_name(PERM_CALENDAR_WRITE), "calendar_write");
	assert_null(account_perm_name(PERM_DASHBOARD | PERM_ORG_READ));
	assert_null(account_perm_name((account_perms)1 << 40));
	assert_null(account_perm_name((account_perms)1 << ACCOUNT_NPERMS));
	assert_false(account_role_perms("admin") & PERM_AUDIT_READ); /* separation of duties */
	assert_true(account_role_perms("auditor") & PERM_AUDIT_READ);
	assert_false(account_role_perms("auditor") & PERM_ORG_WRITE);
	assert_false(account_role_perms("supervisor") & (PERM_ORG_WRITE | PERM_USER_MANAGE));
	assert_false(account_role_perms("zone") & PERM_ORG_WRITE);
	assert_int_equal(account_role_perms("root"), 0);
	assert_int_equal(account_role_perms(NULL), 0);
	assert_string_equal(account_default_scope("zone"), "org");
	assert_string_equal(account_default_scope("county"), "org_and_below");
	assert_true(account_scope_valid("custom"));
	assert_false(account_scope_valid("everything"));
	assert_true(account_org_type_valid("platform_company"));
	assert_false(account_zone_level_valid("county"));
}

static void test_guarded_roles(void **state)
{
	(void)state;
	/* the roles that read the audit log, and the security officer's own */
	assert_true(account_role_guarded("auditor"));
	assert_true(account_role_guarded("supervisor"));
	assert_true(account_role_guarded("security"));
	assert_false(account_role_guarded("admin"));
	assert_false(account_role_guarded("office"));
	assert_false(account_role_guarded("zone"));
	assert_false(account_role_guarded("nobody"));
	/* only the staff roles carry out an organization's duties */
	for (const char *const *r =
	         (const char *const[]){"office", "department", "zone", "county", NULL};
	     *r; r++)
		assert_true(account_role_acts(*r));
	for (const char *const *r = (const char *const[]){"supervisor", "auditor", "security",
	                                                  "admin", "nobody", NULL};
	     *r; r++)
		assert_false(account_role_acts(*r));
	/* the administrator manages the ordinary accounts, the security officer the guarded */
	assert_true(account_may_manage("admin", "zone"));
	assert_true(account_may_manage("admin", "office"));
	assert_true(account_may_manage("admin", "admin"));
	assert_false(account_may_manage("admin", "auditor"));
	assert_false(account_may_manage("admin", "supervisor"));
	assert_false(account_may_manage("admin", "security"));
	assert_true(account_may_manage("security", "auditor"));
	assert_true(account_may_manage("security", "supervisor"));
	assert_true(account_may_manage("security", "security"));
	assert_false(account_may_manage("security", "zone"));
	assert_false(account_may_manage("security", "admin"));
	assert_false(account_may_manage("office", "zone"));
	assert_false(account_may_manage("auditor", "auditor"));
	/* the security officer reads no reform data and no audit log */
	unsigned sec = account_role_perms("security");
	assert_true(sec & PERM_ACCOUNT_SECURITY);
	assert_true(sec & PERM_USER_READ);
	assert_false(sec & (PERM_AUDIT_READ | PERM_DASHBOARD | PERM_TASK_READ | PERM_NOTICE_READ |
	                    PERM_USER_MANAGE | PERM_ORG_WRITE));
	assert_false(account_role_perms("admin") & PERM_ACCOUNT_SECURITY);
}

#define GRANT(r, s, o)                                                                             \
	{                                                                                          \
		r, s, o, NULL, 0                                                                   \
	}

static void test_widens_approval(void **state)
{
	static const int64_t ab[] = {7, 8}, a[] = {7}, ac[] = {7, 9};
	struct account_grant zone = GRANT("zone", "org", 7), office_org = GRANT("office", "org", 7),
	                     office_all = GRANT("office", "all", 1),
	                     office_other = GRANT("office", "org", 8),
	                     office_below = GRANT("office", "org_and_below", 7),
	                     office_self = GRANT("office", "self", 7),
	                     admin = GRANT("admin", "all", 1), dept = GRANT("department", "org", 7),
	                     custom_ab = {"office", "custom", 1, ab, 2},
	                     custom_a = {"office", "custom", 3, a, 1},
	                     custom_ac = {"office", "custom", 1, ac, 2};
	(void)state;
	/* a new kind of approval */
	assert_true(account_widens_approval(&zone, &office_org));
	assert_true(account_widens_approval(&dept, &office_org));
	assert_true(account_widens_approval(&zone, &admin));
	assert_true(account_widens_approval(&office_all, &admin)); /* accounts are approvals too */
	/* fewer or no approvals */
	assert_false(account_widens_approval(&office_org, &zone));
	assert_false(account_widens_approval(&office_all, &dept));
	assert_false(account_widens_approval(&admin, &zone));
	assert_false(account_widens_approval(&zone, &dept));
	/* the same approvals over more organizations */
	assert_true(account_widens_approval(&office_org, &office_all));
	assert_true(account_widens_approval(&office_org, &office_other));
	assert_true(account_widens_approval(&office_org, &office_below));
	assert_true(account_widens_approval(&custom_a, &custom_ab));
	assert_true(account_widens_approval(&custom_ab, &office_below)); /* no tree: cautious */
	assert_true(account_widens_approval(&office_below, &custom_ac)); /* 9 may be outside */
	/* within the old scope */
	assert_false(account_widens_approval(&office_all, &office_org));
	assert_false(account_widens_approval(&office_org, &office_org));
	assert_false(account_widens_approval(&office_org, &office_self));
	assert_false(account_widens_approval(&office_below, &office_org));
	assert_false(account_widens_approval(&office_below, &office_below));
	assert_false(account_widens_approval(&custom_ab, &custom_a));
	assert_false(account_widens_approval(&custom_ab, &office_org)); /* 7 is listed */
	assert_false(account_widens_approval(&office_org, &custom_a));  /* {7} = org 7 */
	assert_false(account_widens_approval(&office_below, &custom_a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_password_policy),  cmocka_unit_test(test_login_name_limit),
	    cmocka_unit_test(test_login_addr_limit), cmocka_unit_test(test_admin_lock),
	    cmocka_unit_test(test_session_idle),     cmocka_unit_test(test_roles),
	    cmocka_unit_test(test_password_make),    cmocka_unit_test(test_phone),
	    cmocka_unit_test(test_display_name),     cmocka_unit_test(test_guarded_roles),
	    cmocka_unit_test(test_widens_approval),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
