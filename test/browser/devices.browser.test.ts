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
  process.env['WARD_SCREENSHOT_DIR'] ?? mkdtempSync(join(tmpdir(), 'ward-devices-shots-'));
const ADMIN_PASSWORD = 'tangerine lighthouse gravel orbit sonata';

/** A CMMS export: an infusion pump, a patient monitor and a workstation. */
function sampleInventory(): string {
  return [
    'Device Name,Manufacturer,Model,Firmware Version,Device Type,IP Address,MAC Address,Department,Serial Number,VLAN',
    'PUMP-ICU-01,Baxter,Sigma Spectrum,8.01.01,Infusion pump,10.20.1.11,00:1A:2B:3C:4D:01,ICU,SN-PUMP-001,MED-ICU',
    'MON-ICU-02,Philips,IntelliVue MX450,M.00.03,Patient monitor,10.20.1.12,00:1A:2B:3C:4D:02,ICU,SN-MON-002,MED-ICU',
    'WS-NURSE-03,Dell,OptiPlex 7090,Windows 10 22H2,Workstation,10.30.2.40,00:1A:2B:3C:4D:03,Nursing,SN-WS-003,CORP',
  ].join('\n');
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe.skipIf(!hasChromium)('Devices pages in Chromium', () => {
  let session: BrowserSession | undefined;
  let page: Page;
  let baseUrl = '';

  beforeAll(async () => {
    session = await openBrowserSession('devices', SHOTS);
    page = session.page;
    baseUrl = session.baseUrl;
  });

  afterEach((context) => screenshotFailure(context, session, SHOTS));

  afterAll(() => session?.close());

  it('opens Devices from the Assets page, with an empty state that says how to import', async () => {
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: 'Welcome to Ward' }).waitFor();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('Repeat the password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('heading', { name: 'Security posture' }).waitFor();

    // The header has no room for one more entry at 1280 px: Devices is linked from Assets.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Assets' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Assets' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Devices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
    await page.getByText(/No devices yet/).waitFor();
    await page.getByText('npx ward devices import FILE.csv').waitFor();
    await page.getByText('npx ward devices vulns').first().waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('imports an inventory CSV and lists the devices', async () => {
    await page.getByLabel('Inventory CSV').setInputFiles({
      name: 'cmms-export.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(sampleInventory()),
    });
    await page.getByRole('button', { name: 'Import inventory' }).click();
    const result = page.locator('section.dev-import-result');
    const alert = page.locator('.dev-import .error');
    await Promise.race([result.waitFor(), alert.waitFor()]);
    if (await alert.isVisible()) throw new Error(`import refused: ${await alert.innerText()}`);
    const counts = await result.locator('.counts').innerText();
    expect(counts).toMatch(/Rows\s*3/);
    expect(counts).toMatch(/Created\s*3/);
    await page
      .getByTestId('announcer')
      .getByText(/Imported cmms-export\.csv/)
      .waitFor();

    const table = page.locator('table.dev-table');
    await table.getByRole('rowheader', { name: 'PUMP-ICU-01' }).waitFor();
    await table.getByRole('rowheader', { name: 'MON-ICU-02' }).waitFor();
    await table.getByRole('rowheader', { name: 'WS-NURSE-03' }).waitFor();
    const pumpRow = table.locator('tbody tr', { hasText: 'PUMP-ICU-01' });
    expect(await pumpRow.innerText()).toContain('Life-critical');
    expect(await table.locator('tbody tr', { hasText: 'WS-NURSE-03' }).innerText()).toContain('IT');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'devices-1280.png'), fullPage: true });

    await page.getByLabel('Class').selectOption('life_critical');
    await page.waitForURL(/class=life_critical/);
    await table.locator('tbody tr').first().waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    await page.getByLabel('Class').selectOption('');
    await page.getByLabel('Search').fill('philips');
    await page.waitForURL(/q=philips/);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Search').fill('');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
  });

  it('opens a device with its identity, the empty vulnerability state, and its labels', async () => {
    await page.getByRole('link', { name: 'PUMP-ICU-01' }).click();
    await page.getByRole('heading', { level: 1, name: 'PUMP-ICU-01' }).waitFor();
    const identity = page.locator('section[aria-labelledby="dev-identity-title"]');
    for (const term of ['Manufacturer', 'Model', 'Serial', 'MAC', 'IP', 'VLAN', 'Scan policy'])
      await identity.locator('dt', { hasText: new RegExp(`^${term}$`) }).waitFor();
    const facts = await identity.innerText();
    expect(facts).toContain('Baxter');
    expect(facts).toContain('SN-PUMP-001');
    expect(facts).toContain('00:1A:2B:3C:4D:01');
    expect(facts).toContain('Life-critical');
    await page.getByText('No known vulnerabilities match this device.').waitFor();
    await page.getByRole('heading', { name: 'Software components (SBOM)' }).waitFor();
    await page.getByRole('heading', { name: 'Change history' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'device-detail-1280.png'), fullPage: true });
  });

  it('fits the device list and detail on a 768 px tablet', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    const detailOverflow = await horizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'device-detail-768.png'), fullPage: true });
    expect(detailOverflow).toBeLessThanOrEqual(0);
    await page.goto(`${baseUrl}/devices`);
    await page.locator('table.dev-table tbody tr').first().waitFor();
    const listOverflow = await horizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'devices-768.png'), fullPage: true });
    expect(listOverflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
