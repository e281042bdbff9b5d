import { test, expect, hydrated, logIn, expectAccessible, staffLogIn } from './fixtures';

/** The third handler: each test logs in with an account of its own (a code is taken once). */
const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');

const handler = {
  username: process.env.E2E_STAFF3_USER ?? '',
  password: process.env.E2E_STAFF_PASSWORD ?? '',
  secret: process.env.E2E_STAFF3_SECRET ?? '',
};

test('a debtor writes, a handler answers, and each sees the other live without a reload', async ({ page, browser, allowConsole }, info) => {
  test.skip(info.project.name === 'phone', 'two browsers side by side run in the desktop project');
  // The empty message's refusal is logged by the browser.
  allowConsole(/status of 400/);
  // The debtor, on a phone-sized window: from the case page to the conversation.
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, '20250044', '318277');
  await page.getByRole('link', { name: 'Skriv til oss', exact: true }).click();
  await expect(page).toHaveURL(/\/sak\/20250044\/meldinger$/);
  await hydrated(page);
  await expect(page.getByTestId('chat-empty')).toBeVisible();
  await expectAccessible(page);

  // An empty message is refused in words, and nothing is sent.
  await page.getByRole('button', { name: 'Send melding' }).click();
  await expect(page.getByRole('alert')).toContainText('Skriv en melding');
  await page.getByLabel('Melding', { exact: true }).fill('Hei! Kan jeg betale resten 15. desember?\nHilsen Per');
  await page.getByLabel('Dokumentasjon (valgfritt)').setInputFiles({ name: 'lønnsslipp.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Send melding' }).click();
  const mine = page.getByTestId('message').filter({ hasText: 'Kan jeg betale resten' });
  await expect(mine).toBeVisible();
  await expect(mine.getByRole('link', { name: 'lønnsslipp.pdf' })).toBeVisible();
  // Sent Tuesday 24 November: the answer is promised within a week.
  await expect(mine.getByTestId('answer-by')).toHaveText('Du får svar innen tirsdag 1. desember');
  await expect(page.getByLabel('Melding', { exact: true })).toHaveValue('');
  await expectAccessible(page);

  // A handler, in a browser of their own, finds it in the inbox and opens the case.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  const staffErrors: string[] = [];
  staff.on('console', (m) => {
    if (m.type() === 'error') staffErrors.push(m.text());
  });
  staff.on('pageerror', (e) => staffErrors.push(e.message));
  await staffLogIn(staff, handler);
  const row = staff.getByTestId('inbox-row').filter({ hasText: '20250044' }).filter({ hasText: 'Melding' });
  await expect(row).toContainText('01.12.2026');
  await expect(row.getByTestId('inbox-unread')).toHaveText('1 uleste');
  await row.getByRole('link', { name: 'Åpne sak 20250044' }).click();
  await expect(staff).toHaveURL(/\/behandler\/sak\/20250044$/);
  await hydrated(staff);
  const conversation = staff.getByTestId('staff-conversation');
  await expect(conversation).toContainText('Kan jeg betale resten 15. desember?');
  await expect(conversation.getByRole('link', { name: 'lønnsslipp.pdf' })).toHaveAttribute('href', /^\/behandler\/fil\//);
  await expectAccessible(staff);

  // The debtor's page shows, by itself, that the agency has read the message.
  await expect(mine.getByTestId('read-at')).toHaveText(/^Lest \d\d\.\d\d\. kl\. \d\d\.\d\d$/, { timeout: 2000 });

  // The handler answers; the debtor's open page has it within two seconds, and a screen
  // reader is told.
  await conversation.getByLabel('Svar til skyldneren').fill('Hei Per! Ja, det går fint. Vi noterer 15. desember.');
  await conversation.getByRole('button', { name: 'Send svar' }).click();
  await expect(conversation.getByTestId('message').last()).toContainText('Eli (oss)');
  await expect(conversation.getByLabel('Svar til skyldneren')).toHaveValue('');
  const answer = page.getByTestId('message').filter({ hasText: 'Vi noterer 15. desember' });
  await expect(answer).toContainText('Eli, Innfri Inkasso AS', { timeout: 2000 });
  await expect(page.getByTestId('chat-announcement')).toHaveText('Ny melding fra Eli, Innfri Inkasso AS');
  // Answered: no date promised any more.
  await expect(mine.getByTestId('answer-by')).toHaveCount(0);
  // And the handler sees the debtor has read the answer.
  await expect(conversation.getByTestId('staff-read-at')).toHaveText(/^Lest av skyldneren /, { timeout: 2000 });
  await expectAccessible(page);

  // The task is answered: the inbox no longer lists it as open.
  await staff.getByRole('link', { name: 'Tilbake til innboksen' }).click();
  await hydrated(staff);
  await expect(staff.getByTestId('inbox-row').filter({ hasText: '20250044' }).filter({ hasText: 'Melding' })).toHaveCount(0);
  expect(staffErrors, 'browser console errors in the workspace').toEqual([]);
  await staffContext.close();
});

test('the help page and the case page lead to the conversation with the topic filled in', async ({ page }) => {
  await page.goto('/hjelp');
  await hydrated(page);
  // Not logged in: the login says why.
  await page.locator('#kontakt').getByRole('link', { name: 'Skriv til oss om dette' }).click();
  await expect(page).toHaveURL(/\/\?meldinger=1$/);
  await expect(page.getByRole('status')).toContainText('så kan du skrive til oss');
  await logIn(page, '20260031', '274019');
  await page.getByRole('link', { name: 'Jeg kan ikke betale – skriv til oss' }).click();
  await expect(page).toHaveURL(/\/sak\/20260031\/meldinger\?emne=kan-ikke-betale$/);
  await hydrated(page);
  await expect(page.getByTestId('chat-topic')).toHaveText('Emne: Jeg kan ikke betale');
  await page.goto('/hjelp');
  await hydrated(page);
  await page.locator('#faktura').getByRole('link', { name: 'Skriv til oss om dette' }).click();
  await expect(page).toHaveURL(/\/sak\/20260031\/meldinger\?emne=faktura$/);
  await hydrated(page);
  await expect(page.getByTestId('chat-topic')).toHaveText('Emne: Jeg har ikke mottatt faktura');
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the conversation is a page with a form that posts and comes back', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Saksnummer').fill('20260032');
    await page.getByLabel('Kode fra brevet').fill('530847');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/sak\/20260032$/);
    await page.goto('/sak/20260032/meldinger');
    await page.getByLabel('Melding', { exact: true }).fill('Sendt uten JavaScript.');
    await page.getByRole('button', { name: 'Send melding' }).click();
    await expect(page).toHaveURL(/\/sak\/20260032\/meldinger#siste$/);
    // (The phone project sends one too, on the same case.)
    const sent = page.getByTestId('message').filter({ hasText: 'Sendt uten JavaScript.' }).last();
    await expect(sent).toBeVisible();
    await expect(sent.getByTestId('answer-by')).toHaveText('Du får svar innen tirsdag 1. desember');
  });
});
