/**
 * Which files a hunt reads: named files as given, directories walked recursively for the
 * extensions event exports use.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const EVENT_FILE_EXTENSIONS: readonly string[] = ['.evtx', '.json', '.jsonl', '.ndjson'];

const hasEventExtension = (name: string) => {
  const lower = name.toLowerCase();
  return EVENT_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
};

/** Thrown for an input path that does not exist or cannot be read. */
export class InputPathError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'InputPathError';
    this.path = path;
  }
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile() && hasEventExtension(entry.name)) out.push(path);
  }
}

/**
 * Files and directories -> the event files to read, in a stable order (directories sorted by
 * name, recursively; `.evtx`, `.json`, `.jsonl`, `.ndjson`). A file named explicitly is taken
 * whatever its extension; its content decides the format. A path that does not exist throws
 * {@link InputPathError}.
 */
export function listInputFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputPathError(path, code === 'ENOENT' ? 'no such file or directory' : String(err));
    }
    if (stats.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return [...new Set(out)];
}
