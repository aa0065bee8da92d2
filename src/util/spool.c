/* spool.c - request bodies streamed to unnamed temporary files, hashed as they arrive.
 * Must not decide what a body may contain or how large it may be: the caller caps it. */
#include "util/spool.h"

#include "util/fileio.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

int spool_open(struct spool *sp, const char *dir)
{
	sp->size = 0;
	crypto_hash_sha256_init(&sp->hash);
	sp->fd = fileio_open_unnamed(dir);
	return sp->fd >= 0 ? 0 : -1;
}

int spool_write(struct spool *sp, const void *buf, size_t n)
{
	if (fileio_write_all(sp->fd, buf, n) != 0)
		return -1;
	crypto_hash_sha256_update(&sp->hash, buf, n);
	sp->size += n;
	return 0;
}

int spool_finish(struct spool *sp, char hex[SPOOL_HASH_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_final(&sp->hash, h);
	sodium_bin2hex(hex, SPOOL_HASH_HEX, h, sizeof(h));
	return lseek(sp->fd, 0, SEEK_SET) == 0 ? 0 : -1;
}

void spool_close(struct spool *sp)
{
	if (sp->fd >= 0)
		close(sp->fd);
	sp->fd = -1;
}

char *spool_read_all(int fd, uint64_t size, struct arena *a)
{
	char *buf;

	if (size >= SIZE_MAX)
		return errno = EFBIG, NULL;
	buf = arena_alloc(a, (size_t)size + 1);
	if (fileio_pread_all(fd, buf, (size_t)size, 0) != 0)
		return NULL;
	buf[size] = 0;
	return buf;
}

char *spool_read_ends(int fd, uint64_t size, size_t each, struct arena *a, size_t *len)
{
	char *buf;

	*len = 0;
	if (size <= 2 * (uint64_t)each) {
		buf = spool_read_all(fd, size, a);
		if (buf)
			*len = (size_t)size;
		return buf;
	}
	buf = arena_alloc(a, 2 * each);
	if (fileio_pread_all(fd, buf, each, 0) != 0 ||
	    fileio_pread_all(fd, buf + each, each, size - each) != 0)
		return NULL;
	*len = 2 * each;
	return buf;
}
