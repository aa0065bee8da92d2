/* blobstore.c - content-addressed files. Must not be given names from users: only hashes. */
#include "util/blobstore.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int mkdirs(const char *path)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return errno = ENAMETOOLONG, -1;
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0750) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0750) != 0 && errno != EEXIST)
		return -1;
	return 0;
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

int blob_put(const char *dir, const void *buf, size_t len, char hex[BLOB_HASH_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char sub[PATH_MAX], path[PATH_MAX], tmp[PATH_MAX];
	const unsigned char *p = buf;
	struct stat st;
	int fd;

	crypto_hash_sha256(h, buf, len);
	sodium_bin2hex(hex, BLOB_HASH_HEX, h, sizeof(h));
	if (snprintf(sub, sizeof(sub), "%s/%.2s", dir, hex) >= (int)sizeof(sub) ||
	    snprintf(path, sizeof(path), "%s/%s", sub, hex) >= (int)sizeof(path) ||
	    snprintf(tmp, sizeof(tmp), "%s/.tmp-XXXXXX", sub) >= (int)sizeof(tmp))
		return errno = ENAMETOOLONG, -1;
	if (stat(path, &st) == 0 && (size_t)st.st_size == len)
		return 0;
	if (mkdirs(sub) != 0)
		return -1;
	fd = mkstemp(tmp);
	if (fd < 0)
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
	if (fsync(fd) != 0)
		goto fail;
	/* a failed close has released the descriptor all the same */
	int closed = close(fd);
	fd = -1;
	if (closed != 0)
		goto fail;
	if (rename(tmp, path) != 0)
		goto fail;
	/* make the rename itself durable */
	int dfd = open(sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		int rc = fsync(dfd);
		close(dfd);
		if (rc != 0)
			return -1;
	}
	return 0;
fail : {
	int saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
	return -1;
}
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

/* Reads fd to its end into the hash, and into out when out >= 0. */
static int hash_fd(int fd, int out, uint64_t *size, char hex[BLOB_HASH_HEX])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES], buf[65536];
	ssize_t n;

	crypto_hash_sha256_init(&st);
	*size = 0;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		crypto_hash_sha256_update(&st, buf, (size_t)n);
		*size += (uint64_t)n;
		for (ssize_t done = 0; out >= 0 && done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return -1;
			done += w;
		}
	}
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(hex, BLOB_HASH_HEX, h, sizeof(h));
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
	if (mkdirs(sub) != 0 || (out = mkstemp(tmp)) < 0)
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
