import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.ts';
import {
  detectScanFormat,
  parserFor,
  rootElementName,
  SCAN_FORMAT_LABELS,
  unrecognisedScanError,
} from '../scans/detect-format.ts';
import { ScanParseError, type ScanFormat, type ScanHostResult } from '../scans/scan-types.ts';
import type { RequestedFormat } from './import-runs.ts';

/**
 * What an import reads: a scanner file's bytes (from disk or from the upload's chunks), or
 * hosts already parsed (a scan a safeguard ran itself, tests).
 */
export type ScanSource =
  | {
      kind: 'bytes';
      /** `q` is the import's transaction, for bytes stored in the database. */
      open: (q: Queryable) => AsyncIterable<Uint8Array>;
      totalBytes: number | null;
      requestedFormat: RequestedFormat;
    }
  | { kind: 'hosts'; format: ScanFormat; hosts: Iterable<ScanHostResult> };

/** A source with its format settled, ready to hand its hosts over one by one. */
export interface OpenedSource {
  format: ScanFormat;
  /** Streams every host into onHost (awaiting it, so a slow consumer holds back reading). */
  read(onHost: (host: ScanHostResult) => Promise<void>): Promise<void>;
  /** 0..1, how far reading has got. */
  fraction(): number;
  /** Bytes read and their SHA-256, for file sources once read to the end. */
  digest(): { bytes: number; sha256: string } | null;
}

export async function openScanSource(q: Queryable, source: ScanSource): Promise<OpenedSource> {
  if (source.kind === 'hosts') {
    const hosts = [...source.hosts];
    let done = 0;
    return {
      format: source.format,
      read: async (onHost) => {
        for (const h of hosts) {
          await onHost(h);
          done++;
        }
      },
      fraction: () => (hosts.length ? done / hosts.length : 1),
      digest: () => null,
    };
  }
  const scan = await openScan(source.open(q), source.requestedFormat);
  let sha256: string | null = null;
  return {
    format: scan.format,
    read: async (onHost) => {
      await parserFor(scan.format)(scan.bytes, { onHost });
      sha256 = scan.meter.sha256();
    },
    fraction: () => (source.totalBytes ? Math.min(scan.meter.bytes / source.totalBytes, 1) : 0),
    digest: () => (sha256 ? { bytes: scan.meter.bytes, sha256 } : null),
  };
}

// Enough for any XML prolog the scanners write (parseScanFile reads the same amount).
const HEAD_BYTES = 64 * 1024;
const LABELS = SCAN_FORMAT_LABELS;

/** A scan's bytes with their format settled, counted and hashed as the parser reads them. */
export interface OpenedScan {
  format: ScanFormat;
  bytes: AsyncIterable<Uint8Array>;
  /** Bytes read so far and their SHA-256 (complete once the parser has read to the end). */
  meter: { bytes: number; sha256(): string };
}

/**
 * Reads the head of a scan to settle its format before any host is parsed (findings need the
 * tool name from the first batch on). The rules match parseScanFile: `auto` must recognise the
 * root element; a named format that the root contradicts is refused; a named format with an
 * unrecognisable head is left to its parser, which reports the precise position.
 */
export async function openScan(
  input: AsyncIterable<Uint8Array>,
  requested: RequestedFormat,
): Promise<OpenedScan> {
  const hash = createHash('sha256');
  const meter = { bytes: 0, sha256: () => hash.digest('hex') };
  const iterator = input[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  const decoder = new TextDecoder();
  let text = '';
  let root: string | null | undefined;
  while (meter.bytes < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    hash.update(next.value);
    meter.bytes += next.value.byteLength;
    text += decoder.decode(next.value, { stream: true });
    root = rootElementName(text);
    if (root !== undefined) break;
  }
  const detected = detectScanFormat(text);
  let format: ScanFormat;
  if (requested === 'auto') {
    if (!detected) throw unrecognisedScanError(root, meter.bytes === 0);
    format = detected;
  } else {
    if (detected && detected !== requested) {
      throw new ScanParseError(
        `the file was named as ${LABELS[requested]} (format ${requested}) but it is ${LABELS[detected]}`,
      );
    }
    format = requested;
  }
  async function* bytes(): AsyncGenerator<Uint8Array> {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      hash.update(next.value);
      meter.bytes += next.value.byteLength;
      yield next.value;
    }
  }
  return { format, bytes: bytes(), meter };
}
