'use strict';
// assess.js - the province-sized load of issue 14: 100 zones with 500 people each (50,000 on
// rosters), one assessment class of the 100 zones with five indicators, and the figures the
// office waits for, each request timed on loopback (the server's time plus a loopback round
// trip): computing the assessment of every zone (POST compute), publishing it, every zone's pool
// (GET /api/pay/pools), and the what-if over the grade coefficients with 10 scenarios besides
// the current one (the number and the API's cap; 11 pools of every zone). Each figure is the median and the
// largest of RUNS runs. Loopback only; bounded.
//   node bench/assess.js BIN DB [RUNS]   (bench/assess.sh sets it up)

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const http = require('node:http');

const [BIN, DB, RUNS_ARG] = process.argv.slice(2);
// PostgreSQL's postmaster.pid (bench/assess.sh sets it): its backends' CPU counts with the server's
const PG_PID_FILE = process.env.KFQ_BENCH_PG_PID_FILE || '';
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

// user + system CPU in ms of process pid and, on PostgreSQL, of the postmaster and its children
// (the backends doing the queries): the machine is shared, so wall times alone mislead
function cpuMs(pid) {
	const stat = (p) => {
		try {
			const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
			const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
			return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
		} catch {
			return null;
		}
	};
	let ticks = stat(pid)?.ticks || 0;
	if (PG_PID_FILE) {
		const master = Number(fs.readFileSync(PG_PID_FILE, 'utf8').split('\n')[0]);
		ticks += stat(master)?.ticks || 0;
		for (const d of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(d)) continue;
			const x = stat(d);
			if (x && x.ppid === master) ticks += x.ticks;
		}
	}
	return ticks * TICK_MS;
}
const RUNS = Number(RUNS_ARG || 5);
const ZONES = 100;
const PER_ZONE = 500;
const YEAR = 2025;
const PW = 'Bench#Passw0rd1';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kfq-assess-'));

function kfq(...args) {
	return execFileSync(BIN, [...args, '--db', DB], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}
function idNumber(i) {
	const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 900) * 86400e3).toISOString().slice(0, 10).replace(/-/g, '');
	const first17 = `210402${birth}${String(i % 900 + 100)}`;
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first17].reduce((s, d, k) => s + Number(d) * w[k], 0);
	return first17 + '10X98765432'[sum % 11];
}
const zoneName = (z) => `压测开发区${String(z + 1).padStart(3, '0')}`;
const freePort = () =>
	new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});

async function main() {
	// organizations: the demo's and 100 zones under its counties
	const counties = ['东洲区', '顺城区', '新抚区', '抚顺县'];
	const tsv = fs.readFileSync(path.join(__dirname, '..', 'data/demo/orgs.tsv'), 'utf8').trimEnd().split('\n');
	for (let z = 0; z < ZONES; z++) tsv.push(`${zoneName(z)}\tzone\t${counties[z % 4]}\tprovincial\t\t0`);
	fs.writeFileSync(path.join(work, 'orgs.tsv'), tsv.join('\n') + '\n');
	kfq('migrate');
	kfq('org', 'import', path.join(work, 'orgs.tsv'));
	for (const [u, org, role] of [['boffice', '市商务局', 'office'], ['bbianban', '市委编办', 'department']])
		execFileSync(BIN, ['user', 'add', '--db', DB, '--username', u, '--org', org, '--role', role, '--password-stdin'], { input: PW + '\n' });

	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const srv = spawn(BIN, ['serve', '--db', DB, '--listen', `127.0.0.1:${port}`, '--no-access-log'], { stdio: 'ignore' });
	try {
		for (let i = 0; i < 200; i++) {
			try {
				if ((await fetch(`${base}/healthz`)).ok) break;
			} catch {}
			await new Promise((r) => setTimeout(r, 50));
		}
		const login = async (username) => {
			const r = await fetch(`${base}/api/session`, { method: 'POST', headers: { Origin: base, 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PW }) });
			const cookie = r.headers.get('set-cookie').split(';')[0];
			const { csrf_token } = await r.json();
			// a connection of its own per request (the server closes idle keep-alive ones)
			return (method, p, body) =>
				new Promise((resolve, reject) => {
					const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
					const headers = { Origin: base, Cookie: cookie, 'X-CSRF-Token': csrf_token, 'Content-Type': 'application/json' };
					if (data) headers['Content-Length'] = data.length;
					const req = http.request(base + p, { method, headers, agent: false }, (res) => {
						const chunks = [];
						res.on('data', (c) => chunks.push(c));
						res.on('end', () => resolve({ ok: res.statusCode < 300, status: res.statusCode, text: async () => Buffer.concat(chunks).toString('utf8') }));
					});
					req.on('error', reject);
					req.end(data);
				}).then(async (x) => {
					const text = await x.text();
					if (!x.ok) throw new Error(`${method} ${p}: ${x.status} ${text.slice(0, 300)}`);
					return JSON.parse(text);
				});
		};
		const office = await login('boffice');
		const orgs = (await office('GET', '/api/orgs')).items;
		const id = Object.fromEntries(orgs.map((o) => [o.name, o.id]));
		await office('POST', '/api/capabilities/grants', { org_id: id['市委编办'], capability: 'approve_staffing' });
		const bianban = await login('bbianban');
		for (let z = 0; z < ZONES; z++)
			await bianban('PUT', '/api/staffing', { org_id: id[zoneName(z)], year: YEAR, admin_slots: 300, inst_slots: 300, bodies: 10, leaders: 10, quota: PER_ZONE, doc_no: `抚编发〔${YEAR}〕${z + 1}号` });

		// the rosters, imported 5,000 rows a file (the import's cap)
		const head = '姓名,身份证号码,人员身份,档案职务,岗位职务,岗位,任用方式,批准党委,聘任政府,是否挂职,派出单位,挂职开始,挂职结束,开发区发放薪酬,到岗日期,开发区';
		let t0 = Date.now();
		for (let f = 0; f < (ZONES * PER_ZONE) / 5000; f++) {
			const rows = [head];
			for (let k = 0; k < 5000; k++) {
				const i = f * 5000 + k;
				rows.push(`压测人员${i},${idNumber(i)},聘用人员,,,,聘任制,,,否,,,,是,${YEAR}-01-01,${zoneName(Math.floor(i / PER_ZONE))}`);
			}
			const file = path.join(work, `people${f}.csv`);
			fs.writeFileSync(file, rows.join('\r\n') + '\r\n');
			kfq('import', 'people', file);
		}
		console.log(`seeded ${ZONES * PER_ZONE} people in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

		await office('PUT', '/api/pay/levels', { year: YEAR, ref_salary_fen: 7200000, r_fen: 4800000 });
		for (const [grade, coef_bp] of [['excellent', 20000], ['good', 15000], ['fair', 10000], ['poor', 5000]]) await office('PUT', '/api/pay/coefficients', { year: YEAR, grade, coef_bp });
		const scheme = await office('POST', '/api/assess/schemes', {
			year: YEAR,
			class_key: '省级开发区',
			name: '压测方案',
			cap_bp: 12000,
			min_excellent_cp: 9000,
			min_good_cp: 8000,
			min_fair_cp: 6000,
			top_quota_bp: 2000,
			appeal_days: 7,
			org_ids: Array.from({ length: ZONES }, (_, z) => id[zoneName(z)]),
			indicators: [
				{ name: '规上工业增加值', kind: 'target', mode: 'higher', weight: 30 },
				{ name: '实际利用外资', kind: 'target', mode: 'higher', weight: 20 },
				{ name: '单位GDP能耗', kind: 'target', mode: 'lower', weight: 10 },
				{ name: '全省综合评价', kind: 'province', mode: 'rank', weight: 40, scale: ZONES },
				{ name: '安全生产事故', kind: 'deduction', mode: 'points', weight: 0, scale: 500 },
			],
		});
		const vrows = ['年度,类别,开发区,指标,目标值,完成值'];
		for (let z = 0; z < ZONES; z++) {
			const n = zoneName(z);
			vrows.push(`${YEAR},省级开发区,${n},规上工业增加值,1000.00,${(900 + (z * 37) % 300).toFixed(2)}`);
			vrows.push(`${YEAR},省级开发区,${n},实际利用外资,500.00,${(400 + (z * 53) % 200).toFixed(2)}`);
			vrows.push(`${YEAR},省级开发区,${n},单位GDP能耗,0.50,${(0.4 + ((z * 7) % 20) / 100).toFixed(2)}`);
			vrows.push(`${YEAR},省级开发区,${n},全省综合评价,,${(z * 61) % ZONES + 1}`);
			vrows.push(`${YEAR},省级开发区,${n},安全生产事故,,${z % 10 === 0 ? '2.00' : '0'}`);
		}
		fs.writeFileSync(path.join(work, 'values.csv'), vrows.join('\r\n') + '\r\n');
		kfq('import', 'assess_values', path.join(work, 'values.csv'));

		const timed = async (label, fn) => {
			const ms = [];
			const cpu0 = cpuMs(srv.pid);
			for (let r = 0; r < RUNS; r++) {
				const t = process.hrtime.bigint();
				await fn(r);
				ms.push(Number(process.hrtime.bigint() - t) / 1e6);
			}
			const cpu = (cpuMs(srv.pid) - cpu0) / RUNS;
			ms.sort((a, b) => a - b);
			console.log(`${label.padEnd(58)} median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms, CPU ${cpu.toFixed(0)} ms a request (${RUNS} runs)`);
		};
		await timed('assessment of 100 zones (POST compute)', () => office('POST', `/api/assess/schemes/${scheme.id}/compute`, {}));
		await timed('100 zones\' results with contributions (GET results)', () => office('GET', `/api/assess/results?year=${YEAR}`));
		await timed('publish (grades of 100 zones into the pools)', async (r) => {
			if (r === 0) await office('POST', `/api/assess/schemes/${scheme.id}/publish`);
			else await office('POST', `/api/assess/schemes/${scheme.id}/compute`, { reason: `压测第${r}次` });
		});
		const pools = await office('GET', `/api/pay/pools?year=${YEAR}`);
		if (pools.items.filter((p) => p.pool_fen != null).length !== ZONES) throw new Error('pools missing');
		await timed('every pool, 100 zones over 50,000 people (GET pools)', () => office('GET', `/api/pay/pools?year=${YEAR}`));
		const scenarios = Array.from({ length: 10 }, (_, k) => ({ name: `方案${k + 1}`, values: [{ name: 'excellent', value: 20000 + k * 2500 }, { name: 'good', value: 15000 + k * 1000 }] }));
		await timed('what-if, 10 scenarios + the current (POST /api/pay/whatif)', () => office('POST', '/api/pay/whatif', { year: YEAR, scenarios }));
	} finally {
		srv.kill('SIGTERM');
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
