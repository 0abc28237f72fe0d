import { CVE_ID, RecordError, type KevRow } from './types.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One entry of the CISA KEV catalog's `vulnerabilities` array (fields as in CISA's
 * known_exploited_vulnerabilities_schema.json). Throws RecordError naming the bad field.
 */
export function parseKevEntry(entry: unknown): KevRow {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new RecordError('', 'a KEV entry must be a JSON object');
  }
  const e = entry as Record<string, unknown>;
  const text = (key: string, required: boolean): string => {
    const v = e[key];
    if (typeof v === 'string' && (v !== '' || !required)) return v;
    if (v === undefined && !required) return '';
    throw new RecordError(key, `expected ${required ? 'a non-empty ' : 'a '}string`);
  };
  const cveId = text('cveID', true);
  if (!CVE_ID.test(cveId)) throw new RecordError('cveID', `not a CVE id: ${JSON.stringify(cveId)}`);
  const dateAdded = text('dateAdded', true);
  if (!DATE.test(dateAdded)) throw new RecordError('dateAdded', 'expected YYYY-MM-DD');
  const dueDate = text('dueDate', false);
  if (dueDate !== '' && !DATE.test(dueDate))
    throw new RecordError('dueDate', 'expected YYYY-MM-DD');
  const ransomware = e['knownRansomwareCampaignUse'] ?? 'Unknown';
  if (ransomware !== 'Known' && ransomware !== 'Unknown') {
    throw new RecordError('knownRansomwareCampaignUse', 'expected "Known" or "Unknown"');
  }
  const cwes = e['cwes'] ?? [];
  if (!Array.isArray(cwes) || cwes.some((c) => typeof c !== 'string')) {
    throw new RecordError('cwes', 'expected an array of strings');
  }
  return {
    cve_id: cveId,
    vendor_project: text('vendorProject', true),
    product: text('product', true),
    vulnerability_name: text('vulnerabilityName', false),
    short_description: text('shortDescription', false),
    required_action: text('requiredAction', false),
    date_added: dateAdded,
    due_date: dueDate === '' ? null : dueDate,
    ransomware: ransomware === 'Known',
    notes: text('notes', false),
    cwes: cwes as string[],
  };
}
