/**
 * Subjects are dot-separated tokens under `ward.` (`ward.logs.windows`), NATS syntax: a
 * subscription may use `*` for one token and a final `>` for one or more. Both implementations
 * check them the same way, so code that works in-process works on NATS.
 */
const TOKEN = /^[A-Za-z0-9_-]+$/;

export const SUBJECT_ROOT = 'ward';

/** Throws unless `subject` is a concrete subject (no wildcards) under `ward.`. */
export function assertPublishSubject(subject: string): void {
  assertSubject(subject, false);
}

/** Throws unless `pattern` is a subject or wildcard pattern under `ward.`. */
export function assertSubscribeSubject(pattern: string): void {
  assertSubject(pattern, true);
}

function assertSubject(subject: string, wildcards: boolean): void {
  const tokens = subject.split('.');
  const problem =
    tokens[0] !== SUBJECT_ROOT || tokens.length < 2
      ? `must start with "${SUBJECT_ROOT}." and name something below it`
      : tokens.some(
            (t, i) =>
              !(
                TOKEN.test(t) ||
                (wildcards && (t === '*' || (t === '>' && i === tokens.length - 1)))
              ),
          )
        ? wildcards
          ? 'tokens are letters, digits, "_" or "-"; "*" stands for one token and a final ">" for the rest'
          : 'tokens are letters, digits, "_" or "-" (no wildcards when publishing)'
        : null;
  if (problem) throw new Error(`event stream: invalid subject "${subject}": ${problem}`);
}

/** NATS matching: `*` matches one token, a final `>` one or more. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

/** Serialises an event; the stream carries JSON only, so both implementations refuse the same values. */
export function encodeEvent(subject: string, data: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch (err) {
    throw new Error(
      `event stream: data for ${subject} is not JSON-serialisable: ${(err as Error).message}`,
      { cause: err },
    );
  }
  if (json === undefined)
    throw new Error(`event stream: data for ${subject} is not JSON-serialisable (${typeof data})`);
  return json;
}
