import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerCanaryCommand } from './cli.ts';

describe('ward canary watch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ward-canary-cli-'));
  afterEach(() => vi.unstubAllEnvs());

  const run = (...args: string[]) => {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    registerCanaryCommand(program);
    return program.parseAsync(['node', 'ward', 'canary', 'watch', ...args]);
  };

  it('refuses to start without an ingest token and plants nothing', async () => {
    vi.stubEnv('WARD_INGEST_TOKEN', '');
    await expect(run(dir, '--url', 'http://127.0.0.1:9')).rejects.toThrow(
      /ingest token is required/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects a non-numeric --files', async () => {
    await expect(
      run(dir, '--url', 'http://127.0.0.1:9', '--token', 't', '--files', 'many'),
    ).rejects.toThrow(/positive integer/);
    rmSync(dir, { recursive: true, force: true });
  });
});
