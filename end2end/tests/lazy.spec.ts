import { test, expect, hydrated } from './fixtures';

/** The lazy routes' traps: a page opened straight from its address fetches its own code
 *  before it hydrates, served as wasm from the build's own folder to be kept for good; and a chunk whose download fails once (a dropped mobile
 *  connection) is fetched again rather than leaving the page dead until a reload. */
test('a lazy page opened straight from its address hydrates, even when its code fails to download once', async ({ page, allowConsole }) => {
  allowConsole(/Failed to load resource: net::ERR_FAILED/);
  const tries: string[] = [];
  await page.route(/\/pkg\/[0-9a-f]{16}\/split___help_view_[0-9]+\.wasm$/, async (route) => {
    tries.push(route.request().url());
    if (tries.length === 1) await route.abort('failed');
    else await route.continue();
  });
  const served = page.waitForResponse(/\/pkg\/[0-9a-f]{16}\/split___help_view_[0-9]+\.wasm$/);
  await page.goto('/hjelp');
  const response = await served;
  expect(response.headers()['content-type']).toBe('application/wasm');
  // In the build's own folder (named by its hash), so browsers keep it for good.
  expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  await hydrated(page);
  expect(tries.length, 'the chunk was fetched again after the failure').toBe(2);
  // Hydrated with its own code: the page is whole.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
