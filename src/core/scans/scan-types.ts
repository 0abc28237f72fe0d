import type { Severity } from '../../api-types.ts';

/** Scanner formats Ward reads. */
export type ScanFormat = 'nmap' | 'nessus';

/** A host as the scanner saw it. Any identifier may be missing. */
export interface ScanHost {
  ip: string | null;
  mac: string | null;
  hostnames: string[];
  fqdn: string | null;
  os: string | null;
  /** netbios name, vendor from MAC, etc., kept as evidence. */
  extra: Record<string, string>;
}

/** One issue the scanner reported on a host (an open port for Nmap, a plugin hit for Nessus). */
export interface ScanIssue {
  /** Stable id from the tool: Nessus plugin id, `port` or NSE script id for Nmap. */
  toolId: string;
  title: string;
  description: string;
  solution: string | null;
  severity: Severity;
  cvssScore: number | null;
  cvssVector: string | null;
  cves: string[];
  cwes: string[];
  port: number | null;
  protocol: string | null;
  service: string | null;
  /** Plugin output or script output: what the scanner actually saw. */
  evidence: string | null;
  /** Advisory links the scanner cited (Nessus see_also, NSE vulns References). */
  references?: string[];
}

export interface ScanHostResult {
  host: ScanHost;
  issues: ScanIssue[];
}

/** Summary of the scan as a whole, from the file's header. */
export interface ScanInfo {
  format: ScanFormat;
  tool: string;
  /** Scan start time when the file says it. */
  startedAt: Date | null;
  /** Targets/policy as given to the scanner (evidence of scope). */
  scope: string | null;
  /** The scan's own name when the file carries one (Nessus Report@name). */
  name?: string | null;
}

/**
 * Where a file is wrong: line and column from the XML parser, the element being read, and
 * what was expected. Imports report it and store nothing.
 */
export class ScanParseError extends Error {
  override name = 'ScanParseError';
  readonly line: number | null;
  readonly column: number | null;
  readonly element: string | null;

  constructor(
    message: string,
    where: { line?: number | null; column?: number | null; element?: string | null } = {},
  ) {
    const at = [
      where.line != null ? `line ${where.line}` : null,
      where.element ? `<${where.element}>` : null,
    ]
      .filter(Boolean)
      .join(', ');
    super(at ? `${at}: ${message}` : message);
    this.line = where.line ?? null;
    this.column = where.column ?? null;
    this.element = where.element ?? null;
  }
}

/**
 * Parses a scan from a byte stream, calling `onHost` once per host in file order, and resolves
 * with the scan's info when the document ends. Rejects with ScanParseError on malformed or
 * truncated input. `onBytes` reports how much of the input was consumed (for progress).
 */
export type ScanParser = (
  input: AsyncIterable<Uint8Array | string>,
  handlers: {
    onHost: (result: ScanHostResult) => void | Promise<void>;
    onBytes?: (bytes: number) => void;
  },
) => Promise<ScanInfo>;
