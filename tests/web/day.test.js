'use strict';
// day.test.js - today as the server counts it (web/src/day.js, DECISIONS 269): Beijing's date,
// whatever the browser's zone, before 08:00 Beijing time too, when the UTC date is the day before;
// times shown in Beijing and Beijing wall-clock times sent as their instants (DECISIONS 282), run
// in New York's zone (a browser there: UTC-5 in December, UTC-4 in summer) so that the browser's
// own zone would show.

process.env.TZ = 'America/New_York'

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

test('times are shown in Beijing whatever the zone; a date alone does not move', () => {
	assert.equal(new Date(Date.UTC(2026, 11, 1)).getHours(), 19) // the zone in force: New York
	assert.deepEqual(
		['2026-11-28T03:00:00Z', '2026-11-30T16:00:00Z', '2026-11-30T15:59:59Z', '2026-12-31T23:30:00Z', '2026-07-01T12:00:00-04:00', '2026-12-01T08:00:00+08:00'].map(d.beijingTime),
		['2026-11-28 11:00:00', '2026-12-01 00:00:00', '2026-11-30 23:59:59', '2027-01-01 07:30:00', '2026-07-02 00:00:00', '2026-12-01 08:00:00'],
	)
	// seconds since 1970, as a deadline less a second
	assert.equal(d.beijingTime(Date.parse('2026-12-01T00:00:00+08:00') / 1000 - 1), '2026-11-30 23:59:59')
	// a date alone is a day: new Date('2026-11-28') in New York would be 2026-11-27 19:00
	assert.deepEqual(['2026-11-28', '2026-01-01'].map(d.beijingTime), ['2026-11-28', '2026-01-01'])
	assert.deepEqual([null, undefined, '', '未定'].map(d.beijingTime), ['', '', '', '未定'])
	// an administrator's lock runs to the end of time; eight hours on, it stays in year 9999
	// (toISOString would write +010000-01-01)
	assert.equal(d.beijingTime('9999-12-31T23:59:59Z'), '9999-12-31 23:59:59')
})

test('a Beijing wall-clock time is sent as its instant', () => {
	assert.deepEqual(
		['2026-12-01 00:00:00', '2026-12-01 23:59:59', '2027-01-01 07:59:59', '2026-07-01T08:00:00'].map(d.beijingToUtc),
		['2026-11-30T16:00:00Z', '2026-12-01T15:59:59Z', '2026-12-31T23:59:59Z', '2026-07-01T00:00:00Z'],
	)
	assert.deepEqual(['', null, '2026-12-01', '2026-12-01 24:00'].map(d.beijingToUtc), ['', '', '', ''])
	// and back: what the audit page's picker shows of what it sent
	assert.equal(d.beijingTime(d.beijingToUtc('2026-03-05 00:00:00')), '2026-03-05 00:00:00')
})

test('a date picker’s day is the local day it shows, in any zone', () => {
	// the picker hands local midnight: in New York that is 05:00 UTC of the same day
	assert.equal(d.pickedDay(new Date(2027, 0, 1)), '2027-01-01');
	assert.equal(d.pickedDay(new Date(2026, 11, 31, 23, 59)), '2026-12-31');
});
