// Browser tests of `storyline serve`: Playwright (playwright-core, pinned in package-lock.json)
// driving Debian's chromium against a server this script starts (serve_fixture over
// examples/seeds and a hostile page). Screenshots go to $STORYLINE_ARTIFACTS (default
// ./artifacts). Exit 0: passed; 1: failed; 77: skipped (no chromium or playwright-core).
//
//   SERVE_FIXTURE=build/src/serve/serve_fixture node tests/browser/serve.spec.mjs
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = process.env.STORYLINE_SOURCE_DIR || path.resolve(here, '../..');
const fixture = process.env.SERVE_FIXTURE || path.join(source, 'build/src/serve/serve_fixture');
const artifacts = process.env.STORYLINE_ARTIFACTS || path.join(process.cwd(), 'artifacts');
const chromiumPath = process.env.CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser']
  .find((p) => existsSync(p));

function skip(why) {
  console.log(`SKIPPED: ${why}`);
  process.exit(77);
}
if (!chromiumPath) skip('chromium is not installed (apt-get install chromium, or tests/browser/install.sh)');
if (!existsSync(fixture)) skip(`no serve_fixture at ${fixture} (build it first)`);
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  skip('playwright-core is not installed (run tests/browser/install.sh)');
}
mkdirSync(artifacts, { recursive: true });

// --- the server ---
function startServer() {
  const child = spawn(fixture, [path.join(source, 'examples/seeds'),
    path.join(source, 'src/serve/testdata/hostile.jsonl')], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the server did not start in 60 s')), 60000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1].replace(/\/$/, '') });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve_fixture exited with ${code}`)));
  });
}

// --- a tiny runner ---
const results = [];
async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`not ok - ${name}\n  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}
const shot = (page, name) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

const { child, url } = await startServer();
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
// Anything that would show a script ran: dialogs (alert), CSP refusals, page errors.
const incidents = [];
context.on('page', (p) => watch(p));
function watch(page) {
  page.on('dialog', async (d) => { incidents.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', (e) => incidents.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') incidents.push(`console error: ${m.text()}`);
  });
}
const page = await context.newPage();
watch(page);

try {
  await test('home lists the latest stories with outlets and summaries', async () => {
    await page.goto(`${url}/`);
    assert(await page.locator('h1').innerText() === 'Latest stories', 'home heading');
    const stories = await page.locator('li.story').count();
    assert(stories >= 3, `${stories} stories`);
    assert(await page.locator('li.story ul.outlets a').count() >= 1, 'outlet chips');
    assert(await page.locator('li.story p.summary').count() >= 1, 'a summary');
    await shot(page, 'home');
  });

  await test('home reads on a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const p = await phone.newPage();
    watch(p);
    await p.goto(`${url}/`);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 1, `page is ${overflow}px wider than the phone`);
    await shot(p, 'home-phone');
    await phone.close();
  });

  await test('open a story: summary with citations, timeline, articles by outlet', async () => {
    await page.goto(`${url}/`);
    await page.locator('li.story h2 a', { hasText: 'Russian-US Summit' }).first().click();
    await page.waitForURL(/\/stories\/\d+$/);
    assert(await page.locator('section.summary sup.cite a').count() >= 1, 'citations');
    assert(await page.locator('svg.timeline circle').count() >= 1, 'timeline dots');
    assert(await page.locator('section.articles li[id^="a-"]').count() >= 1, 'articles');
    await shot(page, 'story');
  });

  await test('search finds the seeds, highlights, and filters by an outlet facet', async () => {
    await page.goto(`${url}/`);
    await page.locator('header form.search input[name=q]').fill('summit');
    await page.locator('header form.search input[name=q]').press('Enter');
    await page.waitForURL(/\/search\?q=summit/);
    const hits = await page.locator('li.hit').count();
    assert(hits >= 2, `${hits} hits`);
    assert(await page.locator('li.hit .snippet mark').count() >= 1, 'highlighted words');
    await shot(page, 'search');
    const facet = page.locator('aside.facets section', { hasText: 'Outlets' }).locator('a.facet').first();
    const outlet = await facet.innerText();
    await facet.click();
    await page.waitForURL(/outlet=/);
    const metas = await page.locator('li.hit p.meta').allInnerTexts();
    assert(metas.length >= 1 && metas.every((m) => m.startsWith(outlet)), `hits all from ${outlet}: ${metas}`);
    await shot(page, 'search-outlet');
  });

  await test('filter the stories by outlet (script submits the select)', async () => {
    await page.goto(`${url}/`);
    await Promise.all([page.waitForURL(/outlet=Russia/), page.selectOption('select#outlet', 'Russia Today')]);
    const chips = await page.locator('li.story').evaluateAll((items) =>
      items.map((li) => [...li.querySelectorAll('ul.outlets a')].map((a) => a.textContent)));
    assert(chips.length >= 1 && chips.every((c) => c.includes('Russia Today')), JSON.stringify(chips));
    await shot(page, 'home-outlet');
  });

  await test('pages work without script: the outlet filter submits with its button', async () => {
    const nojs = await browser.newContext({ javaScriptEnabled: false });
    const p = await nojs.newPage();
    await p.goto(`${url}/`);
    await p.selectOption('select#outlet', 'Sputnik International');
    await Promise.all([p.waitForURL(/outlet=Sputnik/), p.locator('form.filter button').click()]);
    assert(await p.locator('h1').innerText() === 'Stories covered by Sputnik International', 'filtered heading');
    await nojs.close();
  });

  await test('open a person: roles, statements over time, stories', async () => {
    await page.goto(`${url}/people`);
    await page.locator('a', { hasText: 'Dmitry Peskov' }).first().click();
    await page.waitForURL(/\/people\/dmitri-peskov$/);
    assert(await page.locator('h1').innerText() === 'Dmitry Peskov', 'person heading');
    assert(await page.locator('ul.roles li').count() >= 1, 'roles');
    assert(await page.locator('ol.statements figure.quote').count() >= 1, 'statements');
    await shot(page, 'person');
  });

  await test('a hostile article renders inert', async () => {
    const list = await (await fetch(`${url}/api/search?q=xss&limit=5`)).json();
    const hit = list.items.find((h) => h.title.includes('xss-title'));
    assert(hit, 'the hostile article is searchable');
    const before = incidents.length;
    for (const target of [`/articles/${hit.article}`, '/search?q=xss', '/?outlet=Hostile%20%3Cb%3ETimes%3C%2Fb%3E',
      `/stories/${hit.story}`, '/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E']) {
      await page.goto(`${url}${target}`);
      await page.waitForLoadState('load');
      const danger = await page.evaluate(() => ({
        handlers: document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover]').length,
        scripts: [...document.scripts].map((s) => s.src),
        jsLinks: [...document.querySelectorAll('a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') || '')).length,
        imgs: document.querySelectorAll('main img, main svg:not(.timeline), textarea').length,
      }));
      assert(danger.handlers === 0, `${target}: event handler attributes`);
      assert(danger.scripts.length === 1 && danger.scripts[0].endsWith('/static/app.js'), `${target}: scripts ${danger.scripts}`);
      assert(danger.jsLinks === 0, `${target}: javascript: links`);
      assert(danger.imgs === 0, `${target}: injected elements`);
    }
    await page.goto(`${url}/articles/${hit.article}`);
    const text = await page.locator('section.text').innerText();
    assert(text.includes("<script>alert('xss-1')</script>"), 'the payload shows as text');
    await shot(page, 'hostile');
    assert(incidents.length === before, `script ran or CSP refused: ${incidents.slice(before).join('; ')}`);
  });

  await test('no script ran and no CSP refusal on any page', async () => {
    assert(incidents.length === 0, incidents.join('; '));
  });
} finally {
  await browser.close();
  // Closing stdin stops the fixture, which then removes its temporary store.
  await new Promise((resolve) => {
    const timer = setTimeout(() => { child.kill('SIGTERM'); resolve(); }, 10000);
    child.on('exit', () => { clearTimeout(timer); resolve(); });
    child.stdin.end();
  });
}

const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed}/${results.length} passed; screenshots in ${artifacts}`);
process.exit(failed ? 1 : 0);
