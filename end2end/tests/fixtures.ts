import { test as base, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createHmac } from 'crypto';

/** Every page fails its test on a browser console error or an uncaught exception: hydration
 *  bugs hide there. A test may name messages it expects (a 404 page logs its own 404). */
export const test = base.extend<{ allowConsole: (pattern: RegExp) => void; consoleGuard: void }>({
  allowConsole: async ({}, use, info) => {
    const allowed: RegExp[] = [];
    (info as any)._allowedConsole = allowed;
    await use((pattern) => {
      allowed.push(pattern);
    });
  },
  consoleGuard: [
    async ({ page }, use, info) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        // Where it came from too: a failed resource names only its status otherwise.
        if (msg.type() === 'error') errors.push(`${msg.text()} (${msg.location().url || page.url()})`);
      });
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      await use();
      const allowed: RegExp[] = (info as any)._allowedConsole ?? [];
      const unexpected = errors.filter((e) => !allowed.some((p) => p.test(e)));
      expect(unexpected, 'browser console errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** The page has hydrated: the app sets data-hydrated once its effects run in the browser. */
export async function hydrated(page: Page) {
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
}

/** Log in with the case number and code from the letter, and wait for the case page. */
export async function logIn(page: Page, caseNumber: string, code: string) {
  await page.goto('/');
  await hydrated(page);
  await page.getByLabel('Saksnummer').fill(caseNumber);
  await page.getByLabel('Kode fra brevet').fill(code);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(new RegExp(`/sak/${caseNumber}$`));
  await hydrated(page);
}

/** axe-core with the WCAG 2.1 A and AA rules: zero violations. */
export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe-core violations').toEqual([]);
}

/** The code an authenticator app shows now (RFC 6238: HMAC-SHA-1, 30 s, 6 digits). */
export function totp(secretBase32: string, unix = Date.now() / 1000): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unix / 30)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

/** A case handler's login to the workspace, with a one-time code computed here. */
export async function staffLogIn(page: Page, account: { username: string; password: string; secret: string }) {
  await page.goto('/behandler/logg-inn');
  await hydrated(page);
  await page.getByLabel('Brukernavn').fill(account.username);
  await page.getByLabel('Passord').fill(account.password);
  await page.getByLabel('Engangskode').fill(totp(account.secret));
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(/\/behandler$/);
  await hydrated(page);
}

export { expect };
