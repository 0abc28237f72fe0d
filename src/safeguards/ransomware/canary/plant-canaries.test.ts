import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_NAME, plantCanaries, readManifest, sha256 } from './plant-canaries.ts';

describe('plantCanaries', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ward-canary-plant-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('plants decoys with plausible names, real headers and a manifest of their hashes', async () => {
    const r = await plantCanaries(dir, { count: 5, year: 2026 });
    expect(r.planted).toEqual([
      '!Patient_Transfer_List_2026.xlsx',
      '0_Payroll_March.xlsx',
      '!EHR_admin_passwords.docx',
      '0_Backup_Recovery_Keys.txt',
      '~Staff_Rota_ICU.xlsx',
    ]);
    const xlsx = readFileSync(join(dir, '!Patient_Transfer_List_2026.xlsx'));
    expect(xlsx.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(xlsx.length).toBeGreaterThan(2000);
    const manifest = await readManifest(dir);
    expect(manifest!.files).toHaveLength(5);
    for (const f of manifest!.files) {
      const data = readFileSync(join(dir, f.name));
      expect({ size: data.length, sha256: sha256(data) }).toEqual({
        size: f.size,
        sha256: f.sha256,
      });
    }
  });

  it('writes PDF and Access headers for those extensions', async () => {
    await plantCanaries(dir, { count: 10, year: 2026 });
    expect(readFileSync(join(dir, '!Insurance_Claims_Q1_2026.pdf')).subarray(0, 5).toString()).toBe(
      '%PDF-',
    );
    expect(readFileSync(join(dir, '!Lab_Results_Export.accdb')).subarray(4, 19).toString()).toBe(
      'Standard ACE DB',
    );
  });

  it('reuses the manifest on restart and replants a missing canary under its name', async () => {
    const first = await plantCanaries(dir, { count: 3, year: 2026 });
    const again = await plantCanaries(dir, { count: 3, year: 2026 });
    expect(again.planted).toEqual([]);
    expect(again.files).toEqual(first.files);

    unlinkSync(join(dir, '0_Payroll_March.xlsx'));
    writeFileSync(join(dir, '!EHR_admin_passwords.docx'), 'encrypted');
    const third = await plantCanaries(dir, { count: 3, year: 2026 });
    expect(third.planted).toEqual(['0_Payroll_March.xlsx']);
    // A changed canary is left for the watcher to report, not silently repaired.
    expect(third.changed).toEqual(['!EHR_admin_passwords.docx']);
    expect(readFileSync(join(dir, '!EHR_admin_passwords.docx'), 'utf8')).toBe('encrypted');
    expect(readdirSync(dir).sort()).toHaveLength(4);
  });

  it('never overwrites a user file that has a decoy name', async () => {
    writeFileSync(join(dir, '0_Payroll_March.xlsx'), 'the real payroll');
    const r = await plantCanaries(dir, { count: 2, year: 2026 });
    expect(r.files.map((f) => f.name)).toEqual([
      '!Patient_Transfer_List_2026.xlsx',
      '!EHR_admin_passwords.docx',
    ]);
    expect(readFileSync(join(dir, '0_Payroll_March.xlsx'), 'utf8')).toBe('the real payroll');
  });

  it('ignores manifest entries that are paths', async () => {
    writeFileSync(
      join(dir, MANIFEST_NAME),
      JSON.stringify({ version: 1, files: [{ name: '../escape.txt', size: 1, sha256: 'x' }] }),
    );
    const r = await plantCanaries(dir, { count: 1, year: 2026 });
    expect(r.files.map((f) => f.name)).toEqual(['!Patient_Transfer_List_2026.xlsx']);
  });
});
