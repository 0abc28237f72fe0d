import type { Queryable } from '../../../platform/db/index.ts';
import type { DevicesDeps } from './device-deps.ts';
import { DeviceInputError } from './device-errors.ts';
import { resolveDevice } from './device-queries.ts';

export const DECISION_STATUSES = [
  'not_affected',
  'affected',
  'fixed',
  'under_investigation',
] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export interface VulnDecision {
  deviceId: string;
  deviceName: string;
  cve: string;
  status: DecisionStatus;
  justification: string | null;
  decidedBy: string;
  decidedAt: string;
}

const CVE = /^CVE-\d{4}-\d{4,}$/;

/**
 * Records what the hospital decided about one CVE on one device (VEX). not_affected needs a
 * justification: it removes the match, so the reason is the audit trail. Deciding again
 * replaces the decision. Audited.
 */
export async function decideDeviceVuln(
  deps: Pick<DevicesDeps, 'db' | 'audit' | 'clock'>,
  input: {
    device: string;
    cve: string;
    status: DecisionStatus;
    justification?: string | null;
    actor: string;
  },
): Promise<VulnDecision> {
  const cve = input.cve.trim().toUpperCase();
  if (!CVE.test(cve))
    throw new DeviceInputError(
      { file: 'cve' },
      `expected an id like CVE-2024-12345, got ${JSON.stringify(input.cve)}`,
    );
  if (!(DECISION_STATUSES as readonly string[]).includes(input.status))
    throw new DeviceInputError(
      { file: 'status' },
      `must be one of ${DECISION_STATUSES.join(', ')}`,
    );
  const justification = input.justification?.trim() || null;
  if (input.status === 'not_affected' && !justification)
    throw new DeviceInputError(
      { file: 'justification' },
      'required for not_affected (why the device is not affected)',
    );
  const device = await resolveDevice(deps.db, input.device);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO device_vuln_decisions (device_id, cve, status, justification, decided_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (device_id, cve) DO UPDATE SET status = EXCLUDED.status, justification = EXCLUDED.justification,
         decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at`,
      [device.id, cve, input.status, justification, input.actor, now],
    );
    await deps.audit.append(
      {
        actor: input.actor,
        action: 'devices.vex.decide',
        target: device.id,
        detail: { cve, status: input.status, justification },
      },
      tx,
    );
  });
  return {
    deviceId: device.id,
    deviceName: device.name,
    cve,
    status: input.status,
    justification,
    decidedBy: input.actor,
    decidedAt: now.toISOString(),
  };
}

/** Every decision, for matching (not_affected drops a match) and for the VEX export. */
export async function listDecisions(db: Queryable): Promise<VulnDecision[]> {
  const rows = await db.query<{
    device_id: string;
    name: string;
    cve: string;
    status: DecisionStatus;
    justification: string | null;
    decided_by: string;
    decided_at: Date;
  }>(
    `SELECT x.device_id, d.name, x.cve, x.status, x.justification, x.decided_by, x.decided_at
     FROM device_vuln_decisions x JOIN devices d ON d.asset_id = x.device_id ORDER BY x.cve, lower(d.name)`,
  );
  return rows.map((r) => ({
    deviceId: r.device_id,
    deviceName: r.name,
    cve: r.cve,
    status: r.status,
    justification: r.justification,
    decidedBy: r.decided_by,
    decidedAt: new Date(r.decided_at).toISOString(),
  }));
}
