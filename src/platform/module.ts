import type { MigrationSet } from './db/migrate.ts';
import type { HttpServer } from './http/server.ts';

/**
 * What a module (platform auth and audit, core, each safeguard) contributes to a running Ward.
 * Modules are created by factory functions that take their dependencies as parameters, and
 * listed explicitly in app.ts; nothing is discovered from the file system.
 */
export interface WardModule {
  name: string;
  /** `.sql` migrations, applied in app.ts order. */
  migrations?: MigrationSet;
  /** api role: add routes. Every /api route declares `config.access`. */
  registerRoutes?(http: HttpServer): void | Promise<void>;
  /** worker role: start job handlers and stream consumers. */
  startWorkers?(): Promise<void>;
  /** Called in reverse order on shutdown. */
  close?(): Promise<void>;
}
