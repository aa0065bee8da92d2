'use strict';
// exports.js - a list's two exports read back for the HTTP tests: the CSV's rows of cells
// (RFC 4180) and the check that its .xlsx twin holds the same cells (the CSV's formulas
// neutralised, its numbers as text).

const assert = require('node:assert/strict');
const { readXlsx } = require('./xlsx');

// A CSV answer's rows of cells (RFC 4180: quoted cells with "" inside, CRLF between rows), after
// the byte-order mark.
function csvRows(text) {
	const rows = [];
	let row = [];
	let cell = '';
	let quoted = false;
	const s = text.replace(/^\ufeff/, '');
	for (let i = 0; i < s.length; i++) {
		const ch = s[i];
		if (quoted) {
			if (ch === '"' && s[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\r' && s[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += ch;
	}
	if (cell !== '' || row.length) rows.push([...row, cell]);
	return rows;
}

// a row without its empty cells at the end (a sheet leaves them out)
const trimRow = (r) => {
	const out = [...r];
	while (out.length && out[out.length - 1] === '') out.pop();
	return out;
};

// The CSV's text of a sheet's cell when they say the same (else the sheet's): the sheet holds
// text as text where the CSV puts ' before what a spreadsheet would run as a formula, and numbers
// as numbers where the CSV writes them as text (12345.60 for 12345.6, 72.00% for 0.72).
function sameCell(x, csv) {
	if (csv === undefined || x === csv) return x;
	if (/^([=+@\t\r]|-(?!\d))/.test(x) && csv === `'${x}`) return csv;
	const n = Number(x);
	if (x !== '' && Number.isFinite(n)) {
		if (/^-?\d+(\.\d+)?$/.test(csv) && Number(csv) === n) return csv;
		if (/^-?\d+(\.\d+)?%$/.test(csv) && Math.round(Number(csv.slice(0, -1)) * 100) === Math.round(n * 10000)) return csv;
	}
	return x;
}

// The list's CSV (header and rows) and its .xlsx (the same cells) with one query, as client
// reads them; resolves with the CSV's rows.
async function bothExports(client, base, query = '') {
	const csv = await client.get(`${base}/export.csv${query}`);
	assert.equal(csv.status, 200, csv.text);
	assert.match(csv.headers.get('content-type'), /text\/csv/);
	const xlsx = await client.get(`${base}/export.xlsx${query}`);
	assert.equal(xlsx.status, 200);
	assert.equal(xlsx.buf.subarray(0, 2).toString(), 'PK');
	const rows = csvRows(csv.text);
	const sheet = readXlsx(xlsx.buf).map((r) => trimRow(r).map(String));
	assert.deepEqual(
		sheet.map((r, i) => r.map((x, j) => sameCell(x, rows[i]?.[j]))),
		rows.map(trimRow),
		`${base}: the .xlsx holds what the CSV holds`,
	);
	return rows;
}

module.exports = { csvRows, trimRow, bothExports };
