// Browser helpers for the e2e tests: Debian's chromium through playwright-core (from
// web/node_modules), a fresh profile per browser, a watcher that fails the test on any console
// error, page error, failed request or HTTP error the test did not declare, and small steps
// (log in, pick an Element Plus option, screenshot), and a signed-in API client for the steps a
// test does not click through.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { isDeepStrictEqual } from 'node:util'
import { ROOT, OUT } from './server.js'

const require = createRequire(path.join(ROOT, 'web', 'package.json'))
const { chromium } = require('playwright-core')

const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium'

// How long one step (a click, a page load, a wait for an element) may take before the test
// fails. Generous: the server under test is an ASan build and CI machines are shared, so an
// answer can take seconds; a step that never comes still fails, only later.
export const STEP_TIMEOUT = 30000

// A loaded machine on purpose, to find the steps that race the page (README.md): every API
// request of a browser held E2E_API_DELAY_MS ms before it goes (a test that reads the page before
// the answer it waits for then fails every time), and the page's scripts run E2E_CPU_SLOWDOWN
// times slower (work done in the page, such as a proof of work).
const API_DELAY_MS = Number(process.env.E2E_API_DELAY_MS || 0)
const CPU_SLOWDOWN = Number(process.env.E2E_CPU_SLOWDOWN || 1)

export function chromiumArgs() {
  const args = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.unshift('--no-sandbox')
  return args
}

// A browser with a fresh user-data-dir, in Beijing's zone unless timezoneId says another.
// Resolves {context, page, watcher, close()}.
export async function openBrowser(baseURL, { timezoneId = 'Asia/Shanghai' } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kfq-e2e-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(),
    baseURL,
    locale: 'zh-CN',
    timezoneId,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    // a user who asked for less motion (the console then neither fades, slides nor animates its
    // charts, web/src/styles.css): each dialog and chart is drawn once instead of for every
    // frame of its transition, a quarter of the browser's work (DECISIONS 294). E2E_MOTION=1
    // runs with the motion a user sees by default.
    reducedMotion: process.env.E2E_MOTION ? 'no-preference' : 'reduce',
  })
  context.setDefaultTimeout(STEP_TIMEOUT)
  if (API_DELAY_MS) {
    await context.route('**/api/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, API_DELAY_MS))
      await route.continue()
    })
  }
  const page = context.pages()[0] || (await context.newPage())
  if (CPU_SLOWDOWN > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  const watcher = new Watcher(page, baseURL)
  return {
    context,
    page,
    watcher,
    async close() {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

// Records what went wrong in a page. allow(method, path, status) declares an expected HTTP
// error (path: string or RegExp over the URL's pathname; method '*' for any);
// failOnWarning(re) counts a console warning whose text matches re as a problem too (Element
// Plus's warnings of an API it is about to drop: /^ElementPlusError/).
export class Watcher {
  constructor(page, baseURL) {
    this.baseURL = baseURL
    this.allowed = []
    this.problems = []
    this.warnings = null
    page.on('console', (msg) => {
      if (msg.type() === 'warning' && process.env.E2E_VERBOSE) console.error(`[browser warning] ${msg.text()}`)
      if (msg.type() === 'warning' && this.warnings?.test(msg.text())) this.problems.push(`console warning: ${msg.text().split('\n')[0]}`)
      if (msg.type() !== 'error') return
      const text = msg.text()
      const m = /status of (\d{3})/.exec(text)
      if (m && this.isAllowed('*', msg.location()?.url || '', Number(m[1]))) return
      this.problems.push(`console error: ${text} ${msg.location()?.url || ''}`)
    })
    page.on('pageerror', (err) => this.problems.push(`page error: ${err.message}`))
    page.on('requestfailed', (req) => {
      const why = req.failure()?.errorText || ''
      // the console never aborts its own API calls (api.js has no AbortController), so an
      // aborted fetch is one a test's page.goto cut off on a loaded machine, not a fault
      if (why === 'net::ERR_ABORTED' && ['fetch', 'xhr'].includes(req.resourceType())) return
      this.problems.push(`request failed: ${req.method()} ${req.url()} ${why}`)
    })
    page.on('response', (res) => {
      if (res.status() < 400) return
      const method = res.request().method()
      if (this.isAllowed(method, res.url(), res.status())) return
      this.problems.push(`HTTP ${res.status()}: ${method} ${res.url()}`)
    })
  }

  failOnWarning(re) {
    this.warnings = re
    return this
  }

  allow(method, pathPattern, status) {
    this.allowed.push({ method, path: pathPattern, status })
    return this
  }

  isAllowed(method, url, status) {
    let pathname = url
    try {
      pathname = new URL(url, this.baseURL).pathname
    } catch {
      /* keep as is */
    }
    return this.allowed.some(
      (a) =>
        a.status === status &&
        (a.method === '*' || method === '*' || a.method === method) &&
        (a.path instanceof RegExp ? a.path.test(pathname) : a.path === pathname),
    )
  }

  assertClean() {
    const p = this.problems.splice(0)
    assert.deepEqual(p, [], `unexpected browser problems:\n${p.join('\n')}`)
  }
}

export function screenshotPath(name) {
  fs.mkdirSync(OUT, { recursive: true })
  return path.join(OUT, `${name}.png`)
}

export async function shot(page, name) {
  // the picture shows the page at rest: the transitions running (a dialog or a message fading
  // in) ended, and a frame drawn after them (a loading spinner turns forever: not waited for)
  await page.evaluate(async () => {
    const running = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
    await Promise.all(running.map((a) => a.finished.catch(() => {})))
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
  })
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
}

export const sel = (name) => `[data-test="${name}"]`

// Opens /login (the app asks GET /api/session first, which answers 401 when signed out).
export async function gotoLogin(page, watcher, query = '') {
  watcher.allow('GET', '/api/session', 401)
  await page.goto(`/login${query}`)
  await page.locator(sel('login-form')).waitFor()
}

export async function submitLogin(page, username, password) {
  await page.locator(sel('login-username')).fill(username)
  await page.locator(sel('login-password')).fill(password)
  await page.locator(sel('login-submit')).click()
}

// Signs in and waits for the console's layout.
export async function login(page, watcher, username, password) {
  await gotoLogin(page, watcher)
  await submitLogin(page, username, password)
  await page.locator(sel('sidebar')).waitFor()
}

export async function logout(page) {
  await page.locator(sel('user-menu')).click()
  await page.locator(`${sel('logout')}:visible`).click()
  await confirmBox(page)
  await page.locator(sel('login-form')).waitFor()
}

// Confirms the open ElMessageBox.
export async function confirmBox(page) {
  const box = page.locator('.el-message-box:visible')
  await box.waitFor()
  await box.locator('.el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

export async function menuTexts(page) {
  await page.locator(`${sel('menu')} .el-menu-item`).first().waitFor()
  return (await page.locator(`${sel('menu')} .el-menu-item`).allInnerTexts()).map((s) => s.trim())
}

// Picks an option of an el-select by its visible text. (A data-test on an el-select lands on
// its .el-select; on an el-tree-select also on the tree inside its dropdown.)
export async function pickOption(page, selectSelector, text) {
  await page.locator(`.el-select${selectSelector}`).click()
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: exact }).first()
  await option.click()
  await option.waitFor({ state: 'hidden' })
}

// Picks a node of an el-tree-select: types to filter, then clicks the node.
export async function pickTreeOption(page, selectSelector, text) {
  const select = page.locator(`.el-select${selectSelector}`)
  await select.click()
  await select.locator('input').first().fill(text)
  const node = page.locator('.el-select-dropdown:visible .el-tree-node__content', { hasText: text }).first()
  await node.click()
  await node.waitFor({ state: 'hidden' })
}

// Downloads one export of an ExportMenu (data-test=menu): opens the menu and picks the item key
// (data-test=<menu>-<key>: xlsx, csv, or a page's own). Resolves with the download.
export async function exportFrom(page, menu, key) {
  await page.locator(sel(menu)).click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${sel(`${menu}-${key}`)}:visible`).click()])
  return download
}

// The tooltip of an ECharts chart (data-test=name; tooltip trigger 'axis') with the mouse in its
// middle, dy px below its top: the tooltip's lines, its category first.
export async function chartTip(page, name, dy) {
  const chart = page.locator(sel(name))
  await chart.locator('canvas').waitFor()
  await chart.scrollIntoViewIfNeeded()
  const box = await chart.boundingBox()
  await page.mouse.move(box.x + box.width / 2, box.y + dy)
  await page.waitForFunction((el) => el.innerText.trim() !== '', await chart.elementHandle())
  return (await chart.innerText()).split('\n').map((s) => s.trim()).filter(Boolean)
}

// Texts of one column (by data-test of the cell content) in a table.
export async function columnTexts(page, cellTest) {
  return (await page.locator(sel(cellTest)).allInnerTexts()).map((s) => s.trim())
}

// Waits until read() (async: what the page shows, read afresh each time) gives `expected`, then
// asserts it: a list that is reloaded after the message of the step that changed it passes once
// it shows the change, and a wrong value fails after STEP_TIMEOUT with what was read last.
// await eventually(() => columnTexts(page, 'version-label'), ['第1稿', '第2稿'])
export async function eventually(read, expected, message) {
  const end = Date.now() + STEP_TIMEOUT
  let got = await read()
  while (!isDeepStrictEqual(got, expected) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    got = await read()
  }
  assert.deepEqual(got, expected, message)
}

// A unique suffix so that a reused database (KFQ_TEST_DB) does not collide.
export const RUN = Date.now().toString(36).slice(-5)

// test() that saves a screenshot of the page when the test fails:
// const it = testWithShots(() => b?.page); it('name', async () => {...})
export function testWithShots(test, getPage) {
  return (name, fn) =>
    test(name, async (t) => {
      try {
        await fn(t)
      } catch (e) {
        const page = getPage()
        if (page && !page.isClosed()) {
          const slug = name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)
          await page.screenshot({ path: screenshotPath(`FAILED-${slug}`), fullPage: true }).catch(() => {})
        }
        throw e
      }
    })
}

// A valid PDF of `pages` pages (200 pt high), each with a line of text when `text` is given
// (Helvetica, ASCII), its cross-reference offsets computed.
export function pdf(pages = 1, text = '') {
  const kids = Array.from({ length: pages }, (_, i) => `${4 + 2 * i} 0 R`).join(' ')
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
  for (let i = 0; i < pages; i++) {
    const stream = text ? `BT /F1 18 Tf 40 140 Td (${text}, page ${i + 1}) Tj ET` : ''
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`)
    objs.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`)
  }
  let out = '%PDF-1.4\n'
  const offsets = []
  objs.forEach((o, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

// 我的待办 on the home page: the count of tile `key`, or null when the signed-in user has no such
// tile (it waits for the panel's tiles first, so an absent tile is really absent).
export async function todoCount(page, key) {
  await page.goto('/')
  const panel = page.locator(sel('todo-panel'))
  await panel.locator('a[data-count]').first().waitFor()
  const tile = panel.locator(sel(`todo-${key}`))
  return (await tile.count()) ? Number(await tile.getAttribute('data-count')) : null
}

// A signed-in API client (cookie and CSRF token) for the steps the test does not click through:
// {get, post, put}, each resolving with the JSON answer and failing the test on a status >= 300.
export async function apiClient(base, user) {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ username: user.username, password: user.password }),
  })
  assert.equal(res.status, 200, `login ${user.username}`)
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { csrf_token: csrf } = await res.json()
  const call = async (method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: { Cookie: cookie, Origin: base, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const json = r.status === 204 ? null : await r.json()
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(json)}`)
    return json
  }
  // action: a POST of a route that takes no body (a release, a receipt)
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b || {}), put: (p, b) => call('PUT', p, b), action: (p) => call('POST', p) }
}
