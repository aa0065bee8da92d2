/* role_change_step.c - the inbox items of role changes: kinds, texts, links and recipients.
 * Must not read clocks or storage, nor decide whether a change waits. */
#include "core/role_change_step.h"

#include "core/account.h"
#include "core/enums.h"

#include <string.h>

void role_change_step_item(enum role_change_step step, const struct role_change_subject *s,
                           struct arena *a, struct inbox_item *out)
{
	const char *who = arena_printf(a, "%s（%s）", s->display_name, s->username);
	const char *to = arena_printf(a, "%s（%s）", enum_label(&enum_role, s->role), s->org_name);

	/* the scope too: two changes that differ only in it must read differently */
	if (s->data_scope && !strcmp(s->data_scope, "custom"))
		to = arena_printf(a, "%s（%s，%s%d个）", enum_label(&enum_role, s->role),
		                  s->org_name, enum_label(&enum_data_scope, s->data_scope),
		                  s->nscope);
	else if (s->data_scope)
		to = arena_printf(a, "%s（%s，%s）", enum_label(&enum_role, s->role), s->org_name,
		                  enum_label(&enum_data_scope, s->data_scope));

	memset(out, 0, sizeof(*out));
	out->entity_type = "role_change";
	out->entity_id = s->id;
	switch (step) {
	case ROLE_CHANGE_STEP_PROPOSED:
		out->kind = "role_change_proposed";
		out->title = arena_printf(a, "角色变更待确认：%s拟改为%s", who, to);
		out->link = "/users?tab=changes";
		out->to[out->nto++] = (struct inbox_to){.perm = PERM_ACCOUNT_SECURITY};
		return;
	case ROLE_CHANGE_STEP_CONFIRMED:
		out->kind = "role_change_confirmed";
		out->title = arena_printf(a, "角色变更已确认生效：%s改为%s", who, to);
		break;
	case ROLE_CHANGE_STEP_REJECTED:
		out->kind = "role_change_rejected";
		out->title = arena_printf(a, "角色变更被驳回：%s拟改为%s，理由：%s", who, to,
		                          s->comment ? s->comment : "");
		break;
	}
	out->link = "/users?tab=changes&change_status=all";
	if (s->proposed_by)
		out->to[out->nto++] = (struct inbox_to){.user_id = s->proposed_by};
}
