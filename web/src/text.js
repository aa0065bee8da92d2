// Plain-text rules the console shares with the server. Imports nothing, so that its unit tests
// (tests/web/text.test.js) run in node.

// Text with nothing to read: only spaces (U+3000 too) and invisible format characters such as
// the zero-width space, as the server judges blank text (DECISIONS 299): a form refuses it at
// its field before sending instead of showing the server's refusal, which names the JSON field.
export const isBlankText = (v) => !v || !String(v).replace(/[\s\p{Cf}]/gu, '')
