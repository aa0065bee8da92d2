/* ratelimit.c - the limiter's rule. Must not read clocks or keep state. */
#include "core/ratelimit.h"

int64_t ratelimit_wait(const struct ratelimit_state *s, int64_t now)
{
	return s->blocked_until > now ? s->blocked_until - now : 0;
}

/* On probation: blocked before, and not yet quiet for a window since that block ended. */
static bool on_probation(const struct ratelimit_policy *p, const struct ratelimit_state *s,
                         int64_t now)
{
	return s->strikes > 0 && now < s->blocked_until + p->window;
}

int64_t ratelimit_hit(const struct ratelimit_policy *p, const struct ratelimit_state *cur,
                      int64_t now, struct ratelimit_state *next)
{
	bool probation = on_probation(p, cur, now);
	int64_t block = p->block;

	*next = *cur;
	if (!probation)
		next->strikes = 0;
	if (!cur->window_start || now >= cur->window_start + p->window) {
		next->count = 0;
		next->window_start = now;
	}
	next->count++;
	if (!probation && next->count < p->limit)
		return 0;
	for (int i = 0; i < next->strikes && block < p->max_block; i++)
		block *= 2;
	if (block > p->max_block)
		block = p->max_block;
	next->strikes++;
	next->count = 0;
	next->window_start = now;
	next->blocked_until = now + block;
	return block;
}

int64_t ratelimit_expires(const struct ratelimit_policy *p, const struct ratelimit_state *s)
{
	int64_t a = s->window_start + p->window, b = s->blocked_until + p->window;

	return a > b ? a : b;
}
