/* policy_check.c - the policy parser tests' shared assertions (see policy_check.h). */
#include "policy_check.h"

#include "util/log.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#ifndef KFQ_TEST_DATA
#error "KFQ_TEST_DATA must name the tests/data directory"
#endif

const char policy_check_edit_text[] = "某某方案\n"
                                      "2026年3月1日\n"
                                      "1.甲事项。做甲。\n"
                                      "牵头单位：市商务局\n"
                                      "2.乙事项。做乙。（市发改委、市财政局负责）\n"
                                      "3.丙事项。先做丙一。\n"
                                      "再做丙二。（牵头单位：市财政局；完成时限：6月底前）\n";

static const struct unit_resolve_org edit_orgs[] = {
    {1, "市商务局", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {2, "市发改委", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {3, "市财政局", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {5, "市审计局", NULL, 0, UNIT_RESOLVE_SUPERVISORY_BODY, UNIT_RESOLVE_LEVEL_NONE},
};
const struct unit_resolve_ctx policy_check_edit_orgs = {edit_orgs, 4, NULL, 0, false};

char *policy_check_slurp(const char *name, size_t *len)
{
	char path[4096];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", KFQ_TEST_DATA, name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	assert_int_equal(fseek(f, 0, SEEK_SET), 0);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	assert_int_equal(fclose(f), 0);
	*len = (size_t)n;
	return buf;
}

char *policy_check_excerpt(const char *name, const int *lines)
{
	size_t len;
	char *buf = policy_check_slurp(name, &len), *out = xmalloc(len + 1);
	size_t n = 0;

	for (const int *l = lines; *l; l++) {
		const char *s = buf;
		for (int k = 1; k < *l && s; k++) {
			s = strchr(s, '\n');
			s = s ? s + 1 : NULL;
		}
		if (!s || !*s)
			fail_msg("%s has no line %d", name, *l);
		const char *e = strchr(s, '\n');
		size_t m = e ? (size_t)(e - s) : strlen(s);
		if (n + m + 1 > len)
			fail_msg("%s: too many lines asked for", name);
		memcpy(out + n, s, m);
		n += m;
		out[n++] = '\n';
	}
	out[n] = 0;
	free(buf);
	return out;
}

void policy_check_parse(const char *text, struct arena *a, struct policy_doc *d)
{
	if (policy_parse(text, strlen(text), a, d) != KFQ_OK)
		fail_msg("policy_parse: %s", d->error);
}

void policy_check_parse_lines(const char *name, const int *lines, struct arena *a,
                              struct policy_doc *d)
{
	char *text = policy_check_excerpt(name, lines);

	policy_check_parse(text, a, d);
	free(text);
}

void policy_check_units(const char *const *got, size_t n, const char *const *want)
{
	size_t k = 0;

	for (; want[k]; k++) {
		if (k >= n)
			fail_msg("missing unit %zu: %s", k, want[k]);
		assert_string_equal(got[k], want[k]);
	}
	if (n != k)
		fail_msg("%zu units, want %zu (the next is %s)", n, k, got[k]);
}

void policy_check_warnings(const struct policy_doc *d, const struct policy_check_warning *want,
                           size_t n)
{
	bool same = d->n_warnings == n;

	for (size_t i = 0; i < d->n_warnings && i < n && same; i++)
		same = d->warnings[i].line == want[i].line &&
		       !strcmp(d->warnings[i].message, want[i].message);
	if (same)
		return;
	for (size_t i = 0; i < d->n_warnings; i++)
		print_message("got  %d: %s\n", d->warnings[i].line, d->warnings[i].message);
	for (size_t i = 0; i < n; i++)
		print_message("want %d: %s\n", want[i].line, want[i].message);
	fail_msg("%zu warnings, want %zu (or they differ)", d->n_warnings, n);
}
