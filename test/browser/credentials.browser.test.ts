import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ntlmHex } from '../../src/safeguards/credentials/hashing/ntlm.ts';
import {
  hasChromium,
  openBrowserSession,
  screenshotFailure,
  unlabelledControls,
  type BrowserSession,
} from './browser-kit.ts';

const SHOTS =
  process.env['WARD_SCREENSHOT_DIR'] ?? mkdtempSync(join(tmpdir(), 'ward-creds-shots-'));
const ADMIN_PASSWORD = 'tangerine lighthouse gravel orbit sonata';
const WEAK_PASSWORD = 'Winter2024!';
const STRONG_PASSPHRASE = 'marble otter juniper kettle horizon';
const EMPTY_LM = 'aad3b435b51404eeaad3b435b51404ee';

/** A secretsdump-style NTDS file: one empty password and two accounts sharing one password. */
function sampleNtds(): string {
  const shared = ntlmHex('Quartz-Meadow-7419-Lantern');
  const line = (user: string, rid: number, nt: string) => `${user}:${rid}:${EMPTY_LM}:${nt}:::`;
  return [
    line('svc-backup', 1101, ntlmHex('')),
    line('alice', 1102, shared),
    line('bob', 1103, shared),
    line('carol', 1104, ntlmHex('pj7#Vr2!mQx9@Lw4$Tz8')),
  ].join('\n');
}

/** Microsoft Entra "User registration details": 2 of 4 with MFA, 1 of 2 admins, 1 FIDO2 key. */
function sampleEntraCsv(): string {
  return [
    'userPrincipalName,displayName,accountEnabled,isAdmin,isMfaRegistered,methodsRegistered',
    'alice@hospital.example,Alice Able,true,false,true,microsoftAuthenticatorPush',
    'bob@hospital.example,Bob Baker,true,true,false,',
    'carol@hospital.example,Carol Chen,true,true,true,fido2',
    'dave@hospital.example,Dave Diaz,true,false,false,',
  ].join('\n');
}

describe.skipIf(!hasChromium)('Credentials page in Chromium', () => {
  let session: BrowserSession | undefined;
  let page: Page;
  let baseUrl = '';

  beforeAll(async () => {
    session = await openBrowserSession('credentials', SHOTS);
    page = session.page;
    baseUrl = session.baseUrl;
  });

  afterEach((context) => screenshotFailure(context, session, SHOTS));

  afterAll(() => session?.close());

  it('opens the Credentials page from the menu, with empty states that say what to do', async () => {
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: 'Welcome to Ward' }).waitFor();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('Repeat the password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('heading', { name: 'Security posture' }).waitFor();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Credentials' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Credentials' }).waitFor();
    await page.getByText(/No directory export has been imported yet/).waitFor();
    await page.getByText('npx ward creds corpus import FILE').first().waitFor();
    await page.getByText('Ward never stores passwords or hashes from the file.').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it('checks a weak password and a strong passphrase without putting either in the address', async () => {
    const field = page.getByLabel('Password to check');
    await field.fill(WEAK_PASSWORD);
    const result = page.locator('.password-result');
    await page.locator('.password-result[data-ok="false"]').waitFor();
    expect(await result.locator('.password-reasons li').count()).toBeGreaterThan(0);
    await result.getByText(/^Strength:/).waitFor();
    await page
      .getByTestId('announcer')
      .getByText(/does not meet the policy/)
      .waitFor();

    const toggle = page.getByRole('button', { name: 'Show password' });
    await toggle.click();
    expect(await field.getAttribute('type')).toBe('text');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    expect(await field.getAttribute('type')).toBe('password');

    await field.fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Check password' }).click();
    await page.locator('.password-result[data-ok="true"]:not(.stale)').waitFor();
    await result.getByText('Acceptable.').waitFor();
    expect(page.url()).not.toContain('marble');
    expect(page.url()).not.toContain('Winter');
  });

  it('audits an NTDS dump and lists the problems by account and category', async () => {
    await page.getByLabel('Credential file').setInputFiles({
      name: 'dc01.ntds',
      mimeType: 'text/plain',
      buffer: Buffer.from(sampleNtds()),
    });
    await page.getByLabel('File format').selectOption('ntds');
    await page.getByRole('button', { name: 'Upload and audit' }).click();
    const run = page.locator('section.audit-run');
    const alert = page.locator('.panel[aria-labelledby="audit-title"] .error');
    await Promise.race([run.waitFor(), alert.waitFor()]);
    if (await alert.isVisible()) throw new Error(`audit refused: ${await alert.innerText()}`);
    await run.getByRole('heading', { name: 'Audit of dc01.ntds' }).waitFor();

    const table = run.locator('table.audit-findings');
    await table.getByText('Empty password', { exact: true }).first().waitFor();
    await table.getByText('Same password as other accounts', { exact: true }).first().waitFor();
    await table.getByRole('rowheader', { name: 'svc-backup' }).first().waitFor();
    await table.getByRole('rowheader', { name: 'alice' }).first().waitFor();
    await page
      .getByTestId('announcer')
      .getByText(/Audit of dc01\.ntds/)
      .waitFor();

    await run.getByLabel('Show problem').selectOption('shared_password');
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.locator('td:nth-child(2)').allInnerTexts())
      expect(text).toBe('Same password as other accounts');
    expect(await table.getByRole('rowheader', { name: 'svc-backup' }).count()).toBe(0);

    await page.locator('table.audit-runs').getByRole('rowheader', { name: 'dc01.ntds' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'credentials-audit-1280.png'), fullPage: true });
  });

  it('imports an Entra user export and shows the MFA coverage', async () => {
    await page.getByLabel('Directory export').setInputFiles({
      name: 'entra-users.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(sampleEntraCsv()),
    });
    await page.getByLabel('Directory', { exact: true }).selectOption('entra');
    await page.getByRole('button', { name: 'Import directory export' }).click();
    const result = page.locator('section.directory-result');
    const alert = page.locator('.panel[aria-labelledby="directory-title"] .error');
    await Promise.race([result.waitFor(), alert.waitFor()]);
    if (await alert.isVisible()) throw new Error(`import refused: ${await alert.innerText()}`);
    await result.getByText('Imported from Microsoft Entra ID').waitFor();
    await result.getByRole('rowheader', { name: 'Privileged users without MFA' }).waitFor();
    expect(
      await result
        .getByRole('link', { name: 'View the open credential findings' })
        .getAttribute('href'),
    ).toContain('safeguard=credentials');

    const latest = page.locator('article.mfa-latest[data-source="entra"]');
    await latest.waitFor();
    const text = await latest.innerText();
    expect(text).toContain('2 of 4');
    expect(text).toContain('50%');
    expect(text).toContain('1 of 2');
    await page.getByRole('img', { name: /MFA coverage in Microsoft Entra ID/ }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'credentials-1280.png'), fullPage: true });

    await page.setViewportSize({ width: 768, height: 1024 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    await page.screenshot({ path: join(SHOTS, 'credentials-768.png'), fullPage: true });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows the MFA coverage on the dashboard too', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await page.getByRole('heading', { name: 'Security posture' }).waitFor();
    await page.getByRole('heading', { name: 'MFA coverage' }).waitFor();
    const latest = page.locator('article.mfa-latest[data-source="entra"]');
    expect(await latest.innerText()).toContain('2 of 4');
  });
});
