/* filetype.h - decides whether an uploaded evidence file is what its name says: PDF, images
 * (PNG, JPEG, GIF), Office and WPS documents (OOXML .docx/.xlsx/.pptx, the older binary
 * .doc/.xls/.ppt and WPS's .wps/.et/.dps), and OFD (the Chinese e-document format), by the
 * file's first bytes. Pure: looks only at the buffer. */
#ifndef KFQ_CORE_FILETYPE_H
#define KFQ_CORE_FILETYPE_H

#include <stdbool.h>
#include <stddef.h>

enum filetype_verdict {
	FILETYPE_OK,
	FILETYPE_BAD_NAME,    /* empty, too long, path separators or control characters */
	FILETYPE_UNSUPPORTED, /* an extension we do not take */
	FILETYPE_MISMATCH,    /* the content is not what the extension says */
	FILETYPE_EMPTY,
};

/* On FILETYPE_OK *mime is the content type to store and send (static). */
/* An uploaded file's name as kfq keeps it: 1 to 200 bytes, no path separator, no control byte. */
bool filetype_name_valid(const char *name);
enum filetype_verdict filetype_check(const char *name, const unsigned char *buf, size_t len,
                                     const char **mime);
/* A Chinese message for the verdict (static). */
const char *filetype_message(enum filetype_verdict v);

#endif
