import { execFileSync } from 'node:child_process';
import { test, expect, hydrated, expectAccessible } from './fixtures';

test('the front page tells a debtor what Min side is and the rates in force', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Min side' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  // The rates come from the database through a server function; INNFRI_TODAY is 2026-11-24.
  await expect(page.getByText('Forsinkelsesrenten er 12,00 % per år (fra 1. januar 2026).')).toBeVisible();
  await expect(page.getByText('Inkassosatsen er 750,00 kr (fra 1. januar 2026).')).toBeVisible();
  await expectAccessible(page);
});

test('a keyboard user can skip straight to the content', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hopp til hovedinnhold' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('an unknown address gets a Norwegian 404 page', async ({ page, allowConsole }) => {
  allowConsole(/status of 404/);
  const response = await page.goto('/finnes-ikke');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Siden finnes ikke' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Gå til forsiden' })).toBeVisible();
  await expectAccessible(page);
});

test('the statement command agrees with the hand-worked figures of the demo case', async () => {
  // The same binary the portal runs; the e2e database holds the demo cases.
  const out = execFileSync(process.env.E2E_SERVER_BIN ?? 'target/debug/server', ['statement', '20250001', '--date', '2025-04-15'], {
    env: process.env,
  }).toString();
  const s = JSON.parse(out);
  expect([s.principal, s.interest, s.costs, s.paid, s.total]).toEqual(['7286.61', '34.94', '0.00', '1000.00', '7321.55']);
});
