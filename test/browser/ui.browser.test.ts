import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleNessusFile } from './sample-scan.ts';
import {
  hasChromium,
  openBrowserSession,
  screenshotFailure,
  unlabelledControls,
  type BrowserSession,
} from './browser-kit.ts';

const SHOTS = process.env['WARD_SCREENSHOT_DIR'] ?? mkdtempSync(join(tmpdir(), 'ward-ui-shots-'));
const ADMIN_PASSWORD = 'correct horse battery staple clinic';
const AUDITOR_PASSWORDS = [
  'first temporary passphrase',
  'second temporary passphrase',
  'lighthouse maple violet river',
] as const;

/** The code an authenticator app would show `offsetSeconds` from now. */
function totpCode(secret: string, offsetSeconds = 0): string {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).generate({
    timestamp: Date.now() + offsetSeconds * 1000,
  });
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in to Ward' }).waitFor();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page: Page): Promise<void> {
  if (await page.getByRole('button', { name: 'Menu' }).isVisible())
    await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Ward' }).waitFor();
}

describe.skipIf(!hasChromium)('Ward UI in Chromium', () => {
  let session: BrowserSession | undefined;
  let page: Page;
  let baseUrl = '';
  const serverOutput = () => session?.serverOutput() ?? '';

  beforeAll(async () => {
    session = await openBrowserSession('ui', SHOTS);
    page = session.page;
    baseUrl = session.baseUrl;
  });

  afterEach((context) => screenshotFailure(context, session, SHOTS));

  afterAll(() => session?.close());

  it('creates the first administrator on a fresh installation', async () => {
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: 'Welcome to Ward' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Your name (optional)').fill('Dana Admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('Repeat the password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('heading', { name: 'Security posture' }).waitFor();
  });

  it('shows the seven safeguards, with honest empty states', async () => {
    const cards = page.locator('article.safeguard');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(7);
    expect(await page.getByText('Not configured yet.').count()).toBeGreaterThan(0);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'dashboard-empty-1280.png'), fullPage: true });
  });

  it('imports a Nessus file and shows live progress until it is done', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Imports' })
      .click();
    await page.getByRole('heading', { name: 'Import a scan' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    const xml = await sampleNessusFile();
    await page.getByLabel('Scanner file').setInputFiles({
      name: 'ui-test.nessus',
      mimeType: 'application/xml',
      buffer: Buffer.from(xml),
    });
    await page.getByLabel('Format').selectOption('nessus');
    await page.getByRole('button', { name: 'Upload and import' }).click();
    const progress = page.locator('section.import-progress');
    await progress.waitFor();
    await page.waitForFunction(
      () =>
        ['done', 'failed'].includes(
          document.querySelector('section.import-progress')?.getAttribute('data-state') ?? '',
        ),
      undefined,
      { timeout: 90_000 },
    );
    const state = await progress.getAttribute('data-state');
    if (state !== 'done')
      throw new Error(`import ${state}: ${await progress.innerText()}\n${serverOutput()}`);
    const newCount = Number(
      (await progress.locator('dt:text("New findings") + dd').innerText()).replace(/\D/g, ''),
    );
    expect(newCount).toBeGreaterThan(0);
    // The past-imports table picks the finished run up.
    await page.locator('table').getByText('ui-test.nessus').waitFor();
  });

  it('lists the imported findings with server-side paging and sorting in the address', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Findings' })
      .click();
    await page.getByRole('heading', { name: 'Findings', exact: true }).waitFor();
    // The menu opens the work queue: open and in-progress findings.
    expect(await page.getByLabel('Open', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('In progress', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Fixed', { exact: true }).isChecked()).toBe(false);
    const rows = page.locator('table.findings-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await page.getByText(/^1–\d+ of \d+ findings$/).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);

    await page.getByRole('button', { name: /^Title/ }).click();
    await page.waitForURL(/sort=title/);
    await page.getByLabel('Critical').check();
    await page.waitForURL(/severity=critical/);
    await page.getByLabel('Critical').uncheck();
    await page.getByLabel('Search').fill('zzz-no-such-finding');
    await page.waitForURL(/q=zzz-no-such-finding/);
    await page.getByText('No findings match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await rows.first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'findings-1280.png'), fullPage: true });
  });

  it('changes a finding to in progress with a note, and the change survives a reload', async () => {
    const link = page.locator('table.findings-table tbody tr').first().locator('td.title-cell a');
    const title = await link.innerText();
    await link.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);

    const note = 'Patch scheduled for the Tuesday maintenance window with Radiology.';
    await page.getByLabel('Status').selectOption('in_progress');
    await page.getByLabel('Note (optional, saved as a comment)').fill(note);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Status changed to In progress.', { exact: true }).first().waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.locator('.finding-badges').innerText()).toContain('In progress');
    const history = page.getByRole('list', { name: 'History, newest first' });
    await history
      .getByText(/In progress/)
      .first()
      .waitFor();
    await page.locator('.comments').getByText(note).waitFor();
    await page.screenshot({ path: join(SHOTS, 'finding-1280.png'), fullPage: true });
  });

  it('accepts a risk only with a justification and an end date', async () => {
    await page.getByRole('link', { name: '← Findings' }).click();
    const link = page.locator('table.findings-table tbody tr').nth(1).locator('td.title-cell a');
    const title = await link.innerText();
    await link.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByLabel('Status').selectOption('accepted_risk');
    const justification = page.getByLabel(/^Justification/);
    const until = page.getByLabel(/^Accepted until/);
    expect(await justification.getAttribute('required')).not.toBeNull();
    expect(await until.getAttribute('required')).not.toBeNull();
    await justification.fill('Isolated VLAN; vendor patch expected next quarter.');
    const inThirtyDays = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await until.fill(inThirtyDays);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Status changed to Accepted risk.', { exact: true }).first().waitFor();
    await page.reload();
    expect(await page.locator('.finding-badges').innerText()).toContain('Accepted risk');
    await page.getByText('Isolated VLAN; vendor patch expected next quarter.').first().waitFor();
  });

  it('lays out the dashboard and the findings list at 1280 px and on a 768 px tablet', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await page.getByRole('heading', { name: 'Open findings, last 90 days' }).waitFor();
    await page.locator('svg.trend-svg, .trend .empty').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'dashboard-1280.png'), fullPage: true });

    await page.setViewportSize({ width: 768, height: 1024 });
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'dashboard-768.png'), fullPage: true });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Findings' })
      .click();
    await page.locator('table.findings-table tbody tr').first().waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'findings-768.png'), fullPage: true });
    // Nothing may stick out sideways except inside the scrolling table container.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('lets an admin add an auditor, who must replace a reset password and can only read', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Users' })
      .click();
    await page.getByRole('heading', { name: 'Add a user' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByLabel('Username').fill('audrey');
    await page.getByLabel('Name (optional)').fill('Audrey Auditor');
    await page.getByLabel('Role', { exact: true }).selectOption('auditor');
    await page.getByLabel('Temporary password').fill(AUDITOR_PASSWORDS[0]);
    await page.getByRole('button', { name: 'Create account' }).click();
    const row = page.locator('tbody tr', { hasText: 'audrey' });
    await row.waitFor();
    expect(await row.getByLabel('Role of audrey').inputValue()).toBe('auditor');
    // An admin reset (as for a forgotten password) makes the next sign-in ask for a new one.
    await row.getByRole('button', { name: 'Reset password of audrey' }).click();
    await row.getByLabel('Temporary password for audrey').fill(AUDITOR_PASSWORDS[1]);
    await row.getByRole('button', { name: 'Set' }).click();
    await page
      .getByTestId('announcer')
      .getByText(/Temporary password set for audrey/)
      .waitFor();

    await signOut(page);
    await signIn(page, 'audrey', AUDITOR_PASSWORDS[1]);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('Current password').fill(AUDITOR_PASSWORDS[1]);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the new password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('New password', { exact: true }).fill(AUDITOR_PASSWORDS[2]);
    await page.getByLabel('Repeat the new password').fill(AUDITOR_PASSWORDS[2]);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Security posture' }).waitFor();

    // Read only: no Users page, no upload, no status form.
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Imports' }).click();
    await page.getByText('Your role can see imports but not start them.').waitFor();
    expect(await page.getByLabel('Scanner file').count()).toBe(0);
    await nav.getByRole('link', { name: 'Findings' }).click();
    await page.locator('table.findings-table tbody tr').first().locator('td.title-cell a').click();
    await page.getByText('Your role can read findings but not change them.').waitFor();
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    await signOut(page);
  });

  it('turns on two-factor sign-in from the QR enrolment and then asks for the code', async () => {
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Security posture' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Account' })
      .click();
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const qr = page.getByRole('img', { name: /QR code that adds Ward to an authenticator app/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.screenshot({ path: join(SHOTS, 'totp-enrol-1280.png') });
    const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
    await page.getByLabel('The six-digit code the app now shows').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.locator('strong', { hasText: 'Two-factor sign-in is on.' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'account-1280.png'), fullPage: true });

    await signOut(page);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    const codeField = page.getByLabel('Six-digit code from your authenticator app');
    await codeField.waitFor();
    // The code used to confirm may not be used again; the next step's code is within the window.
    await codeField.fill(totpCode(secret, 30));
    await page.getByRole('button', { name: 'Verify code' }).click();
    await page.getByRole('heading', { name: 'Security posture' }).waitFor();
  });

  it('creates an API token that works once shown, and revokes it', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Account' })
      .click();
    await page.getByLabel('Name', { exact: true }).fill('nightly upload');
    await page.getByLabel('Role', { exact: true }).selectOption('analyst');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByLabel('New API token').inputValue();
    expect(token.length).toBeGreaterThan(20);
    const asToken = () =>
      fetch(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    const me = (await (await asToken()).json()) as { username: string; role: string };
    expect(me).toMatchObject({ username: 'admin', role: 'analyst' });
    await page.getByRole('button', { name: 'Done' }).click();

    const row = page.locator('tbody tr', { hasText: 'nightly upload' });
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Revoke nightly upload' }).click();
    await page.getByText('You have no API tokens.').waitFor();
    expect((await asToken()).status).toBe(401);
  });

  it('shows the audit log to the admin and verifies its hash chain', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    const rows = page.locator('table.audit-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(3);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText(/^Intact: [\d,]+ entries verified\.$/).waitFor();
  });
});
