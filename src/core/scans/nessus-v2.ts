import { isIP } from 'node:net';
import type { Severity } from '../../api-types.ts';
import type { ScanHostResult, ScanInfo, ScanIssue, ScanParser } from './scan-types.ts';
import { ScanParseError } from './scan-types.ts';
import { severityFromNessusLevel, severityFromRiskFactor } from './severity.ts';
import { intAttr, scoreText, streamXml } from './xml-stream.ts';
import type { XmlCursor, XmlTag } from './xml-stream.ts';

// Reads the .nessus v2 export (root <NessusClientData_v2>). Tenable documents the layout in
// "Nessus v2 File Format" (docs.tenable.com): Policy, then Report > ReportHost > HostProperties
// (<tag name=...>) and ReportItem elements whose attributes carry port, severity and plugin.

/** ReportItem children whose text we keep; everything else (bid, xref, fname ...) is skipped. */
const ITEM_FIELDS = new Set([
  'description',
  'solution',
  'synopsis',
  'plugin_output',
  'plugin_name',
  'cvss3_base_score',
  'cvss3_vector',
  'cvss_base_score',
  'cvss_vector',
  'cve',
  'cwe',
  'risk_factor',
  'see_also',
]);

/** HostProperties tags used for identity or kept as evidence in ScanHost.extra. */
const HOST_TAGS = new Set([
  'host-ip',
  'host-fqdn',
  'host-rdns',
  'netbios-name',
  'mac-address',
  'operating-system',
  'operating-system-method',
  'system-type',
  'Credentialed_Scan',
  'HOST_START',
  'HOST_START_TIMESTAMP',
  'HOST_END',
]);
const EXTRA_TAGS = [
  'netbios-name',
  'host-rdns',
  'system-type',
  'operating-system-method',
  'Credentialed_Scan',
  'HOST_START',
  'HOST_END',
];

interface ItemState {
  line: number;
  pluginId: string;
  pluginName: string | null;
  level: number | null;
  port: number | null;
  protocol: string | null;
  service: string | null;
  fields: Map<string, string>;
  cves: string[];
  cwes: string[];
}

interface HostState {
  name: string;
  tags: Map<string, string>;
  issues: ScanIssue[];
}

/** Parses a Nessus v2 (.nessus) export. See ScanParser for the contract. */
export const parseNessusV2: ScanParser = async (input, { onHost, onBytes }) => {
  const pending: ScanHostResult[] = [];
  let inPolicy = false;
  let policyName: string | null = null;
  let preferenceName: string | null = null;
  let targets: string | null = null;
  let reportName: string | null = null;
  let earliestStart: number | null = null;
  let host: HostState | null = null;
  let item: ItemState | null = null;
  let tagName: string | null = null;

  const onOpen = (tag: XmlTag, at: XmlCursor): void => {
    const name = tag.name;
    if (item) {
      if (ITEM_FIELDS.has(name)) at.startText();
    } else if (name === 'tag' && host) {
      const tagAttr = tag.attributes.name ?? '';
      tagName = HOST_TAGS.has(tagAttr) ? tagAttr : null;
      if (tagName) at.startText();
    } else if (name === 'ReportItem') {
      if (!host) at.fail('<ReportItem> outside <ReportHost>');
      item = openItem(tag, at);
    } else if (name === 'ReportHost') {
      host = { name: tag.attributes.name ?? '', tags: new Map(), issues: [] };
    } else if (name === 'Report') {
      reportName = tag.attributes.name ?? null;
    } else if (name === 'Policy') {
      inPolicy = true;
    } else if (inPolicy) {
      if (name === 'preference') preferenceName = null;
      // Only TARGET's value is kept: plugin_set alone can be hundreds of KB of plugin ids.
      else if (
        name === 'policyName' ||
        name === 'name' ||
        (name === 'value' && preferenceName === 'TARGET')
      )
        at.startText();
    }
  };

  const onClose = (name: string, at: XmlCursor): void => {
    if (item) {
      if (name === 'ReportItem') {
        (host as HostState).issues.push(closeItem(item));
        item = null;
      } else if (at.keepingText) {
        addField(item, name, at.takeText(), at);
      }
    } else if (name === 'tag' && tagName) {
      host?.tags.set(tagName, at.takeText());
      tagName = null;
    } else if (name === 'ReportHost' && host) {
      const start = Number(host.tags.get('HOST_START_TIMESTAMP'));
      // Only the epoch tag is trusted: HOST_START is local time of the scanner, without a zone.
      if (Number.isFinite(start) && start > 0 && (earliestStart === null || start < earliestStart))
        earliestStart = start;
      pending.push({ host: toScanHost(host), issues: host.issues });
      host = null;
    } else if (inPolicy) {
      if (name === 'Policy') inPolicy = false;
      else if (name === 'policyName') policyName = at.takeText();
      else if (name === 'name') preferenceName = at.takeText();
      // The scan's target list lives in the policy's server preferences as TARGET.
      else if (name === 'value' && at.keepingText) targets = at.takeText();
    }
  };

  let next = 0;
  const flush = async (): Promise<void> => {
    while (next < pending.length) await onHost(pending[next++] as ScanHostResult);
    pending.length = 0;
    next = 0;
  };

  await streamXml(input, { root: 'NessusClientData_v2', onOpen, onClose, flush }, onBytes);

  const scope = [
    policyName ? `policy: ${policyName}` : null,
    targets ? `targets: ${targets}` : null,
  ]
    .filter(Boolean)
    .join('; ');
  const info: ScanInfo = {
    format: 'nessus',
    tool: 'nessus',
    startedAt: earliestStart === null ? null : new Date(earliestStart * 1000),
    scope: scope || null,
    name: reportName,
  };
  return info;
};

function openItem(tag: XmlTag, at: XmlCursor): ItemState {
  const a = tag.attributes;
  const pluginId = (a.pluginID ?? '').trim();
  if (!/^\d+$/.test(pluginId))
    at.fail(`attribute pluginID="${a.pluginID ?? ''}" is not a plugin number`, 'ReportItem');
  const port = intAttr(tag, 'port', at, { min: 0, max: 65535 });
  const level = intAttr(tag, 'severity', at, { min: 0, max: 4 });
  // Port 0 is how Nessus files host-level findings (svc_name "general"): no port, protocol or service.
  const hasPort = port !== null && port > 0;
  return {
    line: at.line,
    pluginId,
    pluginName: a.pluginName?.trim() || null,
    level,
    port: hasPort ? port : null,
    protocol: hasPort ? a.protocol || null : null,
    service: hasPort ? a.svc_name || null : null,
    fields: new Map(),
    cves: [],
    cwes: [],
  };
}

function addField(item: ItemState, name: string, value: string, at: XmlCursor): void {
  if (name === 'cve') {
    const cve = value.toUpperCase();
    if (cve && !item.cves.includes(cve)) item.cves.push(cve);
  } else if (name === 'cwe') {
    // Nessus writes the bare number ("79"); the findings model uses the CWE-79 form.
    const cwe = /^\d+$/.test(value) ? `CWE-${value}` : value.toUpperCase();
    if (cwe && !item.cwes.includes(cwe)) item.cwes.push(cwe);
  } else {
    if (name.includes('score')) scoreText(value, name, at);
    item.fields.set(name, value);
  }
}

function closeItem(item: ItemState): ScanIssue {
  const f = item.fields;
  const title = item.pluginName ?? f.get('plugin_name') ?? `Nessus plugin ${item.pluginId}`;
  const description =
    [f.get('synopsis'), f.get('description')].filter((s) => s).join('\n\n') || title;
  const solution = f.get('solution');
  // Prefer CVSS v3 and keep score and vector from the same version: a v3 score beside a v2
  // vector would describe two different ratings.
  const v3 = f.get('cvss3_base_score');
  const score = v3 ? v3 : f.get('cvss_base_score');
  const vector = v3 ? f.get('cvss3_vector') : f.get('cvss_vector');
  const references = (f.get('see_also') ?? '').split(/\s+/).filter((s) => s);
  return {
    toolId: item.pluginId,
    title,
    description,
    // Informational plugins say "n/a": there is nothing to do, which the model spells null.
    solution: solution && solution.toLowerCase() !== 'n/a' ? solution : null,
    severity: itemSeverity(item),
    cvssScore: score ? Number(score) : null,
    cvssVector: vector || null,
    cves: item.cves,
    cwes: item.cwes,
    port: item.port,
    protocol: item.protocol,
    service: item.service,
    evidence: f.get('plugin_output') || null,
    references,
  };
}

/**
 * The severity attribute wins: it is the level Nessus itself shows and counts for the finding,
 * and it follows the scan's chosen severity base (CVSS v2/v3), whereas <risk_factor> is plugin
 * metadata. The two agree in the files we have seen; risk_factor is used only when the
 * attribute is missing (hand-edited or third-party exports).
 */
function itemSeverity(item: ItemState): Severity {
  if (item.level !== null) return severityFromNessusLevel(item.level) as Severity;
  const risk = item.fields.get('risk_factor');
  const fromRisk = risk ? severityFromRiskFactor(risk) : null;
  if (fromRisk) return fromRisk;
  throw new ScanParseError(
    risk
      ? `risk_factor "${risk}" is not None, Low, Medium, High or Critical, and there is no severity attribute`
      : 'no severity attribute (0-4) and no <risk_factor>',
    { line: item.line, element: 'ReportItem' },
  );
}

function toScanHost(state: HostState): ScanHostResult['host'] {
  const tags = state.tags;
  const nameIsIp = isIP(state.name) !== 0;
  const ip = tags.get('host-ip') || (nameIsIp ? state.name : null);
  const fqdn = tags.get('host-fqdn') || (!nameIsIp && state.name ? state.name : null);
  const hostnames = [fqdn, tags.get('host-rdns')].filter((h): h is string => !!h && isIP(h) === 0);
  // mac-address lists every interface, one per line; the first is the host's identity here.
  const macs = (tags.get('mac-address') ?? '').split(/[\s,]+/).filter((m) => m);
  const osLines = (tags.get('operating-system') ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l);
  const extra: Record<string, string> = { 'report-host': state.name };
  for (const key of EXTRA_TAGS) {
    const value = tags.get(key);
    if (value) extra[key] = value;
  }
  if (macs.length > 1) extra['mac-address'] = macs.join(' ');
  // Nessus lists several candidate systems, one per line, when fingerprinting is unsure.
  if (osLines.length > 1) extra['operating-system'] = osLines.join('\n');
  return {
    ip: ip || null,
    mac: macs[0]?.toLowerCase() ?? null,
    hostnames: [...new Set(hostnames)],
    fqdn,
    os: osLines[0] ?? null,
    extra,
  };
}
