import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  openBrowserSession,
  screenshotFailure,
  unlabelledControls,
  type BrowserSession,
} from './browser-kit.ts';

const SHOTS =
  process.env['WARD_SCREENSHOT_DIR'] ?? mkdtempSync(join(tmpdir(), 'ward-rw-ui-shots-'));
const ADMIN_PASSWORD = 'correct horse battery staple clinic';
const RULE_TITLE = 'Shadow Copies Deleted With vssadmin';

describe.skipIf(!hasChromium)('Ward ransomware UI in Chromium', () => {
  let session: BrowserSession | undefined;
  let page: Page;
  let baseUrl = '';
  let ingestToken = '';
  const serverOutput = () => session?.serverOutput() ?? '';

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    session = await openBrowserSession('ransomware ui', SHOTS);
    page = session.page;
    baseUrl = session.baseUrl;
  });

  afterEach((context) => screenshotFailure(context, session, SHOTS));

  afterAll(() => session?.close());

  it('creates the first administrator', async () => {
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: 'Welcome to Ward' }).waitFor();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('Repeat the password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('heading', { name: 'Security posture' }).waitFor();
  });

  it('creates an ingest source and shows its token once', async () => {
    // Administrators reach the sources from the Alerts page.
    await nav('Alerts').click();
    await page.getByRole('link', { name: 'Manage ingest sources' }).click();
    await page.getByRole('heading', { name: 'Add a source' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByLabel('Name', { exact: true }).fill('WEC Winlogbeat');
    await page.getByRole('button', { name: 'Create source' }).click();
    await page.getByText('it will not be shown again', { exact: false }).waitFor();
    ingestToken = await page.getByLabel('Ingest token').inputValue();
    expect(ingestToken.length).toBeGreaterThan(20);
    // The curl example names the endpoint but never the token.
    const example = await page.getByLabel('Example request').innerText();
    expect(example).toContain(`${baseUrl}/api/ransomware/ingest`);
    expect(example).not.toContain(ingestToken);
    await page.locator('tbody tr', { hasText: 'WEC Winlogbeat' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'ingest-sources-1280.png'), fullPage: true });
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByLabel('Ingest token').count()).toBe(0);
  });

  it('raises an alert from an ingested Sysmon event, with the rule author shown', async () => {
    const event = {
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      EventID: 1,
      Computer: 'WS-017',
      TimeCreated: new Date().toISOString(),
      Image: 'C:\\Windows\\System32\\vssadmin.exe',
      OriginalFileName: 'VSSADMIN.EXE',
      CommandLine: 'vssadmin.exe delete shadows /all /quiet',
      ParentImage: 'C:\\Windows\\System32\\cmd.exe',
    };
    const response = await fetch(`${baseUrl}/api/ransomware/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([event]),
    });
    const body = await response.text();
    expect(response.status, body).toBeLessThan(300);
    expect(JSON.parse(body)).toMatchObject({ accepted: 1, rejected: [] });

    await nav('Alerts').click();
    await page.getByRole('heading', { name: 'Alerts', exact: true }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    // Detection runs in a worker after the ingest answer: reload until the alert is listed.
    const row = page.locator('table.rw-alerts-table tbody tr', { hasText: RULE_TITLE });
    const deadline = Date.now() + 60_000;
    while (!(await row.count())) {
      if (Date.now() > deadline)
        throw new Error(`no alert after 60 s; server output:\n${serverOutput()}`);
      await page.waitForTimeout(1_000);
      await page.getByRole('button', { name: 'Refresh' }).click();
    }
    expect(await row.innerText()).toContain('Ward project');
    expect(await row.innerText()).toContain('WS-017');
    await page.screenshot({ path: join(SHOTS, 'alerts-1280.png'), fullPage: true });

    await row.getByRole('link', { name: RULE_TITLE }).click();
    await page.getByRole('heading', { level: 1, name: RULE_TITLE }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await page.locator('.facts .rw-author', { hasText: 'Ward project' }).waitFor();
    const technique = page.getByRole('link', { name: /^T1490/ });
    expect(await technique.getAttribute('href')).toBe('https://attack.mitre.org/techniques/T1490/');
    await page.getByText('vssadmin.exe delete shadows /all /quiet').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'alert-detail-1280.png'), fullPage: true });
  });

  it('opens a case from the alert, comments, contains the host and closes it', async () => {
    await page.getByRole('button', { name: 'Open a case' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]+$/);
    await page.getByRole('heading', { name: 'Alerts in this case' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await page.locator('table.rw-alerts-table').getByText('Ward project').waitFor();

    const comment = 'Called the ward manager; WS-017 is the nurses station PC on 4B.';
    await page.getByLabel('Add a comment').fill(comment);
    await page.getByRole('button', { name: 'Add comment' }).click();
    const timeline = page.getByRole('list', { name: 'Case timeline, oldest first' });
    await timeline.getByText(comment).waitFor();

    const isolate = page.locator('li[data-step="isolate_host"]');
    expect(await isolate.getByRole('textbox').inputValue()).toContain('WS-017');
    await isolate.getByRole('button', { name: /^Mark done/ }).click();
    await page.locator('li.rw-step.done[data-step="isolate_host"]').waitFor();
    expect(await isolate.innerText()).toContain('admin');

    await page.getByRole('button', { name: 'Close case…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close the case' });
    await dialog.waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await dialog.getByLabel(/^True positive/).check();
    // The filter offer belongs to false positives only.
    expect(await dialog.getByLabel(/stop alerting/).count()).toBe(0);
    await dialog.getByLabel(/^False positive/).check();
    await dialog.getByLabel(/stop alerting/).waitFor();
    await dialog.getByLabel(/^True positive/).check();
    await dialog.getByLabel('Closing note (optional)').fill('Contained before encryption.');
    await dialog.getByRole('button', { name: 'Close case', exact: true }).click();
    // Not getByText alone: the live region says "closed as True positive" before the reload.
    await page.locator('.case-badges', { hasText: 'Closed' }).waitFor();
    await page
      .locator('.rw-case-controls')
      .getByText(/as True positive/)
      .waitFor();
    // Every timeline entry carries who and when.
    const entries = timeline.locator('li');
    expect(await entries.count()).toBeGreaterThanOrEqual(3);
    for (const meta of await timeline.locator('.timeline-meta').allInnerTexts())
      expect(meta).toMatch(/·\s*\S+/);
    await page.screenshot({ path: join(SHOTS, 'case-detail-1280.png'), fullPage: true });

    await nav('Cases').click();
    await page.getByRole('heading', { name: 'Cases', exact: true }).waitFor();
    await page.getByLabel('Closed', { exact: true }).check();
    await page.locator('table.rw-cases-table tbody tr').first().waitFor();
  });

  it('records a readiness answer and updates the score', async () => {
    await nav('Readiness').click();
    await page.getByRole('heading', { name: 'Recovery readiness' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    const before = Number(await page.getByTestId('readiness-score').innerText());
    const question = page.locator('li.rw-question').first();
    await question.getByLabel('Yes', { exact: true }).check();
    await question.getByLabel('Evidence (optional)').fill('Restore drill 2026-02-14, CHG-1234');
    await question.getByRole('button', { name: 'Save answer' }).click();
    await page
      .locator('li.rw-question')
      .first()
      .getByText(/Answered by admin/)
      .waitFor();
    const after = Number(await page.getByTestId('readiness-score').innerText());
    expect(after).toBeGreaterThan(before);
    await page.screenshot({ path: join(SHOTS, 'readiness-1280.png'), fullPage: true });
  });

  it('fits the alerts list on a 768 px tablet', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${baseUrl}/alerts`);
    await page.locator('table.rw-alerts-table tbody tr').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'alerts-768.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('keeps the header within 1280 px with the new menu items', async () => {
    await nav('Readiness').click();
    await page.getByRole('heading', { name: 'Recovery readiness' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
  });
});
