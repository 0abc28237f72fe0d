import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { CVE_ID, RecordError, type EpssRow } from './types.ts';

export interface EpssMeta {
  modelVersion: string | null;
  scoreDate: string | null;
}

export type EpssLine =
  | { kind: 'meta'; meta: EpssMeta }
  | { kind: 'row'; line: number; row: EpssRow }
  | { kind: 'bad'; line: number; error: RecordError };

/**
 * Streams a FIRST EPSS CSV (plain or gzip, recognised by its magic bytes). The daily file starts
 * with a comment `#model_version:v2025.03.14,score_date:2026-01-02T00:00:00+0000`, then the
 * header `cve,epss,percentile`. The file has no quoting, so lines are split on commas.
 */
export async function* readEpssCsv(path: string, gzip: boolean): AsyncGenerator<EpssLine> {
  const raw = createReadStream(path);
  const input = gzip ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => input.destroy(err));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  let header: string[] | null = null;
  for await (const text of lines) {
    n++;
    const line = text.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const fields = Object.fromEntries(
        line
          .slice(1)
          .split(',')
          .map((kv) => [kv.slice(0, kv.indexOf(':')).trim(), kv.slice(kv.indexOf(':') + 1).trim()]),
      );
      const date = /^\d{4}-\d{2}-\d{2}/.exec(fields['score_date'] ?? '')?.[0] ?? null;
      yield {
        kind: 'meta',
        meta: { modelVersion: fields['model_version'] ?? null, scoreDate: date },
      };
      continue;
    }
    if (!header) {
      header = line.toLowerCase().split(',');
      if (!['cve', 'epss', 'percentile'].every((c) => header!.includes(c))) {
        throw new Error(`${path}: line ${n}: expected the header "cve,epss,percentile"`);
      }
      continue;
    }
    const cells = line.split(',');
    const get = (name: string) => cells[header!.indexOf(name)] ?? '';
    const cve = get('cve');
    const score = Number(get('epss'));
    const percentile = Number(get('percentile'));
    if (!CVE_ID.test(cve)) {
      yield {
        kind: 'bad',
        line: n,
        error: new RecordError('cve', `not a CVE id: ${JSON.stringify(cve)}`),
      };
    } else if (!(get('epss') !== '' && score >= 0 && score <= 1)) {
      yield {
        kind: 'bad',
        line: n,
        error: new RecordError('epss', 'expected a number from 0 to 1'),
      };
    } else if (!(get('percentile') !== '' && percentile >= 0 && percentile <= 1)) {
      yield {
        kind: 'bad',
        line: n,
        error: new RecordError('percentile', 'expected a number from 0 to 1'),
      };
    } else {
      yield { kind: 'row', line: n, row: { cve_id: cve, score, percentile } };
    }
  }
  if (!header) throw new Error(`${path}: no "cve,epss,percentile" header found`);
}
