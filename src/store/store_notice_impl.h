/* store_notice_impl.h - what store_notice.c and store_notice_write.c share: the columns a
 * notice is read with and their reader. Private to store/. */
#ifndef KFQ_STORE_NOTICE_IMPL_H
#define KFQ_STORE_NOTICE_IMPL_H

#include "store/store_notice.h"

/* a notice n's columns, then the tables they join to n */
#define NOTICE_COLS                                                                                \
	"n.id, n.year, n.seq, n.number, n.org_id, o.name, n.entity_type, n.entity_id, "            \
	"n.entity_label, n.task_id, t.article_number, t.title, n.subject, n.body, n.reply_due, "   \
	"n.status, n.received_at, n.received_by, cu.display_name, n.replied_at, n.replied_by, "    \
	"ru.display_name, n.closing_comment, n.closed_at, n.closed_by, n.escalation_comment, "     \
	"n.escalated_at, n.escalated_by, n.created_at, n.created_by, n.issued_at, n.issued_by, "   \
	"iu.display_name, (SELECT COUNT(*) FROM notice_reply r WHERE r.notice_id = n.id)"
#define NOTICE_JOINS                                                                               \
	" JOIN org o ON o.id = n.org_id "                                                          \
	"LEFT JOIN task t ON t.id = n.task_id "                                                    \
	"LEFT JOIN app_user cu ON cu.id = n.received_by "                                          \
	"LEFT JOIN app_user ru ON ru.id = n.replied_by "                                           \
	"LEFT JOIN app_user iu ON iu.id = n.issued_by"

/* element: a struct store_notice without its children, of NOTICE_COLS followed by the counts
 * of its copies and of its files (read_children reads a list only when its count is not 0) */
void store_notice_read_counted(struct store_stmt *st, struct arena *a, void *element);

#endif
