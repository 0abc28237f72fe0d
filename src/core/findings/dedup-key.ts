import { randomUUID } from 'node:crypto';
import { hashId } from './finding-texts.ts';

/**
 * The identity of a finding across imports: the same tool reporting the same check (plugin id,
 * port or NSE script) at the same place on the same asset. Titles and severities are left out
 * on purpose: scanners reword and re-score checks between plugin feed updates, and that must
 * update the finding rather than open a second one. SHA-256 cut to 128 bits and stored as a
 * uuid: a collision needs about 2^64 findings, and the unique index stays small and fast.
 */
export function dedupKey(parts: {
  tool: string;
  assetId: string | null;
  toolId: string;
  location: string | null;
}): string {
  return hashId(parts.tool, parts.assetId ?? '', parts.toolId, parts.location ?? '');
}

/** Manual findings without a tool id are each their own thing. */
export function uniqueKey(): string {
  return hashId('manual', randomUUID());
}
