/* checkpoint.h - what kfq serve runs beside the HTTP server: the audit checkpoint writer. At
 * start, every interval and at stop it reads the audit head and, when it moved, appends the
 * checkpoint line (core/audit_checkpoint.h) to a file and writes it to the server's log, so
 * that the head is known outside the database (`kfq audit verify --checkpoint FILE`). */
#ifndef KFQ_CMD_CHECKPOINT_H
#define KFQ_CMD_CHECKPOINT_H

#include "core/audit_chain.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

struct checkpointer {
	const char *db_url; /* borrowed, as the other settings */
	const char *path;   /* the checkpoint file, appended to */
	int interval;       /* seconds between looks at the head */
	/* the writer's own */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;                 /* under mu */
	int64_t seq;               /* the last checkpoint written */
	char hash[AUDIT_HASH_HEX]; /* its hash */
};

/* Writes the first checkpoint (a file that cannot be written fails here: KFQ_EIO, the reason
 * on stderr) and starts the writer. */
int checkpoint_start(struct checkpointer *c);
/* Stops the writer, writing a last checkpoint. */
void checkpoint_stop(struct checkpointer *c);

#endif
