import { createHmac } from 'crypto';
import { test, expect, hydrated, logIn, expectAccessible } from './fixtures';

/** The code an authenticator app shows now (RFC 6238: HMAC-SHA-1, 30 s, 6 digits). */
function totp(secretBase32: string, unix = Date.now() / 1000): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unix / 30)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

const staff = {
  username: process.env.E2E_STAFF_USER ?? '',
  password: process.env.E2E_STAFF_PASSWORD ?? '',
  secret: process.env.E2E_STAFF_SECRET ?? '',
};

test('a handler logs in with a one-time code and takes a debtor request from the inbox', async ({ page, allowConsole }, info) => {
  // The workspace is desktop first; one account, so one login per 30-second code.
  test.skip(info.project.name === 'phone', 'the workspace runs in the desktop project');
  // The debtor's 404 and the wrong code's 401 are logged by the browser.
  allowConsole(/status of 40[14]/);
  // A debtor asks for a copy of the invoice; it becomes a task.
  await logIn(page, '20260041', '815530');
  await page.getByRole('button', { name: 'Be om kopi av fakturaen' }).click();
  await expect(page.getByTestId('invoice-requested')).toContainText('8. desember 2026');

  // The debtor's session opens nothing of the workspace.
  const asDebtor = await page.goto('/behandler');
  expect(asDebtor?.status()).toBe(404);

  await page.context().clearCookies();
  await page.goto('/behandler');
  await expect(page).toHaveURL(/\/behandler\/logg-inn$/);
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel('Brukernavn').fill(staff.username);
  await page.getByLabel('Passord').fill(staff.password);
  await page.getByLabel('Engangskode').fill('000000');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('alert')).toHaveText('Brukernavnet, passordet eller engangskoden stemmer ikke.');

  await page.getByLabel('Engangskode').fill(totp(staff.secret));
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(/\/behandler$/);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Innboks' })).toBeVisible();
  const rows = page.getByTestId('inbox-row');
  const row = rows.filter({ hasText: '20260041' });
  await expect(row).toContainText('Fakturakopi');
  await expect(row).toContainText('08.12.2026');
  // Sorted by due date: no row has a later due date than the one after it.
  const dues = await page.locator('[data-testid="inbox-row"] td:first-child').allTextContents();
  const keys = dues.map((d) => d.slice(0, 10).split('.').reverse().join('-'));
  expect([...keys].sort()).toEqual(keys);
  await expectAccessible(page);

  await row.getByRole('button', { name: /Ta oppgaven/ }).click();
  await expect(page.getByTestId('inbox-row').filter({ hasText: '20260041' })).toContainText(staff.username);

  // "Mine" lists it; the filter is a plain form, usable by keyboard.
  await page.getByLabel('Saksbehandler').selectOption('mine');
  await page.getByRole('button', { name: 'Vis' }).press('Enter');
  await expect(page).toHaveURL(/tildelt=mine/);
  await hydrated(page);
  await expect(page.getByTestId('inbox-row')).toHaveCount(1);

  // Usable at 768 px.
  await page.setViewportSize({ width: 768, height: 1024 });
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page).toHaveURL(/\/behandler\/logg-inn\?utlogget=1$/);
  await expect(page.getByText('Du er logget ut.')).toBeVisible();
});
