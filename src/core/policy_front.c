/* policy_front.c - what stands in front of the body: the 征求意见 notice (its heading, fields,
 * comment window and signature), the document's title and title note, and the preamble.
 * Must not read past the first heading or article. */
#include "core/policy_parse_int.h"

#include <string.h>

static const char *extract_email(struct arena *a, const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);

	while (at) {
		size_t i = (size_t)(at - s), b = i, e = i + 1;
		while (b > 0 &&
		       (strchr("._%+-", s[b - 1]) || (s[b - 1] >= '0' && s[b - 1] <= '9') ||
		        ((s[b - 1] | 0x20) >= 'a' && (s[b - 1] | 0x20) <= 'z')))
			b--;
		while (e < n && (s[e] == '.' || s[e] == '-' || (s[e] >= '0' && s[e] <= '9') ||
		                 ((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z')))
			e++;
		while (e > i + 1 && s[e - 1] == '.')
			e--;
		if (b < i && memchr(s + i + 1, '.', e - i - 1))
			return arena_strndup(a, s + b, e - b);
		at = i + 1 < n ? memchr(s + i + 1, '@', n - i - 1) : NULL;
	}
	return NULL;
}

/* The first run of digits (with '-' and spaces between them) holding at least 5 digits. */
static const char *extract_phone(struct arena *a, const char *s, size_t n)
{
	size_t i = 0;
	uint32_t c;

	while (i < n) {
		size_t k = pp_cp_at(s, n, i, &c);
		if (!pp_is_digit(c)) {
			i += k;
			continue;
		}
		struct sbuf b;
		int digits = 0;
		pp_sb_init(&b, a);
		while (i < n) {
			k = pp_cp_at(s, n, i, &c);
			if (pp_is_digit(c)) {
				pp_sb_addcp(&b, (uint32_t)('0' + pp_digit_value(c)));
				digits++;
			} else if ((c == '-' || c == 0xff0d) && b.len && b.p[b.len - 1] != '-') {
				pp_sb_add(&b, "-", 1);
			} else if (!(c == ' ' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')) {
				break;
			}
			i += k;
		}
		while (b.len && b.p[b.len - 1] == '-')
			b.p[--b.len] = 0;
		if (digits >= 5)
			return pp_sb_str(&b);
	}
	return NULL;
}

/* "2025年6月23日-2025年6月25日", "2025年6月23日至6月25日", "截至2025年7月1日". */
static void parse_window(struct parser *p, const char *s, size_t n, int line)
{
	struct policy_notice *nt = &p->d->notice;
	struct ymd t1, t2;
	size_t at, e = pp_first_date(s, n, &at, &t1), j;
	uint32_t c;

	if (!e) {
		pp_warn(p, line, "意见反馈时间“%.*s”中没有可识别的日期", (int)n, s);
		return;
	}
	j = pp_skip_ws(s, n, e);
	while (j < n && (pp_cp_at(s, n, j, &c), pp_cp_in(c, "-－—–~～至到")))
		j = pp_skip_ws(s, n, j + pp_cp_at(s, n, j, &c));
	if (j > e && pp_parse_date(s, n, j, t1.y, &t2)) {
		nt->window_start = pp_iso_date(p->a, &t1);
		nt->window_end = pp_iso_date(p->a, &t2);
		if (strcmp(nt->window_start, nt->window_end) > 0)
			pp_warn(p, line, "意见反馈时间的结束日期早于开始日期");
	} else if (pp_find(s, n, 0, "截") < at || pp_find(s, n, at, "前") < n) {
		nt->window_end = pp_iso_date(p->a, &t1);
	} else {
		nt->window_start = pp_iso_date(p->a, &t1);
		pp_warn(p, line, "意见反馈时间只有一个日期，已作为开始日期");
	}
}

static void notice_fields(struct parser *p, const struct line *l)
{
	struct policy_notice *nt = &p->d->notice;
	const char *s = l->s;
	size_t n = l->n, i = 0, vals[8], kws[8], nf = 0;
	enum fld fs[8];
	uint32_t c;

	while (i < n && nf < 8) {
		size_t kl, v = pp_field_at(s, n, i, &fs[nf], &kl);
		if (v) {
			kws[nf] = i;
			vals[nf] = v;
			nf++;
			i = v;
			continue;
		}
		i += pp_cp_at(s, n, i, &c);
	}
	for (size_t k = 0; k < nf; k++) {
		size_t b = vals[k], e = k + 1 < nf ? kws[k + 1] : n;
		pp_trim_set(s, &b, &e, "【】[]");
		if (e <= b)
			continue;
		switch (fs[k]) {
		case F_EMAIL:
			if (!nt->email && !(nt->email = extract_email(p->a, s + b, e - b)))
				pp_warn(p, l->no, "电子邮箱“%.*s”不是有效的邮件地址", (int)(e - b),
				        s + b);
			break;
		case F_PHONE:
			if (!nt->phone && !(nt->phone = extract_phone(p->a, s + b, e - b)))
				pp_warn(p, l->no, "电话“%.*s”中没有可识别的号码", (int)(e - b),
				        s + b);
			break;
		case F_WINDOW:
			if (!nt->window_start && !nt->window_end)
				parse_window(p, s + b, e - b, l->no);
			break;
		case F_DATE:
			if (!nt->date) {
				struct ymd t;
				size_t at;
				if (pp_first_date(s + b, e - b, &at, &t))
					nt->date = pp_iso_date(p->a, &t);
			}
			break;
		case F_ISSUER:
			if (!nt->issuer)
				nt->issuer = arena_strndup(p->a, s + b, e - b);
			break;
		case F_OTHER:
			break;
		}
	}
}

/* 关于对《…》征求意见的公告: a heading, not a preamble that mentions 征求意见 in passing. */
static bool notice_heading(const struct line *l)
{
	static const char *const ends[] = {"公告", "通知", "启事", "公示", "函", "说明"};
	bool ok = pp_has_prefix(l->s, l->n, "关于");

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		ok |= pp_has_suffix(l->s, l->n, ends[i]);
	return ok && l->kind == K_TEXT && pp_find(l->s, l->n, 0, "征求意见") < l->n &&
	       pp_find(l->s, l->n, 0, "。") == l->n && pp_cp_count(l->s, l->n) <= 2 * MAX_TITLE_CPS;
}

static bool has_notice_field(const struct line *l)
{
	size_t i = 0, kl;
	enum fld f;
	uint32_t c;

	while (i < l->n) {
		if (pp_field_at(l->s, l->n, i, &f, &kl) &&
		    (f == F_EMAIL || f == F_PHONE || f == F_WINDOW))
			return true;
		i += pp_cp_at(l->s, l->n, i, &c);
	}
	return false;
}

/* Lines [0, end) of the notice: fields, signature, text. */
static void parse_notice(struct parser *p, size_t end, size_t heading)
{
	struct policy_notice *nt = &p->d->notice;
	struct sbuf text;
	size_t last_date = SIZE_MAX;

	pp_sb_init(&text, p->a);
	nt->present = true;
	nt->heading = heading < end ? p->ln[heading].s : NULL;
	for (size_t i = 0; i < end; i++) {
		const struct line *l = &p->ln[i];
		if (l->kind == K_BLANK)
			continue;
		if (!nt->line)
			nt->line = l->no;
		pp_sb_para(&text, l->s, l->n);
		if (l->kind == K_DATE)
			last_date = i;
		notice_fields(p, l);
	}
	nt->text = pp_sb_str(&text);
	if (last_date != SIZE_MAX) {
		struct ymd t;
		size_t at;
		/* the signature: organization above the date at the notice's end */
		if (pp_first_date(p->ln[last_date].s, p->ln[last_date].n, &at, &t))
			nt->date = pp_iso_date(p->a, &t);
		for (size_t i = last_date; i-- > 0;) {
			const struct line *l = &p->ln[i];
			if (l->kind == K_BLANK)
				continue;
			if (l->kind == K_TEXT && l->plain_short &&
			    pp_cp_count(l->s, l->n) <= MAX_SIGNER_CPS)
				nt->issuer = l->s;
			break;
		}
	}
	if (!nt->email) {
		for (size_t i = 0; i < end && !nt->email; i++)
			nt->email = extract_email(p->a, p->ln[i].s, p->ln[i].n);
	}
	if (nt->issuer && !*nt->issuer)
		nt->issuer = NULL;
}

/* 国发〔2018〕42号, 京政办发[2016]26号: the document's number (文号). */
static bool doc_number(const struct line *l)
{
	static const char *const opens[] = {"〔", "[", "［", "【"};
	size_t at, e;

	if (l->kind != K_TEXT || !pp_has_suffix(l->s, l->n, "号") ||
	    pp_cp_count(l->s, l->n) > MAX_SIGNER_CPS)
		return false;
	for (size_t k = 0; k < sizeof(opens) / sizeof(opens[0]); k++) {
		int nd = 0;
		at = pp_find(l->s, l->n, 0, opens[k]);
		if (at < l->n && pp_ar_num(l->s, l->n, at + strlen(opens[k]), 4, &e, &nd) >= 0 &&
		    nd == 4)
			return true;
	}
	return false;
}

/* "2019年10月8日 国务院第66次常务会议通过": a dated line of the document's history. */
static bool dated_note(const struct line *l)
{
	struct ymd t;

	return l->kind != K_BLANK && pp_parse_date(l->s, l->n, 0, 0, &t) != 0 &&
	       pp_find(l->s, l->n, 0, "。") == l->n && pp_cp_count(l->s, l->n) <= 2 * MAX_TITLE_CPS;
}

static bool title_like(const struct line *l)
{
	return l->kind == K_TEXT && pp_cp_count(l->s, l->n) <= MAX_TITLE_CPS &&
	       !pp_has_any(l->s, l->n, SENTENCE_PUNCT) && !has_notice_field(l) && !doc_number(l) &&
	       !dated_note(l);
}

/* Lines [0, start): notice, title, title note, preamble. */
void pp_parse_front(struct parser *p, size_t start)
{
	struct policy_doc *d = p->d;
	size_t heading = SIZE_MAX, end = 0, i;
	bool notice = false;
	struct sbuf title, note;

	for (i = 0; i < start; i++) {
		if (heading == SIZE_MAX && notice_heading(&p->ln[i]))
			heading = i, notice = true, end = i + 1;
		if (p->ln[i].field || has_notice_field(&p->ln[i]))
			notice = true, end = i + 1;
	}
	if (notice) {
		/* the notice runs on through its attachment line and its signed date */
		for (i = end; i < start; i++)
			if (p->ln[i].kind == K_DATE || p->ln[i].kind == K_ATTACH)
				end = i + 1;
		parse_notice(p, end, heading);
	}
	pp_sb_init(&title, p->a);
	pp_sb_init(&note, p->a);
	int title_line = 0, nt = 0;
	for (i = end; i < start; i++) {
		if (p->ln[i].kind == K_BLANK)
			continue;
		if (!title_line && !d->doc_number && doc_number(&p->ln[i])) {
			d->doc_number = p->ln[i].s;
			continue;
		}
		if (nt >= MAX_TITLE_LINES || !title_like(&p->ln[i]))
			break;
		if (!title_line)
			title_line = p->ln[i].no;
		pp_sb_add(&title, p->ln[i].s, p->ln[i].n);
		nt++;
	}
	/* under the title: its note in brackets, its number, dated history lines */
	for (; i < start; i++) {
		const struct line *l = &p->ln[i];
		size_t b = 0, e = l->n;
		uint32_t c;
		if (l->kind == K_BLANK)
			continue;
		if (!d->doc_number && doc_number(l)) {
			d->doc_number = l->s;
			continue;
		}
		if (dated_note(l)) {
			pp_sb_para(&note, l->s, l->n);
			continue;
		}
		if (l->kind != K_PAREN)
			break;
		b += pp_cp_at(l->s, e, 0, &c);
		e -= pp_cp_before(l->s, e, &c);
		pp_trim(l->s, &b, &e);
		pp_sb_para(&note, l->s + b, e - b);
	}
	p->preamble_start = i;
	for (; i < start; i++) {
		const struct line *l = &p->ln[i];
		if (l->kind == K_BLANK)
			continue;
		if (l->kind == K_UNIT)
			pp_warn(p, l->no, "牵头/责任单位行不属于任何条目，已作为正文保留");
		else
			pp_outside_text(p, l->s, l->n, l->no);
		pp_sb_para(&p->preamble, l->s, l->n);
	}
	d->title = title.len ? title.p : NULL;
	d->title_note = note.len ? note.p : NULL;
	if (!d->title) {
		const char *h = d->notice.heading;
		size_t hn = h ? strlen(h) : 0, b = h ? pp_find(h, hn, 0, "《") : 0;
		size_t e = h ? pp_find(h, hn, b, "》") : 0;
		if (h && b < hn && e < hn && e > b + strlen("《")) {
			d->title = arena_strndup(p->a, h + b + strlen("《"), e - b - strlen("《"));
			pp_warn(p, p->ln[heading].no, "未找到正文标题，已采用公告中的《%s》",
			        d->title);
		} else {
			pp_warn(p, start < p->nl ? p->ln[start].no : 1, "未找到文件标题");
		}
	}
}
