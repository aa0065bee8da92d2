/* consult.c (app) - a consultation's draft from an imported policy's parsed text (consult.h).
 * Must not store anything or decide who may make one. */
#include "app/consult.h"

#include "core/policy_parse.h"
#include "util/log.h"

#include <jansson.h>
#include <string.h>

/* A JSON string into the arena; NULL for anything else. */
static const char *jstr(struct arena *a, json_t *v)
{
	return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
}

/* The heading of the part (group false) or the group of part `part` numbered `number`, with
 * its marker as the text writes it: 一、… for a part, （一）… for a group. */
static const char *heading_of(struct arena *a, json_t *list, json_t *part, json_t *number,
                              bool group)
{
	size_t i;
	json_t *it;

	if (!json_is_integer(number))
		return NULL;
	json_array_foreach(list, i, it)
	{
		if (json_integer_value(json_object_get(it, "number")) != json_integer_value(number))
			continue;
		if (group && !json_equal(json_object_get(it, "part"), part))
			continue;
		const char *h = json_string_value(json_object_get(it, "heading"));
		const char *n = policy_cn_number(a, (int)json_integer_value(number));
		return group ? arena_printf(a, "（%s）%s", n, h ? h : "")
		             : arena_printf(a, "%s、%s", n, h ? h : "");
	}
	return NULL;
}

int consult_policy_articles(struct arena *a, const char *parsed_json,
                            struct store_consult_article **out, int *n, const char **notice_text)
{
	json_t *doc = json_loads(parsed_json ? parsed_json : "", 0, NULL);
	json_t *arts = json_object_get(doc, "articles"), *parts = json_object_get(doc, "parts");
	json_t *groups = json_object_get(doc, "groups");
	size_t i;
	json_t *it;

	*n = 0;
	*out = NULL;
	*notice_text = jstr(a, json_object_get(json_object_get(doc, "notice"), "text"));
	if (!json_is_array(arts) || !json_array_size(arts)) {
		json_decref(doc);
		return KFQ_EINVAL;
	}
	*out = arena_alloc(a, json_array_size(arts) * sizeof(**out));
	json_array_foreach(arts, i, it)
	{
		struct store_consult_article *r = &(*out)[(*n)++];
		json_t *part = json_object_get(it, "part");
		memset(r, 0, sizeof(*r));
		r->number = (int)json_integer_value(json_object_get(it, "number"));
		r->part_heading = heading_of(a, parts, NULL, part, false);
		r->group_heading = heading_of(a, groups, part, json_object_get(it, "group"), true);
		r->short_title = jstr(a, json_object_get(it, "short_title"));
		r->body = jstr(a, json_object_get(it, "body"));
		if (!r->body)
			r->body = "";
	}
	json_decref(doc);
	return KFQ_OK;
}
