/* limits.h - every transport limit in one place (as kore's http.h does). Change them here only.
 * Those marked (default) can be set per installation (kfq serve --help). */
#ifndef KFQ_HTTP_LIMITS_H
#define KFQ_HTTP_LIMITS_H

#define HTTP_JSON_BODY_MAX          (1024 * 1024)      /* JSON request bodies; 413 beyond */
#define HTTP_UPLOAD_BODY_MAX        (20 * 1024 * 1024) /* uploads (to a temp file); 413 beyond */
#define HTTP_BODY_MEMORY_MIB        32          /* (default) JSON bodies in memory, all; 503 past */
#define HTTP_HEADER_POOL            (36 * 1024) /* per connection: headers (see server.c) */
#define HTTP_CONNECTION_MAX         2048        /* (default) connections at once; 503 past */
#define HTTP_PER_ADDR_MAX           32          /* (default) connections of one address; 429 past */
#define HTTP_HEADER_TIMEOUT_SECONDS 10   /* (default) from accept or last answer to headers */
#define HTTP_BODY_MIN_RATE          4096 /* (default) bytes/s a body averages after the grace */
#define HTTP_TIMEOUT_SECONDS        30   /* a connection that moves nothing at all */
#define HTTP_GUARD_TICK_MS          100  /* how often deadlines are looked at */
#define HTTP_GUARD_CONFIRM_MS       1000 /* late with nothing unread this long: cut (guard.c) */
#define HTTP_FD_RESERVE             128  /* descriptors kept for files and databases */
#define HTTP_LINGER_MAX             256  /* sockets read and dropped after an early answer */
#define HTTP_LINGER_SECONDS         5    /* for at most this long each */
#define HTTP_DRAIN_SECONDS          10   /* (default) the most SIGTERM's drain may take */
#define HTTP_ACCEPT_BATCH           256  /* connections accepted before deadlines are looked at */
#define HTTP_MAX_PARAMS             4    /* path parameters per route */
#define HTTP_MAX_HEADERS_OUT        8    /* extra response headers */
#define HTTP_MAX_ROUTES             1024 /* routes in the table (it grows up to this) */

#endif
