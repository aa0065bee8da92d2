/* fileio.h - the few file operations several modules need, with EINTR and short reads and
 * writes handled once: mkdir -p, write everything, read everything at an offset, an unnamed
 * temporary file. */
#ifndef KFQ_UTIL_FILEIO_H
#define KFQ_UTIL_FILEIO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* mkdir -p: creates the missing directories of path with mode. Returns 0 or -1 (errno). */
int fileio_mkdirs(const char *path, mode_t mode);
/* Writes all n bytes. Returns 0 or -1 (errno). */
int fileio_write_all(int fd, const void *buf, size_t n);
/* Reads exactly n bytes at offset off. Returns 0, or -1 with errno (EIO for a short file). */
int fileio_pread_all(int fd, void *buf, size_t n, uint64_t off);

/* Opens an unnamed read-write file in dir (created with mode 0700 if missing): nothing is left
 * behind when the process dies, and nothing outside can open it. Returns the descriptor (the
 * caller closes it), or -1 with errno. */
int fileio_open_unnamed(const char *dir);

#endif
