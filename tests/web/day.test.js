'use strict';
// day.test.js - today as the server counts it (web/src/day.js, DECISIONS 269): Beijing's date,
// whatever the browser's zone, before 08:00 Beijing time too, when the UTC date is the day before.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

let d;
before(async () => {
	d = await import(path.join(__dirname, '..', '..', 'web', 'src', 'day.js'));
});

const at = (text) => Date.parse(text);

test('Beijing’s date at each hour that matters, and days after it', () => {
	assert.deepEqual(
		['2026-12-01T00:00:00+08:00', '2026-12-01T07:59:59+08:00', '2026-12-01T08:00:00+08:00', '2026-12-01T23:59:59+08:00'].map((s) => d.beijingDate(0, at(s))),
		['2026-12-01', '2026-12-01', '2026-12-01', '2026-12-01'],
	);
	// 2026-12-31 23:30 UTC is New Year's Day in Beijing
	assert.equal(d.beijingDate(0, at('2026-12-31T23:30:00Z')), '2027-01-01');
	assert.deepEqual([15, -1, 60].map((n) => d.beijingDate(n, at('2028-02-14T01:00:00+08:00'))), ['2028-02-29', '2028-02-13', '2028-04-14']);
});

test('months before this one in Beijing', () => {
	const now = at('2027-01-01T06:00:00+08:00'); // still 2026-12-31 in UTC
	assert.deepEqual([0, 1, 6, 12, 13].map((n) => d.beijingMonthBefore(n, now)), ['2027-01', '2026-12', '2026-07', '2026-01', '2025-12']);
});
