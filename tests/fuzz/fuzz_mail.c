/* fuzz_mail.c - libFuzzer target for the mail reader (util/mail.c over GMime) and its text
 * conversions: the input is read as a message or an mbox with small caps, every message to
 * the end, each written as JSON and checked with jansson; the raw input also goes through the
 * charset conversions and (as UTF-8) the HTML-to-text one, whose output must be valid UTF-8.
 * Findings are crashes, leaks, sanitizer reports and these aborts; this file must not hide any of
 * them. */
#include "app/mail_json.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/mail.h"
#include "util/strbuf.h"
#include "util/textconv.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void valid(const char *s)
{
	if (!s || !textconv_utf8_valid(s, strlen(s)))
		abort();
}

static void check_message(struct arena *a, const struct mail_message *m)
{
	struct mail_comment c;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	json_error_t err;

	valid(m->subject);
	valid(m->text);
	valid(m->dedupe_key);
	for (size_t i = 0; i < m->n_attachments; i++) {
		valid(m->attachments[i].name);
		if (strlen(m->attachments[i].sha256) != 64)
			abort();
	}
	mail_comment_from(a, m, &c);
	valid(c.body);
	jsonw_init(&w, &sb);
	mail_json_message(&w, m, &c, false);
	json_t *root = json_loadb(sb.buf, sb.len, 0, &err);
	if (!root)
		abort();
	json_decref(root);
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct mail_limits lim = {
	    .max_text_bytes = 4096, .max_attachment_bytes = 1024, .max_parts = 50, .max_depth = 8};
	const char *s = (const char *)data;
	struct mail_reader *r;
	struct mail_message m;
	struct arena a;
	bool replaced;

	arena_init(&a);
	const char *text = mail_text_to_utf8(&a, s, size, NULL, true, &replaced);
	valid(text);
	valid(mail_html_to_text(&a, text, strlen(text)));
	valid(mail_text_to_utf8(&a, s, size, "gbk", false, &replaced));
	if (mail_reader_open_mem(data, size, &lim, &r) == KFQ_OK) {
		for (int i = 0; i < 100 && mail_reader_next(r, &a, &m) == KFQ_OK; i++)
			check_message(&a, &m);
		mail_reader_free(r);
	}
	arena_release(&a);
	return 0;
}
