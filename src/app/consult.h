/* consult.h (app) - what making a consultation from an imported policy needs, for the API and
 * `kfq demo` alike: the draft's articles, with their part and group headings as the text writes
 * them (一、… and （一）…), and the notice's text, read from the parser's JSON the policy keeps
 * (core/policy_parse.h's shape). Everything returned lives in the caller's arena. */
#ifndef KFQ_APP_CONSULT_H
#define KFQ_APP_CONSULT_H

#include "store/store_consult.h"

/* From parsed_json: *out (n articles, in order) and *notice_text (NULL when the text has no
 * notice). KFQ_EINVAL when the JSON has no articles. */
int consult_policy_articles(struct arena *a, const char *parsed_json,
                            struct store_consult_article **out, int *n, const char **notice_text);

#endif
