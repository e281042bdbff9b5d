import { test, expect, hydrated, logIn, expectAccessible, totp } from './fixtures';

const staff = {
  username: process.env.E2E_STAFF_USER ?? '',
  password: process.env.E2E_STAFF_PASSWORD ?? '',
  secret: process.env.E2E_STAFF_SECRET ?? '',
};

/** The second handler, for a test that runs beside the first. */
const staff2 = {
  username: process.env.E2E_STAFF2_USER ?? '',
  password: process.env.E2E_STAFF_PASSWORD ?? '',
  secret: process.env.E2E_STAFF2_SECRET ?? '',
};

/** An admin, for the account pages. */
const admin = {
  username: process.env.E2E_ADMIN_USER ?? '',
  password: process.env.E2E_STAFF_PASSWORD ?? '',
  secret: process.env.E2E_ADMIN_SECRET ?? '',
};

const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');

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

  // Sent without wasm (islands mode), the refused form came back empty: fill it again.
  await page.getByLabel('Brukernavn').fill(staff.username);
  await page.getByLabel('Passord').fill(staff.password);
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

  // The handler answers with the creditor's copy: a PDF through the upload form.
  await page.getByRole('link', { name: 'Åpne sak 20260041' }).click();
  await expect(page).toHaveURL(/\/behandler\/sak\/20260041$/);
  await hydrated(page);
  const copy = page.getByTestId('staff-task').filter({ hasText: 'Fakturakopi' });
  await copy.getByLabel('Kopi av fakturaen (PDF)').setInputFiles({ name: 'T-3310.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expectAccessible(page);
  await copy.getByRole('button', { name: 'Lagre avgjørelsen og send svaret' }).first().click();
  await expect(page).toHaveURL(/\/behandler\/sak\/20260041\?lagret=1$/);
  await expect(page.getByText('Avgjørelsen er lagret, og skyldneren ser svaret.')).toBeVisible();
  await expect(copy).toContainText('Besvart 24.11.2026: Legg ved kopien av fakturaen (PDF)');
  await page.getByRole('link', { name: 'Tilbake til innboksen' }).click();
  await expect(page).toHaveURL(/\/behandler$/);
  await hydrated(page);

  // Usable at 768 px.
  await page.setViewportSize({ width: 768, height: 1024 });
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page).toHaveURL(/\/behandler\/logg-inn\?utlogget=1$/);
  await expect(page.getByText('Du er logget ut.')).toBeVisible();
});

test('a handler registers a receipt and upholds an objection, and the debtor sees both answers', async ({ page }, info) => {
  test.skip(info.project.name === 'phone', 'the workspace runs in the desktop project');
  // The scenario's own case (end2end/cases.json): 1 290 kr due 20 August, costs 37,50 + 280.
  await logIn(page, '20269001', '640213');
  // 96 days at 12 %: 1 290 × 0,12 × 96 / 365 = 40,71; with the costs: 1 648,21.
  await expect(page.getByTestId('total')).toHaveText(/1\s648,21/);

  // "Jeg har allerede betalt": a receipt for 1 250,50 paid on 20 November.
  await page.goto('/sak/20269001/kvittering');
  await hydrated(page);
  await page.getByLabel('Når betalte du? (valgfritt)').fill('2026-11-20');
  await page.getByLabel('Hvor mye betalte du? (valgfritt)').fill('1 250,50');
  await page.getByLabel('Kvittering').setInputFiles({ name: 'nettbank.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Send kvitteringen' }).click();
  await expect(page).toHaveURL(/\/sak\/20269001#kvittering$/);
  await hydrated(page);

  // "Jeg er uenig i kravet" as well.
  await page.getByRole('link', { name: 'Jeg er uenig i kravet' }).click();
  await hydrated(page);
  await page.getByLabel('Beløpet er feil').check();
  await page.getByLabel('Forklar hva som er feil').fill('Filteret var ikke med i leveransen.');
  await page.getByLabel('Nei', { exact: true }).check();
  await page.getByRole('button', { name: 'Send innsigelsen' }).click();
  await expect(page).toHaveURL(/\/sak\/20269001#innsigelse$/);
  await hydrated(page);

  // The handler logs in with a code computed here, and finds both in the inbox. The debtor's
  // page is left first: its live stream would ask again without the cookies (a 401).
  await page.goto('about:blank');
  await page.context().clearCookies();
  await page.goto('/behandler/logg-inn');
  await hydrated(page);
  await page.getByLabel('Brukernavn').fill(staff2.username);
  await page.getByLabel('Passord').fill(staff2.password);
  await page.getByLabel('Engangskode').fill(totp(staff2.secret));
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(/\/behandler$/);
  await hydrated(page);
  const rows = page.getByTestId('inbox-row').filter({ hasText: '20269001' });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Kvittering' })).toContainText('08.12.2026');
  await expect(rows.filter({ hasText: 'Innsigelse' })).toContainText('08.12.2026');
  await rows.first().getByRole('link', { name: 'Åpne sak 20269001' }).click();
  await expect(page).toHaveURL(/\/behandler\/sak\/20269001$/);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Sak 20269001' })).toBeVisible();
  await expect(page.getByTestId('staff-total')).toHaveText(/1\s648,21/);
  await expectAccessible(page);

  // The receipt: registered as a payment of 1 250,50 on 20 November, with the template's answer.
  const receipt = page.getByTestId('staff-task').filter({ hasText: 'Kvittering' });
  await expect(receipt).toContainText('nettbank.pdf');
  await receipt.getByLabel('Registrer som betaling').check();
  await expect(receipt.getByLabel('Svar til skyldneren')).toHaveValue(/Vi har registrert betalingen/);
  await receipt.getByLabel('Beløp (kr)').fill('1 250,50');
  await receipt.getByLabel('Betalt dato').fill('2026-11-20');
  await receipt.getByRole('button', { name: 'Lagre avgjørelsen og send svaret' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Avgjørelsen er lagret' })).toBeVisible();
  // 1 250,50 pays the costs 317,50, the interest 39,02 (92 days) and 893,98 of the principal:
  // 396,02 left, and 4 days' interest 0,52: 396,54.
  await expect(page.getByTestId('staff-total')).toHaveText(/396,54/);

  // The objection: upheld, with the handler's own reasons.
  const objection = page.getByTestId('staff-task').filter({ hasText: 'Innsigelse' });
  await expect(objection).toContainText('Filteret var ikke med i leveransen.');
  await objection.getByLabel('Innsigelsen er vurdert – innkrevingen fortsetter').check();
  const answer = objection.getByLabel('Svar til skyldneren');
  await expect(answer).toHaveValue(/Innkrevingen fortsetter/);
  await answer.fill('Kreditor har dokumentert at filteret ble levert 6. august. Innkrevingen fortsetter.');
  await objection.getByRole('button', { name: 'Lagre avgjørelsen og send svaret' }).click();
  await expect(objection).toContainText('Besvart 24.11.2026: Innsigelsen er vurdert – innkrevingen fortsetter');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page).toHaveURL(/\/behandler\/logg-inn\?utlogget=1$/);

  // The debtor sees both answers, and the new balance.
  await page.context().clearCookies();
  await logIn(page, '20269001', '640213');
  await expect(page.getByTestId('total')).toHaveText(/396,54/);
  await expect(page.getByTestId('status')).toHaveText('Ikke betalt – vi krever inn beløpet');
  const answers = page.getByTestId('answers');
  await expect(answers).toContainText('Svar på kvitteringen');
  await expect(answers).toContainText('Vi har registrert betalingen');
  await expect(answers).toContainText('Kreditor har dokumentert at filteret ble levert 6. august.');
  await expect(page.getByTestId('timeline')).toContainText('Vi svarte på innsigelsen din');
  await expectAccessible(page);
});

test('an admin searches for a case and creates a handler account', async ({ page, allowConsole }, info) => {
  test.skip(info.project.name === 'phone', 'the workspace runs in the desktop project');
  // A weak password is refused with 400, which the browser logs.
  allowConsole(/status of 400/);
  await page.goto('/behandler/logg-inn');
  await hydrated(page);
  await page.getByLabel('Brukernavn').fill(admin.username);
  await page.getByLabel('Passord').fill(admin.password);
  await page.getByLabel('Engangskode').fill(totp(admin.secret));
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(/\/behandler$/);
  await hydrated(page);

  // Search by a part of the debtor's name: the case is a link.
  await page.getByLabel('Søk etter sak').fill('Ingrid');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page).toHaveURL(/sok=Ingrid/);
  await hydrated(page);
  const results = page.getByTestId('search-results');
  await expect(results.getByRole('link', { name: '20250090' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Kontoer' }).click();
  await expect(page).toHaveURL(/\/behandler\/kontoer$/);
  await hydrated(page);
  await expect(page.getByTestId('accounts')).toContainText('e2e.admin');
  await expectAccessible(page);
  await page.getByLabel('Brukernavn').fill('ny.behandler');
  await page.getByLabel('Fullt navn').fill('Ny Behandler');
  await page.getByLabel('Passord', { exact: true }).fill('passord12345');
  await page.getByRole('button', { name: 'Opprett kontoen' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Passord', { exact: true }).fill('Gul-Ferje-Hagen-Tiger-52');
  await page.getByRole('button', { name: 'Opprett kontoen' }).click();
  await expect(page.getByTestId('new-login')).toContainText('otpauth://totp/Innfri:ny.behandler?secret=');
  await expect(page.getByTestId('accounts')).toContainText('ny.behandler');
  await expectAccessible(page);
});
