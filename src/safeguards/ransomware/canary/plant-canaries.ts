import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decoyContent, DECOY_NAMES } from './decoy-files.ts';

/** Kept in each watched folder so that a restart watches the same files instead of planting more. */
export const MANIFEST_NAME = '.ward-canary.json';

export interface CanaryFile {
  name: string;
  size: number;
  sha256: string;
}

export interface CanaryManifest {
  version: 1;
  files: CanaryFile[];
}

export interface PlantResult {
  dir: string;
  files: CanaryFile[];
  /** Written by this call (first run, or a canary that had gone missing). */
  planted: string[];
  /** Canaries whose content no longer matches the manifest; left alone, the watcher reports them. */
  changed: string[];
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Plants `count` decoys in `dir` (default 4) and records them in the manifest. With a manifest
 * already there its canaries are reused; a missing one is planted again under its name. A file
 * that exists and is not a canary is never overwritten (exclusive create): the next decoy name
 * is used instead.
 */
export async function plantCanaries(
  dir: string,
  opts: { count?: number; year?: number } = {},
): Promise<PlantResult> {
  const count = Math.min(Math.max(opts.count ?? 4, 1), DECOY_NAMES.length);
  const year = String(opts.year ?? new Date().getFullYear());
  const manifest = (await readManifest(dir)) ?? { version: 1, files: [] };
  const planted: string[] = [];
  const changed: string[] = [];
  const files: CanaryFile[] = [];

  for (const entry of manifest.files) {
    const data = await readFile(join(dir, entry.name)).catch(() => null);
    if (data === null) {
      const again = await tryCreate(dir, entry.name);
      if (again) {
        files.push(again);
        planted.push(entry.name);
      }
      continue;
    }
    if (sha256(data) !== entry.sha256) changed.push(entry.name);
    files.push(entry);
  }

  const names = DECOY_NAMES.map((n) => n.replace('{year}', year));
  for (const name of names) {
    if (files.length >= count) break;
    if (files.some((f) => f.name === name)) continue;
    const created = await tryCreate(dir, name);
    if (created) {
      files.push(created);
      planted.push(name);
    }
  }

  const next: CanaryManifest = { version: 1, files };
  await writeFile(join(dir, MANIFEST_NAME), JSON.stringify(next, null, 2) + '\n');
  return { dir, files, planted, changed };
}

/** Writes a decoy unless a file of that name exists (someone's real file: leave it alone). */
async function tryCreate(dir: string, name: string): Promise<CanaryFile | null> {
  const data = decoyContent(name);
  try {
    await writeFile(join(dir, name), data, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw err;
  }
  return { name, size: data.length, sha256: sha256(data) };
}

/** The manifest of `dir`, or null when there is none; a damaged one is an error to fix by hand. */
export async function readManifest(dir: string): Promise<CanaryManifest | null> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_NAME), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = JSON.parse(text) as Partial<CanaryManifest>;
  if (parsed.version !== 1 || !Array.isArray(parsed.files))
    throw new Error(`${join(dir, MANIFEST_NAME)}: not a Ward canary manifest (version 1)`);
  // Names only, never paths: a manifest edited to name ../../etc/passwd must not be re-planted.
  const files = parsed.files.filter(
    (f): f is CanaryFile =>
      typeof f?.name === 'string' &&
      typeof f.sha256 === 'string' &&
      !/[\\/]/.test(f.name) &&
      f.name !== '' &&
      f.name !== '..' &&
      f.name !== MANIFEST_NAME,
  );
  return { version: 1, files };
}
