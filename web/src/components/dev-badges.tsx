import type { DeviceClass, DeviceVuln } from '../../../src/api-types.ts';
import { DEVICE_CLASS_LABEL, riskLevel, usedByRansomware } from './dev-labels.ts';

/** The class in words; life-critical and clinical are also emphasised as criticality is. */
export function DeviceClassLabel({ value }: { value: DeviceClass }) {
  return <span className={`crit dev-class-${value}`}>{DEVICE_CLASS_LABEL[value]}</span>;
}

/** Risk as its number and its level written out; "None" without matches. */
export function RiskBadge({ risk }: { risk: number | null }) {
  if (risk === null) return <span className="dev-risk-none">None</span>;
  const level = riskLevel(risk);
  return (
    <span className={`badge ${level.className}`}>
      {risk} · {level.label}
    </span>
  );
}

/** CISA KEV: exploited in the wild; and whether ransomware groups use it. */
export function KevBadge({ vuln }: { vuln: Pick<DeviceVuln, 'kev' | 'riskWhy'> }) {
  if (!vuln.kev) return <>No</>;
  return (
    <span className="badge sev-critical" title="Listed in CISA's Known Exploited Vulnerabilities">
      {usedByRansomware(vuln) ? 'KEV, used by ransomware' : 'KEV'}
    </span>
  );
}
