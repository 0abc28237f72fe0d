/**
 * The one database interface Ward code sees. Two implementations: PGlite (embedded, in-process,
 * a single connection) and PostgreSQL (a pool). Both speak the same SQL dialect, so there is one
 * set of migrations. See docs/adr/0002-one-sql-dialect.md.
 */
export type SqlParam =
  string | number | bigint | boolean | null | Date | Uint8Array | unknown[] | object;

export interface Queryable {
  /** Runs one parameterised statement ($1, $2, ...) and returns its rows. */
  query<R = Record<string, unknown>>(text: string, params?: readonly SqlParam[]): Promise<R[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs fn inside BEGIN/COMMIT; rolls back when it throws. Use only `tx` inside fn: on PGlite
   * (one connection) a query on the outer Database waits for the transaction and would deadlock.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Thrown for constraint violations and other SQL errors that callers map to user messages. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
