import { Page } from '@playwright/test';
import { test, expect, hydrated, logIn, expectAccessible } from './fixtures';

/** Type into a field the way a keystroke does and time how long until the preview shows the
 *  new plan (milliseconds, measured in the page). */
async function timeToPreview(page: Page, label: string, value: string): Promise<number> {
  const field = page.getByLabel(label, { exact: true });
  return await field.evaluate((el: HTMLInputElement, v: string) => {
    return new Promise<number>((resolve) => {
      const preview = document.querySelector('[data-testid="plan-preview"]')!;
      const before = preview.textContent;
      const start = performance.now();
      const observer = new MutationObserver(() => {
        if (preview.textContent !== before) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      });
      observer.observe(preview, { subtree: true, childList: true, characterData: true });
      el.value = v;
      el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    });
  }, value);
}

test('a debtor builds a plan, sees it change as they type, and accepts it', async ({ page }, info) => {
  // Phone and desktop run at once against one database: each plans its own case.
  const [caseNumber, code] = info.project.name === 'phone' ? ['20260031', '274019'] : ['20260032', '530847'];
  await logIn(page, caseNumber, code);
  await page.getByRole('link', { name: 'Jeg kan ikke betale alt nå – lag en nedbetalingsavtale' }).click();
  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}/nedbetaling$`));
  await hydrated(page);
  await expect(page.getByText('Opptil 24 månedlige avdrag.')).toBeVisible();
  await expect(page.getByText('Med mer enn 4 avdrag kommer et tillegg på 1 125,00 kr')).toBeVisible();
  await expectAccessible(page);

  // A monthly amount: the plan appears as it is typed. The months field waits for its choice.
  await expect(page.getByLabel('Antall måneder', { exact: true })).toBeHidden();
  const amount = 'Beløp per måned (kr)';
  const times: number[] = [];
  for (const v of ['1000', '1500', '2000', '1200', '900']) {
    times.push(await timeToPreview(page, amount, v));
  }
  times.sort((a, b) => a - b);
  console.log(`keystroke to preview (${info.project.name}): median ${times[2].toFixed(1)} ms, max ${times[4].toFixed(1)} ms`);
  await expect(page.getByTestId('plan-summary')).toContainText('på 900,00 kr');
  await expect(page.getByTestId('plan-supplement')).toHaveText('1 125,00 kr');
  await expect(page.getByTestId('plan-schedule').locator('tbody tr').first()).toContainText('20. desember 2026');

  await page.getByLabel(amount, { exact: true }).fill('9OO');
  await expect(page.getByTestId('plan-preview').getByRole('alert')).toHaveText('Skriv beløpet med sifre, for eksempel 750 eller 750,50.');

  // Over 30 months: outside the rules, so the debtor sends it as a proposal.
  await page.getByLabel('Over et antall måneder').check();
  await expect(page.getByLabel(amount, { exact: true })).toBeHidden();
  // By months the calculator searches for the smallest amount that settles in time: time
  // that too, on the phone with the CPU slowed four times, like a cheap phone.
  const cdp = info.project.name === 'phone' ? await page.context().newCDPSession(page) : null;
  await cdp?.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const byMonths: number[] = [];
  for (const v of ['24', '18', '12', '6', '9']) {
    byMonths.push(await timeToPreview(page, 'Antall måneder', v));
  }
  byMonths.sort((a, b) => a - b);
  console.log(`keystroke to preview by months (${info.project.name}${cdp ? ', CPU 4× slower' : ''}): median ${byMonths[2].toFixed(1)} ms, max ${byMonths[4].toFixed(1)} ms`);
  await cdp?.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.getByLabel('Antall måneder', { exact: true }).fill('30');
  await expect(page.getByRole('heading', { name: 'Denne avtalen kan du ikke godta selv' })).toBeVisible();
  await expect(page.getByText('Den har flere enn 24 avdrag.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Godta avtalen' })).toHaveCount(0);
  await page.getByLabel('Hvorfor trenger du denne avtalen?').fill('Jeg er student og har lite å rutte med til jeg begynner å jobbe.');
  await page.getByLabel('Inntekt per måned etter skatt (valgfritt, kr)').fill('14 000');
  await page.getByLabel('Faste utgifter per måned (valgfritt, kr)').fill('9 000');
  await expect(page.getByTestId('plan-budget')).toContainText('Du har 5 000,00 kr igjen i måneden etter faste utgifter.');
  await page.getByRole('button', { name: 'Send forslaget' }).click();
  // The proposal posts as a plain form; the case page says it arrived and by when we answer.
  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}\\?forespurt=[^#]+#forespurt$`));
  await expect(page.getByTestId('request-received')).toContainText('Du sendte forslag til nedbetalingsavtale');
  await expect(page.getByTestId('request-received')).toContainText('Vi svarer senest 8. desember 2026');
  await expectAccessible(page);
  await page.goto(`/sak/${caseNumber}/nedbetaling`);
  await hydrated(page);
  await page.getByLabel('Over et antall måneder').check();

  // Ten months: within the rules. The total shown is the one the server agrees to.
  await page.getByLabel('Antall måneder', { exact: true }).fill('10');
  await expect(page.getByTestId('plan-summary')).toContainText('10 avdrag');
  const total = await page.getByTestId('plan-total').textContent();
  const settled = await page.getByTestId('plan-settled').textContent();
  expect(settled).toBe('Saken er betalt: 20. september 2027');
  await expectAccessible(page);
  await page.getByLabel('Jeg har sett hva avtalen koster').check();
  await page.getByRole('button', { name: 'Godta avtalen' }).click();

  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}#avtale$`));
  await hydrated(page);
  await expect(page.getByTestId('status')).toHaveText('Nedbetalingsavtale – betal avdragene til avtalt tid');
  const plan = page.getByTestId('plan');
  await expect(plan).toContainText('10 avdrag på');
  await expect(plan).toContainText('Saken er betalt 20. september 2027');
  await expect(page.getByTestId('plan-next')).toContainText('innen 20. desember 2026');
  await expect(plan).toContainText('Betalt: 0 av 10 avdrag.');
  await expect(page.getByTestId('plan-remaining')).toContainText('Igjen å betale i dag:');
  expect(total).not.toBeNull();
  await expect(page.getByRole('link', { name: 'Jeg kan ikke betale alt nå – lag en nedbetalingsavtale' })).toHaveCount(0);
  await expectAccessible(page);
});

test('a running plan shows the next instalment, and a missed one plainly with what to do', async ({ page }) => {
  await logIn(page, '20260042', '362904');
  await expect(page.getByTestId('status')).toHaveText('Nedbetalingsavtale – betal avdragene til avtalt tid');
  const missed = page.getByTestId('plan-missed');
  await expect(missed).toContainText('2 avdrag er ikke betalt. Du mangler 740,00 kr.');
  await expect(missed).toContainText('Betal det som mangler så snart du kan');
  await expect(page.getByTestId('plan-next')).toContainText('Neste avdrag: 560,00 kr innen 1. desember 2026.');
  await expect(page.getByTestId('plan')).toContainText('Betalt: 2 av 12 avdrag.');
  const rows = page.getByTestId('plan-instalments').locator('tbody tr');
  await expect(rows).toHaveCount(12);
  await expect(rows.nth(1)).toContainText('Betalt');
  await expect(rows.nth(2)).toContainText('1. oktober 2026');
  await expect(rows.nth(2)).toContainText('Ikke betalt');
  await expect(rows.nth(4)).toContainText('Kommer');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Last ned avtalen (PDF)' }).click();
  expect((await download).suggestedFilename()).toBe('Nedbetalingsavtale sak 20260042.pdf');
  await expectAccessible(page);
});
