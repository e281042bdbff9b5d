import { test, expect, hydrated, logIn, expectAccessible } from './fixtures';

test('the original invoice is offered at once and downloads', async ({ page }) => {
  await logIn(page, '20250001', '739214');
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Dokumenter' }) });
  await expect(section.getByRole('link', { name: 'Faktura F-10023' }).first()).toBeVisible();
  await expect(page.getByText('Den opprinnelige fakturaen ligger her')).toBeVisible();
  const download = page.waitForEvent('download');
  await section.getByRole('link', { name: 'Faktura F-10023' }).first().click();
  expect((await download).suggestedFilename()).toBe('Faktura F-10023.pdf');
  await expectAccessible(page);
});

test('without the invoice, the debtor asks for a copy and learns when it comes', async ({ page }, info) => {
  // Phone and desktop run at once against one database: each uses its own case.
  const [caseNumber, code] = info.project.name === 'phone' ? ['20250002', '482915'] : ['20250044', '318277'];
  await logIn(page, caseNumber, code);
  await expect(page.getByText('Vi har ikke fakturaen i saken ennå.')).toBeVisible();
  await page.getByRole('button', { name: 'Be om kopi av fakturaen' }).click();
  // Today is fixed at 24 November 2026 in these tests; the answer is due 14 days later.
  await expect(page.getByTestId('invoice-requested')).toContainText('Du får den av oss senest 8. desember 2026.');
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId('invoice-requested')).toContainText('8. desember 2026');
  await expect(page.getByRole('button', { name: 'Be om kopi av fakturaen' })).toHaveCount(0);
  await expectAccessible(page);
});

test('a settled case downloads its closure letter; an open one says what remains', async ({ page }) => {
  await logIn(page, '20250090', '902614');
  await expect(page.getByTestId('status')).toHaveText('Betalt – saken er avsluttet');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Last ned bekreftelsen (PDF)' }).click();
  expect((await download).suggestedFilename()).toBe('Bekreftelse sak 20250090.pdf');
  await expectAccessible(page);

  await page.goto('/');
  await logIn(page, '20250001', '739214');
  await expect(page.getByText('Når alt er betalt, kan du laste ned en bekreftelse')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Last ned bekreftelsen (PDF)' })).toHaveCount(0);
});
