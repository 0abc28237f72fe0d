import { mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plantCanaries } from './plant-canaries.ts';
import { watchCanaries, type CanaryEvent, type CanaryWatch } from './watch-canaries.ts';

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for canary events');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('watchCanaries', () => {
  let dir: string;
  let events: CanaryEvent[];
  let watch: CanaryWatch;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ward-canary-watch-'));
    await plantCanaries(dir, { count: 3, year: 2026 });
    events = [];
    watch = await watchCanaries([dir], {
      onEvent: (e) => events.push(e),
      rehashMs: 100,
      burst: { changes: 10, windowMs: 2000 },
    });
  });
  afterEach(() => {
    watch.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a modified canary once', async () => {
    const path = join(dir, '0_Payroll_March.xlsx');
    writeFileSync(path, 'ENCRYPTED BY LOCKBIT');
    await until(() => events.length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual([{ kind: 'modified', path, folder: dir, at: expect.any(Date) }]);
  });

  it('reports a renamed canary and a deleted one as missing', async () => {
    const renamed = join(dir, '!Patient_Transfer_List_2026.xlsx');
    const deleted = join(dir, '!EHR_admin_passwords.docx');
    renameSync(renamed, `${renamed}.lockbit`);
    unlinkSync(deleted);
    await until(() => events.length >= 2);
    expect(events.map((e) => [e.kind, e.path]).sort()).toEqual(
      [
        ['missing', renamed],
        ['missing', deleted],
      ].sort(),
    );
  });

  it('reports nothing when nothing changes, even on re-hash', async () => {
    writeFileSync(join(dir, 'ordinary.docx'), 'minutes of the meeting');
    await new Promise((r) => setTimeout(r, 300));
    await watch.check();
    expect(events).toEqual([]);
  });

  it('reports a burst of changed files in the folder once per window', async () => {
    for (let i = 0; i < 15; i++) writeFileSync(join(dir, `scan-${i}.dcm`), `image ${i}`);
    await until(() => events.some((e) => e.kind === 'burst'));
    await new Promise((r) => setTimeout(r, 200));
    const bursts = events.filter((e) => e.kind === 'burst');
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({ path: dir, folder: dir });
    expect(bursts[0]!.changes).toBeGreaterThanOrEqual(10);
  });

  it('refuses a folder without canaries', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ward-canary-empty-'));
    await expect(watchCanaries([empty], { onEvent: () => undefined })).rejects.toThrow(
      /plant canaries first/,
    );
    rmSync(empty, { recursive: true, force: true });
  });
});
