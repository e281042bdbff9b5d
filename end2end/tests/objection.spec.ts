import { test, expect, hydrated, logIn, expectAccessible } from './fixtures';

test('an objection stops collection at once and the case page is the receipt', async ({ page }, info) => {
  // Phone and desktop run at once against one database: each objects to its own case.
  const [caseNumber, code] = info.project.name === 'phone' ? ['20260012', '667120'] : ['20240117', '551903'];
  await logIn(page, caseNumber, code);

  await page.getByRole('link', { name: 'Jeg er uenig i kravet' }).click();
  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}/innsigelse$`));
  await hydrated(page);
  await expectAccessible(page);

  await page.getByLabel('Varen eller tjenesten var mangelfull').check();
  await page.getByLabel('Forklar hva som er feil').fill('Maskinen virket ikke fra første dag, og jeg leverte den tilbake.');
  await page.getByLabel('Hva har du gjort så langt? (valgfritt)').fill('Leverte maskinen tilbake til butikken.');
  // The contact details appear once "Ja" is chosen.
  await expect(page.getByLabel('Når tok du kontakt? (valgfritt)')).toBeHidden();
  await page.getByLabel('Ja', { exact: true }).check();
  await page.getByLabel('Når tok du kontakt? (valgfritt)').fill('2026-11-10');
  await page.getByLabel('Hva ble resultatet? (valgfritt)').fill('Butikken sa de skulle ordne det.');
  await page.getByLabel('Dokumentasjon (valgfritt)').setInputFiles({
    name: 'returseddel.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n'),
  });
  await page.getByRole('button', { name: 'Send innsigelsen' }).dblclick();

  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}#innsigelse$`));
  await hydrated(page);
  await expect(page.getByTestId('status')).toHaveText('Innsigelse registrert – innkrevingen er stanset');
  await expect(page.getByTestId('objection')).toContainText('Du får svar fra oss senest 8. desember 2026.');
  await expect(page.getByTestId('objection')).toContainText('24. november 2026');
  await expect(page.getByTestId('objection').getByRole('link', { name: 'returseddel.pdf' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Jeg er uenig i kravet' })).toHaveCount(0);
  const timeline = page.getByTestId('timeline');
  await expect(timeline.locator('li').first()).toHaveText('24. november 2026: Innkrevingen ble stanset mens vi undersøker saken.');
  await expect(timeline).toContainText('Du sendte en innsigelse mot kravet');
  await expectAccessible(page);
});

test('an objection without a reason is refused with a plain message', async ({ page, allowConsole }) => {
  allowConsole(/status of 400/);
  await logIn(page, '20250090', '902614');
  await page.goto('/sak/20250090/innsigelse');
  await hydrated(page);
  // The browser's own required-field check is bypassed to reach the server's.
  await page.locator('form').evaluate((f: HTMLFormElement) => f.setAttribute('novalidate', ''));
  await page.getByLabel('Forklar hva som er feil').fill('Feil');
  await page.getByLabel('Nei', { exact: true }).check();
  await page.getByRole('button', { name: 'Send innsigelsen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Velg hvorfor du er uenig i kravet.');
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a refused objection comes back to the form with the reason', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Saksnummer').fill('20250090');
    await page.getByLabel('Kode fra brevet').fill('902614');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/sak\/20250090$/);
    await page.goto('/sak/20250090/innsigelse');
    await page.getByLabel('Beløpet er feil').check();
    await page.getByLabel('Forklar hva som er feil').fill('Beløpet stemmer ikke med avtalen.');
    await page.getByLabel('Ja', { exact: true }).check();
    // Only the server knows that this date is after today.
    await page.getByLabel('Når tok du kontakt? (valgfritt)').fill('2027-01-15');
    await page.getByRole('button', { name: 'Send innsigelsen' }).click();
    await expect(page).toHaveURL(/\/sak\/20250090\/innsigelse\?feil=kontaktdato-fremtid$/);
    await expect(page.getByRole('alert')).toHaveText('Datoen du tok kontakt kan ikke være etter i dag.');
  });
});
