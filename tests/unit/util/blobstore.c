/* Tests src/util/blobstore.c: the content hash as the name, storing once, reading back, hashes
 * refused before any path is built, and failures of fsync (the file's, then the directory's)
 * leaving no temporary file, no blob under the hash and no open descriptor. fsync is wrapped
 * at link time (-Wl,--wrap=fsync) so the test can make the Nth call fail with EIO. */
#include "util/blobstore.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

int __real_fsync(int fd);
int __wrap_fsync(int fd);

static int fsync_calls;   /* fsync calls since the test armed the failure */
static int fsync_fail_at; /* 1-based call that fails with EIO; 0 = none */

int __wrap_fsync(int fd)
{
	if (fsync_fail_at && ++fsync_calls == fsync_fail_at) {
		errno = EIO;
		return -1;
	}
	return __real_fsync(fd);
}

static char dir[64];

/* sha256("abc") and sha256("") */
#define ABC   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static int rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/kfq-blob-XXXXXX");
	assert_non_null(mkdtemp(dir));
	fsync_calls = fsync_fail_at = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	nftw(dir, rm, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	assert_non_null(d);
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

/* Files in dir/sub other than . and .. */
static int entries(const char *sub)
{
	char path[128];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	if (!(d = opendir(path)))
		return -1;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void test_put_open(void **state)
{
	char hex[BLOB_HASH_HEX], buf[8];
	uint64_t size;
	struct stat st;
	int fd;

	(void)state;
	assert_int_equal(blob_put(dir, "abc", 3, hex), 0);
	assert_string_equal(hex, ABC);
	assert_int_equal(entries("ba"), 1);
	assert_int_equal(blob_open(dir, ABC, &fd, &size), 0);
	assert_int_equal(size, 3);
	assert_int_equal(read(fd, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "abc", 3);
	close(fd);
	/* the same content again: stored once, not rewritten */
	char path[160];
	snprintf(path, sizeof(path), "%s/ba/%s", dir, ABC);
	assert_int_equal(stat(path, &st), 0);
	ino_t ino = st.st_ino;
	assert_int_equal(blob_put(dir, "abc", 3, hex), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_ino, ino);
	assert_int_equal(entries("ba"), 1);
	/* the empty file is a blob too */
	assert_int_equal(blob_put(dir, "", 0, hex), 0);
	assert_string_equal(hex, EMPTY);
	assert_int_equal(blob_open(dir, EMPTY, &fd, &size), 0);
	assert_int_equal(size, 0);
	close(fd);
}

static void test_open_refuses(void **state)
{
	uint64_t size;
	int fd = -1;

	(void)state;
	/* not a hash: refused before a path is built, so no name reaches the file system */
	errno = 0;
	assert_int_equal(blob_open(dir, "../../etc/passwd", &fd, &size), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(
	    blob_open(dir, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", &fd,
	              &size),
	    -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(blob_open(dir, "ba7816bf", &fd, &size), -1);
	assert_int_equal(errno, EINVAL);
	/* a well-formed hash that is not stored */
	assert_int_equal(blob_open(dir, ABC, &fd, &size), -1);
	assert_int_equal(errno, ENOENT);
}

static void test_file_fsync_fails(void **state)
{
	char hex[BLOB_HASH_HEX];
	uint64_t size;
	int before, fd;

	(void)state;
	before = open_fds();
	fsync_fail_at = 1; /* the file's own fsync */
	errno = 0;
	assert_int_equal(blob_put(dir, "abc", 3, hex), -1);
	assert_int_equal(errno, EIO);
	assert_int_equal(fsync_calls, 1);
	/* nothing under the hash, no temporary file left, no descriptor leaked */
	assert_int_equal(blob_open(dir, ABC, &fd, &size), -1);
	assert_int_equal(entries("ba"), 0);
	assert_int_equal(open_fds(), before);
	/* the next try succeeds */
	fsync_fail_at = 0;
	assert_int_equal(blob_put(dir, "abc", 3, hex), 0);
	assert_int_equal(entries("ba"), 1);
}

static void test_dir_fsync_fails(void **state)
{
	char hex[BLOB_HASH_HEX];
	int before;

	(void)state;
	before = open_fds();
	fsync_fail_at = 2; /* the directory's, after the rename */
	errno = 0;
	assert_int_equal(blob_put(dir, "abc", 3, hex), -1);
	assert_int_equal(errno, EIO);
	assert_int_equal(fsync_calls, 2);
	assert_int_equal(open_fds(), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_put_open, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_open_refuses, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_file_fsync_fails, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_dir_fsync_fails, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
