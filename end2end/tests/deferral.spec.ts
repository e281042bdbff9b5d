import { test, expect, hydrated, logIn, expectAccessible } from './fixtures';

test('a debtor defers the payment within the rules and sees the amount for the new date first', async ({ page }, info) => {
  // Phone and desktop run at once against one database: each defers its own case.
  const [caseNumber, code] = info.project.name === 'phone' ? ['20260051', '608172'] : ['20260052', '947361'];
  await logIn(page, caseNumber, code);
  await page.getByRole('link', { name: 'Jeg trenger litt mer tid – utsett betalingen' }).click();
  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}/utsettelse$`));
  await hydrated(page);
  await expect(page.getByText('Du kan selv utsette betalingen i opptil 30 dager, én gang i hver sak.')).toBeVisible();
  await expect(page.getByText('Senest 24. desember 2026')).toBeVisible();
  await expectAccessible(page);

  // Past the rules: the page says so, and offers to ask instead.
  await page.getByLabel('Ny dato å betale innen').fill('2027-01-15');
  await expect(page.getByRole('heading', { name: 'Denne utsettelsen kan du ikke gi deg selv' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Utsett betalingen' })).toHaveCount(0);

  // Within them: the amount on the new date, with the interest that keeps running.
  await page.getByLabel('Ny dato å betale innen').fill('2026-12-18');
  const amount = page.getByTestId('deferral-amount');
  await expect(amount).toContainText('Betaler du innen 18. desember 2026, er beløpet');
  const shown = (await amount.textContent())?.match(/er beløpet (.+kr)\./)?.[1];
  expect(shown).toBeTruthy();
  await expectAccessible(page);
  await page.getByLabel('Jeg har sett beløpet, og betaler innen den nye datoen.').check();
  await page.getByRole('button', { name: 'Utsett betalingen' }).click();

  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}#utsettelse$`));
  await hydrated(page);
  await expect(page.getByTestId('status')).toHaveText('Betalingen er utsatt');
  await expect(page.getByTestId('deferral')).toHaveText(
    `Betalingen er utsatt til 18. desember 2026. Betal ${shown} innen da, med KID-nummeret over.`,
  );
  await expect(page.getByRole('link', { name: 'Jeg trenger litt mer tid – utsett betalingen' })).toHaveCount(0);
  await expectAccessible(page);
});
