/* account.h - the rules of accounts: password policy, how failed logins are limited, session
 * idleness, roles, their permissions and data scopes. Pure functions; callers pass the current
 * time. */
#ifndef KFQ_CORE_ACCOUNT_H
#define KFQ_CORE_ACCOUNT_H

#include "core/ratelimit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PASSWORD_MIN_CHARS       10  /* Unicode code points */
#define PASSWORD_MAX_BYTES       256 /* longer input is refused, not truncated */
#define PASSWORD_MIN_CLASSES     3   /* of upper, lower, digit, other */
#define SESSION_IDLE_SECONDS     (30 * 60)
#define SESSION_TOUCH_SECONDS    60             /* last_seen is written at most this often */
#define ACCOUNT_ADMIN_LOCK_UNTIL 253402300799LL /* 9999-12-31T23:59:59Z: locked by an admin */

enum password_verdict {
	PASSWORD_OK = 0,
	PASSWORD_TOO_SHORT,
	PASSWORD_TOO_LONG,
	PASSWORD_FEW_CLASSES,
	PASSWORD_NOT_UTF8,
};

enum password_verdict account_password_check(const char *pw);
/* The Chinese message for a verdict (static). */
const char *account_password_message(enum password_verdict v);

/* Failed logins are limited per client address (any names: 10 in 15 minutes, then the address
 * waits 1 minute, doubling with each further failure up to an hour) and per name tried from an
 * address (5 in 15 minutes, then that name waits 15 minutes there). Names that exist and names
 * that do not are limited alike, so the limits tell nothing about which names exist, and a
 * stranger's failures never make the owner of a name wait at another address. */
extern const struct ratelimit_policy account_login_addr_limit;
extern const struct ratelimit_policy account_login_name_limit;

/* The limiters' keys of a login (core/ratelimit.h): "login-addr:ADDR" and
 * "login-name:NAME@ADDR"; with addr NULL the prefix of every key of that name. */
#define ACCOUNT_LOGIN_KEY_MAX 256
void account_login_addr_key(const char *addr, char out[ACCOUNT_LOGIN_KEY_MAX]);
void account_login_name_key(const char *name, const char *addr, char out[ACCOUNT_LOGIN_KEY_MAX]);

/* Locked by an administrator (or, from before the limits, by failed logins) at `now`. */
bool account_is_locked(int64_t locked_until, int64_t now);

bool account_session_expired(int64_t last_seen, int64_t now);
bool account_session_needs_touch(int64_t last_seen, int64_t now);

/* Permissions, one bit each, as many as 64: a role's set is an account_perms (never narrow it
 * to unsigned, which would drop the bits from 32 on). */
typedef uint64_t account_perms;
#define PERM_DASHBOARD   ((account_perms)1 << 0)
#define PERM_ORG_READ    ((account_perms)1 << 1)
#define PERM_ORG_WRITE   ((account_perms)1 << 2)
#define PERM_USER_MANAGE ((account_perms)1 << 3)
#define PERM_AUDIT_READ  ((account_perms)1 << 4)
/* policies and reform tasks */
#define PERM_TASK_READ ((account_perms)1 << 5)
/* import policies, assign task units */
#define PERM_POLICY_WRITE ((account_perms)1 << 6)
/* write own plans, report progress, upload evidence */
#define PERM_PLAN_WRITE ((account_perms)1 << 7)
/* approve or return plans and reports */
#define PERM_PLAN_REVIEW ((account_perms)1 << 8)
/* read 督办单 (of the data scope; office, supervisor: all) */
#define PERM_NOTICE_READ ((account_perms)1 << 9)
/* issue, close and escalate 督办单 */
#define PERM_NOTICE_ISSUE ((account_perms)1 << 10)
/* reply to 督办单 addressed to the own scope */
#define PERM_NOTICE_REPLY ((account_perms)1 << 11)
/* grant and revoke organizations' capabilities */
#define PERM_CAPABILITY_MANAGE ((account_perms)1 << 12)
/* list and export accounts and pending role changes */
#define PERM_USER_READ ((account_perms)1 << 13)
/* manage the guarded accounts, decide role changes */
#define PERM_ACCOUNT_SECURITY ((account_perms)1 << 14)
/* the enterprise registry and tax records (zone, county: of the data scope) */
#define PERM_ENTERPRISE_READ ((account_perms)1 << 15)
/* create and edit enterprises (zone: its own) */
#define PERM_ENTERPRISE_WRITE ((account_perms)1 << 16)
/* revenue-sharing configuration and statements */
#define PERM_REVSHARE_READ ((account_perms)1 << 17)
/* configure revenue sharing, enter tax records, compute, confirm and adopt: also needs the
 * organization's confirm_revenue capability */
#define PERM_REVSHARE_MANAGE ((account_perms)1 << 18)
/* 区中园/飞地/托管 arrangements */
#define PERM_ARRANGEMENT_WRITE ((account_perms)1 << 19)
/* compare sharing ratios over every zone (what-if) */
#define PERM_REVSHARE_COMPARE ((account_perms)1 << 20)
/* power catalogue, 一区一单, 权责清单 (of the data scope) */
#define PERM_POWER_READ ((account_perms)1 << 21)
/* act in the powers workflows; which step needs the organization's capability
 * (delegate_power, publish_power_list, approve_duty_list) or to be the zone itself */
#define PERM_POWER_WRITE ((account_perms)1 << 22)
/* keep the working-day calendar (holiday notices) */
#define PERM_CALENDAR_WRITE ((account_perms)1 << 23)
/* zone budgets, accounts and project performance */
#define PERM_BUDGET_READ ((account_perms)1 << 24)
/* record fiscal modes, import accounts, enter project performance: also needs the
 * organization's manage_budget capability */
#define PERM_BUDGET_MANAGE ((account_perms)1 << 25)
/* staffing, rosters and pay (of the data scope) */
#define PERM_PEOPLE_READ ((account_perms)1 << 26)
/* keep the own zone's roster and pay plan */
#define PERM_PEOPLE_WRITE ((account_perms)1 << 27)
/* set the year's R, coefficients and zone grades */
#define PERM_PAY_SET ((account_perms)1 << 28)
/* zones' boundaries, land and projects (zone, county: own) */
#define PERM_LAND_READ ((account_perms)1 << 29)
/* parcels, batches, cases and projects (zone: its own); boundaries and every zone's land
 * also need the organization's manage_land capability */
#define PERM_LAND_WRITE ((account_perms)1 << 30)
/* industry plans (主导产业) and their shares, the investment pipeline */
#define PERM_INDUSTRY_READ ((account_perms)1 << 31)
/* write the zone's own industry plan and its enterprises' output */
#define PERM_INDUSTRY_WRITE ((account_perms)1 << 32)
/* approve a plan's exception to the rule of at most 3 leading industries (the office) */
#define PERM_INDUSTRY_APPROVE ((account_perms)1 << 33)
/* platform companies, their figures and debt-risk lines (of the data scope) */
#define PERM_PLATFORM_READ ((account_perms)1 << 34)
/* keep platform companies: the zone its own; a city department only when its organization
 * holds supervise_platform (市国资委 by art. 12), which also sets the warning lines */
#define PERM_PLATFORM_WRITE ((account_perms)1 << 35)
/* bits 36-47 are other modules' (COORD.md); a bit without a name is nobody's yet */
/* register 容错免责 cases, answer their conditions, publish them to the case library */
#define PERM_FAULT_MANAGE ((account_perms)1 << 48)
/* decide a 容错免责 case: also needs the organization's decide_fault capability */
#define PERM_FAULT_DECIDE ((account_perms)1 << 49)
/* record zone leaders' rewards and adjustments (art. 15): also needs the organization's
 * record_leader_action capability */
#define PERM_LEADER_RECORD ((account_perms)1 << 50)
#define ACCOUNT_NPERMS     51

/* The stable name of permission bit `perm` (e.g. "task_read"): what GET /api/session sends the
 * web client, which builds its menus from these. NULL for anything but one known bit. */
const char *account_perm_name(account_perms perm);

/* The roles, in order: *role, its permission bits and default data scope for i in
 * 0..account_nroles()-1. */
int account_nroles(void);
void account_role_at(int i, const char **role, account_perms *perms, const char **scope);

/* Random 32-bit words account_password_make consumes. */
#define ACCOUNT_PASSWORD_RANDOM 48

/* A 16-character password that passes the policy, made from caller-supplied random words: one
 * each of upper, lower, digit and symbol, the rest from three classes, shuffled; no look-alikes
 * (0/O, 1/l/I). About 95 bits from a good random source; out gets 16 characters and a NUL. */
void account_password_make(const uint32_t rnd[ACCOUNT_PASSWORD_RANDOM], char out[17]);

/* What "approving" covers when a role change widens it: deciding over others' work (plans,
 * reports, 督办单), over what organizations may do, and over accounts. */
#define ACCOUNT_APPROVAL_PERMS                                                                     \
	(PERM_PLAN_REVIEW | PERM_NOTICE_ISSUE | PERM_CAPABILITY_MANAGE | PERM_USER_MANAGE)

/* 3..32 of a-z A-Z 0-9 _ . - */
bool account_username_valid(const char *s);
/* A name shown for an account: 1..ACCOUNT_DISPLAY_NAME_MAX bytes of UTF-8, not blank, without
 * control characters (the API's check of display_name, for the command line). */
#define ACCOUNT_DISPLAY_NAME_MAX 64
bool account_display_name_valid(const char *s);
/* A phone number: 5 to 20 digits with - or spaces, an optional leading + (0411-12345678,
 * 13800138000, +86 138 0013 8000). */
bool account_phone_valid(const char *s);
bool account_role_valid(const char *role);
bool account_scope_valid(const char *scope);
bool account_org_type_valid(const char *type);
bool account_zone_level_valid(const char *level);
/* Permission bits of a role; 0 for an unknown role. */
account_perms account_role_perms(const char *role);
/* The data scope a new user of this role gets when none is given. */
const char *account_default_scope(const char *role);

/* Separation of duties (等保 2.0 三员分立). The accounts of roles that read the audit log
 * (auditor, supervisor) and the security officer's own are guarded: only the security officer
 * (PERM_ACCOUNT_SECURITY) creates, changes, locks, unlocks and resets them, so that the system
 * administrator never holds a password that reads the log; every other account is the
 * administrator's (PERM_USER_MANAGE). The command line on the server may do either. */
bool account_role_guarded(const char *role);
/* Whether accounts of role carry out their organization's duties (capabilities): the staff
 * roles. Those who read the audit log or keep the accounts (auditor, supervisor, security,
 * admin) do not, whatever organization they are placed in: a supervisor in 市委编办 reads
 * what it reads and approves no staffing. */
bool account_role_acts(const char *role);
/* May an account of role `actor` create, change, lock, unlock or reset one of role `target`? */
bool account_may_manage(const char *actor, const char *target);

/* What an account may do and over which organizations: its role and data scope. */
struct account_grant {
	const char *role;
	const char *scope;   /* all, org, org_and_below, custom, self */
	int64_t org_id;      /* the account's organization (org, org_and_below, self) */
	const int64_t *orgs; /* the custom scope */
	int norgs;
};

/* true when going from `from` to `to` lets the account approve more: a permission of
 * ACCOUNT_APPROVAL_PERMS it did not have, or, keeping some, a data scope not provably within
 * the old one. Without the organization tree this is cautious: a scope under another
 * organization, or org_and_below after a custom set, counts as wider. Such a change needs the
 * security officer (a pending role change), unless the security officer makes it. */
bool account_widens_approval(const struct account_grant *from, const struct account_grant *to);

#endif
