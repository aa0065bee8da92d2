/* demo_task.c - the demo's reform tasks: imports the seed policy text through the same
 * pipeline as POST /api/policies (app/policy_import). Must not write tasks any other way. */
#include "app/demo.h"

#include "util/log.h"

int demo_task_fill(struct demo *d)
{
	int rc =
	    policy_import(d->s, d->a, d->who, d->policy_text, d->policy_len, false, &d->policy);

	if (rc != KFQ_OK) {
		if (d->policy.status != POLICY_IMPORT_STORE)
			d->error = arena_printf(d->a, "import failed: %s",
			                        d->policy.message ? d->policy.message : "");
		return rc;
	}
	strbuf_addf(&d->summary, "imported %zu tasks", d->policy.tasks.n_tasks);
	return KFQ_OK;
}
