/* peers.c - connections per client address: linear probing, and backward-shift deletion so
 * that a lookup never stops early at a bucket emptied before it. Must not know sockets. */
#include "http/peers.h"

#include "util/log.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void peers_init(struct peers *p, size_t most)
{
	p->size = 64;
	while (p->size < 2 * most)
		p->size *= 2;
	p->tab = xcalloc(p->size, sizeof(*p->tab));
}

void peers_release(struct peers *p)
{
	free(p->tab);
	p->tab = NULL;
	p->size = 0;
}

static size_t home(const unsigned char addr[16], size_t mask)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	for (int i = 0; i < 16; i++)
		h = (h ^ addr[i]) * 1099511628211ull;
	return (size_t)h & mask;
}

/* addr's bucket, or the empty bucket where it would go */
static struct peer *find(const struct peers *p, const unsigned char addr[16])
{
	size_t mask = p->size - 1, i = home(addr, mask);

	while (p->tab[i].count && memcmp(p->tab[i].addr, addr, 16) != 0)
		i = (i + 1) & mask;
	return &p->tab[i];
}

int peers_count(const struct peers *p, const unsigned char addr[16])
{
	return find(p, addr)->count;
}

void peers_add(struct peers *p, const unsigned char addr[16])
{
	struct peer *e = find(p, addr);

	if (!e->count)
		memcpy(e->addr, addr, 16);
	e->count++;
}

void peers_drop(struct peers *p, const unsigned char addr[16])
{
	size_t mask = p->size - 1;
	struct peer *e = find(p, addr);
	size_t hole = (size_t)(e - p->tab), i = hole;

	if (!e->count || --e->count)
		return;
	for (;;) {
		i = (i + 1) & mask;
		if (!p->tab[i].count)
			return;
		size_t h = home(p->tab[i].addr, mask);
		/* move i into the hole unless its home lies cyclically in (hole, i] */
		if (((i - h) & mask) >= ((i - hole) & mask)) {
			p->tab[hole] = p->tab[i];
			p->tab[i].count = 0;
			hole = i;
		}
	}
}
