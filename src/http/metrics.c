/* metrics.c - request counters by route and status and a latency histogram, in Prometheus text
 * format. Lock-free (relaxed atomics): a scrape may see a request counted in one series and
 * not yet in another, which Prometheus tolerates. */
#include "http/http.h"

#include "http/guard.h"

#include <stdatomic.h>
#include <stdio.h>

#define NSTATUS 6 /* 1xx..5xx by class, index 0 unused */
static const double buckets_ms[] = {0.5, 1, 2, 5, 10, 25, 50, 100, 250, 1000};
#define NBUCKETS (sizeof(buckets_ms) / sizeof(buckets_ms[0]))

/* slot HTTP_MAX_ROUTES is "unmatched" (static files, 404) */
static atomic_ullong counts[HTTP_MAX_ROUTES + 1][NSTATUS];
static atomic_ullong hist[NBUCKETS + 1];
static atomic_ullong sum_us;
static atomic_ullong total;

void http_metrics_record(int route_index, int status, uint64_t ns)
{
	int r = route_index >= 0 && route_index < HTTP_MAX_ROUTES ? route_index : HTTP_MAX_ROUTES;
	int c = status / 100;
	double ms = (double)ns / 1e6;
	size_t b = 0;

	if (c < 1 || c >= NSTATUS)
		c = 5;
	atomic_fetch_add_explicit(&counts[r][c], 1, memory_order_relaxed);
	while (b < NBUCKETS && ms > buckets_ms[b])
		b++;
	atomic_fetch_add_explicit(&hist[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&sum_us, ns / 1000, memory_order_relaxed);
	atomic_fetch_add_explicit(&total, 1, memory_order_relaxed);
}

void http_metrics_write(const struct http_router *router, struct strbuf *sb)
{
	unsigned long long cum = 0;

	strbuf_addstr(sb,
	              "# HELP kfq_http_requests_total HTTP requests by route and status class.\n"
	              "# TYPE kfq_http_requests_total counter\n");
	for (int r = 0; r <= HTTP_MAX_ROUTES; r++) {
		if (r < HTTP_MAX_ROUTES && r >= router->nroutes)
			continue;
		for (int c = 1; c < NSTATUS; c++) {
			unsigned long long n =
			    atomic_load_explicit(&counts[r][c], memory_order_relaxed);
			if (!n)
				continue;
			if (r == HTTP_MAX_ROUTES)
				strbuf_addf(sb,
				            "kfq_http_requests_total{method=\"\",route=\"other\","
				            "status=\"%dxx\"} %llu\n",
				            c, n);
			else
				strbuf_addf(sb,
				            "kfq_http_requests_total{method=\"%s\",route=\"%s\","
				            "status=\"%dxx\"} %llu\n",
				            router->routes[r].method, router->routes[r].pattern, c,
				            n);
		}
	}
	strbuf_addstr(sb,
	              "# HELP kfq_http_request_duration_seconds Time from request to response.\n"
	              "# TYPE kfq_http_request_duration_seconds histogram\n");
	for (size_t b = 0; b < NBUCKETS; b++) {
		cum += atomic_load_explicit(&hist[b], memory_order_relaxed);
		strbuf_addf(sb, "kfq_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
		            buckets_ms[b] / 1000, cum);
	}
	cum += atomic_load_explicit(&hist[NBUCKETS], memory_order_relaxed);
	strbuf_addf(sb, "kfq_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", cum);
	strbuf_addf(sb, "kfq_http_request_duration_seconds_sum %.6f\n",
	            (double)atomic_load(&sum_us) / 1e6);
	strbuf_addf(sb, "kfq_http_request_duration_seconds_count %llu\n", atomic_load(&total));
	guard_metrics_write(sb);
}
