/* guard.c - the connection guard: accepts sockets, refuses past the limits at once, cuts
 * connections that are too slow, and counts the memory of bodies. libmicrohttpd 0.9.75 has
 * only an idle timeout, which a client that sends one byte every few seconds never reaches,
 * and at its connection limit it stops accepting, so that new clients wait unanswered; so the
 * guard accepts itself (DECISIONS 57). Must not read requests or know routes.
 *
 * A slot per descriptor holds the phase of the connection on it and when that phase began.
 * The guard thread accepts, and every HTTP_GUARD_TICK_MS cuts the slots past their deadline:
 * it writes a 408 and shuts the socket down, and libmicrohttpd, finding it closed, closes the
 * connection. libmicrohttpd reports a closed connection (NOTIFY_CLOSED) before it closes the
 * descriptor, so while a slot is live its descriptor is the connection's.
 *
 * A deadline is against the client, never against the server (DECISIONS 185): a worker of
 * libmicrohttpd serves many connections one after another, so while it runs one request's
 * handler (an argon2id check, a long computation) what the others sent waits unread in their
 * sockets. A late slot whose socket holds unread bytes is therefore not cut: its clock stands
 * still until the worker has read them, and only a client that has not sent enough is cut.
 *
 * On SIGTERM the guard drains (DECISIONS 198): it accepts what waits in the kernel's accept
 * queue, closes the listening socket (newcomers are refused), and from then on closes every
 * connection that has received nothing of a request, while those holding a request, whole or
 * in part, read or unread, go on until answered; the server waits until none is left. */
#include "http/guard.h"

#include "http/limits.h"
#include "http/peers.h"
#include "util/log.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum phase {
	FREE,    /* no connection */
	QUEUED,  /* accepted and handed over; libmicrohttpd has not started it yet */
	HEADERS, /* waiting for the headers of a new connection's first request */
	IDLE,    /* kept alive after an answer, waiting for the next request's headers */
	BODY,    /* receiving a body */
	BUSY,    /* handling or answering: libmicrohttpd's idle timeout applies */
	CUT,     /* shut down by the guard; libmicrohttpd will close it */
};

struct slot {
	enum phase phase;
	int64_t since;          /* ms (monotonic) the phase began */
	uint64_t body_bytes;    /* received in the BODY phase */
	unsigned char addr[16]; /* the peer (IPv4 as v4-mapped IPv6) */
	bool limited;           /* counted against the per-address limit */
	bool linger;            /* answered before its body was read: linger when closed */
	int64_t late;           /* ms it was first found late with nothing unread; 0 = not */
	uint64_t taken;         /* bytes of the socket libmicrohttpd had read when HEADERS or
	                           IDLE began: more than that received = a request is coming */
};

/* A socket closed after an answer that came before the client had sent everything: what still
 * arrives is read and dropped for a while, so that the client reads the answer rather than a
 * reset (nginx's lingering close). Only the guard thread closes these. */
struct lingering {
	int fd;
	int64_t until; /* ms; closed then whatever still comes */
};

struct guard {
	struct guard_config cfg;
	pthread_mutex_t lock; /* slots, peers, open */
	struct slot *slots;   /* indexed by descriptor */
	int nslots;
	int hi;             /* highest descriptor seen + 1: the reaper looks below it */
	struct peers peers; /* connections per address */
	int open;           /* slots not FREE */
	int listen_fd;      /* -1 once closed; only the guard thread closes it while it runs */
	int wake_fd;        /* eventfd that wakes the thread to drain or to stop */
	int reserve_fd;     /* given up to accept (and refuse) when descriptors run out */
	struct MHD_Daemon *daemon;
	pthread_t thread;
	int64_t reaped; /* ms of the reaper's last look */
	bool running;
	atomic_bool stop;
	atomic_bool draining;      /* SIGTERM: accept no more, close what holds no request */
	pthread_cond_t drained;    /* with lock: a slot freed or a lingering socket closed */
	atomic_size_t body_memory; /* bytes reserved by bodies in memory */
	size_t body_memory_max;
	struct lingering lingering[HTTP_LINGER_MAX];
	int nlingering;
	char busy[512], per_addr[512], timeout[512]; /* canned answers */
	size_t busy_len, per_addr_len, timeout_len;
	atomic_ullong refused_busy, refused_per_addr, cut_headers, cut_body;
};

static struct guard *running_guard; /* for /metrics */

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t canned(char *out, size_t cap, int status, const char *reason, const char *code,
                     const char *message, bool retry)
{
	char body[256];
	int n = snprintf(body, sizeof(body),
	                 "{\"error\":{\"code\":\"%s\",\"message\":\"%s\",\"field\":null}}", code,
	                 message);
	int m = snprintf(out, cap,
	                 "HTTP/1.1 %d %s\r\nContent-Type: application/json; charset=utf-8\r\n"
	                 "Content-Length: %d\r\n%sConnection: close\r\n\r\n%s",
	                 status, reason, n, retry ? "Retry-After: 1\r\n" : "", body);
	if (n < 0 || (size_t)n >= sizeof(body) || m < 0 || (size_t)m >= cap)
		fatal("guard: canned answer too long");
	return (size_t)m;
}

static void addr_key(const struct sockaddr *sa, unsigned char out[16], bool *loopback)
{
	memset(out, 0, 16);
	*loopback = false;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &in->sin_addr, 4);
		*loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		memcpy(out, &in6->sin6_addr, 16);
		*loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	}
}

/* ---- slots (called with the lock held) ---- */

static void slot_take(struct guard *g, int fd, const unsigned char addr[16], bool limited,
                      enum phase phase)
{
	struct slot *s = &g->slots[fd];

	s->phase = phase;
	s->since = now_ms();
	s->body_bytes = 0;
	s->linger = false;
	s->late = 0;
	s->taken = 0;
	memcpy(s->addr, addr, 16);
	s->limited = limited;
	if (limited)
		peers_add(&g->peers, addr);
	g->open++;
	if (fd >= g->hi)
		g->hi = fd + 1;
}

static void slot_free(struct guard *g, struct slot *s)
{
	if (s->phase == FREE)
		return;
	if (s->limited)
		peers_drop(&g->peers, s->addr);
	s->phase = FREE;
	if (--g->open == 0)
		pthread_cond_broadcast(&g->drained);
}

/* ---- accepting ---- */

/* ---- lingering ---- */

/* Takes over fd (a socket whose answer is sent and whose writing side is shut down) to linger;
 * closes it at once when HTTP_LINGER_MAX sockets already linger. Called with the lock held. */
static void linger(struct guard *g, int fd)
{
	if (g->nlingering == HTTP_LINGER_MAX) {
		close(fd);
		return;
	}
	g->lingering[g->nlingering].fd = fd;
	g->lingering[g->nlingering++].until = now_ms() + HTTP_LINGER_SECONDS * 1000;
}

/* Reads and drops what is there; true when the client has finished (end or error). */
static bool drain(int fd)
{
	char sink[16384];

	for (int i = 0; i < 64; i++) {
		ssize_t n = recv(fd, sink, sizeof(sink), MSG_DONTWAIT);
		if (n > 0)
			continue;
		return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
	}
	return false;
}

/* Closes the lingering sockets whose client finished (in done) or whose time is up. */
static void linger_sweep(struct guard *g, const int *done, int ndone)
{
	int64_t now = now_ms();

	pthread_mutex_lock(&g->lock);
	for (int i = 0; i < g->nlingering;) {
		bool finished = now >= g->lingering[i].until;
		for (int k = 0; k < ndone && !finished; k++)
			finished = done[k] == g->lingering[i].fd;
		if (!finished) {
			i++;
			continue;
		}
		close(g->lingering[i].fd);
		g->lingering[i] = g->lingering[--g->nlingering];
		if (g->nlingering == 0)
			pthread_cond_broadcast(&g->drained);
	}
	pthread_mutex_unlock(&g->lock);
}

/* Answers at once, then lingers: what the client sent already, and sends still, is read and
 * dropped, since closing with unread bytes resets the connection and can lose the answer. */
static void refuse(struct guard *g, int fd, const char *answer, size_t len)
{
	if (send(fd, answer, len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		errno = 0; /* the client is gone: nothing to tell it */
	shutdown(fd, SHUT_WR);
	pthread_mutex_lock(&g->lock);
	linger(g, fd);
	pthread_mutex_unlock(&g->lock);
}

/* Accepts when descriptors have run out: the reserve descriptor makes room for one more,
 * which is refused, so that the client hears 503 instead of waiting in the backlog. */
static void accept_exhausted(struct guard *g)
{
	int fd;

	if (g->reserve_fd < 0)
		return;
	close(g->reserve_fd);
	fd = accept4(g->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd >= 0) {
		/* no lingering here: the descriptor is needed back at once */
		if (send(fd, g->busy, g->busy_len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
			errno = 0;
		close(fd);
		atomic_fetch_add(&g->refused_busy, 1);
	}
	g->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
}

static void accept_one(struct guard *g, int fd, const struct sockaddr *sa, socklen_t salen)
{
	unsigned char addr[16];
	bool loopback, limited;
	const char *why = NULL;

	addr_key(sa, addr, &loopback);
	limited = !(g->cfg.exempt_loopback && loopback);
	pthread_mutex_lock(&g->lock);
	if (fd >= g->nslots || g->open >= g->cfg.max_connections)
		why = g->busy;
	else if (limited && peers_count(&g->peers, addr) >= g->cfg.max_per_addr)
		why = g->per_addr;
	else {
		/* a slot still QUEUED here belonged to a descriptor libmicrohttpd closed without
		 * starting it (it could not allocate): let it go */
		slot_free(g, &g->slots[fd]);
		slot_take(g, fd, addr, limited, QUEUED);
	}
	pthread_mutex_unlock(&g->lock);
	if (why == g->busy) {
		refuse(g, fd, g->busy, g->busy_len);
		atomic_fetch_add(&g->refused_busy, 1);
		return;
	}
	if (why) {
		refuse(g, fd, g->per_addr, g->per_addr_len);
		atomic_fetch_add(&g->refused_per_addr, 1);
		return;
	}
	/* from here the descriptor is libmicrohttpd's, which closes it even on failure */
	if (MHD_add_connection(g->daemon, fd, sa, salen) != MHD_YES) {
		pthread_mutex_lock(&g->lock);
		if (g->slots[fd].phase == QUEUED)
			slot_free(g, &g->slots[fd]);
		pthread_mutex_unlock(&g->lock);
	}
}

/* Returns true when the batch ended with more perhaps waiting. */
static bool accept_all(struct guard *g)
{
	/* a bounded batch, so that the deadlines are looked at even under a flood */
	for (int i = 0; i < HTTP_ACCEPT_BATCH; i++) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);
		int fd = accept4(g->listen_fd, (struct sockaddr *)&ss, &len,
		                 SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd >= 0) {
			accept_one(g, fd, (struct sockaddr *)&ss, len);
			continue;
		}
		if (errno == EMFILE || errno == ENFILE)
			accept_exhausted(g);
		else if (errno == EINTR || errno == ECONNABORTED)
			continue;
		return false;
	}
	return true;
}

/* ---- deadlines ---- */

static bool overdue(const struct guard *g, const struct slot *s, int64_t now)
{
	int64_t grace = (int64_t)g->cfg.header_timeout * 1000, t = now - s->since;

	if (s->phase == HEADERS || s->phase == IDLE)
		return t > grace;
	if (s->phase == BODY && t > grace)
		return s->body_bytes < (uint64_t)((t - grace) * g->cfg.body_min_rate / 1000);
	return false;
}

/* Whether the client sent bytes that libmicrohttpd has not read yet: its worker is busy with
 * another connection, and the time is the server's. */
static bool unread(int fd)
{
	int n = 0;

	return ioctl(fd, FIONREAD, &n) == 0 && n > 0;
}

/* Whether a late slot is cut now. With bytes unread its clock stands still since the last
 * look: a body's required bytes do not grow while the server does not read them. With nothing
 * unread it is cut only when it is still late HTTP_GUARD_CONFIRM_MS later, since a worker may
 * have read the last bytes of the headers and not yet reported them. */
static bool cut_now(struct guard *g, struct slot *s, int fd, int64_t now)
{
	if (unread(fd)) {
		s->since += now - (s->since > g->reaped ? s->since : g->reaped);
		s->late = 0;
		return false;
	}
	if (!s->late)
		s->late = now;
	return now - s->late >= HTTP_GUARD_CONFIRM_MS;
}

static void reap(struct guard *g)
{
	int64_t now = now_ms();

	pthread_mutex_lock(&g->lock);
	for (int fd = 0; fd < g->hi; fd++) {
		struct slot *s = &g->slots[fd];
		if (!overdue(g, s, now)) {
			s->late = 0;
			continue;
		}
		if (!cut_now(g, s, fd, now))
			continue;
		/* a kept-alive connection is closed quietly, as nginx's keepalive_timeout does:
		 * a 408 written to it would be read by a client that sends its next request at
		 * that moment as the answer to that request */
		if (s->phase != IDLE &&
		    send(fd, g->timeout, g->timeout_len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
			errno = 0; /* the client is gone: shutting down is all that is left */
		shutdown(fd, SHUT_RDWR);
		if (s->phase != IDLE)
			atomic_fetch_add(s->phase == HEADERS ? &g->cut_headers : &g->cut_body, 1);
		s->phase = CUT;
	}
	g->reaped = now;
	pthread_mutex_unlock(&g->lock);
}

/* ---- draining ---- */

/* The bytes libmicrohttpd has read from the socket: received (TCP_INFO, Linux 4.1) less those
 * unread. UINT64_MAX when the system does not tell, so that the connection is kept. */
static uint64_t consumed(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);
	int unread_n = 0;

	memset(&ti, 0, sizeof(ti));
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0 ||
	    len < offsetof(struct tcp_info, tcpi_bytes_received) + sizeof(ti.tcpi_bytes_received) ||
	    ioctl(fd, FIONREAD, &unread_n) != 0)
		return UINT64_MAX;
	return ti.tcpi_bytes_received - (uint64_t)unread_n;
}

/* Whether the client has closed its side, or reset, with nothing left unread. */
static bool peer_gone(int fd)
{
	char c;
	ssize_t n = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);

	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

/* Closes, quietly as after a keep-alive time, the connections waiting for a request of which
 * nothing has arrived: neither unread bytes nor bytes libmicrohttpd took since the phase began
 * (the start of a request's headers). A QUEUED one waits until libmicrohttpd has started it.
 * Also those whose client has gone before its request was whole, since no answer can follow:
 * libmicrohttpd 0.9.75 may not notice the end of a connection in the middle of a body until
 * its idle timeout (30 s), which would hold the drain to its end. */
static void close_idle(struct guard *g)
{
	pthread_mutex_lock(&g->lock);
	for (int fd = 0; fd < g->hi; fd++) {
		struct slot *s = &g->slots[fd];
		if (s->phase != HEADERS && s->phase != IDLE && s->phase != BODY)
			continue;
		if (!peer_gone(fd) && (s->phase == BODY || unread(fd) || consumed(fd) != s->taken))
			continue;
		shutdown(fd, SHUT_RDWR);
		s->phase = CUT;
	}
	pthread_mutex_unlock(&g->lock);
}

/* Accepts what the kernel has queued (a connection there may hold a whole request), then
 * closes the listening socket: from now on a new client is refused at once. */
static void stop_accepting(struct guard *g)
{
	for (int i = 0; i < SOMAXCONN / HTTP_ACCEPT_BATCH + 1 && accept_all(g); i++)
		continue;
	pthread_mutex_lock(&g->lock);
	close(g->listen_fd);
	g->listen_fd = -1;
	if (g->open == 0)
		pthread_cond_broadcast(&g->drained);
	pthread_mutex_unlock(&g->lock);
}

static void *run(void *arg)
{
	struct guard *g = arg;
	struct pollfd p[2 + HTTP_LINGER_MAX];
	int done[HTTP_LINGER_MAX];
	int64_t next = now_ms() + HTTP_GUARD_TICK_MS;

	p[0] = (struct pollfd){.fd = g->listen_fd, .events = POLLIN};
	p[1] = (struct pollfd){.fd = g->wake_fd, .events = POLLIN};
	while (!atomic_load(&g->stop)) {
		int64_t wait = next - now_ms();
		int n = 2, ndone = 0;
		pthread_mutex_lock(&g->lock);
		for (int i = 0; i < g->nlingering; i++)
			p[n++] = (struct pollfd){.fd = g->lingering[i].fd, .events = POLLIN};
		pthread_mutex_unlock(&g->lock);
		if (poll(p, (nfds_t)n, wait > 0 ? (int)wait : 0) > 0) {
			uint64_t count;
			if (p[0].revents & POLLIN)
				accept_all(g);
			/* emptied so that poll waits again; the flags say what the wake was for */
			if ((p[1].revents & POLLIN) && read(g->wake_fd, &count, sizeof(count)) < 0)
				errno = 0;
			for (int i = 2; i < n; i++)
				if (p[i].revents && drain(p[i].fd))
					done[ndone++] = p[i].fd;
		}
		if (ndone)
			linger_sweep(g, done, ndone);
		if (atomic_load(&g->draining) && p[0].fd >= 0) {
			stop_accepting(g);
			p[0].fd = -1; /* poll skips it */
			close_idle(g);
		}
		if (now_ms() >= next) {
			reap(g);
			if (atomic_load(&g->draining))
				close_idle(g);
			linger_sweep(g, NULL, 0);
			next = now_ms() + HTTP_GUARD_TICK_MS;
		}
	}
	return NULL;
}

/* ---- set-up ---- */

/* Raises the soft descriptor limit to what the connections need; lowers the connection limit
 * when the hard limit is below that. Returns the number of slots (descriptors) to track. */
static int fit_descriptors(struct guard_config *cfg)
{
	const rlim_t keep = HTTP_FD_RESERVE + HTTP_LINGER_MAX;
	rlim_t want = (rlim_t)cfg->max_connections + keep;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		fatal("guard: getrlimit: %s", strerror(errno));
	if (rl.rlim_cur < want) {
		struct rlimit up = {rl.rlim_max < want ? rl.rlim_max : want, rl.rlim_max};
		if (setrlimit(RLIMIT_NOFILE, &up) == 0)
			rl = up;
	}
	if (rl.rlim_cur < want) {
		int fit =
		    rl.rlim_cur > 2 * keep ? (int)(rl.rlim_cur - keep) : (int)(rl.rlim_cur / 2);
		log_error(
		    "serve: only %llu descriptors (ulimit -n): at most %d connections, not %d",
		    (unsigned long long)rl.rlim_cur, fit, cfg->max_connections);
		cfg->max_connections = fit;
	}
	return cfg->max_connections + (int)keep;
}

struct guard *guard_new(const struct guard_config *cfg)
{
	struct guard *g = xcalloc(1, sizeof(*g));

	g->cfg = *cfg;
	g->nslots = fit_descriptors(&g->cfg);
	g->slots = xcalloc((size_t)g->nslots, sizeof(*g->slots));
	peers_init(&g->peers, (size_t)g->cfg.max_connections);
	g->body_memory_max = (size_t)g->cfg.body_memory_mib * 1024 * 1024;
	g->listen_fd = g->wake_fd = -1;
	g->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	pthread_condattr_t ca;
	if (pthread_mutex_init(&g->lock, NULL) != 0 || pthread_condattr_init(&ca) != 0 ||
	    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
	    pthread_cond_init(&g->drained, &ca) != 0)
		fatal("guard: cannot set up its lock");
	pthread_condattr_destroy(&ca);
	g->busy_len = canned(g->busy, sizeof(g->busy), 503, "Service Unavailable", "server_busy",
	                     "服务器连接数已满，请稍后重试", true);
	g->per_addr_len =
	    canned(g->per_addr, sizeof(g->per_addr), 429, "Too Many Requests",
	           "too_many_connections", "来自同一地址的连接过多，请稍后重试", true);
	g->timeout_len = canned(g->timeout, sizeof(g->timeout), 408, "Request Timeout",
	                        "request_timeout", "请求发送过慢，连接已关闭", false);
	return g;
}

unsigned guard_mhd_limit(const struct guard *g)
{
	/* libmicrohttpd splits its limit evenly over its workers and refuses in a full worker
	 * even when others have room: give every worker the whole limit */
	return (unsigned)g->cfg.max_connections *
	       (unsigned)(g->cfg.threads > 0 ? g->cfg.threads : 1);
}

int guard_start(struct guard *g, int listen_fd, struct MHD_Daemon *d)
{
	g->listen_fd = listen_fd;
	g->daemon = d;
	g->reaped = now_ms();
	g->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (g->wake_fd < 0 || pthread_create(&g->thread, NULL, run, g) != 0) {
		log_error("serve: cannot start the connection guard: %s", strerror(errno));
		return KFQ_EIO;
	}
	g->running = true;
	running_guard = g;
	return KFQ_OK;
}

void guard_stop(struct guard *g)
{
	uint64_t one = 1;

	if (!g->running)
		return;
	atomic_store(&g->stop, true);
	if (write(g->wake_fd, &one, sizeof(one)) < 0)
		fatal("guard: cannot wake the guard thread: %s", strerror(errno));
	pthread_join(g->thread, NULL);
	g->running = false;
	if (g->listen_fd >= 0)
		close(g->listen_fd);
	g->listen_fd = -1;
}

int guard_drain(struct guard *g, const struct timespec *until)
{
	uint64_t one = 1;
	int open;

	if (!g->running)
		return 0;
	if (!atomic_exchange(&g->draining, true) && write(g->wake_fd, &one, sizeof(one)) < 0)
		fatal("guard: cannot wake the guard thread: %s", strerror(errno));
	pthread_mutex_lock(&g->lock);
	/* a lingering socket holds an answer the client may still be reading */
	while ((g->listen_fd >= 0 || g->open > 0 || g->nlingering > 0) &&
	       pthread_cond_timedwait(&g->drained, &g->lock, until) != ETIMEDOUT)
		continue;
	open = g->open + g->nlingering;
	pthread_mutex_unlock(&g->lock);
	return open;
}

void guard_free(struct guard *g)
{
	if (!g)
		return;
	guard_stop(g);
	if (running_guard == g)
		running_guard = NULL;
	for (int i = 0; i < g->nlingering; i++)
		close(g->lingering[i].fd);
	if (g->wake_fd >= 0)
		close(g->wake_fd);
	if (g->reserve_fd >= 0)
		close(g->reserve_fd);
	pthread_cond_destroy(&g->drained);
	pthread_mutex_destroy(&g->lock);
	free(g->slots);
	peers_release(&g->peers);
	free(g);
}

/* ---- what libmicrohttpd and server.c report ---- */

void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                  enum MHD_ConnectionNotificationCode code)
{
	struct guard *g = cls;

	pthread_mutex_lock(&g->lock);
	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		struct slot *sl = *socket_context;
		if (sl && sl->linger) {
			/* libmicrohttpd closes its descriptor after this; a duplicate keeps the
			 * socket for the guard to linger on */
			int fd = dup((int)(sl - g->slots));
			if (fd >= 0)
				linger(g, fd);
		}
		if (sl)
			slot_free(g, sl);
		*socket_context = NULL;
	} else {
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		int fd = ci ? ci->connect_fd : -1;
		if (fd >= 0 && fd < g->nslots && g->slots[fd].phase == QUEUED) {
			/* the header deadline runs from accept */
			g->slots[fd].phase = HEADERS;
			*socket_context = &g->slots[fd];
		}
	}
	pthread_mutex_unlock(&g->lock);
}

static struct slot *slot_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* taken: what libmicrohttpd had read of the socket, for IDLE (see close_idle) */
static void set_phase(struct guard *g, struct slot *s, enum phase phase, uint64_t taken)
{
	if (!s)
		return;
	pthread_mutex_lock(&g->lock);
	if (s->phase != CUT && s->phase != FREE) {
		s->phase = phase;
		s->since = now_ms();
		s->body_bytes = 0;
		s->late = 0;
		s->taken = taken;
	}
	pthread_mutex_unlock(&g->lock);
}

void guard_headers_done(struct guard *g, struct MHD_Connection *conn)
{
	set_phase(g, slot_of(conn), BUSY, 0);
}

void guard_body_begins(struct guard *g, struct MHD_Connection *conn)
{
	set_phase(g, slot_of(conn), BODY, 0);
}

void guard_answered_early(struct guard *g, struct MHD_Connection *conn)
{
	struct slot *s = slot_of(conn);

	if (!s)
		return;
	pthread_mutex_lock(&g->lock);
	s->linger = true;
	pthread_mutex_unlock(&g->lock);
}

void guard_body_bytes(struct guard *g, struct MHD_Connection *conn, size_t n)
{
	struct slot *s = slot_of(conn);

	if (!s)
		return;
	pthread_mutex_lock(&g->lock);
	s->body_bytes += n;
	pthread_mutex_unlock(&g->lock);
}

void guard_body_done(struct guard *g, struct MHD_Connection *conn)
{
	set_phase(g, slot_of(conn), BUSY, 0);
}

void guard_request_done(struct guard *g, struct MHD_Connection *conn)
{
	struct slot *s = slot_of(conn);

	/* two system calls per request, outside the lock */
	if (s)
		set_phase(g, s, IDLE, consumed((int)(s - g->slots)));
}

bool guard_body_reserve(struct guard *g, size_t n)
{
	size_t cur = atomic_load(&g->body_memory);

	do {
		if (n > g->body_memory_max || cur > g->body_memory_max - n)
			return false;
	} while (!atomic_compare_exchange_weak(&g->body_memory, &cur, cur + n));
	return true;
}

void guard_body_release(struct guard *g, size_t n)
{
	atomic_fetch_sub(&g->body_memory, n);
}

void guard_metrics_write(struct strbuf *sb)
{
	struct guard *g = running_guard;
	int open;

	if (!g)
		return;
	pthread_mutex_lock(&g->lock);
	open = g->open;
	pthread_mutex_unlock(&g->lock);
	strbuf_addf(sb,
	            "# HELP kfq_http_connections Connections open now.\n"
	            "# TYPE kfq_http_connections gauge\nkfq_http_connections %d\n"
	            "# HELP kfq_http_connections_refused_total Connections answered at once and "
	            "closed: all connections in use (503), or those of one address (429).\n"
	            "# TYPE kfq_http_connections_refused_total counter\n"
	            "kfq_http_connections_refused_total{reason=\"busy\"} %llu\n"
	            "kfq_http_connections_refused_total{reason=\"per_address\"} %llu\n"
	            "# HELP kfq_http_connections_cut_total Connections closed for not finishing "
	            "their headers in time, or sending a body slower than the minimum rate.\n"
	            "# TYPE kfq_http_connections_cut_total counter\n"
	            "kfq_http_connections_cut_total{phase=\"headers\"} %llu\n"
	            "kfq_http_connections_cut_total{phase=\"body\"} %llu\n"
	            "# HELP kfq_http_body_memory_bytes Request bodies held in memory now.\n"
	            "# TYPE kfq_http_body_memory_bytes gauge\nkfq_http_body_memory_bytes %zu\n"
	            "# HELP kfq_http_worker_threads Worker threads answering requests, each with "
	            "its own database connection.\n"
	            "# TYPE kfq_http_worker_threads gauge\nkfq_http_worker_threads %d\n",
	            open, atomic_load(&g->refused_busy), atomic_load(&g->refused_per_addr),
	            atomic_load(&g->cut_headers), atomic_load(&g->cut_body),
	            atomic_load(&g->body_memory), g->cfg.threads);
}
