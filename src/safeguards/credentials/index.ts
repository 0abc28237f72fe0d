import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core/index.ts';
import type { AuditLog } from '../../platform/audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, MigrationSet } from '../../platform/db/index.ts';
import type { Principal } from '../../platform/http/index.ts';
import type { WardModule } from '../../platform/module.ts';
import { createCorpusHolder, type CorpusHolder } from './corpus-holder.ts';
import { blocklistWords, createPasswordPolicy, type PasswordPolicy } from './policy/index.ts';
import { registerAuditRoutes } from './routes/audit-routes.ts';
import { registerDirectoryRoutes } from './routes/directory-routes.ts';
import { registerPasswordRoutes } from './routes/password-routes.ts';

export type { CorpusHolder } from './corpus-holder.ts';
export { CredentialFileError, runCredentialAudit } from './audit-runs.ts';
export { importDirectory } from './directory/index.ts';
export { ntlmHex } from './hashing/ntlm.ts';
export type { PasswordPolicy } from './policy/index.ts';

/** The credentials tables (directory imports, MFA snapshots, audit runs). */
export const CREDENTIALS_MIGRATIONS: MigrationSet = {
  module: 'credentials',
  dir: new URL('./migrations/', import.meta.url),
};

/** The settings this safeguard reads, as app.ts takes them from the Config. */
export interface CredentialsOptions {
  dataDir: string;
  corpusDir?: string | undefined;
  orgNames: string[];
  departments: string[];
  bannedWords: string[];
  minLength: Record<string, number>;
  rangeAuth: boolean;
  staleDays: number;
}

/** Policy and corpus: needed before the app's auth exists, because Ward's users follow the policy. */
export interface CredentialChecks {
  policy: PasswordPolicy;
  corpus: CorpusHolder;
  /** Word lists the stored-credential audit tries against hashes (memoised). */
  words(): { dictionary: readonly string[]; context: readonly string[] };
}

export function corpusDirOf(options: Pick<CredentialsOptions, 'dataDir' | 'corpusDir'>): string {
  return options.corpusDir ?? join(options.dataDir, 'corpus');
}

export function createCredentialChecks(options: CredentialsOptions): CredentialChecks {
  const corpus = createCorpusHolder(corpusDirOf(options));
  const policyOptions = {
    minLength: options.minLength,
    orgNames: options.orgNames,
    departments: options.departments,
    extraWords: options.bannedWords,
  };
  const policy = createPasswordPolicy({ ...policyOptions, breached: () => corpus.lookup });
  return { policy, corpus, words: () => blocklistWords(policyOptions) };
}

export interface CredentialsDeps {
  db: Database;
  core: Core;
  audit: AuditLog;
  clock: Clock;
  checks: CredentialChecks;
  options: CredentialsOptions;
  authenticate: (request: FastifyRequest) => Promise<Principal | null>;
}

/** Safeguard 2 as app.ts wires it: routes over the policy, the corpus, audits and directories. */
export function createCredentials(deps: CredentialsDeps): { module: WardModule } {
  const { checks, options } = deps;
  return {
    module: {
      name: 'credentials',
      migrations: CREDENTIALS_MIGRATIONS,
      registerRoutes(http) {
        registerPasswordRoutes(http, {
          policy: checks.policy,
          corpus: checks.corpus,
          rangeAuth: options.rangeAuth,
          authenticate: deps.authenticate,
        });
        registerAuditRoutes(http, { db: deps.db, core: deps.core, checks });
        registerDirectoryRoutes(http, {
          db: deps.db,
          core: deps.core,
          audit: deps.audit,
          clock: deps.clock,
          staleDays: options.staleDays,
        });
      },
      close: async () => checks.corpus.close(),
    },
  };
}
