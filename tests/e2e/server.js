// Starts a kfq server for a browser test: a fresh database (a SQLite file in a temp dir, or
// KFQ_TEST_DB, which may be a postgresql:// URL of a throwaway database), the schema, the demo
// organizations, optionally reform data (`kfq demo`: the seed policy's 18 tasks and approved
// sample plans with progress, dated from today; or `kfq policy import FILE` for each of
// `policies`), and the test's accounts, then `kfq serve` on a free port of 127.0.0.1 with the
// built web app and an evidence directory of its own. stop() ends it with SIGTERM. All but the
// accounts come from a copy of a directory made once a run (template()).
//
//   KFQ_BIN      the kfq binary (default build/kfq)
//   KFQ_TEST_DB  database path or URL (default: a new SQLite file)
//   KFQ_WEB_ROOT the built web app (default web/dist)
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const OUT = path.resolve(ROOT, process.env.E2E_OUT || 'test-output/e2e')

const BIN = path.resolve(ROOT, process.env.KFQ_BIN || 'build/kfq')
const WEB_ROOT = path.resolve(ROOT, process.env.KFQ_WEB_ROOT || 'web/dist')
const ORGS_TSV = path.join(ROOT, 'data/demo/orgs.tsv')

// Runs `kfq args…` with optional stdin; resolves {code, stdout, stderr}.
export function kfq(args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(input ?? '')
  })
}

async function kfqOk(args, input) {
  const r = await kfq(args, input)
  if (r.code !== 0) {
    throw new Error(`kfq ${args.join(' ')} exited ${r.code}\n${r.stderr}${r.stdout}`)
  }
  return r
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function waitHealthy(url, child, deadlineMs) {
  const end = Date.now() + deadlineMs
  let last = ''
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`kfq serve exited with ${child.exitCode} before it was healthy`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.status === 200) return
      last = `HTTP ${res.status}`
    } catch (e) {
      last = e.cause?.code || e.message
    }
    await sleep(100)
  }
  throw new Error(`kfq serve did not answer GET /healthz = 200 within ${deadlineMs} ms (last: ${last})`)
}

// Adds an account with a password given on stdin (such an account need not change it). On a
// reused database (KFQ_TEST_DB) an existing account gets the password again and is unlocked.
async function addUser(db, u) {
  const args = ['user', 'add', '--db', db, '--username', u.username, '--org', u.org, '--role', u.role, '--password-stdin']
  if (u.displayName) args.push('--display-name', u.displayName)
  if (u.scope) args.push('--scope', u.scope)
  const r = await kfq(args, `${u.password}\n`)
  if (r.code === 0) return
  if (!process.env.KFQ_TEST_DB) throw new Error(`kfq user add ${u.username} exited ${r.code}\n${r.stderr}`)
  await kfqOk(['user', 'passwd', '--db', db, u.username, '--password-stdin'], `${u.password}\n`)
  await kfq(['user', 'unlock', '--db', db, u.username])
}

// Reform data on a reused database (KFQ_TEST_DB) is there from an earlier run: `kfq demo` then
// refuses (the database has plans) and an import of the same text answers that it exists; both
// are fine there, and nowhere else.
async function addReformData(db, demo, policies, dataDir) {
  const steps = []
  if (demo) steps.push(['demo', '--db', db, '--data-dir', dataDir])
  for (const file of policies) steps.push(['policy', 'import', '--db', db, path.resolve(ROOT, file)])
  for (const args of steps) {
    const r = await kfq(args)
    if (r.code === 0) continue
    const again = /already has plans|已经导入过|already/i.test(`${r.stderr}${r.stdout}`)
    if (!process.env.KFQ_TEST_DB || !again) throw new Error(`kfq ${args.join(' ')} exited ${r.code}\n${r.stderr}${r.stdout}`)
  }
}

// The schema, the demo organizations and the reform data in db, its evidence files in dataDir.
async function prepare(db, demo, policies, dataDir) {
  await kfqOk(['migrate', '--db', db])
  await kfqOk(['org', 'import', '--db', db, ORGS_TSV])
  await addReformData(db, demo, policies, dataDir)
}

// A directory holding what prepare() writes in a server's temp dir (kfq.db, its files/ and the
// personal.key beside it), made once per binary, organizations, reform data and Beijing day and
// copied for each server that asks for the same: `kfq demo` under ASan was run twenty times a
// run (DECISIONS 293). Made under another name and renamed, so that a half-made one is never
// copied.
async function template(demo, policies) {
  const bin = fs.statSync(BIN)
  const what = JSON.stringify([
    bin.size,
    bin.mtimeMs,
    bin.ino,
    fs.readFileSync(ORGS_TSV, 'utf8'),
    demo,
    policies.map((f) => fs.readFileSync(path.resolve(ROOT, f), 'utf8')),
    new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10),
  ])
  const key = createHash('sha256').update(what).digest('hex').slice(0, 16)
  const dir = path.join(OUT, 'templates', key)
  if (fs.existsSync(dir)) return dir
  fs.mkdirSync(path.dirname(dir), { recursive: true })
  const mine = fs.mkdtempSync(`${dir}-`)
  try {
    await prepare(path.join(mine, 'kfq.db'), demo, policies, path.join(mine, 'files'))
    fs.renameSync(mine, dir)
  } catch (e) {
    fs.rmSync(mine, { recursive: true, force: true })
    // another test file made it meanwhile
    if (!fs.existsSync(dir)) throw e
  }
  return dir
}

// users: [{username, password, org, role, displayName?, scope?}]
// demo: run `kfq demo`; policies: policy text files (paths from the repository root) to import;
// serveArgs: more options of `kfq serve`.
// Resolves {url, port, db, logFile, stop(), log()}.
export async function startServer({ name = 'e2e', users = [], demo = false, policies = [], serveArgs = [] } = {}) {
  if (!fs.existsSync(BIN)) {
    throw new Error(`kfq binary not found at ${BIN}: build it (ninja -C build) or set KFQ_BIN`)
  }
  if (!fs.existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error(`web app not built at ${WEB_ROOT}: run scripts/build-web.sh`)
  }
  fs.mkdirSync(OUT, { recursive: true })
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `kfq-e2e-${name}-`))
  const db = process.env.KFQ_TEST_DB || path.join(tmp, 'kfq.db')
  // evidence files: never the default var/files of a PostgreSQL database, in the working tree
  const dataDir = path.join(tmp, 'files')
  if (process.env.KFQ_TEST_DB) await prepare(db, demo, policies, dataDir)
  else fs.cpSync(await template(demo, policies), tmp, { recursive: true })
  for (const u of users) await addUser(db, u)

  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const logFile = path.join(OUT, `${name}-server.log`)
  const log = fs.openSync(logFile, 'w')
  // several people sign in from this one address at once (each browser context keeps up to six
  // connections), as an office behind one NAT would: the per-address limit is raised for them
  const serve = ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', WEB_ROOT, '--data-dir', dataDir, '--max-connections-per-addr', '256', ...serveArgs]
  const child = spawn(BIN, serve, {
    cwd: ROOT,
    stdio: ['ignore', log, log],
  })
  fs.closeSync(log)
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  try {
    // an ASan build on a loaded machine: opening the database and the web root can take a while
    await waitHealthy(url, child, 60000)
  } catch (e) {
    child.kill('SIGKILL')
    throw new Error(`${e.message}\n--- ${logFile} ---\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`)
  }

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000)
      await exited
      clearTimeout(timer)
    }
    fs.rmSync(tmp, { recursive: true, force: true })
  }

  return { url, port, db, logFile, stop, log: () => fs.readFileSync(logFile, 'utf8') }
}
