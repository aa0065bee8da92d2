/* policy_parse.h - reads the plain text of a policy document (意见, 方案, 通知, 条例 …) and
 * returns its structure: the title, the public-consultation notice printed in front of a draft,
 * parts (一、 or 第一章), groups ((一) or 第一节), articles (1., (一) or 第一条) and each
 * article's lead units (牵头单位), responsible units (责任单位), scope (适用范围) and deadline
 * (完成时限), with where its units came from, plus warnings for whatever looked wrong or could
 * not be placed. Pure: no I/O, no database, no global state; safe to call from several
 * threads with separate arenas. Resolving unit names to organizations is unit_resolve.h's job.
 *
 * Ownership: every pointer in a struct policy_doc points into the arena passed to
 * policy_parse(); the caller owns that arena and frees everything with arena_release().
 *
 * Text conventions:
 *  - Input may be UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030; CRLF and CR
 *    line ends are accepted. All output strings are UTF-8.
 *  - Line numbers are 1-based and count lines of the input as given.
 *  - Leading and trailing spaces (ASCII, NBSP, U+3000, zero-width) are trimmed from every
 *    line, NBSP inside a line becomes an ASCII space; punctuation is kept as written.
 *  - Unit names: full-width parentheses （） become ASCII ( ), spaces are removed, a lost
 *    区 in 县() is restored (各县() -> 各县(区)); otherwise kept as written (财政局 stays
 *    财政局). Group phrases stay one unit: 各县(区)党委、政府, 各市、县级市, …等有关部门,
 *    …等部门和单位. A bare 等 at a unit's end (农业农村部等负责) is dropped and the connector
 *    等和 splits (A等和各省级人民政府 -> A, 各省级人民政府).
 *  - Who leads: 牵头单位 lists and "X牵头" lead; "X会同Y负责" makes X lead and Y responsible;
 *    in an unlabelled "（A、B、C负责）" every unit is responsible unless the document states
 *    that the first-listed unit leads (列第一位者为牵头单位，下同): from that statement on,
 *    the first listed leads and the rest are responsible. The statement is not a unit.
 *  - Nothing is dropped: text that fits nowhere else ends up in the preamble, a part's or
 *    group's body, an article's body, the notice text or the closing, and unusual placements
 *    are reported as warnings. A parenthesis or line that looks like a unit assignment but
 *    was not read as one is a warning with its line and text. */
#ifndef KFQ_CORE_POLICY_PARSE_H
#define KFQ_CORE_POLICY_PARSE_H

#include "util/arena.h"
#include "util/jsonw.h"

#include <stdbool.h>
#include <stddef.h>

/* Larger input is refused (KFQ_EINVAL) before any work: no policy text comes near either
 * limit, and the line table costs about 64 bytes a line. */
#define POLICY_MAX_BYTES (4u * 1024u * 1024u)
/* What policy_parse() answers for a PDF and for a Word, WPS or Excel file (the files users
 * have instead of a .txt): what the file is and how to get its text. */
#define POLICY_MSG_PDF                                                                                                           \
	"这是 PDF 文件，不是文本文件：请在 PDF 阅读器中复制正文，粘贴到记事本等处保存为 .txt " \
	"文件后再导入"
#define POLICY_MSG_WORD                                                                                                              \
	"这是 Word、WPS 或 Excel 文件，不是文本文件：请用“另存为”保存为纯文本（.txt；表格可存为" \
	"“文本文件(制表符分隔)”）后再导入"
#define POLICY_MAX_LINES 100000u

/* The 征求意见 notice in front of a draft. Fields the notice does not state are NULL. */
struct policy_notice {
	bool present;             /* false: no notice; every other field is NULL or 0 */
	const char *heading;      /* e.g. 关于对《…》征求意见的公告 */
	const char *issuer;       /* signature above the date, e.g. 抚顺市商务局 */
	const char *date;         /* signature date, ISO 8601 (2025-06-23) */
	const char *email;        /* first e-mail address given for comments */
	const char *phone;        /* first phone number, ASCII digits and '-' */
	const char *window_start; /* comment window, ISO 8601 dates, inclusive */
	const char *window_end;
	const char *text; /* every non-blank line of the notice, '\n'-joined, as written */
	int line;         /* first line of the notice */
};

/* One of several documents a text prints one after another, each numbered on its own (国办发
 * 〔2018〕124号 prints two 规定, each from 一、 and （一）): a later one starts at a title line
 * followed by parts numbered again from 一、. Its parts and articles are numbered on from the
 * one before (a warning says so), so that the numbers of one import stay unique and in order;
 * its title names its parts' tasks. A text of one document has none. */
struct policy_section {
	const char *title; /* its title lines joined, as written; NULL when the first document's
	                      title was not found before its first part */
	const char *body;  /* its own preamble between its title and its first part; "" none (the
	                      first's stays in the document's preamble) */
	int line; /* its title's first line (the first's: its first part's when untitled) */
};

struct policy_part {
	int section; /* index into sections[], -1 when the text is one document */
	int number;  /* 一、 -> 1, 第三章 -> 3; in a later section, on from the one before */
	const char *heading; /* text after the marker up to the first 。 */
	const char *body;    /* text under the heading before its first group/article; "" if none */
	int line;
};

struct policy_group {
	int part;            /* index into parts[], -1 when the group stands before any part */
	int number;          /* (三) -> 3; a group whose marker was lost is numbered by position */
	const char *heading; /* as written, stray markers removed */
	const char *body;    /* text before the group's first article; "" if none */
	bool recovered;      /* the marker was missing or broken (a warning says where) */
	int line;
};

/* Where an article's units came from, so that the office can see why a unit leads. */
enum policy_unit_source {
	POLICY_UNITS_NONE,     /* the article names no units */
	POLICY_UNITS_LINES,    /* lines of their own: 牵头单位：A / 责任单位：B */
	POLICY_UNITS_LABELLED, /* a labelled parenthesis: （牵头单位：A；责任单位：B） */
	POLICY_UNITS_PAREN,    /* an unlabelled parenthesis without the lead rule: （A、B负责）
	                          (all responsible), （A会同B负责）, （A、B牵头负责） */
	POLICY_UNITS_PAREN_RULE, /* an unlabelled parenthesis under the document's stated rule that
	                            the first-listed unit leads (lead_rule_line says where) */
	POLICY_UNITS_PROSE,      /* a sentence of the body: 由A牵头，B按职责分工负责 */
	POLICY_UNITS_MIXED,      /* more than one of the above */
};

struct policy_article {
	int number; /* as written: 4. -> 4, (十二) -> 12, 第十二条 -> 12; in a later
	               section, on from the one before (its (一) after (三十一) -> 32) */
	int part;   /* index into parts[], -1 none */
	int group;  /* index into groups[], -1 none */
	const char *short_title; /* the title sentence before the first 。 when the article opens
	                            with one (short, followed by text of its own or by unit
	                            lines); for 第X条 articles only a bracketed title
	                            (第一条【立法目的】); else NULL */
	const char *body;        /* the rest of the article, paragraphs '\n'-joined, without the
	                            short title and its 。 and without extracted unit clauses */
	const char **lead_units; /* 牵头单位/牵头部门, "X牵头", X in "X会同Y负责", and the
	                            first-listed unit under the lead rule */
	size_t n_lead_units;
	const char **responsible_units; /* 责任单位/责任部门/责任主体/配合单位/配合部门/负责部门,
	                                   the units of "（A、B负责）", "…按职责分工负责" */
	size_t n_responsible_units;
	const char **guide_units; /* "（A、B指导）", "（A指导，B负责）": units that guide the
	                             work, neither leading nor answering for it; as written */
	size_t n_guide_units;
	const char *scope;    /* 适用范围 as written (where the measure applies; never a
	                         unit), or NULL */
	const char *deadline; /* 完成时限 / 时间进度 / 完成时间 as written, or NULL */
	const char *deadline_date; /* ISO 8601 last day of the period the deadline names
	                              (6月底前 -> 06-30, 第三季度 -> 09-30, 2026年 -> 12-31; the
	                              year from the text or the document's date); NULL when it
	                              names none (每年, 持续推进, 长期坚持) or no year is known */
	enum policy_unit_source unit_source;
	int lead_rule_line; /* POLICY_UNITS_PAREN_RULE: line where the rule was stated; else 0 */
	int line;           /* line of the article's number */
};

struct policy_warning {
	int line;            /* input line the warning is about */
	const char *message; /* Chinese, one sentence */
};

struct policy_doc {
	const char *encoding; /* textconv_encoding_name() of the input */
	const char *text;     /* the input as textconv made it: UTF-8, '\n' line ends, no BOM */
	size_t text_len;
	const char *title;      /* the document's own title lines joined; NULL if none found */
	const char *title_note; /* parenthesised line(s) under the title without the brackets,
	                           e.g. 征求意见稿, and dated history lines (2019年10月8日 …通过),
	                           '\n'-joined; NULL if none */
	const char *doc_number; /* 文号 under the title, e.g. 国发〔2018〕42号; NULL if none */
	bool national;    /* issued by the State Council or the Party's central organs (国发,
	                     国办发, 国务院令 …, or signed 国务院): its units are national
	                     bodies, not the city's departments of the same short name */
	const char *date; /* the document's date, ISO 8601: the signature's date at the end,
	                     else the notice's date, else the first date under the title;
	                     NULL if none. Deadlines without a year take this year. */
	struct policy_notice notice;
	const char *preamble;            /* text between title and first heading; "" if none */
	struct policy_section *sections; /* none, or two and more */
	size_t n_sections;
	struct policy_part *parts;
	size_t n_parts;
	struct policy_group *groups;
	size_t n_groups;
	struct policy_article *articles;
	size_t n_articles;
	const char *closing; /* trailing attachments and signature lines; "" if none */
	struct policy_warning *warnings;
	size_t n_warnings;
	const char *error; /* Chinese message when policy_parse() returns KFQ_EINVAL, else NULL */
};

/* Parses buf[0..len) into *out (which need not be initialised). Returns KFQ_OK, or
 * KFQ_EINVAL with out->error set for empty, binary, undecodable or oversized input
 * (more than POLICY_MAX_BYTES bytes or POLICY_MAX_LINES lines). */
int policy_parse(const char *buf, size_t len, struct arena *a, struct policy_doc *out);

/* The text a duplicate check compares, from a parsed document's text (UTF-8, '\n' line
 * ends): each line without the spaces that end it (ASCII or full-width), and no blank lines
 * before the first line of text or after the last, so that an editor's saving it again is the
 * same text. Arena memory; *out_len its length. */
const char *policy_text_key(struct arena *a, const char *text, size_t len, size_t *out_len);

/* A short name for an article, for lists and task titles: its title sentence, else the start
 * of its body up to the first punctuation (。，；：), at most max_cps code points with "…"
 * when cut, else 第N条. Arena memory (or the article's own title). */
const char *policy_article_caption(struct arena *a, const struct policy_article *art,
                                   size_t max_cps);
#define POLICY_CAPTION_CPS 30 /* a task title made from an untitled article's text */

/* The day a deadline as written names, as the parser reads an article's 完成时限 (ISO 8601, the
 * last day of the latest period; a year-less deadline takes doc_date's year), or NULL when it
 * names none (持续推进, 每年) or no year is known; *why (may be NULL) gets the parser's warning
 * about it (a day its month does not have, no year known), or NULL. Arena memory. */
const char *policy_deadline_date(struct arena *a, const char *text, const char *doc_date,
                                 const char **why);

/* The heading of parts[part] as a task names it: in a text of several documents, the
 * document's title in 《》 in front (《进一步支持文化企业发展的规定》关于财政税收); NULL for no
 * part (-1). Arena memory or the part's own heading. */
const char *policy_part_heading(struct arena *a, const struct policy_doc *d, int part);

/* Stable English name of a unit source for JSON and storage: "none", "lines", "labelled",
 * "paren", "paren_rule", "prose", "mixed". */
const char *policy_unit_source_name(enum policy_unit_source s);

/* Writes the document as one JSON object:
 * {"title","title_note","doc_number","date","national","encoding","notice":{…}|null,
 *  "preamble",
 *  "sections":[{"title","body","line"}],
 *  "parts":[{"section","number","heading","body","line"}],
 *  "groups":[{"part","number","heading","body","recovered","line"}],
 *  "articles":[{"number","part","group","short_title","body","lead_units","responsible_units",
 *  "scope","deadline","deadline_date","unit_source","lead_rule_line","line"}],"closing",
 *  "warnings":[{"line","message"}]}
 * "lead_rule_line" is null unless "unit_source" is "paren_rule".
 * A part's "section" is its section's number (1-based), or null.
 * In JSON, "part" and "group" are the NUMBERS of the part and group (二 -> 2, (一) -> 1), or
 * null, not array indices. */
void policy_doc_to_json(const struct policy_doc *d, struct jsonw *w);

/* Pieces of that JSON the import preview writes too: a list of units under KEY; one warning
 * {"line","message"}; an article's "lead_units", "responsible_units", "scope", DEADLINE_KEY (the
 * deadline as written), "deadline_date", "unit_source" and "lead_rule_line". */
void policy_units_json(struct jsonw *w, const char *key, const char *const *v, size_t n);
void policy_warning_json(struct jsonw *w, const struct policy_warning *pw);
void policy_article_units_json(struct jsonw *w, const struct policy_article *art,
                               const char *deadline_key);

/* n written in Chinese numerals (1 -> 一, 16 -> 十六, 120 -> 一百二十), for headings and
 * messages; n outside 1..9999 is written in ASCII digits. Arena memory. */
char *policy_cn_number(struct arena *a, int n);

#endif
