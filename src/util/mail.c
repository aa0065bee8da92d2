/* mail.c - the mail reader (mail.h): GMime parses the message or the mbox from a stream over
 * the file descriptor or the buffer; this file walks each message's MIME tree into a struct
 * mail_message: the first sender, the date, the Message-ID, the text parts (HTML only when
 * there is no plain text), every other leaf part and attached message as an attachment. Must
 * not keep more than the message it is on, nor know what the mail is used for. */
#include "util/mail.h"

#include "util/log.h"
#include "util/strbuf.h"
#include "util/textconv.h"

#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

const struct mail_limits mail_limits_default = {
    .max_text_bytes = 1u << 20,
    .max_attachment_bytes = 20u << 20,
    .max_parts = 200,
    .max_depth = 16,
};

struct mail_reader {
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeParserOptions *options;
	struct mail_limits lim;
	size_t index;      /* messages read so far */
	const char *error; /* static, or errbuf */
	char errbuf[128];
};

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void)
{
	g_mime_init();
	if (sodium_init() < 0)
		fatal("mail: libsodium failed to initialise");
}

static int open_stream(GMimeStream *stream, bool mbox, const struct mail_limits *lim,
                       struct mail_reader **out)
{
	static const char *fallback[] = {"UTF-8", "GB18030", NULL};
	struct mail_reader *r = xcalloc(1, sizeof(*r));

	r->stream = stream;
	r->lim = lim ? *lim : mail_limits_default;
	r->options = g_mime_parser_options_new();
	/* Chinese clients write encoded words without the blanks RFC 2047 asks for, and raw GBK in
	 * headers: read them as they are meant */
	g_mime_parser_options_set_rfc2047_compliance_mode(r->options, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(r->options, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(r->options, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_fallback_charsets(r->options, fallback);
	r->parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(r->parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
	*out = r;
	return KFQ_OK;
}

/* mbox when the stream starts with a "From " line; the stream is put back at its start. */
static bool starts_mbox(GMimeStream *stream)
{
	char head[5];
	gint64 start = g_mime_stream_tell(stream);
	ssize_t n = g_mime_stream_read(stream, head, sizeof(head));

	g_mime_stream_seek(stream, start, GMIME_STREAM_SEEK_SET);
	return n == 5 && !memcmp(head, "From ", 5);
}

/* A pipe copied into an unnamed temporary file, so that GMime can keep offsets into it. */
static int spill(int fd)
{
	char buf[65536];
	ssize_t n;
	int tmp = open(P_tmpdir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (tmp < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(tmp, buf, (size_t)n) != n)
			break;
	if (n != 0 || lseek(tmp, 0, SEEK_SET) != 0) {
		close(tmp);
		return -1;
	}
	return tmp;
}

int mail_reader_open_fd(int fd, const struct mail_limits *lim, struct mail_reader **out)
{
	off_t at = lseek(fd, 0, SEEK_CUR);
	int own;
	GMimeStream *stream;

	pthread_once(&once, init);
	*out = NULL;
	/* the stream closes the descriptor it is given: a copy of the caller's (or of a pipe) */
	if ((own = at < 0 ? spill(fd) : dup(fd)) < 0)
		return KFQ_ERR;
	stream = g_mime_stream_fs_new_with_bounds(own, at < 0 ? 0 : at, -1);
	return open_stream(stream, starts_mbox(stream), lim, out);
}

int mail_reader_open_mem(const void *buf, size_t len, const struct mail_limits *lim,
                         struct mail_reader **out)
{
	GMimeStream *stream;
	GByteArray *bytes;

	pthread_once(&once, init);
	bytes = g_byte_array_sized_new((guint)len);
	g_byte_array_append(bytes, buf, (guint)len);
	stream = g_mime_stream_mem_new_with_byte_array(bytes);
	return open_stream(stream, starts_mbox(stream), lim, out);
}

const char *mail_reader_error(const struct mail_reader *r)
{
	return r->error;
}

void mail_reader_free(struct mail_reader *r)
{
	if (!r)
		return;
	g_object_unref(r->parser);
	g_object_unref(r->stream);
	g_mime_parser_options_free(r->options);
	free(r);
}

/* ---- one message ---- */

/* What the walk of one message's parts collects. */
struct walk {
	struct arena *a;
	const struct mail_limits *lim;
	struct mail_message *m;
	struct strbuf plain, html; /* the text parts in order, already UTF-8 */
	bool plain_seen, html_seen, cut, replaced;
	size_t parts;
	int att_cap, warn_cap;
};

static void warn(struct walk *w, const char *msg)
{
	for (size_t i = 0; i < w->m->n_warnings; i++)
		if (!strcmp(w->m->warnings[i], msg))
			return;
	if ((int)w->m->n_warnings == w->warn_cap)
		w->m->warnings =
		    arena_grow(w->a, w->m->warnings, sizeof(*w->m->warnings), &w->warn_cap);
	w->m->warnings[w->m->n_warnings++] = msg;
}

/* Decodes a part's content (base64, quoted-printable, uuencode) in pieces into sink(). */
static void decode(GMimeDataWrapper *content, void (*sink)(void *, const char *, size_t), void *arg)
{
	GMimeStream *raw = g_mime_data_wrapper_get_stream(content);
	GMimeContentEncoding enc = g_mime_data_wrapper_get_encoding(content);
	GMimeStream *filtered;
	char buf[65536];
	ssize_t n;

	if (!raw)
		return;
	g_mime_stream_reset(raw);
	filtered = g_mime_stream_filter_new(raw);
	if (enc == GMIME_CONTENT_ENCODING_BASE64 || enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
	    enc == GMIME_CONTENT_ENCODING_UUENCODE) {
		GMimeFilter *f = g_mime_filter_basic_new(enc, FALSE);
		g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered), f);
		g_object_unref(f);
	}
	while ((n = g_mime_stream_read(filtered, buf, sizeof(buf))) > 0)
		sink(arg, buf, (size_t)n);
	g_object_unref(filtered);
}

/* A text part's bytes, kept up to the text cap. */
struct text_sink {
	struct strbuf sb;
	size_t cap;
	bool cut;
};

static void text_sink(void *arg, const char *buf, size_t n)
{
	struct text_sink *t = arg;
	size_t room = t->sb.len < t->cap ? t->cap - t->sb.len : 0;

	if (n > room)
		t->cut = true;
	strbuf_add(&t->sb, buf, n < room ? n : room);
}

static void add_text(struct walk *w, GMimePart *part, bool html)
{
	GMimeDataWrapper *content = g_mime_part_get_content(part);
	const char *charset =
	    g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
	struct text_sink t = {STRBUF_INIT, w->lim->max_text_bytes, false};
	struct strbuf *into = html ? &w->html : &w->plain;
	bool replaced;

	if (content)
		decode(content, text_sink, &t);
	char *utf8 =
	    mail_text_to_utf8(w->a, t.sb.buf ? t.sb.buf : "", t.sb.len, charset, t.cut, &replaced);
	strbuf_release(&t.sb);
	w->cut |= t.cut;
	w->replaced |= replaced;
	if (into->len > 0)
		strbuf_addstr(into, "\n\n");
	strbuf_addstr(into, utf8);
	*(html ? &w->html_seen : &w->plain_seen) = true;
}

/* An attachment's bytes: hashed and counted whole, kept up to the attachment cap. */
struct att_sink {
	crypto_hash_sha256_state h;
	uint64_t size;
	struct strbuf kept;
	size_t cap;
};

static void att_sink(void *arg, const char *buf, size_t n)
{
	struct att_sink *s = arg;

	crypto_hash_sha256_update(&s->h, (const unsigned char *)buf, n);
	s->size += n;
	if (s->kept.len + n <= s->cap)
		strbuf_add(&s->kept, buf, n);
	else
		s->cap = 0; /* over: nothing kept, not even the start */
}

static struct mail_attachment *new_attachment(struct walk *w, GMimeObject *obj, const char *name)
{
	struct mail_message *m = w->m;
	struct mail_attachment *att;
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	char *type = ct ? g_mime_content_type_get_mime_type(ct) : NULL;

	if ((int)m->n_attachments == w->att_cap)
		m->attachments =
		    arena_grow(w->a, m->attachments, sizeof(*m->attachments), &w->att_cap);
	att = &m->attachments[m->n_attachments++];
	memset(att, 0, sizeof(*att));
	att->content_type = arena_strdup(w->a, type ? type : "application/octet-stream");
	g_free(type);
	for (char *p = (char *)att->content_type; *p; p++)
		*p = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
	if (name && *name && textconv_utf8_valid(name, strlen(name)))
		att->name = arena_strdup(w->a, name);
	else
		att->name = arena_printf(w->a, "附件%zu", m->n_attachments);
	return att;
}

static void finish_attachment(struct walk *w, struct mail_attachment *att, struct att_sink *s)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_final(&s->h, digest);
	sodium_bin2hex(att->sha256, sizeof(att->sha256), digest, sizeof(digest));
	att->size = s->size;
	if (s->cap > 0 || s->size == 0) {
		unsigned char *data = arena_alloc(w->a, s->kept.len + 1);
		if (s->kept.len)
			memcpy(data, s->kept.buf, s->kept.len);
		att->data = data;
	} else {
		warn(w, "附件过大，只记录了名称、大小和哈希值，未保存内容");
	}
	strbuf_release(&s->kept);
}

static void add_attachment(struct walk *w, GMimePart *part)
{
	struct att_sink s = {.kept = STRBUF_INIT, .cap = w->lim->max_attachment_bytes};
	GMimeDataWrapper *content = g_mime_part_get_content(part);
	struct mail_attachment *att =
	    new_attachment(w, GMIME_OBJECT(part), g_mime_part_get_filename(part));

	crypto_hash_sha256_init(&s.h);
	if (content)
		decode(content, att_sink, &s);
	finish_attachment(w, att, &s);
}

/* An attached message (message/rfc822): the message as sent, named for its subject. */
static void add_message_part(struct walk *w, GMimeMessagePart *mp)
{
	struct att_sink s = {.kept = STRBUF_INIT, .cap = w->lim->max_attachment_bytes};
	GMimeMessage *inner = g_mime_message_part_get_message(mp);
	const char *subject = inner ? g_mime_message_get_subject(inner) : NULL;
	const char *fn =
	    g_mime_object_get_content_disposition_parameter(GMIME_OBJECT(mp), "filename");
	struct mail_attachment *att = new_attachment(
	    w, GMIME_OBJECT(mp),
	    fn ? fn : arena_printf(w->a, "%s.eml", subject && *subject ? subject : "邮件"));

	crypto_hash_sha256_init(&s.h);
	if (inner) {
		GMimeStream *mem = g_mime_stream_mem_new();
		g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, mem);
		GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
		att_sink(&s, (const char *)bytes->data, bytes->len);
		g_object_unref(mem);
	}
	finish_attachment(w, att, &s);
}

static bool is_attachment(GMimeObject *obj)
{
	GMimeContentDisposition *d = g_mime_object_get_content_disposition(obj);

	return (d && g_mime_content_disposition_is_attachment(d)) ||
	       (GMIME_IS_PART(obj) && g_mime_part_get_filename(GMIME_PART(obj)));
}

static void walk(struct walk *w, GMimeObject *obj, int depth)
{
	if (++w->parts > w->lim->max_parts || depth > w->lim->max_depth) {
		warn(w, "邮件的部分过多或嵌套过深，其余部分未读取");
		return;
	}
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp);
		for (int i = 0; i < n; i++)
			walk(w, g_mime_multipart_get_part(mp, i), depth + 1);
	} else if (GMIME_IS_MESSAGE_PART(obj)) {
		add_message_part(w, GMIME_MESSAGE_PART(obj));
	} else if (GMIME_IS_PART(obj)) {
		GMimeContentType *ct = g_mime_object_get_content_type(obj);
		bool text = ct && g_mime_content_type_is_type(ct, "text", "plain");
		bool html = ct && g_mime_content_type_is_type(ct, "text", "html");
		if ((text || html) && !is_attachment(obj))
			add_text(w, GMIME_PART(obj), html);
		else
			add_attachment(w, GMIME_PART(obj));
	}
}

/* A header value as valid UTF-8 in the arena, or NULL. */
static const char *header(struct walk *w, const char *s)
{
	bool replaced;

	if (!s)
		return NULL;
	return mail_text_to_utf8(w->a, s, strlen(s), "UTF-8", false, &replaced);
}

static void read_sender(struct walk *w, GMimeMessage *msg)
{
	InternetAddressList *from = g_mime_message_get_from(msg);
	int n = from ? internet_address_list_length(from) : 0;

	for (int i = 0; i < n; i++) {
		InternetAddress *ia = internet_address_list_get_address(from, i);
		if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
			continue;
		const char *name = internet_address_get_name(ia);
		w->m->from_name = name && *name ? header(w, name) : NULL;
		w->m->from_addr =
		    header(w, internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
		return;
	}
}

static void read_date(struct walk *w, GMimeMessage *msg)
{
	GDateTime *dt = g_mime_message_get_date(msg);

	if (!dt)
		return;
	gchar *iso = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S%:z");
	w->m->date = iso ? arena_strdup(w->a, iso) : NULL;
	w->m->date_unix = g_date_time_to_unix(dt);
	g_free(iso);
}

/* message_id, or the hash of what tells one mail from another. */
static void dedupe_key(struct walk *w)
{
	struct mail_message *m = w->m;
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	const char *parts[] = {m->from_addr, m->date, m->subject, m->text};

	if (m->message_id) {
		m->dedupe_key = m->message_id;
		return;
	}
	crypto_hash_sha256_init(&h);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		const char *p = parts[i] ? parts[i] : "";
		crypto_hash_sha256_update(&h, (const unsigned char *)p, strlen(p) + 1);
	}
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	m->dedupe_key = arena_printf(w->a, "sha256:%s", hex);
}

static void read_message(struct walk *w, GMimeMessage *msg)
{
	struct mail_message *m = w->m;
	const char *id = g_mime_message_get_message_id(msg);
	const char *subject = g_mime_message_get_subject(msg);
	GMimeObject *body = g_mime_message_get_mime_part(msg);

	m->message_id = id && *id ? header(w, id) : NULL;
	m->subject = subject ? header(w, subject) : "";
	read_sender(w, msg);
	read_date(w, msg);
	if (body)
		walk(w, body, 0);
	if (w->plain_seen) {
		m->text = arena_strndup(w->a, w->plain.buf ? w->plain.buf : "", w->plain.len);
	} else if (w->html_seen) {
		m->text = mail_html_to_text(w->a, w->html.buf ? w->html.buf : "", w->html.len);
		m->text_from_html = true;
	} else {
		m->text = "";
	}
	if (w->cut)
		warn(w, "正文过长，超出部分未读取");
	if (w->replaced)
		warn(w, "正文中有无法识别编码的字符，已替换为�");
	dedupe_key(w);
}

int mail_reader_next(struct mail_reader *r, struct arena *a, struct mail_message *out)
{
	GMimeMessage *msg;
	struct walk w = {
	    .a = a, .lim = &r->lim, .m = out, .plain = STRBUF_INIT, .html = STRBUF_INIT};

	memset(out, 0, sizeof(*out));
	if (g_mime_parser_eos(r->parser))
		goto end;
	msg = g_mime_parser_construct_message(r->parser, r->options);
	/* a message without a single header is not mail (a text file, a picture) */
	if (msg &&
	    g_mime_header_list_get_count(g_mime_object_get_header_list(GMIME_OBJECT(msg))) == 0) {
		g_object_unref(msg);
		msg = NULL;
	}
	/* after the first message, what is left unread is a part of an mbox that would
	 * otherwise be dropped unseen */
	if (!msg && r->index > 0) {
		snprintf(r->errbuf, sizeof(r->errbuf), "文件中第%zu封邮件之后的内容不是邮件",
		         r->index);
		r->error = r->errbuf;
		return KFQ_EINVAL;
	}
	if (!msg)
		goto end;
	out->index = r->index++;
	read_message(&w, msg);
	g_object_unref(msg);
	strbuf_release(&w.plain);
	strbuf_release(&w.html);
	return KFQ_OK;
end:
	if (r->index > 0)
		return KFQ_ENOTFOUND;
	r->error = "文件中没有可识别的邮件";
	return KFQ_EINVAL;
}
