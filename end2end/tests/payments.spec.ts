import { test, expect, hydrated, logIn, expectAccessible, staffLogIn } from './fixtures';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A handler of its own: each test logs in with an account of its own (a code is taken once). */
const handler = {
  username: process.env.E2E_STAFF4_USER ?? '',
  password: process.env.E2E_STAFF_PASSWORD ?? '',
  secret: process.env.E2E_STAFF4_SECRET ?? '',
};

const pad = (value: string | number, width: number, fill = '0') => String(value).padStart(width, fill);

/** An OCR giro file as the bank sends it: one payment (type 10) per item, dated 24.11.2026. */
function ocrFile(transmission: number, items: { kid: string; ore: number }[]): string {
  const day = '241126';
  const lines = [
    `NY000010${'00008080'}${pad(transmission, 7)}${'00008080'}${'0'.repeat(49)}`,
    `NY090020${'0'.repeat(9)}${pad(1, 7)}${'12345678903'}${'0'.repeat(45)}`,
  ];
  items.forEach((item, i) => {
    lines.push(`NY091030${pad(i + 1, 7)}${day}${'0'.repeat(11)}${pad(item.ore, 17)}${item.kid.padStart(25, ' ')}${'0'.repeat(6)}`);
    lines.push(`NY091031${pad(i + 1, 7)}${'0'.repeat(10)}${pad(i + 1, 9)}${'0'.repeat(7)}${day}${'86011117947'}${'0'.repeat(22)}`);
  });
  const total = items.reduce((sum, item) => sum + item.ore, 0);
  const records = 2 + 2 * items.length;
  lines.push(`NY090088${pad(items.length, 8)}${pad(records, 8)}${pad(total, 17)}${day}${day}${day}${'0'.repeat(21)}`);
  lines.push(`NY000089${pad(items.length, 8)}${pad(records + 2, 8)}${pad(total, 17)}${day}${'0'.repeat(33)}`);
  return lines.map((l) => `${l}\r\n`).join('');
}

function importPayments(file: string): string {
  return execFileSync(process.env.E2E_SERVER_BIN ?? 'target/debug/server', ['payments', 'import', file], {
    env: process.env,
  }).toString();
}

test('a bank file pays an open case live, and a handler ties the payment nobody could place', async ({ page, browser }, info) => {
  test.skip(info.project.name === 'phone', 'the operator and the workspace run in the desktop project');
  // Mona Berg (20269002): 2 000 due 24 October, 31 days at 12 %: 2 000 × 0,12 × 31 / 365 =
  // 20,38; with the reminder fee 35: 2 055,38.
  await page.setViewportSize({ width: 390, height: 844 });
  await logIn(page, '20269002', '731948');
  await expect(page.getByTestId('total')).toHaveText(/2\s055,38/);

  // The bank's file arrives while the page is open: her payment, and one with a KID no case has.
  const dir = mkdtempSync(join(tmpdir(), 'innfri-bank-'));
  const file = join(dir, 'innbetalinger-e2e.ocr');
  writeFileSync(file, ocrFile(901, [
    { kid: '202690020', ore: 205538 },
    { kid: '999999998', ore: 12_345 },
  ]), 'latin1');
  const printed = importPayments(file);
  expect(printed).toContain('2 transaksjoner lest');
  // Within two seconds, without a reload: nothing owed, the case closed, the letter offered.
  await expect(page.getByTestId('total')).toHaveText(/0,00/, { timeout: 2000 });
  await expect(page.getByTestId('timeline')).toContainText('Alt er betalt, og saken er avsluttet.');
  await expect(page.getByRole('link', { name: 'Last ned bekreftelsen (PDF)' })).toBeVisible();
  await expectAccessible(page);

  // The same file again changes nothing.
  expect(importPayments(file)).toContain('er importert fra før');

  // A handler finds the other payment in the inbox and ties it to the case it belongs to.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await staffLogIn(staff, handler);
  const row = staff.getByTestId('inbox-row').filter({ hasText: 'Ukjent innbetaling' }).filter({ hasText: '999999998' });
  await expect(row).toContainText('123,45');
  await row.getByRole('link', { name: /Åpne innbetaling 123,45/ }).click();
  await expect(staff).toHaveURL(/\/behandler\/innbetaling\//);
  await hydrated(staff);
  await expect(staff.getByTestId('payment-reason')).toContainText('ingen sak har den');
  await expectAccessible(staff);
  await staff.getByLabel('Søk etter sak').fill('Rune Dahl');
  await staff.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(staff).toHaveURL(/sok=Rune/);
  await hydrated(staff);
  await staff.getByRole('button', { name: 'Knytt til sak 20269003' }).click();
  await expect(staff.getByTestId('payment-outcome')).toContainText('Knyttet til sak 20269003');
  await expectAccessible(staff);
  await staffContext.close();
});
