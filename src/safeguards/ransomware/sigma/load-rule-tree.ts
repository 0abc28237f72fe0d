/**
 * Loads every `.yml` / `.yaml` file under the given directories (or single files), for
 * `ward rules check DIR` and the detect pipeline. Unreadable paths become load errors.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSigmaFile } from './parse-sigma-file.ts';
import type { SigmaDocument, SigmaLoadError } from './types.ts';

export interface LoadedRuleTree {
  documents: SigmaDocument[];
  errors: SigmaLoadError[];
  files: number;
}

export function loadRuleTree(dirs: readonly string[]): LoadedRuleTree {
  const result: LoadedRuleTree = { documents: [], errors: [], files: 0 };
  for (const dir of dirs) {
    for (const path of listRuleFiles(dir, result.errors)) {
      result.files++;
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        result.errors.push({
          path,
          line: null,
          message: `cannot read: ${(error as Error).message}`,
          severity: 'error',
        });
        continue;
      }
      const parsed = parseSigmaFile(text, path);
      result.documents.push(...parsed.documents);
      result.errors.push(...parsed.errors);
    }
  }
  return result;
}

function listRuleFiles(root: string, errors: SigmaLoadError[]): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      errors.push({
        path,
        line: null,
        message: `cannot read: ${(error as Error).message}`,
        severity: 'error',
      });
      return;
    }
    if (stat.isDirectory()) {
      // Sorted so that load order (and so rule order in results) is stable across file systems.
      for (const name of readdirSync(path).sort())
        if (!name.startsWith('.')) walk(join(path, name));
    } else if (/\.ya?ml$/i.test(path) || path === root) {
      out.push(path);
    }
  };
  walk(root);
  return out;
}
