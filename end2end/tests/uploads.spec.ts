import { Page } from '@playwright/test';
import { test, expect, hydrated, logIn, expectAccessible } from './fixtures';

const MB = 1024 * 1024;

/** A PNG of `size` bytes: the signature, then filler. The server checks only the start. */
function png(size: number): Buffer {
  const b = Buffer.alloc(size, 0x17);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b;
}

const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');

/** Every text the upload status showed, in order, kept by the test: the page reports each
 *  one, so they survive the page load after sending (islands mode) as well as client-side
 *  navigation. */
async function recordProgress(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__reportProgress', (text: string) => {
    if (seen[seen.length - 1] !== text) seen.push(text);
  });
  await page.evaluate(() => {
    new MutationObserver(() => {
      const status = document.querySelector('[data-testid="upload-progress"] [role="status"]');
      const text = status?.textContent ?? '';
      if (text) (window as any).__reportProgress(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return seen;
}

/** Send at most `bytesPerSecond` upstream, as a phone on mobile data might. */
async function throttleUpload(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

test('a receipt uploads with progress, and the case says it was received', async ({ page }, info) => {
  // Phone and desktop run at once against one database: each uses its own case.
  const [caseNumber, code] = info.project.name === 'phone' ? ['20250001', '739214'] : ['20250002', '482915'];
  await logIn(page, caseNumber, code);
  await page.getByRole('link', { name: 'Jeg har allerede betalt – send kvittering' }).click();
  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}/kvittering$`));
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Jeg har allerede betalt' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Når betalte du? (valgfritt)').fill('2026-11-20');
  await page.getByLabel('Hvor mye betalte du? (valgfritt)').fill('1 250,50');
  await page.getByLabel('Kommentar (valgfritt)').fill('Betalt til kreditor direkte.');
  await page.getByLabel('Kvittering').setInputFiles([
    { name: 'skjermbilde nettbank.png', mimeType: 'image/png', buffer: png(6 * MB) },
    { name: 'kvittering.pdf', mimeType: 'application/pdf', buffer: pdf },
  ]);
  const chosen = page.getByTestId('chosen-files');
  await expect(chosen).toContainText('skjermbilde nettbank.png (6,0 MB)');
  await expect(chosen).toContainText('kvittering.pdf');
  await expectAccessible(page);

  await throttleUpload(page, 3 * MB);
  const seen = await recordProgress(page);
  await page.getByRole('button', { name: 'Send kvitteringen' }).click();
  await expect(page.getByTestId('upload-progress')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sender …' })).toBeDisabled();
  await expect(page.getByRole('progressbar', { name: 'Opplasting' })).toBeVisible();
  await expectAccessible(page);

  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}#kvittering$`), { timeout: 20_000 });
  await hydrated(page);
  const percents = seen
    .map((t) => /Sender … (\d+) % \(.+ av 6,0 MB\)/.exec(t))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  expect(percents.length, `progress seen: ${seen.join(' | ')}`).toBeGreaterThan(1);
  expect(percents.some((p) => p > 0 && p < 100), `progress seen: ${seen.join(' | ')}`).toBe(true);
  expect([...percents].sort((a, b) => a - b)).toEqual(percents);

  await expect(page.getByTestId('status')).toHaveText('Kvittering mottatt – vi undersøker saken');
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('Kvittering mottatt 24. november 2026');
  await expect(receipt).toContainText('svarer deg senest 8. desember 2026');
  await expect(page.getByTestId('timeline')).toContainText('Du sendte filen «skjermbilde nettbank.png» (6,0 MB).');
  await expect(page.getByTestId('timeline')).toContainText('Du sendte kvittering for en betaling');

  // The debtor can fetch each file back, as it was sent.
  const download = page.waitForEvent('download');
  await receipt.getByRole('link', { name: 'kvittering.pdf' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('kvittering.pdf');
  await expectAccessible(page);
});

test('files that would be refused are named before anything is sent, and the server checks the bytes', async ({ page, allowConsole }, info) => {
  allowConsole(/status of 415/);
  const [caseNumber, code] = info.project.name === 'phone' ? ['20260012', '667120'] : ['20240117', '551903'];
  await logIn(page, caseNumber, code);
  await page.goto(`/sak/${caseNumber}/kvittering`);
  await hydrated(page);
  const files = page.getByLabel('Kvittering');
  const send = page.getByRole('button', { name: 'Send kvitteringen' });

  // Over 10 MB: the page says so at once, and sends nothing.
  await files.setInputFiles({ name: 'stort bilde.png', mimeType: 'image/png', buffer: png(11 * MB) });
  await expect(page.getByTestId('chosen-files')).toContainText('«stort bilde.png» er større enn 10 MB.');
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/kvittering/send')) posted = true;
  });
  await send.click();
  await expect(page.getByRole('alert')).toContainText('«stort bilde.png» er større enn 10 MB.');
  expect(posted).toBe(false);
  await expectAccessible(page);

  // A "PDF" that is really something else passes the name check, but not the server's.
  await files.setInputFiles({ name: 'kvittering.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 this is a program') });
  await send.click();
  await expect(page.getByRole('alert')).toHaveText(
    '«kvittering.pdf» er ikke en PDF, JPEG, PNG eller HEIC. Vi ser på hva filen inneholder, ikke bare på navnet.',
  );
  expect(posted).toBe(true);
  // What was typed stays; nothing changed on the case.
  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}/kvittering$`));
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a receipt posts as a plain form, and a refused one comes back with the reason', async ({ page }, info) => {
    test.skip(info.project.name === 'phone', 'one case for both sizes would race; the form is the same');
    await page.goto('/');
    await page.getByLabel('Saksnummer').fill('20250044');
    await page.getByLabel('Kode fra brevet').fill('318277');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/sak\/20250044$/);
    await page.goto('/sak/20250044/kvittering');
    await page.getByLabel('Kvittering').setInputFiles({ name: 'notat.pdf', mimeType: 'application/pdf', buffer: Buffer.from('bare tekst') });
    await page.getByRole('button', { name: 'Send kvitteringen' }).click();
    await expect(page).toHaveURL(/\/sak\/20250044\/kvittering\?feil=filtype$/);
    await expect(page.getByRole('alert')).toHaveText(
      'En av filene er ikke en PDF, JPEG, PNG eller HEIC. Vi ser på hva filen inneholder, ikke bare på navnet.',
    );

    await page.getByLabel('Kvittering').setInputFiles({ name: 'kvittering.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Send kvitteringen' }).click();
    await expect(page).toHaveURL(/\/sak\/20250044#kvittering$/);
    await expect(page.getByTestId('status')).toHaveText('Kvittering mottatt – vi undersøker saken');
    await expect(page.getByTestId('receipt').getByRole('link', { name: 'kvittering.pdf' })).toBeVisible();
  });
});
