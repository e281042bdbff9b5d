import { test, expect, hydrated, expectAccessible, staffLogIn } from './fixtures';

/** The fifth handler: a one-time code is taken once, so this file has an account of its own. */
const handler = {
  username: process.env.E2E_STAFF5_USER ?? '',
  password: process.env.E2E_STAFF_PASSWORD ?? '',
  secret: process.env.E2E_STAFF5_SECRET ?? '',
};

/** A debtor who reads English, and one who reads Polish: each has a case of their own, since
 *  the language they choose is kept on their case. */
const walks = [
  {
    lang: 'en',
    name: 'English',
    caseNumber: '20260062',
    code: '816204',
    t: {
      caseNumber: 'Case number',
      code: 'Code from the letter',
      login: 'Log in',
      toPay: 'To pay today',
      status: 'Not paid – we are collecting the amount',
      other: 'Another amount',
      part: 'Amount in kroner',
      tooMuch: 'The amount cannot be more than what you owe today',
      objection: 'I disagree with the claim',
      explain: 'Explain what is wrong',
      no: 'No',
      send: 'Send the objection',
      reasonMissing: 'Choose why you disagree with the claim.',
      back: 'Back to the case',
      plan: 'I cannot pay it all now – make an instalment plan',
      perMonth: 'Amount per month (kr)',
      summary: /^\d+ instalments: \d+ of [\d,]+\.\d\d\u00a0kr and the last of [\d,]+\.\d\d\u00a0kr$/,
      interest: 'Late-payment interest (forsinkelsesrente)',
      total: /^[\d,]+\.\d\d\u00a0kr$/,
    },
  },
  {
    lang: 'pl',
    name: 'Polski',
    caseNumber: '20260061',
    code: '405318',
    t: {
      caseNumber: 'Numer sprawy',
      code: 'Kod z listu',
      login: 'Zaloguj się',
      toPay: 'Do zapłaty dzisiaj',
      status: 'Niezapłacone – windykujemy kwotę',
      other: 'Inną kwotę',
      part: 'Kwota w koronach',
      tooMuch: 'Kwota nie może być większa niż to, ile jesteś winien dzisiaj',
      objection: 'Nie zgadzam się z należnością',
      explain: 'Wyjaśnij, co jest nie tak',
      no: 'Nie',
      send: 'Wyślij sprzeciw',
      reasonMissing: 'Wybierz, dlaczego nie zgadzasz się z należnością.',
      back: 'Wróć do sprawy',
      plan: 'Nie mogę teraz zapłacić całości – utwórz plan spłaty w ratach',
      perMonth: 'Kwota miesięcznie (kr)',
      summary: /^Liczba rat: \d+ – \d+ po [\d\u00a0]+,\d\d\u00a0kr i ostatnia [\d\u00a0]+,\d\d\u00a0kr$/,
      interest: 'Odsetki za zwłokę (forsinkelsesrente)',
      total: /^[\d\u00a0]+,\d\d\u00a0kr$/,
    },
  },
];

for (const w of walks) {
  test(`a debtor walks Min side in ${w.name}: login, case, pay, objection and plan`, async ({ page, allowConsole }, info) => {
    test.skip(info.project.name !== 'phone', 'the walk is at phone size; one case per language');
    // The objection sent without a reason is refused by the server (400), on purpose.
    allowConsole(/status of 400/);
    const t = w.t;

    // The first visit follows the browser (bokmål here); the switch names each language in itself.
    await page.goto('/');
    await hydrated(page);
    const switcher = page.getByRole('navigation', { name: 'Språk' });
    await expect(switcher.getByRole('link', { name: w.name })).toHaveAttribute('hreflang', w.lang);
    await switcher.getByRole('link', { name: w.name }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', w.lang);
    await hydrated(page);
    await expect(page.getByRole('navigation', { name: w.lang === 'en' ? 'Language' : 'Język' })
      .getByRole('link', { name: w.name })).toHaveAttribute('aria-current', 'true');
    await expectAccessible(page);

    // Login.
    await page.getByLabel(t.caseNumber).fill(w.caseNumber);
    await page.getByLabel(t.code).fill(w.code);
    await page.getByRole('button', { name: t.login }).click();
    await expect(page).toHaveURL(new RegExp(`/sak/${w.caseNumber}$`));
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('lang', w.lang);

    // The case page: the same figures, written the reader's way.
    await expect(page.getByRole('heading', { name: t.toPay })).toBeVisible();
    await expect(page.getByTestId('status')).toHaveText(t.status);
    await expect(page.getByTestId('total')).toHaveText(t.total);
    await expect(page.getByText(t.interest).first()).toBeAttached();
    await expectAccessible(page);

    // Pay: a part larger than the total is refused in the reader's language (in the browser).
    await page.getByLabel(t.other).check();
    await page.getByLabel(t.part).fill('999999');
    await expect(page.getByText(t.tooMuch)).toBeVisible();
    await page.getByLabel(t.part).fill('100');
    await expect(page.getByText(t.tooMuch)).toHaveCount(0);

    // Objection: the form, and the server's refusal of one without a reason.
    await page.getByRole('link', { name: t.objection }).click();
    await expect(page).toHaveURL(new RegExp(`/sak/${w.caseNumber}/innsigelse$`));
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('lang', w.lang);
    await expectAccessible(page);
    await page.locator('form').first().evaluate((f: HTMLFormElement) => f.setAttribute('novalidate', ''));
    await page.getByLabel(t.explain).fill('—');
    await page.getByLabel(t.no, { exact: true }).check();
    await page.getByRole('button', { name: t.send }).click();
    await expect(page.getByRole('alert')).toContainText(t.reasonMissing);
    await expectAccessible(page);
    await page.getByRole('link', { name: t.back }).click();
    await hydrated(page);

    // Plan: the preview in the reader's language, with the amounts their way.
    await page.getByRole('link', { name: t.plan }).click();
    await expect(page).toHaveURL(new RegExp(`/sak/${w.caseNumber}/nedbetaling`));
    await hydrated(page);
    await expectAccessible(page);
    await page.getByLabel(t.perMonth).fill('1000');
    await expect(page.getByTestId('plan-summary')).toHaveText(t.summary);
    await expect(page.getByTestId('plan-total')).toHaveText(t.total);
    await expectAccessible(page);
  });
}

test('the workspace stays bokmål and shows the language the debtor chose', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'phone', 'uses the English walk\'s case');
  // The debtor chooses English before logging in; logging in keeps the choice on the case.
  await page.goto('/sprak/en?til=/');
  await hydrated(page);
  await page.getByLabel('Case number').fill('20260062');
  await page.getByLabel('Code from the letter').fill('816204');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/sak\/20260062$/);
  await hydrated(page);

  // A handler, in a browser of their own: bokmål, with the debtor's language shown.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const staff = await context.newPage();
  await staffLogIn(staff, handler);
  await staff.goto('/behandler/sak/20260062');
  await hydrated(staff);
  await expect(staff.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(staff.getByTestId('staff-language')).toHaveText('Engelsk');
  await expect(staff.getByText('Skyldneren leser Min side på dette språket.')).toBeVisible();
  await expectAccessible(staff);
  await context.close();
});
