import type { ImportRun } from '../../api-types.ts';

/**
 * Live progress of the imports running in this process, for GET /api/findings/imports/:id.
 *
 * Why in memory: an import is one transaction, so progress written to its row inside it is
 * invisible to everyone else until the end, and on PGlite (one connection) a request cannot
 * even read the row while the import holds the connection. The route reads this board first
 * and falls back to the stored row. The trade-off: on PGlite the API and the worker are always
 * the same process, so the board is complete there; in cluster mode an API process other than
 * the worker sees the row instead, which the worker updates outside its transaction every
 * ~250 ms (see import-scan.ts), so it is live too, just one query further away.
 */
export interface ImportProgressBoard {
  get(id: string): ImportRun | undefined;
  set(run: ImportRun): void;
  delete(id: string): void;
}

export function createImportProgressBoard(): ImportProgressBoard {
  const runs = new Map<string, ImportRun>();
  return {
    get: (id) => {
      const run = runs.get(id);
      return run ? { ...run } : undefined;
    },
    set: (run) => void runs.set(run.id, { ...run }),
    delete: (id) => void runs.delete(id),
  };
}
