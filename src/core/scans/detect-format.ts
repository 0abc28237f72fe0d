import { createReadStream } from 'node:fs';
import type { ScanFormat, ScanHostResult, ScanInfo, ScanParser } from './scan-types.ts';
import { ScanParseError } from './scan-types.ts';
import { parseNessusV2 } from './nessus-v2.ts';
import { parseNmapXml } from './nmap-xml.ts';

const ROOTS = new Map<string, ScanFormat>([
  ['nmaprun', 'nmap'],
  ['NessusClientData_v2', 'nessus'],
]);
/** How each format is named in messages. */
export const SCAN_FORMAT_LABELS: Record<ScanFormat, string> = {
  nmap: 'Nmap XML (<nmaprun>)',
  nessus: 'Nessus v2 (<NessusClientData_v2>)',
};
const LABELS = SCAN_FORMAT_LABELS;
const UNRECOGNISED =
  'unrecognised file: expected Nmap XML (<nmaprun>) or Nessus v2 (<NessusClientData_v2>)';

/** How much of the file is read to find the root element: prolog comments are short in practice. */
const HEAD_BYTES = 64 * 1024;

/**
 * The name of the root element, skipping what may come before it in an XML prolog (XML 1.0
 * section 2.8): a BOM, the XML declaration, processing instructions (Nmap writes an
 * xml-stylesheet one), comments and a DOCTYPE (possibly with an internal subset).
 * `undefined` means the head ends before the root; `null` means it is not XML.
 */
export function rootElementName(head: string): string | null | undefined {
  let i = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < head.length && /\s/.test(head[i] as string)) i++;
    if (i >= head.length) return undefined;
    if (head[i] !== '<') return null;
    if (head.startsWith('<?', i)) {
      const end = head.indexOf('?>', i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (head.startsWith('<!--', i)) {
      const end = head.indexOf('-->', i + 4);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (head.startsWith('<!DOCTYPE', i)) {
      const subset = head.indexOf('[', i);
      const close = head.indexOf('>', i);
      if (close < 0) return undefined;
      if (subset >= 0 && subset < close) {
        const subsetEnd = head.indexOf(']', subset);
        const end = subsetEnd < 0 ? -1 : head.indexOf('>', subsetEnd);
        if (end < 0) return undefined;
        i = end + 1;
      } else {
        i = close + 1;
      }
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(head.slice(i, i + 256));
      if (!match) return i + 256 > head.length ? undefined : null;
      // A name running to the end of the head may be cut short ("<Nessus" of "<NessusClientData_v2").
      if (i + match[0].length >= head.length) return undefined;
      return match[1] as string;
    }
  }
}

/** Which scanner wrote this file, from its first few KB; null when it is neither format. */
export function detectScanFormat(head: string): ScanFormat | null {
  const root = rootElementName(head);
  return root ? (ROOTS.get(root) ?? null) : null;
}

/** The streaming parser for a format. */
export function parserFor(format: ScanFormat): ScanParser {
  return format === 'nmap' ? parseNmapXml : parseNessusV2;
}

/** The error for a file that is neither format, saying what it looks like instead. */
export function unrecognisedScanError(
  root: string | null | undefined,
  empty: boolean,
): ScanParseError {
  if (root === 'NessusClientData') {
    return new ScanParseError(
      `${UNRECOGNISED}; this is the old Nessus v1 format: export the scan again as .nessus (v2)`,
    );
  }
  const why = empty
    ? 'the file is empty'
    : root
      ? `the root element is <${root}>`
      : root === null
        ? 'the file is not XML'
        : 'no root element in the first 64 KB';
  return new ScanParseError(`${UNRECOGNISED}; ${why}`);
}

/**
 * Streams a scan file from disk into `onHost`, detecting the format from its head unless the
 * caller names one. A named format that contradicts the content is an error rather than a
 * parse that would fail later with a less helpful message.
 */
export async function parseScanFile(
  path: string,
  opts: {
    format?: 'auto' | ScanFormat;
    onHost: (result: ScanHostResult) => void | Promise<void>;
    onBytes?: (bytes: number) => void;
  },
): Promise<ScanInfo> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  const reader = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    const head: Buffer[] = [];
    let headBytes = 0;
    let root: string | null | undefined;
    while (headBytes < HEAD_BYTES) {
      const next = await reader.next();
      if (next.done) break;
      head.push(next.value);
      headBytes += next.value.byteLength;
      root = rootElementName(new TextDecoder().decode(Buffer.concat(head)));
      if (root !== undefined) break;
    }

    const detected = root ? (ROOTS.get(root) ?? null) : null;
    const wanted = opts.format ?? 'auto';
    let format: ScanFormat;
    if (wanted === 'auto') {
      if (!detected) throw unrecognisedScanError(root, headBytes === 0);
      format = detected;
    } else {
      if (detected && detected !== wanted) {
        throw new ScanParseError(
          `the file was named as ${LABELS[wanted]} (--format ${wanted}) but it is ${LABELS[detected]}`,
        );
      }
      // Not recognised from the head (odd prolog): let the named parser give the precise error.
      format = wanted;
    }

    async function* chunks(): AsyncGenerator<Buffer> {
      yield* head;
      for (;;) {
        const next = await reader.next();
        if (next.done) return;
        yield next.value;
      }
    }
    return await parserFor(format)(chunks(), { onHost: opts.onHost, onBytes: opts.onBytes });
  } finally {
    stream.destroy();
  }
}
