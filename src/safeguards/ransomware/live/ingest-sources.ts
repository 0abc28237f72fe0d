/**
 * Log shippers allowed to POST events. Each gets a random token shown once; only its SHA-256
 * is stored, so a database leak gives no working credential.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CreatedIngestSource, IngestSource } from '../../../api-types.ts';
import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { isUniqueViolation, type Database } from '../../../platform/db/index.ts';
import { conflict, notFound } from '../../../platform/http/index.ts';

// Recognisable to secret scanners and distinct from user API tokens (ward_).
export const INGEST_TOKEN_PREFIX = 'wardi_';
const SHOWN_PREFIX_LENGTH = INGEST_TOKEN_PREFIX.length + 6;

export interface SourceDeps {
  db: Database;
  audit: AuditLog;
  clock: Clock;
}

interface SourceRow {
  id: string;
  name: string;
  description: string | null;
  token_prefix: string;
  created_at: Date;
  created_by: string;
  last_event_at: Date | null;
  events: number | string | bigint;
  disabled: boolean;
}

const COLUMNS =
  'id, name, description, token_prefix, created_at, created_by, last_event_at, events, disabled';

function toSource(r: SourceRow): IngestSource {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    tokenPrefix: r.token_prefix,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
    lastEventAt: r.last_event_at ? new Date(r.last_event_at).toISOString() : null,
    events: Number(r.events),
    disabled: r.disabled,
  };
}

const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export async function listSources(db: Database): Promise<IngestSource[]> {
  const rows = await db.query<SourceRow>(
    `SELECT ${COLUMNS} FROM rw_ingest_sources ORDER BY disabled, name`,
  );
  return rows.map(toSource);
}

export async function createSource(
  deps: SourceDeps,
  input: { name: string; description?: string | undefined },
  actor: string,
): Promise<CreatedIngestSource> {
  const token = INGEST_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  try {
    return await deps.db.transaction(async (tx) => {
      const [row] = await tx.query<SourceRow>(
        `INSERT INTO rw_ingest_sources (name, description, token_hash, token_prefix, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [
          input.name,
          input.description ?? null,
          hashToken(token),
          token.slice(0, SHOWN_PREFIX_LENGTH),
          actor,
          deps.clock.now(),
        ],
      );
      const source = toSource(row!);
      await deps.audit.append(
        { actor, action: 'ingest_source.create', target: source.id, detail: { name: source.name } },
        tx,
      );
      return { ...source, token };
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(`name: an ingest source named "${input.name}" exists already`, {
        field: 'name',
      });
    throw err;
  }
}

/** Disables rather than deletes: the source's counters and name stay for the record. */
export async function disableSource(deps: SourceDeps, id: string, actor: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const rows = await tx.query<{ name: string }>(
      `UPDATE rw_ingest_sources SET disabled = true
       WHERE id::text = $1 RETURNING name`,
      [id],
    );
    if (rows.length === 0) throw notFound(`ingest source ${id}`);
    await deps.audit.append(
      { actor, action: 'ingest_source.disable', target: id, detail: { name: rows[0]!.name } },
      tx,
    );
  });
}

/**
 * The enabled source a bearer token belongs to, or null. The lookup is by hash (an index
 * probe); the stored hash is compared again in constant time so a match never depends on
 * how the index compared bytes.
 */
export async function findSourceByToken(
  db: Database,
  token: string,
): Promise<{ id: string; name: string } | null> {
  if (!token.startsWith(INGEST_TOKEN_PREFIX)) return null;
  const hash = hashToken(token);
  const [row] = await db.query<{ id: string; name: string; token_hash: Uint8Array }>(
    'SELECT id, name, token_hash FROM rw_ingest_sources WHERE token_hash = $1 AND NOT disabled',
    [hash],
  );
  if (!row) return null;
  const stored = Buffer.from(row.token_hash);
  return stored.length === hash.length && timingSafeEqual(stored, hash)
    ? { id: row.id, name: row.name }
    : null;
}

/** Counts accepted events against the source. */
export async function recordSourceEvents(db: Database, id: string, events: number, at: Date) {
  await db.query(
    `UPDATE rw_ingest_sources SET events = events + $2,
       last_event_at = greatest(coalesce(last_event_at, $3), $3)
     WHERE id = $1`,
    [id, events, at],
  );
}
