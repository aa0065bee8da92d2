/* spool.h - a request body on its way to disk: an unnamed temporary file that a body streams
 * into, hashed (SHA-256) as it arrives, so an upload never has to be held in memory (nginx's
 * client_body_temp_path). The file has no name from the start: nothing is left behind when
 * the process dies, and nothing outside can open it. */
#ifndef KFQ_UTIL_SPOOL_H
#define KFQ_UTIL_SPOOL_H

#include "util/arena.h"

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

#define SPOOL_HASH_HEX 65 /* 64 hex digits and the NUL */

struct spool {
	int fd;                        /* the temporary file; -1 when closed */
	uint64_t size;                 /* bytes written so far */
	crypto_hash_sha256_state hash; /* of everything written */
};

/* Opens an unnamed file in dir (created with mode 0700 if missing). Returns 0, or -1 with
 * errno set and sp->fd == -1. */
int spool_open(struct spool *sp, const char *dir);
/* Appends n bytes. Returns 0, or -1 with errno set. */
int spool_write(struct spool *sp, const void *buf, size_t n);
/* The hex SHA-256 of what was written; rewinds the file to its start for the reader. */
int spool_finish(struct spool *sp, char hex[SPOOL_HASH_HEX]);
/* Closes the file (the disk space goes with it). Safe to call twice. */
void spool_close(struct spool *sp);

/* Reads the whole file of `size` bytes into the arena (NUL-terminated). NULL with errno on a
 * read error or a short file. */
char *spool_read_all(int fd, uint64_t size, struct arena *a);
/* Reads the first and the last `each` bytes of the file (all of it when it holds at most
 * 2 × each) into the arena: what a type check by magic bytes and a zip's central directory
 * needs. *len is the number of bytes read. NULL with errno on a read error. */
char *spool_read_ends(int fd, uint64_t size, size_t each, struct arena *a, size_t *len);

#endif
