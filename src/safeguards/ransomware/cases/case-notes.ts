import type { CaseEvidence, CaseTimelineEntry } from '../../../api-types.ts';
import { invalidInput } from '../../../core/errors.ts';
import { toIso } from '../../../platform/db/index.ts';
import type { CaseDeps } from './case-deps.ts';
import { recordCaseEvents } from './case-events.ts';
import { lockCase } from './case-read.ts';

export const MAX_COMMENT = 5_000;
export const MAX_LABEL = 200;
export const MAX_URL = 2_000;

/** A comment on the case timeline. Closed cases take comments too (post-incident notes). */
export async function addComment(
  deps: CaseDeps,
  caseId: string,
  input: { text: string },
  actor: string,
): Promise<CaseTimelineEntry> {
  const text = input.text.trim();
  if (!text) throw invalidInput('text', 'must not be empty');
  if (text.length > MAX_COMMENT) throw invalidInput('text', `at most ${MAX_COMMENT} characters`);
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await lockCase(tx, caseId);
    await recordCaseEvents(tx, caseId, [{ at, actor, kind: 'comment', text }]);
    await deps.audit.append(
      { actor, action: 'ransomware.case.comment', target: `case:${caseId}`, detail: { text } },
      tx,
    );
  });
  return { at: toIso(at), actor, kind: 'comment', text };
}

/**
 * Records where a piece of evidence is kept (a link to the ticket, the disk image share, the
 * EDR export) with a note. Ward stores the reference, not the file. Links must be http(s): a
 * `javascript:` or `file:` URL shown as a link in the UI would be a trap.
 */
export async function addEvidence(
  deps: CaseDeps,
  caseId: string,
  input: { label: string; url?: string | null | undefined; note?: string | null | undefined },
  actor: string,
): Promise<CaseEvidence> {
  const label = input.label.trim();
  if (!label) throw invalidInput('label', 'must not be empty');
  if (label.length > MAX_LABEL) throw invalidInput('label', `at most ${MAX_LABEL} characters`);
  const url = input.url?.trim() || null;
  if (url !== null) checkUrl(url);
  const note = input.note?.trim() || null;
  if (note && note.length > MAX_COMMENT)
    throw invalidInput('note', `at most ${MAX_COMMENT} characters`);
  const at = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    await lockCase(tx, caseId);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO rw_case_evidence (case_id, label, url, note, added_by, added_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [caseId, label, url, note, actor, at],
    );
    const text = `Evidence added: ${label}${url ? ` (${url})` : ''}${note ? ` — ${note}` : ''}`;
    await recordCaseEvents(tx, caseId, [{ at, actor, kind: 'evidence', text }]);
    await deps.audit.append(
      {
        actor,
        action: 'ransomware.case.evidence',
        target: `case:${caseId}`,
        detail: { evidenceId: row!.id, label, url, note },
      },
      tx,
    );
    return row!.id;
  });
  return { id, label, url, note, addedBy: actor, addedAt: toIso(at) };
}

function checkUrl(url: string): void {
  if (url.length > MAX_URL) throw invalidInput('url', `at most ${MAX_URL} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidInput('url', 'not a valid URL; give an http:// or https:// link');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalidInput('url', `only http and https links are accepted, not ${parsed.protocol}`);
  }
}
