/* Tests the policy parser against the corpus of real documents in tests/data/corpus: each
 * document's parse, article by article (number, title, lead, responsible, guide, deadline), equals
 * its hand-checked expected parse (*.expected.json, conventions in the corpus README). The figure
 * per document and overall is printed by bench/parser.sh and kept in docs/PERFORMANCE.md. */
#include "core/policy_parse.h"
#include "policy_check.h"

#include "util/log.h"

#include <dirent.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define SUFFIX ".expected.json"

/* The units of an expected article's array key equal got[0..n); a difference is printed. */
static bool same_units(const json_t *art, const char *key, const char *const *got, size_t n)
{
	const json_t *want = json_object_get(art, key);

	if (json_array_size(want) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(json_string_value(json_array_get(want, i)), got[i]))
			return false;
	return true;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* Compares one document; returns the number of articles that differ (each printed). */
static size_t check_document(const char *name)
{
	char path[512];
	size_t len, bad = 0;
	char *text;
	struct arena a;
	struct policy_doc d;
	json_error_t err;
	json_t *want, *arts;

	snprintf(path, sizeof(path), "%s/corpus/%s" SUFFIX, KFQ_TEST_DATA, name);
	want = json_load_file(path, 0, &err);
	if (!want)
		fail_msg("%s: %s", path, err.text);
	arts = json_object_get(want, "articles");
	snprintf(path, sizeof(path), "corpus/%s.txt", name);
	text = policy_check_slurp(path, &len);
	arena_init(&a);
	assert_int_equal(policy_parse(text, len, &a, &d), KFQ_OK);
	if (d.n_articles != json_array_size(arts)) {
		print_message("%s: %zu articles, want %zu\n", name, d.n_articles,
		              json_array_size(arts));
		bad++;
	}
	for (size_t i = 0; i < d.n_articles && i < json_array_size(arts); i++) {
		const struct policy_article *got = &d.articles[i];
		const json_t *w = json_array_get(arts, i);
		if (got->number == json_integer_value(json_object_get(w, "number")) &&
		    !strcmp(or_empty(got->short_title),
		            json_string_value(json_object_get(w, "title"))) &&
		    same_units(w, "lead", got->lead_units, got->n_lead_units) &&
		    same_units(w, "responsible", got->responsible_units,
		               got->n_responsible_units) &&
		    same_units(w, "guide", got->guide_units, got->n_guide_units) &&
		    !strcmp(or_empty(got->deadline),
		            json_string_value(json_object_get(w, "deadline"))))
			continue;
		print_message(
		    "%s: article %zu (number %d, line %d) differs from the expected parse\n", name,
		    i + 1, got->number, got->line);
		bad++;
	}
	assert_int_equal(json_integer_value(json_object_get(want, "parts")), (json_int_t)d.n_parts);
	assert_int_equal(json_integer_value(json_object_get(want, "groups")),
	                 (json_int_t)d.n_groups);
	json_decref(want);
	arena_release(&a);
	free(text);
	return bad;
}

static void test_corpus(void **state)
{
	(void)state;
	char dir[512];
	DIR *dp;
	struct dirent *e;
	size_t docs = 0, bad = 0;

	snprintf(dir, sizeof(dir), "%s/corpus", KFQ_TEST_DATA);
	dp = opendir(dir);
	assert_non_null(dp);
	while ((e = readdir(dp))) {
		size_t n = strlen(e->d_name);
		if (n <= strlen(SUFFIX) || strcmp(e->d_name + n - strlen(SUFFIX), SUFFIX))
			continue;
		char *name = xmalloc(n + 1);
		memcpy(name, e->d_name, n - strlen(SUFFIX));
		name[n - strlen(SUFFIX)] = 0;
		bad += check_document(name);
		free(name);
		docs++;
	}
	assert_int_equal(closedir(dp), 0);
	/* the six documents of the shared corpus, the four added with this test, one laid out as
	 * its PDF prints it and two task tables */
	assert_int_equal(docs, 13);
	if (bad)
		fail_msg("%zu articles differ from their expected parse", bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
