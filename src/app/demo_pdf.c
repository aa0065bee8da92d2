/* demo_pdf.c - a one-page PDF of a few lines of Chinese text, for the demo's evidence files: the
 * text in the reader's own 宋体 (STSong-Light with the UniGB-UCS2-H encoding, a font every PDF
 * reader and pdf.js provide, so nothing is embedded). Must not write files: the caller stores
 * the bytes. */
#include "app/demo.h"

#include <string.h>

/* The next code point of UTF-8 s at *i (the demo's own text: valid, within the BMP). */
static unsigned next_cp(const unsigned char *s, size_t *i)
{
	unsigned c = s[(*i)++];

	if (c < 0x80)
		return c;
	if (c < 0xE0)
		return ((c & 0x1F) << 6) | (s[(*i)++] & 0x3F);
	c = ((c & 0x0F) << 12) | ((unsigned)(s[*i] & 0x3F) << 6) | (s[*i + 1] & 0x3F);
	*i += 2;
	return c;
}

const char *demo_pdf(struct arena *a, const char *const *lines, int n, size_t *len)
{
	static const char *const objs[] = {
	    "<< /Type /Catalog /Pages 2 0 R >>",
	    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
	    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 "
	    "R >> >> /Contents 7 0 R >>",
	    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
	    "/DescendantFonts [5 0 R] >>",
	    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << "
	    "/Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R >>",
	    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 "
	    "880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
	};
	struct strbuf text = STRBUF_INIT, pdf = STRBUF_INIT;
	size_t offsets[8];
	char *out;

	strbuf_addstr(&text, "BT /F1 12 Tf 56 780 Td 20 TL\n");
	for (int l = 0; l < n; l++) {
		const unsigned char *s = (const unsigned char *)lines[l];
		strbuf_addstr(&text, "<");
		for (size_t i = 0; s[i];)
			strbuf_addf(&text, "%04X", next_cp(s, &i));
		strbuf_addstr(&text, l ? "> '\n" : "> Tj\n");
	}
	strbuf_addstr(&text, "ET\n");
	strbuf_addstr(&pdf, "%PDF-1.4\n");
	for (int o = 0; o < 6; o++) {
		offsets[o + 1] = pdf.len;
		strbuf_addf(&pdf, "%d 0 obj\n%s\nendobj\n", o + 1, objs[o]);
	}
	offsets[7] = pdf.len;
	strbuf_addf(&pdf, "7 0 obj\n<< /Length %zu >>\nstream\n%sendstream\nendobj\n", text.len,
	            text.buf);
	offsets[0] = pdf.len;
	strbuf_addstr(&pdf, "xref\n0 8\n0000000000 65535 f \n");
	for (int o = 1; o < 8; o++)
		strbuf_addf(&pdf, "%010zu 00000 n \n", offsets[o]);
	strbuf_addf(&pdf, "trailer\n<< /Size 8 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
	            offsets[0]);
	*len = pdf.len;
	out = memcpy(arena_alloc(a, pdf.len), pdf.buf, pdf.len);
	strbuf_release(&text);
	strbuf_release(&pdf);
	return out;
}
