/* print.c - answering a document on the shared print layout. Must not lay anything out itself
 * (core/print_doc.c does) nor read the database. */
#include "api/print.h"

#include "core/notice.h"

const char *api_print_organ(void)
{
	const char *v = api_config()->notice_organ;

	return v ? v : NOTICE_ORGAN;
}

int api_print(struct api_ctx *c, const struct print_doc *d)
{
	strbuf_reset(c->out);
	print_doc_render(d, c->a, c->out);
	c->req->resp.status = 200;
	c->req->resp.content_type = "text/html; charset=utf-8";
	http_resp_header(c->req, "Cache-Control", "no-store");
	return 0;
}
