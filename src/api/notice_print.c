/* notice_print.c - the printed 督办单: the notice laid out by the one print layout
 * (core/print_doc.h, GB/T 9704-2012): the configured 发文机关 and its 发文字号, the title, the
 * addressed organization, the text with what it concerns and the reply date, the 附件说明, the
 * signature and 成文日期 with room for the seal, 抄送 and 印发 in the 版记. A draft prints
 * unnumbered, undated, with a note that it is a draft. Must not write SQL or HTML itself. */
#include "api/notice_impl.h"
#include "api/print.h"

#include "core/notice.h"
#include "core/plan.h"
#include "util/timeutil.h"

#include <string.h>

/* The Shanghai day of an RFC 3339 time; -1 when there is none. */
static int64_t day_of(const char *when)
{
	int64_t t;

	return when && time_parse(when, &t) == 0 ? plan_today(t) : -1;
}

int notice_print(struct api_ctx *c)
{
	const char *organ = api_print_organ();
	const struct notice_subject *k;
	struct store_notice n;
	struct strbuf title = STRBUF_INIT;
	struct print_block blocks[3];
	struct print_doc d = {0};
	const char **files, **cc;
	char due[PRINT_DATE_MAX];
	bool draft;

	if (notice_load(c, &n) != 0)
		return -1;
	draft = !strcmp(n.status, "draft");
	k = notice_subject_find(n.entity_type);
	print_date(plan_day(n.reply_due), due);
	notice_title(n.subject, &title);
	blocks[0] = (struct print_block){PRINT_PARA, n.body, NULL};
	blocks[1] = (struct print_block){
	    PRINT_PARA, arena_printf(c->a, "涉及%s：%s。", k ? k->label : "事项", n.entity_label),
	    NULL};
	blocks[2] = (struct print_block){
	    PRINT_PARA, arena_printf(c->a, "请于%s前签收并反馈办理情况。", due), NULL};
	files = arena_alloc(c->a, sizeof(*files) * (size_t)(n.nattachments + 1));
	for (int i = 0; i < n.nattachments; i++)
		files[i] = n.attachments[i].filename;
	cc = arena_alloc(c->a, sizeof(*cc) * (size_t)(n.ncc + 1));
	for (int i = 0; i < n.ncc; i++)
		cc[i] = n.cc[i].org_name;
	d.organ = organ;
	d.number = n.number;
	d.title = arena_strdup(c->a, title.buf);
	d.to = n.org_name;
	d.blocks = blocks;
	d.nblocks = 3;
	d.attachments = files;
	d.nattachments = n.nattachments;
	d.signer = organ;
	d.date = day_of(n.issued_at);
	d.seal = true;
	d.cc = cc;
	d.ncc = n.ncc;
	d.printer = organ;
	d.print_date = d.date;
	d.note = draft ? "拟稿：尚未下发，未编号"
	               : arena_printf(c->a, "状态：%s%s", notice_status_label(n.status),
	                              n.overdue ? "，已逾期" : "");
	strbuf_release(&title);
	return api_print(c, &d);
}
