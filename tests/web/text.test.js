'use strict';
// text.test.js - what the console calls blank text (web/src/text.js) is what the server refuses
// as blank (DECISIONS 299): spaces of any kind and invisible format characters, nothing else.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

let x;
before(async () => {
	x = await import(path.join(__dirname, '..', '..', 'web', 'src', 'text.js'));
});

test('blank: nothing, spaces of any width, line ends, zero-width and other format characters', () => {
	for (const v of [undefined, null, '', ' ', '\t\r\n', '\u3000\u3000', '\u200b', '\ufeff', ' \u200c\u200d\u2060 '])
		assert.equal(x.isBlankText(v), true, JSON.stringify(v));
});

test('not blank: any character to read, however short', () => {
	for (const v of ['同意', ' a ', '\u200b。', '0', 0.5])
		assert.equal(x.isBlankText(v), false, JSON.stringify(v));
});
