import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, or another one named by WARD_CHROMIUM; suites skip when it is missing. */
export const CHROMIUM = process.env['WARD_CHROMIUM'] ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Chromium as the test machines can run it: no sandbox (root in CI), no GPU, no network chatter. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Every visible form control must have an accessible name from a <label> or aria-label. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.$$eval('input, select, textarea', (elements) =>
    elements
      .filter(
        (el) =>
          (el as HTMLInputElement).type !== 'hidden' && (el as HTMLElement).offsetParent !== null,
      )
      .filter((el) => {
        const control = el as HTMLInputElement;
        return (
          (control.labels?.length ?? 0) === 0 &&
          !control.getAttribute('aria-label') &&
          !control.getAttribute('aria-labelledby')
        );
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}
