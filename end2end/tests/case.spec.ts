import { execFileSync } from 'node:child_process';
import { Page } from '@playwright/test';
import { test, expect, hydrated, expectAccessible } from './fixtures';

/** "7321.55" → "7 321,55 kr", as the portal writes amounts. */
function kr(plain: string): string {
  const [whole, fraction] = plain.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${fraction} kr`;
}

/** The statement of a demo case today, from the same binary the portal runs. */
function statement(caseNumber: string): any {
  const out = execFileSync(process.env.E2E_SERVER_BIN ?? 'target/debug/server', ['statement', caseNumber], { env: process.env });
  return JSON.parse(out.toString());
}

/** Fill in and send the login form, whatever the outcome (some tests send wrong codes). */
async function submitLogin(page: Page, caseNumber: string, code: string) {
  await page.goto('/');
  await hydrated(page);
  await page.getByLabel('Saksnummer').fill(caseNumber);
  await page.getByLabel('Kode fra brevet').fill(code);
  await page.getByRole('button', { name: 'Logg inn' }).click();
}

test('a debtor logs in and sees exactly what the statement says, and why', async ({ page }) => {
  await submitLogin(page, '20250001', '739214');
  await expect(page).toHaveURL(/\/sak\/20250001$/);
  await hydrated(page);
  const s = statement('20250001');
  await expect(page.getByTestId('total')).toHaveText(kr(s.total));
  await expect(page.getByTestId('remaining-total')).toHaveText(kr(s.total));
  await expect(page.getByText('Krav fra Elektro AS')).toBeVisible();
  // What it is made of and what has happened open on demand, below what to do.
  const breakdown = page.locator('details', { has: page.locator('summary', { hasText: 'Dette består beløpet av' }) });
  await expect(breakdown).not.toHaveAttribute('open');
  await page.getByText('Dette består beløpet av').click();
  await expect(breakdown).toHaveAttribute('open');
  await expect(page.getByRole('cell', { name: 'F-10023' })).toBeVisible();
  await expect(page.getByText('Inkassosalær', { exact: true })).toBeVisible();
  await expect(page.getByText(`${kr('1000.00')} mottatt 1. april 2025`)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Hva er forsinkelsesrente?' })).toHaveAttribute('href', '/hjelp#forsinkelsesrente');
  await page.getByText('Hva har skjedd i saken').click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  await expectAccessible(page);
  // On the narrowest phone, with every part open, nothing scrolls sideways: the claims
  // table's rows stack.
  await page.setViewportSize({ width: 320, height: 640 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expect(page.getByRole('cell', { name: 'F-10023' })).toBeVisible();
});

test('the KID copies to the clipboard', async ({ page, context, browserName }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await submitLogin(page, '20250001', '739214');
  await hydrated(page);
  await expect(page.getByTestId('kid')).toHaveText('202500013');
  await page.getByRole('button', { name: 'Kopier KID' }).click();
  await expect(page.getByText('KID er kopiert')).toBeAttached();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('202500013');
});

test('paying part: the amount is checked as it is typed', async ({ page }) => {
  await submitLogin(page, '20250002', '482915');
  await hydrated(page);
  const total = statement('20250002').total;
  await expect(page.getByTestId('pay-amount')).toHaveText(kr(total));
  await page.getByLabel('Et annet beløp').check();
  const field = page.getByLabel('Beløp i kroner');
  await field.fill('tusen');
  await expect(page.getByText('Beløpet kan bare inneholde sifre og komma')).toBeVisible();
  await field.fill('100000');
  await expect(page.getByText('Beløpet kan ikke være større enn det du skylder i dag')).toBeVisible();
  await field.fill('500,5');
  await expect(page.getByTestId('pay-amount')).toHaveText('500,50 kr');
  await expect(page.getByText('går pengene først til kostnadene')).toBeVisible();
  await expectAccessible(page);
});

test('"Jeg har betalt" shows the payment on its way, without changing what is owed', async ({ page }, info) => {
  // Phone and desktop run at once against one database: each reports its own amount.
  const amount = info.project.name === 'phone' ? '250' : '275';
  await submitLogin(page, '20250044', '318277');
  await hydrated(page);
  const total = statement('20250044').total;
  await page.getByLabel('Dato du betalte').fill('2026-11-23');
  await page.getByLabel('Beløp du betalte').fill(amount);
  await page.getByRole('button', { name: 'Send melding om betaling' }).click();
  await expect(page.getByText('Takk! Vi har registrert at du har betalt.')).toBeVisible();
  await expect(page.getByTestId('on-the-way').filter({ hasText: `${amount},00 kr` })).toHaveCount(1);
  await expect(page.getByTestId('total')).toHaveText(kr(total));
});

test('another case number shows nothing of that case', async ({ page, allowConsole }) => {
  allowConsole(/status of 404/);
  await submitLogin(page, '20250090', '902614');
  await expect(page).toHaveURL(/\/sak\/20250090$/);
  await expect(page.getByTestId('status')).toHaveText('Betalt – saken er avsluttet');
  const response = await page.goto('/sak/20250001');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Siden finnes ikke' })).toBeVisible();
  await expect(page.getByText('Kari')).toHaveCount(0);
});

test('a wrong code gets a plain answer, and logging out ends the session', async ({ page, allowConsole }) => {
  allowConsole(/status of 401/);
  await submitLogin(page, '12345678', '000000');
  await expect(page.getByRole('alert')).toHaveText('Saksnummeret eller koden stemmer ikke. Sjekk brevet og prøv igjen.');
  await expectAccessible(page);
  await submitLogin(page, '20260012', '667120');
  await expect(page).toHaveURL(/\/sak\/20260012$/);
  await hydrated(page);
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page).toHaveURL(/\/\?utlogget=1$/);
  await expect(page.getByText('Du er logget ut.')).toBeVisible();
  await page.goto('/sak/20260012');
  await expect(page.getByText('Du er ikke logget inn')).toBeVisible();
});

test('the help page answers every question without logging in', async ({ page }) => {
  await page.goto('/hjelp');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Hjelp og spørsmål' })).toBeVisible();
  for (const q of ['Jeg vil betale – hvordan gjør jeg det?', 'Hva er forsinkelsesrente?', 'Hva er rettslige kostnader?', 'Hvordan kontakter jeg dere om kravet?']) {
    await expect(page.getByRole('heading', { name: q })).toBeVisible();
  }
  await expect(page.locator('.help-topic')).toHaveCount(15);
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the login form posts and the case page is served whole', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Saksnummer').fill('12345678');
    await page.getByLabel('Kode fra brevet').fill('000000');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/feil=innlogging/);
    await expect(page.getByRole('alert')).toHaveText('Saksnummeret eller koden stemmer ikke. Sjekk brevet og prøv igjen.');
    await page.getByLabel('Saksnummer').fill('20240117');
    await page.getByLabel('Kode fra brevet').fill('551903');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/sak\/20240117$/);
    await expect(page.getByTestId('total')).toHaveText(kr(statement('20240117').total));
  });
});
