import type { ContainmentStep } from '../../../api-types.ts';
import { invalidInput } from '../../../core/errors.ts';
import { conflict } from '../../../platform/http/index.ts';
import type { CaseDeps } from './case-deps.ts';
import { recordCaseEvents } from './case-events.ts';
import { getCaseDetail, lockCase } from './case-read.ts';
import { CONTAINMENT_STEPS, type ContainmentKey } from './containment-targets.ts';

export const MAX_TARGET = 500;
export const WEBHOOK_TIMEOUT_MS = 5_000;

/** What the containment webhook receives, one POST per completed step. */
export interface ContainmentWebhookBody {
  case: { id: string; title: string; severity: string };
  step: ContainmentKey;
  target: string | null;
  actor: string;
  at: string;
}

/**
 * Marks a containment step done by `actor`, optionally naming (or correcting) its target. With a
 * webhook configured, the step is POSTed there first (a SOAR playbook, a firewall or EDR hook
 * does the actual isolation); the step counts as done whatever the webhook answers, because the
 * responder may have acted by hand, and the outcome is kept on the step and in the timeline so a
 * failed hand-off is visible. Marking a done step again records it again (a re-run).
 */
export async function completeContainmentStep(
  deps: CaseDeps,
  caseId: string,
  step: ContainmentKey,
  input: { target?: string | null | undefined },
  actor: string,
): Promise<ContainmentStep> {
  const def = CONTAINMENT_STEPS.find((s) => s.key === step);
  if (!def)
    throw invalidInput('step', `must be one of ${CONTAINMENT_STEPS.map((s) => s.key).join(', ')}`);
  const targetIn = input.target === undefined ? undefined : input.target?.trim() || null;
  if (targetIn && targetIn.length > MAX_TARGET)
    throw invalidInput('target', `at most ${MAX_TARGET} characters`);

  // Read outside a transaction: the webhook call may take seconds and must not hold a lock.
  const current = await getCaseDetail(deps.db, caseId);
  if (current.status === 'closed') {
    throw conflict(`case "${current.title}" is closed; reopen it to record containment`);
  }
  const suggested = current.containment.find((s) => s.key === step)?.target ?? null;
  const target = targetIn === undefined ? suggested : targetIn;
  const at = deps.clock.now();
  const webhook = deps.containmentWebhookUrl
    ? await callWebhook(deps, {
        case: { id: current.id, title: current.title, severity: current.severity },
        step,
        target,
        actor,
        at: at.toISOString(),
      })
    : null;

  await deps.db.transaction(async (tx) => {
    await lockCase(tx, caseId);
    await tx.query(
      `INSERT INTO rw_case_containment (case_id, step, target, done_by, done_at, webhook)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (case_id, step) DO UPDATE SET target = EXCLUDED.target,
         done_by = EXCLUDED.done_by, done_at = EXCLUDED.done_at, webhook = EXCLUDED.webhook`,
      [caseId, step, target, actor, at, webhook],
    );
    const text = `${def.label}${target ? `: ${target}` : ''}${webhook ? ` (webhook: ${webhook})` : ''}`;
    await recordCaseEvents(tx, caseId, [{ at, actor, kind: 'containment', text }]);
    await deps.audit.append(
      {
        actor,
        action: 'ransomware.case.containment',
        target: `case:${caseId}`,
        detail: { step, target, webhook },
      },
      tx,
    );
  });
  return {
    key: step,
    label: def.label,
    target,
    done: true,
    doneBy: actor,
    doneAt: at.toISOString(),
    webhook,
  };
}

/** `200 OK`, `failed: 500 Internal Server Error`, `failed: ECONNREFUSED`, `failed: timeout`. */
async function callWebhook(deps: CaseDeps, body: ContainmentWebhookBody): Promise<string> {
  const doFetch = deps.fetch ?? fetch;
  try {
    const res = await doFetch(deps.containmentWebhookUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      redirect: 'manual',
    });
    await res.body?.cancel().catch(() => undefined);
    const line = `${res.status} ${res.statusText}`.trim();
    if (res.ok) return line;
    deps.log.warn(
      { step: body.step, caseId: body.case.id, status: res.status },
      'containment webhook refused',
    );
    return `failed: ${line}`;
  } catch (err) {
    const reason = failureReason(err);
    deps.log.warn({ step: body.step, caseId: body.case.id, reason }, 'containment webhook failed');
    return `failed: ${reason}`;
  }
}

function failureReason(err: unknown): string {
  const e = err as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (e.name === 'TimeoutError' || e.name === 'AbortError')
    return `timeout after ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  // Node's fetch throws TypeError('fetch failed') with the socket error (ECONNREFUSED...) as cause.
  return e.cause?.code ?? e.code ?? e.cause?.message ?? e.message ?? 'unknown error';
}
