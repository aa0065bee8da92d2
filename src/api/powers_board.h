/* powers_board.h - the powers module's share of the office's 督导看板 (board.c): the rules each
 * department must adjust counted by status with the overdue ones (art. 17), and the zones'
 * social-affairs hand-over (art. 2), for a role that reads the module, in its scope. Loaded
 * before the board's answer begins (a store error answers), written into it after. */
#ifndef KFQ_API_POWERS_BOARD_H
#define KFQ_API_POWERS_BOARD_H

#include "api/api.h"
#include "store/store_affairs.h"

/* Everything in the request's arena. */
struct powers_board {
	bool shown;          /* the role reads the module */
	int64_t zone_org_id; /* the board's one zone, or 0 */
	char today[11];
	struct store_status_count *rules;
	struct store_social_zone *social;
	int nrules, nsocial;
};

/* 0, or -1 after answering. The rules are the city's (a department's, not a zone's): the
 * board's zone narrows the social affairs only. */
int powers_board_load(struct api_ctx *c, int64_t zone_org_id, struct powers_board *b);
/* "powers": {"rules": {done, in_progress, overdue, planned}, "social": {handed_over, overdue,
 * progress_bp, total}}; absent when !b->shown. */
void powers_board_json(struct api_ctx *c, const struct powers_board *b);

#endif
