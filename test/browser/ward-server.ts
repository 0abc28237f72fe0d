import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startWard, waitForHealth } from '../ward-process.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_INDEX = join(ROOT, 'web/dist/index.html');

export interface WardServer {
  url: string;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the UI when web/dist is missing or older than its sources: the server registers the
 * files it finds at start-up, so a stale bundle would silently test yesterday's UI.
 */
export function ensureWebBuild(): void {
  const sources = Math.max(
    newestMtime(join(ROOT, 'web/src')),
    statSync(join(ROOT, 'web/index.html')).mtimeMs,
  );
  if (existsSync(DIST_INDEX) && statSync(DIST_INDEX).mtimeMs >= sources) return;
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0)
    throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * Starts `ward serve` as a child process on a fresh embedded database without demo data, and
 * waits until /api/health answers. The caller must `stop()` it.
 */
export async function startWardServer(opts: { timeoutMs?: number } = {}): Promise<WardServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ward-ui-test-'));
  const port = await freePort();
  const proc = startWard(['serve'], {
    WARD_DATA_DIR: dataDir,
    WARD_PORT: String(port),
    WARD_HOST: '127.0.0.1',
    WARD_DEMO: 'false',
    WARD_LOG_LEVEL: 'warn',
    // Integration-test settings in the developer's shell must not turn this into cluster mode.
    WARD_DATABASE_URL: undefined,
    WARD_NATS_URL: undefined,
    WARD_CONFIG: undefined,
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, proc, opts.timeoutMs ?? 120_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, dataDir, output: proc.output, stop };
}
