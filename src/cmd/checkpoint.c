/* checkpoint.c - kfq serve's audit checkpoint writer: one thread that wakes every interval,
 * reads the head on a connection of its own and appends a line when the head moved. Must not
 * write the database. */
#include "cmd/checkpoint.h"

#include "core/audit_checkpoint.h"
#include "http/http.h"
#include "store/store_audit.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int open_append(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	const char *slash = strrchr(path, '/');
	char dir[4096];

	/* the default var/ beside the working directory may not exist yet, as with var/files */
	if (fd >= 0 || errno != ENOENT || !slash || slash == path ||
	    (size_t)(slash - path) >= sizeof(dir))
		return fd;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = 0;
	if (mkdir(dir, 0750) != 0 && errno != EEXIST)
		return -1;
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

static int append(const char *path, const struct strbuf *line)
{
	int fd = open_append(path);
	size_t done = 0;
	int rc = KFQ_OK;

	if (fd < 0)
		return KFQ_EIO;
	while (done < line->len) {
		ssize_t w = write(fd, line->buf + done, line->len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = KFQ_EIO;
			break;
		}
		done += (size_t)w;
	}
	/* a checkpoint is worth having only once it is on disk */
	if (fsync(fd) != 0)
		rc = KFQ_EIO;
	if (close(fd) != 0)
		rc = KFQ_EIO;
	return rc;
}

/* One look at the head; a line when it moved since the last one. */
static int write_one(struct checkpointer *c)
{
	struct store *s;
	struct strbuf line = STRBUF_INIT;
	char err[512], hash[AUDIT_HASH_HEX], now[TIME_RFC3339_LEN];
	int64_t seq;
	int rc;

	if ((rc = store_open(c->db_url, &s, err, sizeof(err))) != KFQ_OK) {
		log_error("audit checkpoint: %s", err);
		return rc;
	}
	rc = store_audit_head(s, &seq, hash);
	if (rc != KFQ_OK)
		log_error("audit checkpoint: %s", store_errmsg(s));
	store_close(s);
	/* an empty log has nothing to keep */
	if (rc != KFQ_OK || seq == 0 || (seq == c->seq && !strcmp(hash, c->hash)))
		return rc;
	time_format(time_now(), now);
	audit_checkpoint_line(&line, now, seq, hash);
	if ((rc = append(c->path, &line)) != KFQ_OK) {
		log_error("audit checkpoint: cannot write %s: %s", c->path, strerror(errno));
	} else {
		c->seq = seq;
		memcpy(c->hash, hash, sizeof(hash));
	}
	/* the log gets it even when the file cannot: it may be the copy that survives */
	http_log_line(line.buf, line.len);
	strbuf_release(&line);
	return rc;
}

static void *run(void *arg)
{
	struct checkpointer *c = arg;
	struct timespec until;

	pthread_mutex_lock(&c->mu);
	clock_gettime(CLOCK_MONOTONIC, &until);
	while (!c->stop) {
		until.tv_sec += c->interval;
		while (!c->stop && pthread_cond_timedwait(&c->cv, &c->mu, &until) != ETIMEDOUT)
			;
		if (c->stop)
			break;
		pthread_mutex_unlock(&c->mu);
		(void)write_one(c); /* reported; the next interval tries again */
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

int checkpoint_start(struct checkpointer *c)
{
	pthread_condattr_t ca;
	sigset_t all, old;
	int rc;

	c->seq = -1;
	c->hash[0] = 0;
	c->stop = false;
	if (write_one(c) != KFQ_OK)
		return KFQ_EIO;
	pthread_mutex_init(&c->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&c->cv, &ca);
	pthread_condattr_destroy(&ca);
	/* signals are for the main thread (http_serve waits for SIGTERM): the writer blocks all */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&c->thread, NULL, run, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		fatal("cannot start the audit checkpoint writer: %s", strerror(rc));
	return KFQ_OK;
}

void checkpoint_stop(struct checkpointer *c)
{
	pthread_mutex_lock(&c->mu);
	c->stop = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	(void)write_one(c); /* the head at stop; a failure is reported */
}
