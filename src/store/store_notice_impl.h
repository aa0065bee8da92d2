/* store_notice_impl.h - what store_notice.c and store_notice_write.c share: the columns a
 * notice is read with and their reader. Private to store/. */
#ifndef KFQ_STORE_NOTICE_IMPL_H
#define KFQ_STORE_NOTICE_IMPL_H

#include "store/store_notice.h"

/* a notice n's columns, with the names it shows given as SQL expressions: of its organization,
 * its task's article and title, and of those who received, replied to and issued it; and the
 * count of its replies */
#define NOTICE_COLS_NAMED(org, article, title, recv, reply, issue, replies)                        \
	"n.id, n.year, n.seq, n.number, n.org_id, " org ", n.entity_type, n.entity_id, "           \
	"n.entity_label, n.task_id, " article ", " title ", n.subject, n.body, n.reply_due, "      \
	"n.status, n.received_at, n.received_by, " recv ", n.replied_at, n.replied_by, " reply     \
	", n.closing_comment, n.closed_at, n.closed_by, n.escalation_comment, n.escalated_at, "    \
	"n.escalated_by, n.created_at, n.created_by, n.issued_at, n.issued_by, " issue             \
	", " replies
#define NOTICE_REPLIES "(SELECT COUNT(*) FROM notice_reply r WHERE r.notice_id = n.id)"
/* the names from the tables NOTICE_JOINS joins to n (many rows: the planner may hash them) */
#define NOTICE_COLS                                                                                \
	NOTICE_COLS_NAMED("o.name", "t.article_number", "t.title", "cu.display_name",              \
	                  "ru.display_name", "iu.display_name", NOTICE_REPLIES)
#define NOTICE_BY_ID(col, table, id) "(SELECT x." col " FROM " table " x WHERE x.id = n." id ")"
/* the same of a notice just written, its names each looked up by its key (one row: index or
 * one-page lookups, no join to build): nobody has received or replied to it yet */
#define NOTICE_COLS_NEW                                                                            \
	NOTICE_COLS_NAMED(NOTICE_BY_ID("name", "org", "org_id"),                                   \
	                  NOTICE_BY_ID("article_number", "task", "task_id"),                       \
	                  NOTICE_BY_ID("title", "task", "task_id"), "NULL", "NULL",                \
	                  NOTICE_BY_ID("display_name", "app_user", "issued_by"), "0")
#define NOTICE_JOINS                                                                               \
	" JOIN org o ON o.id = n.org_id "                                                          \
	"LEFT JOIN task t ON t.id = n.task_id "                                                    \
	"LEFT JOIN app_user cu ON cu.id = n.received_by "                                          \
	"LEFT JOIN app_user ru ON ru.id = n.replied_by "                                           \
	"LEFT JOIN app_user iu ON iu.id = n.issued_by"

/* element: a struct store_notice without its children, of NOTICE_COLS followed by the counts
 * of its copies and of its files (read_children reads a list only when its count is not 0) */
void store_notice_read_counted(struct store_stmt *st, struct arena *a, void *element);
/* n's copies, replies and files, each list read only when n counted some */
int store_notice_read_children(struct store *s, struct arena *a, struct store_notice *n);

#endif
