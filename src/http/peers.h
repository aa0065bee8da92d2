/* peers.h - (private to http/) how many connections each client address holds: a hash table
 * of addresses (16 bytes, IPv4 as v4-mapped IPv6) with open addressing, sized once for the
 * connection limit, so that counting never allocates. Not thread-safe: the guard's lock. */
#ifndef KFQ_HTTP_PEERS_H
#define KFQ_HTTP_PEERS_H

#include <stddef.h>

struct peer {
	unsigned char addr[16];
	int count; /* 0 = an empty bucket */
};

struct peers {
	struct peer *tab;
	size_t size; /* a power of two, at least twice the most addresses ever held */
};

/* Room for up to `most` addresses at once. */
void peers_init(struct peers *p, size_t most);
void peers_release(struct peers *p);
/* The connections addr holds now. */
int peers_count(const struct peers *p, const unsigned char addr[16]);
void peers_add(struct peers *p, const unsigned char addr[16]);
/* One connection of addr less (nothing when it holds none). */
void peers_drop(struct peers *p, const unsigned char addr[16]);

#endif
