/* limits.h - every transport limit in one place (as kore's http.h does). Change them here only. */
#ifndef KFQ_HTTP_LIMITS_H
#define KFQ_HTTP_LIMITS_H

#define HTTP_JSON_BODY_MAX          (1024 * 1024)      /* JSON request bodies; 413 beyond */
#define HTTP_UPLOAD_BODY_MAX        (20 * 1024 * 1024) /* raw file uploads; 413 beyond */
#define HTTP_HEADER_POOL            (32 * 1024)        /* per-connection memory for headers */
#define HTTP_CONNECTION_MAX         512                /* concurrent connections */
#define HTTP_PER_IP_MAX             256  /* concurrent connections per client address */
#define HTTP_TIMEOUT_SECONDS        30   /* idle / slow client */
#define HTTP_SHUTDOWN_GRACE_SECONDS 10   /* in-flight requests may finish this long */
#define HTTP_MAX_PARAMS             4    /* path parameters per route */
#define HTTP_MAX_HEADERS_OUT        8    /* extra response headers */
#define HTTP_MAX_ROUTES             1024 /* routes in the table (it grows up to this) */

#endif
