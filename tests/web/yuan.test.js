'use strict';
// yuan.test.js - the console's one money format (web/src/yuan.js, DECISIONS 268): fen in, the
// exact text every page shows out.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

let y;
before(async () => {
	y = await import(path.join(__dirname, '..', '..', 'web', 'src', 'yuan.js'));
});

test('fen as yuan with two decimals, grouped by thousands; nothing for none', () => {
	const cases = [
		[0, '0.00'],
		[5, '0.05'],
		[100, '1.00'],
		[123456, '1,234.56'],
		[100000000, '1,000,000.00'],
		[123456789012, '1,234,567,890.12'],
		[-5, '-0.05'],
		[-3916667, '-39,166.67'],
		['664081020', '6,640,810.20'],
		[null, ''],
		[undefined, ''],
	];
	assert.deepEqual(
		cases.map(([fen]) => y.fenText(fen)),
		cases.map(([, text]) => text),
	);
	// above 2^53 / 100 yuan no double is involved: the largest fen a JSON number carries exactly
	assert.equal(y.fenText(9007199254740991), '90,071,992,547,409.91');
});

test('the server’s exact yuan text grouped as it is', () => {
	assert.deepEqual(
		['1234567.8925', '-1234.5', '999', '0.0001', '', null].map(y.groupYuan),
		['1,234,567.8925', '-1,234.5', '999', '0.0001', '', ''],
	);
});

test('typed amounts to fen, digit by digit, and back for an input box', () => {
	assert.deepEqual(
		['1,234.5', '１', ' 12 345，6 ', '0.07', '-8.10', '1.234', 'abc', '', '12345678901234'].map(y.yuanToFen),
		[123450, null, 12345600, 7, -810, null, null, null, null],
	);
	assert.deepEqual([123456789, -5, 0].map(y.fenInput), ['1234567.89', '-0.05', '0.00']);
});

test('a chart draws fen / 100 and its tooltip writes the fen exactly', () => {
	assert.deepEqual([123456, null, undefined, -7].map(y.chartOfFen), [1234.56, null, null, -0.07]);
	const tip = y.yuanTooltip('元');
	// 0.1 + 0.2 and 1234.56 drawn as doubles still write their fen
	assert.deepEqual([y.chartOfFen(123456), 0.1 + 0.2, y.chartOfFen(-3916667), y.chartYuan('1234.5678'), 0, null, '-'].map(tip), [
		'1,234.56 元',
		'0.30 元',
		'-39,166.67 元',
		'1,234.57 元',
		'0.00 元',
		'-',
		'-',
	]);
});
