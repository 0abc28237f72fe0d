import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/pglite-template.ts';
import { systemClock } from '../clock.ts';
import type { PgliteDatabase } from '../db/index.ts';
import type { AuditLog } from './audit-log.ts';
import { AUDIT_MIGRATIONS } from './audit-module.ts';
import { createAuditLog } from './chained-audit-log.ts';
import { registerAuditCommands } from './cli.ts';

describe('ward audit', () => {
  let db: PgliteDatabase;
  let audit: AuditLog;
  let out: string[];
  let err: string[];
  beforeEach(async () => {
    db = await createTestDatabase([AUDIT_MIGRATIONS]);
    audit = createAuditLog(db, systemClock);
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    await db.close();
  });

  async function run(...args: string[]) {
    const program = new Command('ward').exitOverride();
    registerAuditCommands(program, <T>(fn: (app: { audit: AuditLog }) => Promise<T>) =>
      fn({ audit }),
    );
    await program.parseAsync(['node', 'ward', ...args]);
  }

  it('verify reports an intact log with exit code 0', async () => {
    for (let i = 0; i < 3; i++) await audit.append({ actor: 'a', action: 'x' });
    await run('audit', 'verify');
    expect(out).toEqual(['audit log intact: 3 entries']);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('verify reports tampering with a non-zero exit code', async () => {
    for (let i = 0; i < 3; i++) await audit.append({ actor: 'a', action: 'x' });
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await db.query("UPDATE audit_log SET actor = 'b' WHERE seq = 2");
    await run('audit', 'verify');
    expect(err).toEqual([expect.stringMatching(/^audit log TAMPERED at entry 2: /)]);
    expect(process.exitCode).toBe(1);
  });

  it('lists entries as text and JSON, honouring --limit', async () => {
    await audit.append({
      actor: 'alice',
      ip: '10.1.1.1',
      action: 'POST /api/users',
      target: 'bob',
      status: 201,
    });
    await audit.append({ actor: 'bob', action: 'auth.login' });
    await run('audit', 'list', '--limit', '1');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\s+2 .* bob\s+ - {2}auth\.login$/);
    out.length = 0;
    await run('audit', 'list', '--json');
    expect(JSON.parse(out.join('\n')).map((e: { actor: string }) => e.actor)).toEqual([
      'bob',
      'alice',
    ]);
    await expect(run('audit', 'list', '--limit', '0')).rejects.toThrow(/whole number/);
  });
});
