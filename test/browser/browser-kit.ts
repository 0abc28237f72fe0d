import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureWebBuild, startWardServer } from './ward-server.ts';

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

/** A real `ward serve` and a Chromium page on it, for one browser test file. */
export interface BrowserSession {
  browser: Browser;
  page: Page;
  baseUrl: string;
  /** Everything the server printed, for failure messages. */
  serverOutput: () => string;
  close(): Promise<void>;
}

/** Builds the UI if needed, starts Ward, opens a 1280x800 page; `label` names it in the log. */
export async function openBrowserSession(label: string, shots: string): Promise<BrowserSession> {
  ensureWebBuild();
  const server = await startWardServer();
  mkdirSync(shots, { recursive: true });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(20_000);
  console.log(`ward ${label} test: ward serve at ${server.url}; screenshots in ${shots}`);
  return {
    browser,
    page,
    baseUrl: server.url,
    serverOutput: server.output,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/** What the browser showed when a step failed says more than a timeout message. */
export async function screenshotFailure(
  context: { task: { name: string; result?: { state?: string } } },
  session: BrowserSession | undefined,
  shots: string,
): Promise<void> {
  if (context.task.result?.state !== 'fail' || !session) return;
  const name = context.task.name.replace(/\W+/g, '-').slice(0, 60);
  await session.page
    .screenshot({ path: join(shots, `FAILED-${name}.png`), fullPage: true })
    .catch(() => undefined);
  console.log(session.serverOutput().slice(-4000));
}
