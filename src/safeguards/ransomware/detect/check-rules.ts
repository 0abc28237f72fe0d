/**
 * `ward rules check`: compiles a rule tree the way `ward detect` would and reports, per rule
 * file, whether it compiles and why not. All files are compiled together so correlations that
 * name rules in other files resolve as they would in a hunt.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileRuleSet, parseSigmaFile, type SigmaLoadError } from '../sigma/index.ts';
import type { SigmaDocument } from '../sigma/types.ts';

export interface RuleFileCheck {
  path: string;
  ok: boolean;
  /** The first error, as `line N: message`; null when the file compiles. */
  error: string | null;
  /** Rules (and correlations, filters) in the file that compiled. */
  rules: number;
  warnings: string[];
}

function listRuleFiles(path: string, out: string[]): void {
  if (!statSync(path).isDirectory()) {
    out.push(path);
    return;
  }
  const entries = readdirSync(path, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const child = join(path, e.name);
    if (e.isDirectory()) listRuleFiles(child, out);
    else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(child);
  }
}

const describe = (e: SigmaLoadError) =>
  `${e.line === null ? '' : `line ${e.line}: `}${e.title ? `${e.title}: ` : ''}${e.message}`;

/** One result per rule file under `dirs` (files may be named directly), in path order. */
export function checkRules(dirs: readonly string[]): RuleFileCheck[] {
  const files: string[] = [];
  for (const dir of dirs) listRuleFiles(dir, files);
  const documents: SigmaDocument[] = [];
  const problems = new Map<string, SigmaLoadError[]>();
  const docsPerFile = new Map<string, number>();
  const note = (e: SigmaLoadError) => {
    const list = problems.get(e.path) ?? [];
    list.push(e);
    problems.set(e.path, list);
  };
  for (const path of files) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      note({
        path,
        line: null,
        message: `cannot read: ${(err as Error).message}`,
        severity: 'error',
      });
      continue;
    }
    const parsed = parseSigmaFile(text, path);
    documents.push(...parsed.documents);
    docsPerFile.set(path, parsed.documents.length);
    parsed.errors.forEach(note);
  }
  compileRuleSet({ documents }).errors.forEach(note);
  return files.map((path) => {
    const list = problems.get(path) ?? [];
    const errors = list.filter((e) => e.severity === 'error');
    const failedDocs = new Set(errors.map((e) => e.line ?? -1)).size;
    const first = errors[0];
    return {
      path,
      ok: errors.length === 0,
      error: first ? describe(first) : null,
      rules: Math.max(0, (docsPerFile.get(path) ?? 0) - failedDocs),
      warnings: list.filter((e) => e.severity === 'warning').map(describe),
    };
  });
}
