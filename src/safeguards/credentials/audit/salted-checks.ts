// Trying candidates against salted and slow hashes, where every try costs a full hash
// computation (md5crypt about 1 ms, sha512crypt 7 ms, bcrypt cost 10 about 70 ms, argon2id at
// OWASP settings 50+ ms). Work goes in phases across all accounts, cheapest and most telling
// first ("" and the user name), so a spent time budget still leaves every account partly checked.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { usernameCandidates } from './candidate-variants.ts';
import type { AuditEntry } from './audit-entry.ts';
import { count } from './plural.ts';
import { saltedVerifier, type SaltedVerifier } from './salted-verifiers.ts';
import { UNSALTED_KINDS } from './unsalted-checks.ts';
import type { HashAlgorithm } from './types.ts';
import type { WordIndex } from './word-index.ts';

export const DEFAULT_SALTED_BUDGET_MS = 30_000;
// The libuv pool runs four argon2/scrypt/PBKDF2 computations at once by default.
const CONCURRENCY = 4;
const YIELD_AFTER_MS = 50;

interface Target {
  entry: AuditEntry;
  verifier: SaltedVerifier;
}

interface Phase {
  name: string;
  slow: boolean;
  candidates(entry: AuditEntry): string[];
}

export const NOT_COMPUTABLE: Partial<Record<HashAlgorithm, string>> = {
  yescrypt: 'Ward cannot compute yescrypt',
  unknown: 'the scheme is not recognised',
};

/** Runs the phases; returns notes on what was tried per algorithm and where the budget ended. */
export async function checkSalted(
  entries: readonly AuditEntry[],
  index: WordIndex,
  year: number,
  budgetMs: number,
  step: () => void,
): Promise<string[]> {
  const notes: string[] = [];
  const targets: Target[] = [];
  const unverifiable = new Map<string, number>();
  for (const entry of entries) {
    const algo = entry.stored.algo;
    if (UNSALTED_KINDS[algo] || ['plaintext', 'empty', 'locked', 'lm'].includes(algo)) continue;
    const verifier = saltedVerifier(entry.stored);
    if (verifier) targets.push({ entry, verifier });
    else unverifiable.set(algo, (unverifiable.get(algo) ?? 0) + 1);
  }
  for (const [algo, n] of unverifiable) {
    const why = NOT_COMPUTABLE[algo as HashAlgorithm] ?? 'Ward cannot check candidates against it';
    const rated = algo === 'unknown' ? 'nor rated' : 'rated from the scheme only';
    notes.push(`${algo}: ${count(n, 'account')} not tried with any candidate (${why}); ${rated}`);
  }
  if (targets.length === 0) return notes;

  const phases: Phase[] = [
    { name: '"" and the user name', slow: true, candidates: firstTries },
    {
      name: 'user-name variants',
      slow: false,
      candidates: (e) => {
        const tried = firstTries(e);
        return usernameCandidates(e.account.username, year).filter((c) => !tried.includes(c));
      },
    },
    {
      name: `${index.top.length} common and context candidates`,
      slow: false,
      candidates: () => index.top,
    },
  ];
  const deadline = performance.now() + budgetMs;
  let lastYield = performance.now();
  let cutShort: { phase: Phase; left: number } | undefined;

  for (const phase of phases) {
    const queue = targets.filter(
      (t) => t.entry.password === undefined && (phase.slow || t.verifier.cost === 'fast'),
    );
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < queue.length && performance.now() < deadline) {
        const target = queue[next++]!;
        for (const candidate of phase.candidates(target.entry)) {
          if (performance.now() >= deadline) return;
          if (await target.verifier.verify(candidate)) {
            target.entry.password = candidate;
            break;
          }
          if (performance.now() - lastYield > YIELD_AFTER_MS) {
            await yieldToLoop();
            lastYield = performance.now();
          }
        }
        done++;
        step();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (done < queue.length) {
      cutShort = { phase, left: queue.length - done };
      break;
    }
  }

  const byAlgo = new Map<HashAlgorithm, { n: number; slow: number }>();
  for (const t of targets) {
    const stats = byAlgo.get(t.entry.stored.algo) ?? { n: 0, slow: 0 };
    stats.n++;
    if (t.verifier.cost === 'slow') stats.slow++;
    byAlgo.set(t.entry.stored.algo, stats);
  }
  for (const [algo, { n, slow }] of byAlgo) {
    const what =
      slow === n
        ? '"" and the user name only (slow hash)'
        : slow === 0
          ? `"", user-name variants and ${index.top.length} common and context candidates`
          : `"" and the user name, plus user-name variants and common candidates where the cost is low`;
    notes.push(`${algo}: ${count(n, 'account')} tried with ${what}`);
  }
  if (cutShort) {
    notes.push(
      `the ${Math.round(budgetMs / 1000)} s budget for salted hashes ran out: ${count(cutShort.left, 'account')} not tried with ${cutShort.phase.name}, nor with later candidates`,
    );
  }
  return notes;
}

const firstTries = (e: AuditEntry) => [
  ...new Set(['', e.account.username, e.account.username.toLowerCase()]),
];

/** Work units checkSalted reports through `step`, for progress totals. */
export function saltedWorkUnits(entries: readonly AuditEntry[]): number {
  let units = 0;
  for (const e of entries) {
    if (
      UNSALTED_KINDS[e.stored.algo] ||
      ['plaintext', 'empty', 'locked', 'lm'].includes(e.stored.algo)
    )
      continue;
    units += 3;
  }
  return units;
}
