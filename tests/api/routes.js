'use strict';
// routes.js - the paged list routes read from src/api's route tables, and the demo's paths of
// those that need a record or a filter, for the HTTP tests that go through every paged list
// (paged_calls.test.js, list_statements.test.js).

const fs = require('node:fs');
const path = require('node:path');
const h = require('./harness');

const API = path.join(h.ROOT, 'src', 'api');

/** The GET routes whose query declaration holds API_QPAGE: [{path, file}]. */
function pagedRoutes() {
	const out = [];
	for (const f of fs.readdirSync(API).filter((x) => x.endsWith('.c'))) {
		const src = fs.readFileSync(path.join(API, f), 'utf8');
		const decls = new Set();
		for (const m of src.matchAll(/struct api_field (\w+)\[\] = \{([^;]*)\};/g)) if (m[2].includes('API_QPAGE')) decls.add(m[1]);
		for (const m of src.matchAll(/#define (\w+)\s+((?:[^\n]*\\\n)*[^\n]*)/g)) if (m[2].includes('API_QPAGE')) decls.add(m[1]);
		// a declaration that takes a macro holding API_QPAGE
		for (const m of src.matchAll(/struct api_field (\w+)\[\] = \{([^;]*)\};/g)) if ([...decls].some((d) => m[2].includes(d))) decls.add(m[1]);
		for (const m of src.matchAll(/\{"GET",\s*"([^"]+)",\s*\w+,\s*\w+,\s*[^,]+,\s*(\w+),/g)) if (decls.has(m[2])) out.push({ path: m[1], file: f });
	}
	return out;
}

/** The paths to ask, on a demo database, of the paged routes that need a record or a filter,
 * given one of the demo's (read by client, who reads every list): {route path: path}. */
async function demoPaths(client) {
	const first = async (url) => (await client.get(url)).json.items[0].id;
	const econ = (await client.get('/api/orgs')).json.items.find((o) => o.name === '抚顺经济开发区（示例）').id;
	return {
		'/api/consultations/:id/comments': `/api/consultations/${await first('/api/consultations')}/comments`,
		'/api/industry-plans/:id/enterprises': `/api/industry-plans/${await first('/api/industry-plans')}/enterprises`,
		'/api/revshare/statements/:id/lines': `/api/revshare/statements/${await first('/api/revshare/statements')}/lines`,
		'/api/mujun/evaluation': `/api/mujun/evaluation?zone_id=${econ}&year=2025`,
		'/api/power-evaluations/figures': '/api/power-evaluations/figures?from=2025-01&to=2025-12',
	};
}

module.exports = { pagedRoutes, demoPaths };
