/* audit_checkpoint.h - the line that carries an audit checkpoint out of the database: kfq serve
 * writes it, at intervals, to a file beside the database and to its log; `kfq audit verify
 * --checkpoint FILE` reads it back. Pure: no I/O.
 *
 * The line is one JSON object:
 *   {"time":"2026-11-28T03:00:00Z","audit_checkpoint":{"seq":1204,"hash":"<64 hex>"}}
 * Reading looks for "audit_checkpoint" anywhere in a line, so a journal's output with its own
 * prefixes (journalctl -o short) or the whole log with the access lines reads back too. */
#ifndef KFQ_CORE_AUDIT_CHECKPOINT_H
#define KFQ_CORE_AUDIT_CHECKPOINT_H

#include "core/audit_chain.h"
#include "util/strbuf.h"

#include <stddef.h>
#include <stdint.h>

/* Appends the line for record seq with hash, taken at time (RFC 3339), with its newline. */
void audit_checkpoint_line(struct strbuf *out, const char *time, int64_t seq, const char *hash);

/* Reads one line (len bytes, no newline needed). Returns 1 with *out filled when the line
 * holds a checkpoint, 0 when it holds none, -1 when it names "audit_checkpoint" but is not a
 * well-formed one (a seq of 1 or more, 64 hex digits: a damaged line is an error, not a line
 * to skip). */
int audit_checkpoint_parse(const char *line, size_t len, struct audit_checkpoint *out);

/* Whether hex is a hash as the chain writes it: 64 lowercase hex digits. */
bool audit_hash_valid(const char *hex);

#endif
