import type { FindingComment, FindingDetail } from '../../api-types.ts';
import { type Queryable, isUuid, toIsoOrNull } from '../../platform/db/index.ts';
import type { CoreContext } from '../context.ts';
import { invalidInput, notFound } from '../errors.ts';
import { recordFindingEvents } from './finding-events.ts';
import {
  DETAIL_COLUMNS,
  FINDING_SOURCES,
  toFindingComment,
  toFindingEvent,
  toFindingSummary,
  type CommentRow,
  type DetailRow,
  type EventRow,
} from './finding-rows.ts';

/** One finding with its comments and history (oldest first); null when there is none. */
export async function getFinding(
  db: Queryable,
  id: string,
  now: Date,
): Promise<FindingDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<DetailRow>(
    `SELECT ${DETAIL_COLUMNS} FROM ${FINDING_SOURCES} LEFT JOIN finding_texts t ON t.id = f.text_id WHERE f.id = $1`,
    [id],
  );
  if (!row) return null;
  const comments = await db.query<CommentRow>(
    'SELECT id, author, body, created_at FROM finding_comments WHERE finding_id = $1 ORDER BY created_at, id',
    [id],
  );
  const history = await db.query<EventRow>(
    'SELECT at, actor, kind, from_value, to_value, note FROM finding_events WHERE finding_id = $1 ORDER BY id',
    [id],
  );
  return {
    ...toFindingSummary(row, now),
    description: row.description ?? '',
    solution: row.solution,
    cvssVector: row.cvss_vector,
    cwes: row.cwes,
    evidence: row.evidence,
    dedupKey: row.dedup_key,
    acceptedUntil: toIsoOrNull(row.accepted_until),
    justification: row.justification,
    comments: comments.map(toFindingComment),
    history: history.map(toFindingEvent),
  };
}

/** getFinding, or a 404 error naming the id. */
export async function requireFinding(db: Queryable, id: string, now: Date): Promise<FindingDetail> {
  const finding = await getFinding(db, id, now);
  if (!finding) throw notFound(`finding ${id}`);
  return finding;
}

export const MAX_COMMENT = 20_000;

/** Adds a comment, a `comment` history event and an audit entry, in one transaction. */
export async function addFindingComment(
  ctx: Pick<CoreContext, 'db' | 'audit' | 'clock'>,
  input: { findingId: string; body: string; actor: string },
): Promise<FindingComment> {
  const body = input.body.trim();
  if (!body) throw invalidInput('body', 'a comment needs some text');
  if (body.length > MAX_COMMENT) throw invalidInput('body', `at most ${MAX_COMMENT} characters`);
  if (!isUuid(input.findingId)) throw notFound(`finding ${input.findingId}`);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [exists] = await tx.query('SELECT 1 FROM findings WHERE id = $1', [input.findingId]);
    if (!exists) throw notFound(`finding ${input.findingId}`);
    const [row] = await tx.query<CommentRow>(
      `INSERT INTO finding_comments (finding_id, author, body, created_at) VALUES ($1, $2, $3, $4)
       RETURNING id, author, body, created_at`,
      [input.findingId, input.actor, body, now],
    );
    await recordFindingEvents(tx, [
      { findingId: input.findingId, at: now, actor: input.actor, kind: 'comment' },
    ]);
    await ctx.audit.append(
      { actor: input.actor, action: 'finding.comment', target: input.findingId },
      tx,
    );
    return toFindingComment(row!);
  });
}
