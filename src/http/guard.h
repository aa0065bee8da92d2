/* guard.h - (private to http/) what protects the server from being held: connection limits,
 * deadlines and the memory of bodies. The guard accepts the sockets itself and hands them to
 * libmicrohttpd (MHD_add_connection); it answers past the limits at once, and cuts a connection
 * that does not finish its headers in time or whose body comes slower than the minimum rate;
 * the time a busy worker leaves sent bytes unread is not counted. server.c tells it the phase
 * of each connection's request. One guard per process. */
#ifndef KFQ_HTTP_GUARD_H
#define KFQ_HTTP_GUARD_H

#include "util/strbuf.h"

#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>

struct guard_config {
	int max_connections;  /* concurrent connections; past it a new one gets 503 */
	int max_per_addr;     /* concurrent connections of one peer address; past it 429 */
	int header_timeout;   /* seconds to complete the headers, and the body's grace */
	int body_min_rate;    /* bytes per second a body must average after the grace */
	int body_memory_mib;  /* MiB of bodies in memory, whole process */
	int threads;          /* libmicrohttpd's worker threads */
	bool exempt_loopback; /* a trusted proxy on loopback is not limited per address */
};

struct guard;

/* Sets up the guard: raises the descriptor limit as far as the connections need, and lowers
 * max_connections (with a log line) when the system does not allow that many. */
struct guard *guard_new(const struct guard_config *cfg);
/* The connection limit to give libmicrohttpd: its workers never refuse what the guard let in. */
unsigned guard_mhd_limit(const struct guard *g);
/* Starts the thread that accepts on listen_fd (listening, non-blocking; the guard closes it
 * at guard_stop) and hands the connections to d. Returns KFQ_OK or KFQ_EIO. */
int guard_start(struct guard *g, int listen_fd, struct MHD_Daemon *d);
/* Drains (SIGTERM): accepts the connections waiting in the kernel's accept queue, closes the
 * listening socket so that new clients are refused, and closes each connection as soon as it
 * waits for a request of which nothing has arrived; one that holds a request (in part or whole,
 * read or still in its socket) stays until answered. Waits until no connection is left (nor
 * a lingering one, see guard_answered_early) or the CLOCK_MONOTONIC time `until` has come;
 * returns the number still open (0: all answered and closed). Called again, it goes on waiting
 * (the server waits in steps so that a second signal can cut the drain short). */
int guard_drain(struct guard *g, const struct timespec *until);
/* Stops the guard thread and closes the listening socket if guard_drain has not. */
void guard_stop(struct guard *g);
/* After MHD_stop_daemon. */
void guard_free(struct guard *g);

/* MHD_OPTION_NOTIFY_CONNECTION's callback, with the guard as its closure. */
void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                  enum MHD_ConnectionNotificationCode code);

/* The phases of a request on a connection; conn is libmicrohttpd's. The headers are in: no
 * deadline runs until the body begins or the answer went out (libmicrohttpd's idle timeout
 * applies), so that the route's check, which may wait for the database, is not the client's
 * time. */
void guard_headers_done(struct guard *g, struct MHD_Connection *conn);
/* The body is read from now on, at the minimum rate after the grace. */
void guard_body_begins(struct guard *g, struct MHD_Connection *conn);
/* The answer goes out before the body was read (a refusal): when the connection closes, the
 * guard reads and drops what the client still sends for a while (lingering close). */
void guard_answered_early(struct guard *g, struct MHD_Connection *conn);
void guard_body_bytes(struct guard *g, struct MHD_Connection *conn, size_t n);
void guard_body_done(struct guard *g, struct MHD_Connection *conn);
/* The answer went out: the connection waits for its next request's headers, and is closed
 * quietly (no 408) if none comes within the header deadline. */
void guard_request_done(struct guard *g, struct MHD_Connection *conn);

/* Reserves n bytes of the process's memory for bodies; false (nothing reserved) past the cap. */
bool guard_body_reserve(struct guard *g, size_t n);
void guard_body_release(struct guard *g, size_t n);

/* Connections open, refused and cut, and the bytes of bodies in memory (Prometheus text) of
 * the running guard; nothing when there is none. */
void guard_metrics_write(struct strbuf *sb);

#endif
