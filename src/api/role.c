/* role.c - what a role and an organization may do, as the web client reads it: GET /api/roles
 * (each role's permissions and the data scope a new account of it gets) and the rights in the
 * session's answer, so that the client asks instead of keeping a copy of core/account.c's
 * table. Must not decide anything itself: api.c checks permissions, capability.c grants. */
#include "api/api.h"

#include "store/store_capability.h"

static void write_perms(struct jsonw *w, account_perms perms)
{
	jsonw_key(w, "permissions");
	jsonw_arr_open(w);
	/* the shift in account_perms: bits 32 and up exist */
	for (int i = 0; i < ACCOUNT_NPERMS; i++)
		if (perms & ((account_perms)1 << i))
			jsonw_str(w, account_perm_name((account_perms)1 << i));
	jsonw_arr_close(w);
}

int api_write_rights(struct api_ctx *c, const struct store_user *u)
{
	const char **codes;
	int n, rc;

	if ((rc = store_capability_of_org(c->db, c->a, u->org_id, &codes, &n)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_key(&c->w, "capabilities");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++)
		jsonw_str(&c->w, codes[i]);
	jsonw_arr_close(&c->w);
	write_perms(&c->w, account_role_perms(u->role));
	return 0;
}

static int list(struct api_ctx *c)
{
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "items");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < account_nroles(); i++) {
		const char *role, *scope;
		account_perms perms;
		account_role_at(i, &role, &perms, &scope);
		jsonw_obj_open(&c->w);
		jsonw_kstr(&c->w, "default_scope", scope);
		/* who creates, changes and resets this role's accounts (separation of duties) */
		jsonw_kstr(&c->w, "managed_by", account_role_guarded(role) ? "security" : "admin");
		write_perms(&c->w, perms);
		jsonw_kstr(&c->w, "role", role);
		jsonw_obj_close(&c->w);
	}
	jsonw_arr_close(&c->w);
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

const struct api_route api_role_routes[] = {
    {"GET", "/api/roles", list, PERM_USER_READ, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};
