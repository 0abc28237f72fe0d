import type { Severity } from '../../api-types.ts';
import type { ScanIssue } from './scan-types.ts';
import { extractCves, severityFromCvss } from './severity.ts';

/** Where an NSE script ran: a port (with its service) or the host itself (hostscript). */
export interface ScriptPlace {
  port: number | null;
  protocol: string | null;
  service: string | null;
}

/**
 * Turns one NSE <script id output> into a ScanIssue.
 *
 * Scripts built on Nmap's `vulns` library print a block per vulnerability (nselib/vulns.lua):
 *   VULNERABLE:
 *   <title>
 *     State: VULNERABLE | LIKELY VULNERABLE | NOT VULNERABLE | VULNERABLE (Exploitable) ...
 *     IDs:  CVE:CVE-2017-0143
 *     Description: ...
 *     References: <urls>
 * The `vulners` script prints one line per known vulnerability of a detected CPE:
 *   <id> <tab> <cvss score> <tab> https://vulners.com/... [<tab> *EXPLOIT*]
 */
export function scriptIssue(id: string, output: string, place: ScriptPlace): ScanIssue {
  const where = place.port === null ? 'host script' : `${place.port}/${place.protocol ?? 'tcp'}`;
  const evidence = output.trim() || null;
  const base = {
    toolId: `script/${id}`,
    solution: null,
    cvssVector: null,
    cwes: [],
    port: place.port,
    protocol: place.protocol,
    service: place.service,
    evidence,
  };

  if (id === 'vulners') {
    const { score, cves } = readVulners(output);
    return {
      ...base,
      title: `Known vulnerabilities in the software on ${where} (vulners)`,
      description:
        `The Nmap vulners script matched the detected software version against ${cves.length} CVE(s)` +
        (score === null ? '.' : `; the highest CVSS score listed is ${score}.`),
      severity: score === null ? 'info' : severityFromCvss(score),
      cvssScore: score,
      cves,
    };
  }

  const state = vulnsState(output);
  if (state !== null) {
    const title = vulnsTitle(output) ?? `${id} reports a vulnerability`;
    return {
      ...base,
      title: `${title} (${id})`,
      description:
        vulnsDescription(output) ?? `The Nmap script ${id} reported ${title} on ${where}.`,
      severity: state,
      cvssScore: null,
      cves: extractCves(output),
      references: [...new Set(output.match(/https?:\/\/\S+/g) ?? [])],
    };
  }

  return {
    ...base,
    title: `Nmap script ${id} on ${where}`,
    description: `Output of the Nmap script ${id} on ${where}.`,
    severity: 'info',
    cvssScore: null,
    cves: extractCves(output),
  };
}

/**
 * Severity from the vulns library's State lines: VULNERABLE (also "(Exploitable)", "(DoS)")
 * is high, LIKELY VULNERABLE medium; NOT VULNERABLE and UNKNOWN, shown only with
 * vulns.showall, are not findings (null). A bare "VULNERABLE:" header without State counts too.
 */
function vulnsState(output: string): Severity | null {
  const states = [...output.matchAll(/State:\s*([A-Z][A-Z ()]*)/g)].map((m) => (m[1] ?? '').trim());
  if (states.some((s) => s.startsWith('VULNERABLE'))) return 'high';
  if (states.some((s) => s.startsWith('LIKELY VULNERABLE'))) return 'medium';
  if (states.length === 0 && /^\s*VULNERABLE:\s*$/m.test(output)) return 'high';
  return null;
}

function vulnsTitle(output: string): string | null {
  const match = /^\s*VULNERABLE:\s*\n\s*(\S[^\n]*)/m.exec(output);
  return match?.[1]?.trim() ?? null;
}

function vulnsDescription(output: string): string | null {
  const match =
    /Description:\s*([\s\S]*?)(?:\n\s*(?:Disclosure date|References|Extra information|Check results|Exploit results):|$)/.exec(
      output,
    );
  const text = match?.[1]?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

function readVulners(output: string): { score: number | null; cves: string[] } {
  let score: number | null = null;
  const cves = new Set<string>();
  for (const match of output.matchAll(/^\s*(\S+)\s+(\d{1,2}(?:\.\d+)?)\s+https?:\/\/\S+/gm)) {
    const value = Number(match[2]);
    if (value <= 10 && (score === null || value > score)) score = value;
    for (const cve of extractCves(match[1] ?? '')) cves.add(cve);
  }
  return { score, cves: [...cves] };
}
