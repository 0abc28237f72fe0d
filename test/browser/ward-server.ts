import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `ward serve` as a child process on a fresh embedded database without demo data, and
 * waits until /api/health answers. The caller must `stop()` it.
 */
export async function startWardServer(opts: { timeoutMs?: number } = {}): Promise<WardServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ward-ui-test-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WARD_DATA_DIR: dataDir,
    WARD_PORT: String(port),
    WARD_HOST: '127.0.0.1',
    WARD_DEMO: 'false',
    WARD_LOG_LEVEL: 'warn',
  };
  // Integration-test settings in the developer's shell must not turn this into cluster mode.
  delete env['WARD_DATABASE_URL'];
  delete env['WARD_NATS_URL'];
  delete env['WARD_CONFIG'];

  const child: ChildProcess = spawn(process.execPath, ['src/main.ts', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`ward serve exited with code ${exited} before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, dataDir, output: () => output, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(
    `ward serve did not answer /api/health within ${opts.timeoutMs ?? 120_000} ms:\n${output}`,
  );
}
