'use strict';
// xlsx.js - just enough .xlsx for the HTTP tests, with no npm package: write a one-sheet
// workbook (inline strings, numbers as given), and read the first sheet of one kfq wrote
// (shared strings, inline strings, numbers). Zip entries are deflated with node's zlib; the
// harness unzips.

const zlib = require('node:zlib');
const { unzip } = require('./harness');

function esc(s) {
	return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function colName(i) {
	let s = '';
	for (i += 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
	return s;
}

/** A zip of [name, Buffer|string] entries. */
function zip(entries) {
	const locals = [];
	const centrals = [];
	let offset = 0;
	for (const [name, data] of entries) {
		const raw = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
		const comp = zlib.deflateRawSync(raw);
		const crc = zlib.crc32(raw);
		const nameBuf = Buffer.from(name, 'utf8');
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(comp.length, 18);
		local.writeUInt32LE(raw.length, 22);
		local.writeUInt16LE(nameBuf.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(comp.length, 20);
		central.writeUInt32LE(raw.length, 24);
		central.writeUInt16LE(nameBuf.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, nameBuf, comp);
		centrals.push(central, nameBuf);
		offset += 30 + nameBuf.length + comp.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, cd, end]);
}

/**
 * A workbook whose first sheet holds rows (arrays of cells). A cell is a string (inline text),
 * a number or {n: 'decimal text'} (a number cell with that exact text), or null (empty). extra:
 * more [name, bytes] entries of the package (a picture, say), which a reader of the rows skips.
 * merges: ranges merged as WPS and Excel merge them ('A2:A4'), written after the rows.
 */
function writeXlsx(rows, extra = [], merges = []) {
	const M = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
	const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
	const P = 'http://schemas.openxmlformats.org/package/2006/relationships';
	const sheetRows = rows
		.map((cells, r) => {
			const cs = cells
				.map((v, c) => {
					const ref = `${colName(c)}${r + 1}`;
					if (v === null || v === undefined) return '';
					if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
					if (typeof v === 'object') return `<c r="${ref}"><v>${esc(v.n)}</v></c>`;
					return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
				})
				.join('');
			return `<row r="${r + 1}">${cs}</row>`;
		})
		.join('');
	const mergeCells = merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
	return zip([
		['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>'],
		['_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${P}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
		['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${M}" xmlns:r="${R}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`],
		['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${P}"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
		['xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${M}"><sheetData>${sheetRows}</sheetData>${mergeCells}</worksheet>`],
		...extra,
	]);
}

function unesc(s) {
	return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The first sheet of an .xlsx as rows of strings (sheet1.xml, as kfq's writer names it). */
function readXlsx(buf, sheet = 'xl/worksheets/sheet1.xml') {
	const files = unzip(buf);
	const sst = files['xl/sharedStrings.xml']
		? [...files['xl/sharedStrings.xml'].toString('utf8').matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
				unesc([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')),
			)
		: [];
	const rows = [];
	// a row where its number puts it: a writer leaves an empty row out
	for (const rm of files[sheet].toString('utf8').matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
		while (rows.length < Number(rm[1]) - 1) rows.push([]);
		const row = [];
		for (const cm of rm[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
			let col = 0;
			for (const ch of cm[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
			const attrs = cm[2];
			const body = cm[3] || '';
			const v = /<v>(.*?)<\/v>/s.exec(body);
			let text = '';
			if (/t="s"/.test(attrs)) text = v ? sst[Number(v[1])] : '';
			else if (/t="inlineStr"/.test(attrs)) text = unesc([...body.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join(''));
			else text = v ? unesc(v[1]) : '';
			row[col - 1] = text;
		}
		rows.push(Array.from(row, (x) => x ?? ''));
	}
	return rows;
}

/** The rows (from 0, the header's included) of the first sheet whose cell in column col (from 0)
 * is a number cell, not text: what a spreadsheet sums. */
function numberCells(buf, col, sheet = 'xl/worksheets/sheet1.xml') {
	const name = colName(col);
	const out = [];
	for (const m of unzip(buf)[sheet].toString('utf8').matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)>(.*?)<\/c>/gs))
		if (m[1] === name && !/\bt="/.test(m[3]) && /<v>/.test(m[4])) out.push(Number(m[2]) - 1);
	return out;
}

/** Each column's number format, from the sheet's <col style> and the styles' cellXfs: the format
 * code ('@' for text, 'yyyy-mm-dd', ...), 'General' for a column without one. Built-in formats
 * are named by their codes as Excel lists them (49 '@', 14 'm/d/yyyy'). */
function columnFormats(buf, sheet = 'xl/worksheets/sheet1.xml') {
	const files = unzip(buf);
	const styles = files['xl/styles.xml'].toString('utf8');
	const builtin = { 0: 'General', 14: 'm/d/yyyy', 49: '@' };
	const custom = Object.fromEntries([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1], unesc(m[2])]));
	const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)[1];
	const fmtOfXf = [...xfs.matchAll(/<xf\b([^>]*?)\/?>/g)].map((m) => /numFmtId="(\d+)"/.exec(m[1])[1]);
	const out = [];
	for (const m of files[sheet].toString('utf8').matchAll(/<col\b([^>]*?)\/>/g)) {
		const min = Number(/min="(\d+)"/.exec(m[1])[1]);
		const max = Number(/max="(\d+)"/.exec(m[1])[1]);
		const style = /style="(\d+)"/.exec(m[1]);
		const id = style ? fmtOfXf[Number(style[1])] : '0';
		for (let c = min; c <= max; c++) out[c - 1] = custom[id] ?? builtin[id] ?? `#${id}`;
	}
	return Array.from(out, (x) => x ?? 'General');
}

module.exports = { writeXlsx, readXlsx, numberCells, columnFormats };
