/**
 * Conversions between what the drivers return and what the API speaks. PGlite and node-postgres
 * both return timestamptz as Date, but counts and numerics differ (bigint, string, number), so
 * every read goes through these.
 */

/** ISO 8601 for a timestamp column. */
export function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function toIsoOrNull(value: Date | string | null | undefined): string | null {
  return value == null ? null : toIso(value);
}

/** A count or numeric column as a JS number (int8 may arrive as bigint or string). */
export function toNumber(value: number | string | bigint | null | undefined): number {
  return value == null ? 0 : Number(value);
}

export function toNumberOrNull(value: number | string | bigint | null | undefined): number | null {
  return value == null ? null : Number(value);
}

/** UTC calendar day of an instant, `YYYY-MM-DD` (snapshot days are UTC). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * A SQL list of string literals for values that were checked against a fixed set (severities,
 * statuses, safeguards). Inlined rather than bound so the planner can match partial indexes
 * such as `WHERE status IN ('open', 'in_progress')`. Refuses anything that is not a plain word.
 */
export function sqlWordList(values: readonly string[]): string {
  for (const v of values) {
    if (!/^[a-z_]+$/.test(v))
      throw new Error(`sqlWordList: refusing to inline ${JSON.stringify(v)}`);
  }
  return values.map((v) => `'${v}'`).join(', ');
}

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else cannot name a row (and would be a SQL error as a uuid parameter). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
