import type { Clock } from '../clock.ts';
import type { Database, Queryable, SqlParam } from '../db/database.ts';
import { GENESIS_HASH, hashEntry, normalizeDetail } from './audit-chain.ts';
import type { AuditInput, AuditLog, AuditRecord, AuditVerifyResult } from './audit-log.ts';

// Held for the rest of the appending transaction, so appends from every Ward process on one
// PostgreSQL queue up and each one reads the hash its predecessor committed. "AUDT".
const AUDIT_LOCK = 0x41554454;
const VERIFY_BATCH = 1000;

interface AuditRow {
  seq: number | string;
  at: Date | string;
  actor: string;
  ip: string | null;
  action: string;
  target: string | null;
  status: number | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'seq, at, actor, ip, action, target, status, detail, prev_hash, hash';

/** The audit log on the `audit_log` table (migrations in ./migrations). */
export function createAuditLog(db: Database, clock: Clock): AuditLog {
  return {
    async append(entry, tx) {
      if (tx) return appendIn(tx, entry, clock);
      await db.transaction((t) => appendIn(t, entry, clock));
    },

    async list(opts) {
      const where: string[] = [];
      const params: SqlParam[] = [];
      if (opts.actor) {
        params.push(opts.actor);
        where.push(`actor = $${params.length}`);
      }
      if (opts.action) {
        params.push(`%${escapeLike(opts.action)}%`);
        where.push(`action ILIKE $${params.length}`);
      }
      const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const [count] = await db.query<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM audit_log ${filter}`,
        params,
      );
      const rows = await db.query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log ${filter} ORDER BY seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, opts.limit, opts.offset],
      );
      return { items: rows.map(toRecord), total: Number(count?.n ?? 0) };
    },

    async verify() {
      return verifyChain(db);
    },
  };
}

async function appendIn(tx: Queryable, entry: AuditInput, clock: Clock): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const [last] = await tx.query<{ seq: number | string; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  const fields = {
    seq: last ? Number(last.seq) + 1 : 1,
    at: clock.now().toISOString(),
    actor: entry.actor,
    ip: entry.ip ?? null,
    action: entry.action,
    target: entry.target ?? null,
    status: entry.status ?? null,
    detail: normalizeDetail(entry.detail),
    prevHash: last ? last.hash : GENESIS_HASH,
  };
  const hash = hashEntry(fields);
  await tx.query(
    `INSERT INTO audit_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
    [
      fields.seq,
      fields.at,
      fields.actor,
      fields.ip,
      fields.action,
      fields.target,
      fields.status,
      // Sent as JSON text: node-postgres would turn a JS array into a PostgreSQL array literal.
      fields.detail === null ? null : JSON.stringify(fields.detail),
      fields.prevHash,
      hash,
    ],
  );
}

/**
 * Walks the chain in seq order, a batch at a time so memory stays flat on a long log. Reports
 * the first entry that breaks it: a missing seq (a deleted entry), a prev_hash that is not its
 * predecessor's hash, or a hash that does not match the content (an edited entry).
 * Removing entries from the end leaves a valid shorter chain; that is what the append-only
 * trigger and database permissions are for (see the migration).
 */
async function verifyChain(db: Database): Promise<AuditVerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const rows = await db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, VERIFY_BATCH],
    );
    for (const row of rows) {
      const record = toRecord(row);
      if (record.seq !== expectedSeq) {
        return bad(
          entries,
          expectedSeq,
          `entry is missing (the next entry present is ${record.seq})`,
        );
      }
      if (record.prevHash !== prevHash) {
        return bad(entries, record.seq, 'prev_hash does not match the hash of the entry before it');
      }
      if (hashEntry(record) !== record.hash) {
        return bad(entries, record.seq, 'content does not match its hash (the entry was changed)');
      }
      prevHash = record.hash;
      expectedSeq++;
      entries++;
    }
    if (rows.length < VERIFY_BATCH) break;
  }
  // A smaller seq than 1 cannot be reached by the walk above; look for it explicitly.
  const [stray] = await db.query<{ seq: number | string }>(
    'SELECT seq FROM audit_log WHERE seq < 1 LIMIT 1',
  );
  if (stray) return bad(entries, Number(stray.seq), 'entry outside the chain (seq below 1)');
  return { ok: true, entries };
}

function bad(entries: number, seq: number, reason: string): AuditVerifyResult {
  return { ok: false, entries, firstBad: { seq, reason } };
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at instanceof Date ? row.at.toISOString() : new Date(row.at).toISOString(),
    actor: row.actor,
    ip: row.ip,
    action: row.action,
    target: row.target,
    status: row.status === null ? null : Number(row.status),
    detail: row.detail ?? null,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
