import type { ContainmentStep } from '../../../api-types.ts';

export type ContainmentKey = ContainmentStep['key'];

/** Every case carries the same checklist, in this order (the order responders work in). */
export const CONTAINMENT_STEPS: readonly { key: ContainmentKey; label: string }[] = [
  { key: 'isolate_host', label: 'Isolate host from the network' },
  { key: 'disable_account', label: 'Disable the account' },
  { key: 'block_hash', label: 'Block the file hash' },
  { key: 'reset_credentials', label: 'Reset credentials' },
  { key: 'preserve_evidence', label: 'Preserve evidence (memory and disk image)' },
];

export const CONTAINMENT_KEYS = CONTAINMENT_STEPS.map((s) => s.key) as [
  ContainmentKey,
  ...ContainmentKey[],
];

// Built-in and machine accounts: disabling SYSTEM or WS01$ is not a containment step anyone takes.
const SERVICE_ACCOUNTS = new Set([
  'system',
  'local service',
  'network service',
  'anonymous logon',
  '-',
  '',
]);

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  return null;
}

function accountOf(sample: Record<string, unknown>): string | null {
  for (const field of ['TargetUserName', 'SubjectUserName', 'User']) {
    const name = text(sample[field]);
    if (!name) continue;
    const bare = (name.split('\\').pop() ?? name).toLowerCase();
    if (SERVICE_ACCOUNTS.has(bare) || bare.endsWith('$')) continue;
    return name;
  }
  return null;
}

// Sysmon writes `Hashes` as `SHA1=...,MD5=...,SHA256=...,IMPHASH=...` (whichever are configured).
function sha256Of(sample: Record<string, unknown>): string | null {
  const hashes = text(sample['Hashes']);
  const match = hashes ? /(?:^|,)\s*SHA256=([0-9a-f]{64})\b/i.exec(hashes) : null;
  return match?.[1]?.toUpperCase() ?? null;
}

function joinDistinct(values: readonly (string | null)[]): string | null {
  const seen = new Map<string, string>();
  for (const v of values) if (v && !seen.has(v.toLowerCase())) seen.set(v.toLowerCase(), v);
  return seen.size ? [...seen.values()].join(', ') : null;
}

/**
 * Suggested targets for each step from the alerts' sample events: hosts from `Computer` (or
 * the alert's host), accounts from TargetUserName / SubjectUserName / User, hashes from the
 * SHA256 in Sysmon's `Hashes`. Several alerts give a comma-separated list; null when unknown.
 */
export function suggestTargets(
  alerts: readonly { host: string | null; sample: Record<string, unknown> }[],
): Record<ContainmentKey, string | null> {
  const hosts = joinDistinct(alerts.map((a) => text(a.sample['Computer']) ?? a.host));
  const accounts = joinDistinct(alerts.map((a) => accountOf(a.sample)));
  return {
    isolate_host: hosts,
    disable_account: accounts,
    block_hash: joinDistinct(alerts.map((a) => sha256Of(a.sample))),
    reset_credentials: accounts,
    preserve_evidence: hosts,
  };
}
