import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { streamJsonArray } from './json-array-stream.ts';
import type { DetectedFile } from './detect.ts';

/** `a.b`, `a[0].b`, or just the non-empty part. */
export function joinPath(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return b.startsWith('[') ? a + b : `${a}.${b}`;
}

/** A problem with a file as a whole (not JSON, wrong top-level shape): nothing in it imports. */
export class FeedFileError extends Error {}

/** One record of a JSON feed: its JSON path in the file and its parsed value (or why not). */
export type FeedItem = { at: string; value: unknown } | { at: string; error: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The records of an NVD or KEV file. Files above `streamAbove` bytes are streamed element by
 * element from their `vulnerabilities` array (an NVD API 2.0 page or the KEV catalog); smaller
 * ones are parsed whole, which also accepts a single NVD record, `{ "cve": {...} }` or an array.
 * NVD elements `{ "cve": {...} }` are unwrapped, with `.cve` added to the path.
 */
export async function* feedItems(
  file: DetectedFile,
  header: Record<string, string | number>,
  streamAbove: number,
): AsyncGenerator<FeedItem> {
  const unwrap = (at: string, v: unknown): FeedItem =>
    file.kind === 'nvd' && isObject(v) && isObject(v['cve'])
      ? { at: joinPath(at, 'cve'), value: v['cve'] }
      : { at, value: v };
  if (file.size > streamAbove) {
    for await (const item of streamJsonArray(file.path, 'vulnerabilities', header, file.gzip)) {
      const at = `vulnerabilities[${item.index}]`;
      if (item.text === null) {
        yield { at, error: 'expected an object' };
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(item.text);
      } catch (err) {
        yield { at, error: `invalid JSON: ${(err as Error).message}` };
        continue;
      }
      yield unwrap(at, value);
    }
    return;
  }
  const doc = await readJsonDocument(file);
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) yield unwrap(`[${i}]`, doc[i]);
    return;
  }
  if (!isObject(doc)) throw new FeedFileError('expected a JSON object');
  for (const [k, v] of Object.entries(doc)) {
    if (typeof v === 'string' || typeof v === 'number') header[k] = v;
  }
  const list = doc['vulnerabilities'];
  if (Array.isArray(list)) {
    for (let i = 0; i < list.length; i++) yield unwrap(`vulnerabilities[${i}]`, list[i]);
  } else if (file.kind === 'kev') {
    throw new FeedFileError('vulnerabilities: expected the array of catalog entries');
  } else {
    yield unwrap('', doc);
  }
}

/** Parses a whole JSON file (plain or gzip); a syntax error is a FeedFileError. */
export async function readJsonDocument(file: DetectedFile): Promise<unknown> {
  const bytes = await readFile(file.path);
  try {
    return JSON.parse(
      (file.gzip ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, ''),
    );
  } catch (err) {
    throw new FeedFileError(`invalid JSON: ${(err as Error).message}`);
  }
}
