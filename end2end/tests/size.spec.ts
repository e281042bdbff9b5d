import { test, expect, hydrated, logIn } from './fixtures';
import type { Browser, BrowserContext } from '@playwright/test';

/** Page weight: what a first visit to each debtor page transfers (HTML, CSS, JS, wasm, as
 *  served: brotli), counted by the browser itself in a context with an empty cache, until the
 *  page has hydrated and the network is idle. `make size` runs it alone (and `make test` runs
 *  `make size`), prints the table, and fails when a page is over its budget: 150 KB for the
 *  login and case pages, 250 KB for every other debtor page. It also checks that no debtor
 *  page fetches any of the workspace's code. */

type Route = { name: string; path: string; login?: [string, string]; goal: number };

const KB = 1000;
const routes: Route[] = [
  { name: 'innlogging', path: '/', goal: 150 * KB },
  { name: 'sak', path: '/sak/20250002', login: ['20250002', '482915'], goal: 150 * KB },
  { name: 'hjelp', path: '/hjelp', goal: 250 * KB },
  { name: 'innsigelse', path: '/sak/20250002/innsigelse', login: ['20250002', '482915'], goal: 250 * KB },
  { name: 'kvittering', path: '/sak/20250002/kvittering', login: ['20250002', '482915'], goal: 250 * KB },
  { name: 'meldinger', path: '/sak/20250002/meldinger', login: ['20250002', '482915'], goal: 250 * KB },
  { name: 'nedbetaling', path: '/sak/20260031/nedbetaling', login: ['20260031', '274019'], goal: 250 * KB },
  { name: 'utsettelse', path: '/sak/20260051/utsettelse', login: ['20260051', '608172'], goal: 250 * KB },
];

type Weight = { total: number; raw: number; byType: Record<string, number>; encodings: Set<string>; wasm: string[] };

/** A logged-in session's cookies, taken in a context of its own so the measured one starts cold. */
async function sessionOf(browser: Browser, login: [string, string]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, login[0], login[1]);
  const state = await context.storageState();
  await context.close();
  return state;
}

async function weigh(context: BrowserContext, path: string): Promise<Weight> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const types = new Map<string, string>();
  const weight: Weight = { total: 0, raw: 0, byType: {}, encodings: new Set(), wasm: [] };
  cdp.on('Network.responseReceived', (e: any) => {
    const url: string = e.response.url;
    const kind = url.endsWith('.wasm') ? 'wasm' : url.endsWith('.js') ? 'js' : url.endsWith('.css') ? 'css' : e.type === 'Document' ? 'html' : 'other';
    types.set(e.requestId, kind);
    if (kind === 'wasm') weight.wasm.push(url);
    const encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'];
    if (encoding) weight.encodings.add(encoding);
  });
  // What the files are once unpacked (for the notes; the budget is on what is transferred).
  cdp.on('Network.dataReceived', (e: any) => { weight.raw += e.dataLength; });
  cdp.on('Network.loadingFinished', (e: any) => {
    const kind = types.get(e.requestId) ?? 'other';
    weight.total += e.encodedDataLength;
    weight.byType[kind] = (weight.byType[kind] ?? 0) + e.encodedDataLength;
  });
  await page.goto(path);
  await hydrated(page);
  await page.waitForLoadState('networkidle');
  await page.close();
  return weight;
}

test('what a first visit to each debtor page transfers', async ({ browser }, info) => {
  test.skip(info.project.name !== 'phone', 'measured once, at phone size');
  test.setTimeout(120_000);
  const rows: string[] = [];
  const over: string[] = [];
  const fetched = new Map<string, string[]>();
  for (const route of routes) {
    const state = route.login ? await sessionOf(browser, route.login) : undefined;
    // Brotli is what the server sends a browser that asks for it (Chromium asks only over
    // HTTPS, so the test asks on its behalf).
    const context = await browser.newContext({ storageState: state, extraHTTPHeaders: { 'Accept-Encoding': 'br, gzip' } });
    const w = await weigh(context, route.path);
    await context.close();
    expect([...w.encodings].filter((e) => e !== 'br'), 'everything served as brotli').toEqual([]);
    fetched.set(route.name, w.wasm);
    const limit = route.goal;
    const parts = ['html', 'css', 'js', 'wasm', 'other'].map((k) => `${k} ${((w.byType[k] ?? 0) / KB).toFixed(1)}`).join(', ');
    rows.push(`${route.name.padEnd(12)} ${(w.total / KB).toFixed(1).padStart(7)} KB  (${parts}; unpacked ${(w.raw / KB).toFixed(1)} KB)  budget ${(limit / KB).toFixed(0)} KB`);
    if (!(w.total <= limit)) over.push(`${route.name}: ${w.total} B > ${limit} B`);
  }
  console.log(`\nFirst visit, bytes transferred (brotli), against the budget\n${rows.join('\n')}\n`);
  expect(over, 'pages over their budget').toEqual([]);

  // No debtor page loads the workspace: of the files the build's manifest lists for the
  // workspace's islands, those no debtor island needs are fetched by no debtor page.
  const main = fetched.get('innlogging')?.find((u) => u.endsWith('/innfri.wasm'));
  expect(main, 'the login page loads the main wasm').toBeTruthy();
  const manifest: Record<string, string[]> = await (await fetch(main!.replace(/innfri\.wasm$/, '__wasm_split_manifest.json'))).json();
  const workspace = /^(staff_case_body|accounts_body)_loader_/;
  const debtors = new Set(Object.entries(manifest).filter(([k]) => !workspace.test(k)).flatMap(([, files]) => files));
  const workspaceOnly = new Set(Object.entries(manifest).filter(([k]) => workspace.test(k)).flatMap(([, files]) => files).filter((f) => !debtors.has(f)));
  expect(workspaceOnly.size, 'the workspace islands are in the manifest').toBeGreaterThan(1);
  for (const [name, urls] of fetched) {
    const loaded = urls.map((u) => u.replace(/^.*\//, '').replace(/\.wasm$/, ''));
    expect(loaded.filter((f) => workspaceOnly.has(f)), `${name} loads none of the workspace`).toEqual([]);
  }
});
