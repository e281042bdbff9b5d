import { test, expect, hydrated, expectAccessible } from './fixtures';

async function logIn(page: any, caseNumber: string, code: string) {
  await page.goto('/');
  await hydrated(page);
  await page.getByLabel('Saksnummer').fill(caseNumber);
  await page.getByLabel('Kode fra brevet').fill(code);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}$`));
  await hydrated(page);
}

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
