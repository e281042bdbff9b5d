import { test, expect, hydrated, logIn } from './fixtures';

/** The code splitting's traps: a page opened straight from its address fetches its own code
 *  before it hydrates, served as wasm from the build's own folder to be kept for good; and a
 *  chunk whose download fails once (a dropped mobile connection) is fetched again rather than
 *  leaving the page dead until a reload. The receipt page's own code is its lazy route's chunk
 *  (full hydration) or its upload form's lazy island (islands mode). */
test('a page opened straight from its address hydrates, even when its code fails to download once', async ({ page, allowConsole }) => {
  allowConsole(/Failed to load resource: net::ERR_FAILED/);
  await logIn(page, '20250001', '739214');
  const own = /\/pkg\/[0-9a-f]{16}\/split_(__receipt_view|upload_form_loader)_[0-9]+\.wasm$/;
  const tries: string[] = [];
  await page.route(own, async (route) => {
    tries.push(route.request().url());
    if (tries.length === 1) await route.abort('failed');
    else await route.continue();
  });
  const served = page.waitForResponse(own);
  await page.goto('/sak/20250001/kvittering');
  const response = await served;
  expect(response.headers()['content-type']).toBe('application/wasm');
  // In the build's own folder (named by its hash), so browsers keep it for good.
  expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  await hydrated(page);
  expect(tries.length, 'the chunk was fetched again after the failure').toBe(2);
  // Hydrated with its own code: the form checks a file before anything is sent.
  await page.getByLabel('Kvittering').setInputFiles({ name: 'tom.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
  await expect(page.getByTestId('chosen-files')).toContainText('tom.pdf');
});

/** A page's code is fetched when the debtor shows they may open it (pointer over its link,
 *  focus on it, a touch), not with the case page: then the click finds it there, in the
 *  browser's cache. */
test('the case page fetches an action page\'s code when its link is pointed at or focused, not before', async ({ page }, info) => {
  await logIn(page, '20250001', '739214');
  // The plan page's own code: its calculator island's chunk (or, built with full hydration,
  // its lazy route's).
  const plan = /\/pkg\/[0-9a-f]{16}\/split_(plan_calculator_loader|__plan_view)_[0-9]+\.wasm$/;
  const fetched: string[] = [];
  page.on('request', (r) => { if (/\.wasm$/.test(r.url())) fetched.push(r.url()); });
  await page.waitForTimeout(300);
  expect(fetched.filter((u) => plan.test(u)), 'nothing fetched before a sign of intent').toEqual([]);
  const link = page.getByRole('link', { name: 'Jeg kan ikke betale alt nå – lag en nedbetalingsavtale' });
  const early = page.waitForResponse(plan);
  if (info.project.name === 'phone') await link.focus();
  else await link.hover();
  expect((await early).status()).toBe(200);
  await link.click();
  await expect(page).toHaveURL(/\/sak\/20250001\/nedbetaling$/);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
