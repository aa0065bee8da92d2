/* blobstore.c - content-addressed files. Must not be given names from users: only hashes. */
#include "util/blobstore.h"

#include "util/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Makes a rename into dir durable. */
static int sync_dir(const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (dfd < 0)
		return 0;
	rc = fsync(dfd);
	close(dfd);
	return rc;
}

static bool hex_ok(const char *hex)
{
	if (strlen(hex) != 64)
		return false;
	for (const char *p = hex; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

/* Makes the written temporary file tmp (descriptor fd, closed here) the blob hex under dir:
 * fsync'ed, renamed into place unless the blob is there already; tmp is gone either way. */
static int settle(int fd, const char *tmp, const char *dir, const char *hex)
{
	char sub[PATH_MAX], path[PATH_MAX];
	struct stat st;
	int rc = fsync(fd), saved;

	if (close(fd) != 0)
		rc = -1;
	if (rc != 0)
		goto fail;
	if (snprintf(sub, sizeof(sub), "%s/%.2s", dir, hex) >= (int)sizeof(sub) ||
	    snprintf(path, sizeof(path), "%s/%s", sub, hex) >= (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		goto fail;
	}
	if (stat(path, &st) == 0) {
		unlink(tmp);
		return 0;
	}
	if (fileio_mkdirs(sub, 0750) != 0 || rename(tmp, path) != 0)
		goto fail;
	return sync_dir(sub);
fail:
	saved = errno;
	unlink(tmp);
	errno = saved;
	return -1;
}

/* A temporary file in dir (made if need be) for a blob being written. */
static int temp_in(const char *dir, char tmp[PATH_MAX])
{
	if (snprintf(tmp, PATH_MAX, "%s/.tmp-XXXXXX", dir) >= PATH_MAX)
		return errno = ENAMETOOLONG, -1;
	if (fileio_mkdirs(dir, 0750) != 0)
		return -1;
	return mkstemp(tmp);
}

int blob_put(const char *dir, const void *buf, size_t len, char hex[BLOB_HASH_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char sub[PATH_MAX], path[PATH_MAX], tmp[PATH_MAX];
	const unsigned char *p = buf;
	struct stat st;
	int fd, saved;

	crypto_hash_sha256(h, buf, len);
	sodium_bin2hex(hex, BLOB_HASH_HEX, h, sizeof(h));
	if (snprintf(sub, sizeof(sub), "%s/%.2s", dir, hex) >= (int)sizeof(sub) ||
	    snprintf(path, sizeof(path), "%s/%s", sub, hex) >= (int)sizeof(path))
		return errno = ENAMETOOLONG, -1;
	if (stat(path, &st) == 0 && (size_t)st.st_size == len)
		return 0;
	/* the hash is known before writing: the temporary file goes beside its final name */
	if ((fd = temp_in(sub, tmp)) < 0)
		return -1;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		p += w;
		len -= (size_t)w;
	}
	return settle(fd, tmp, dir, hex);
fail:
	saved = errno;
	close(fd);
	unlink(tmp);
	errno = saved;
	return -1;
}

#define PIECE 65536

/* Reads fd from its start (pread: its offset does not matter) to its end, feeding each piece
 * to the hash and, when out >= 0, to out; *size gets the bytes read. */
static int hash_fd(int fd, int out, uint64_t *size, char hex[BLOB_HASH_HEX])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES], buf[PIECE];
	off_t off = 0;
	ssize_t n;

	crypto_hash_sha256_init(&st);
	for (;;) {
		n = pread(fd, buf, sizeof(buf), off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		off += n;
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
		for (ssize_t done = 0; out >= 0 && done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return -1;
			done += w;
		}
	}
	*size = (uint64_t)off;
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(hex, BLOB_HASH_HEX, h, sizeof(h));
	return 0;
}

int blob_hash_fd(int fd, char hex[BLOB_HASH_HEX])
{
	uint64_t size;

	return hash_fd(fd, -1, &size, hex);
}

int blob_put_fd(const char *dir, int fd, char hex[BLOB_HASH_HEX])
{
	char tmp[PATH_MAX];
	int out = temp_in(dir, tmp), saved;
	uint64_t size;

	if (out < 0)
		return -1;
	if (hash_fd(fd, out, &size, hex) == 0)
		return settle(out, tmp, dir, hex);
	saved = errno;
	close(out);
	unlink(tmp);
	errno = saved;
	return -1;
}

int blob_open(const char *dir, const char *hex, int *fd, uint64_t *size)
{
	char path[PATH_MAX];
	struct stat st;

	if (!hex_ok(hex))
		return errno = EINVAL, -1;
	if (snprintf(path, sizeof(path), "%s/%.2s/%s", dir, hex, hex) >= (int)sizeof(path))
		return errno = ENAMETOOLONG, -1;
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return -1;
	if (fstat(*fd, &st) != 0) {
		close(*fd);
		*fd = -1;
		return -1;
	}
	*size = (uint64_t)st.st_size;
	return 0;
}

static int same(const char *hex, uint64_t size, const char *got, uint64_t got_size)
{
	if (got_size != size || strcmp(got, hex) != 0)
		return errno = EBADMSG, -1;
	return 0;
}

int blob_check(const char *dir, const char *hex, uint64_t size)
{
	char got[BLOB_HASH_HEX];
	uint64_t n, ignored;
	int fd, rc;

	if (blob_open(dir, hex, &fd, &ignored) != 0)
		return -1;
	rc = hash_fd(fd, -1, &n, got);
	close(fd);
	return rc != 0 ? -1 : same(hex, size, got, n);
}

int blob_copy(const char *src_dir, const char *dst_dir, const char *hex, uint64_t size)
{
	char sub[PATH_MAX], path[PATH_MAX], tmp[PATH_MAX], got[BLOB_HASH_HEX];
	uint64_t n, ignored;
	int in, out = -1, saved;

	if (blob_check(dst_dir, hex, size) == 0)
		return 0;
	if (snprintf(sub, sizeof(sub), "%s/%.2s", dst_dir, hex) >= (int)sizeof(sub) ||
	    snprintf(path, sizeof(path), "%s/%s", sub, hex) >= (int)sizeof(path) ||
	    snprintf(tmp, sizeof(tmp), "%s/.tmp-XXXXXX", sub) >= (int)sizeof(tmp))
		return errno = ENAMETOOLONG, -1;
	if (blob_open(src_dir, hex, &in, &ignored) != 0)
		return -1;
	if (fileio_mkdirs(sub, 0750) != 0 || (out = mkstemp(tmp)) < 0)
		goto fail;
	if (hash_fd(in, out, &n, got) != 0 || same(hex, size, got, n) != 0)
		goto fail;
	if (fsync(out) != 0 || close(out) != 0) {
		out = -1;
		goto fail;
	}
	out = -1;
	close(in);
	in = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	int dfd = open(sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	saved = fsync(dfd);
	close(dfd);
	return saved;
fail:
	saved = errno;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	unlink(tmp);
	errno = saved;
	return -1;
}
