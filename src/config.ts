import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Every setting Ward reads, in one schema. Each key maps to an environment variable
 * `WARD_<KEY IN UPPER SNAKE CASE>` and may also be given in a JSON config file named by
 * `WARD_CONFIG`. The environment wins over the file. `describe()` text is the documentation:
 * `ward config` prints it as a table and the README's configuration table is generated from it.
 */
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
// A list from a JSON array or a comma-separated environment value.
const list = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));
// `class=15,other=20` (or a JSON object) -> { class: 15, other: 20 }.
const minLengths = z.union([z.record(z.string(), z.number()), z.string()]).transform((v, ctx) => {
  if (typeof v !== 'string') return v;
  const out: Record<string, number> = {};
  for (const part of v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z][a-z0-9_]*)=(\d{1,3})$/.exec(part);
    if (!m) {
      ctx.addIssue({
        code: 'custom',
        message: `"${part}" is not class=length (e.g. single_factor=15)`,
      });
      return z.NEVER;
    }
    out[m[1]!] = Number(m[2]);
  }
  return out;
});

export const configSchema = z.object({
  dataDir: z
    .string()
    .min(1)
    .default('./data')
    .describe(
      'Directory of the embedded database (PGlite) and local state. Ignored for the database when databaseUrl is set.',
    ),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe(
      'PostgreSQL connection URL. Set it for cluster mode; unset means the embedded database in dataDir.',
    ),
  natsUrl: z
    .string()
    .regex(/^(nats|tls):\/\//, 'must be a nats:// URL')
    .optional()
    .describe(
      'NATS server with JetStream for the event stream. Unset means an in-process stream (one process only).',
    ),
  natsStream: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('WARD')
    .describe('JetStream stream name; change it to run two Ward installations on one NATS.'),
  host: z
    .string()
    .default('127.0.0.1')
    .describe(
      'Address the HTTP server listens on. Use 0.0.0.0 to serve other machines (put TLS in front or set tlsCert).',
    ),
  port: int(0, 65535).default(8080).describe('HTTP port the server listens on.'),
  publicUrl: z
    .string()
    .url()
    .optional()
    .describe(
      'URL users reach Ward at, printed at start and used in links. Defaults to http://host:port.',
    ),
  tlsCert: z
    .string()
    .optional()
    .describe('PEM certificate file; with tlsKey the server speaks HTTPS and cookies get Secure.'),
  tlsKey: z.string().optional().describe('PEM private key file for tlsCert.'),
  secretKey: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional()
    .describe(
      'Key that encrypts secrets at rest (TOTP seeds, integration passwords). Required in cluster mode; in embedded mode a key is generated into dataDir/secret.key (mode 0600) on first start.',
    ),
  demo: bool
    .default(true)
    .describe(
      'Seed a demo hospital on first start of an empty database. false starts empty and asks for a first admin.',
    ),
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Log level (pino).'),
  rateLimitPerMinute: int(1, 1_000_000)
    .default(600)
    .describe(
      'Requests per minute per client IP on the API before 429. Login has its own stricter limit of 10.',
    ),
  sessionHours: int(1, 24 * 30)
    .default(12)
    .describe('How long a login session lasts without activity.'),
  jobConcurrency: int(1, 64)
    .default(2)
    .describe('Background jobs one worker process runs at once.'),
  slaCriticalDays: int(1, 3650)
    .default(15)
    .describe('Remediation deadline for critical findings, in days from first seen.'),
  slaHighDays: int(1, 3650).default(30).describe('Remediation deadline for high findings.'),
  slaMediumDays: int(1, 3650).default(90).describe('Remediation deadline for medium findings.'),
  slaLowDays: int(1, 3650)
    .default(180)
    .describe('Remediation deadline for low findings. Informational findings have none.'),
  maxUploadMb: int(1, 10_000)
    .default(512)
    .describe('Largest scanner file accepted by the upload API, in MiB.'),
  orgNames: list
    .default([])
    .describe(
      "The hospital's names and abbreviations, comma-separated (St Mary's Hospital,SMH); passwords built on them are refused.",
    ),
  departments: list
    .default([])
    .describe('Department names, comma-separated; refused in passwords like the hospital name.'),
  credsBannedWords: list
    .default([])
    .describe(
      'Extra local words refused in passwords and tried against stored hashes, comma-separated.',
    ),
  credsMinLength: minLengths
    .default({ single_factor: 15, multi_factor: 8 })
    .describe(
      'Minimum password length per account class (NIST SP 800-63B-4: 15 when the password is the only factor, 8 with a second factor). Ward users are single_factor.',
    ),
  credsCorpusDir: z
    .string()
    .optional()
    .describe(
      'Directory of the breached-password corpus index (ward creds corpus import). Defaults to dataDir/corpus; every API process needs it on local disk.',
    ),
  credsRangeAuth: bool
    .default(false)
    .describe(
      'Require a Ward API token or session on /range/{prefix}. Off by default: like the public Pwned Passwords API it reveals only hashes sharing a 5-hex prefix, and password filters often cannot send a token.',
    ),
  credsStaleDays: int(1, 3650)
    .default(90)
    .describe('Days without a sign-in after which a directory account counts as stale.'),
  detectRuleDirs: list
    .default([])
    .describe(
      "Extra Sigma rule trees for live detection, comma-separated, loaded with Ward's ransomware pack (e.g. a SigmaHQ checkout).",
    ),
  alertGroupMinutes: int(1, 24 * 60)
    .default(60)
    .describe('Matches of one rule on one host within this many minutes join one alert.'),
  alertWebhookUrl: z
    .string()
    .url()
    .optional()
    .describe(
      'URL that receives a JSON POST for every new alert of level high or critical (chat, pager, SOAR).',
    ),
  containmentWebhookUrl: z
    .string()
    .url()
    .optional()
    .describe(
      'URL that receives a JSON POST when an analyst starts a containment step (isolate host, disable account, block hash): the EDR integration.',
    ),
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .describe(
      'Mail relay for alert e-mail: smtp://relay:25, smtp://user:pass@relay:587 (STARTTLS when offered) or smtps://relay:465.',
    ),
  alertEmailTo: list
    .default([])
    .describe('Recipients of e-mail for new high and critical alerts, comma-separated.'),
  alertEmailFrom: z.string().default('ward@localhost').describe('Sender address of alert e-mail.'),
  ingestMaxEvents: int(1, 100_000)
    .default(5000)
    .describe('Most events accepted in one POST /api/ransomware/ingest batch.'),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigKey = keyof Config;

/** `dataDir` -> `WARD_DATA_DIR`. */
export function envNameOf(key: string): string {
  return 'WARD_' + key.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Builds the Config from the environment (and the file named by WARD_CONFIG).
 * Throws ConfigError naming every bad key and the variable that set it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = readConfigFile(env['WARD_CONFIG']);
  const raw: Record<string, unknown> = { ...fromFile };
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[envNameOf(key)];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const unknown = Object.keys(fromFile).filter((k) => !(k in configSchema.shape));
  if (unknown.length > 0) {
    throw new ConfigError(
      `config file ${env['WARD_CONFIG']}: unknown key(s) ${unknown.join(', ')}`,
    );
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `  ${envNameOf(key)} (${key}): ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

function readConfigFile(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`WARD_CONFIG: cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error('the top level must be an object');
    }
    return value as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`WARD_CONFIG: ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/** One row per key for docs and `ward config`: variable, default, description. */
export function describeConfig(): {
  env: string;
  key: string;
  default: string;
  description: string;
}[] {
  return Object.entries(configSchema.shape).map(([key, schema]) => {
    const parsed = (schema as z.ZodType).safeParse(undefined);
    return {
      env: envNameOf(key),
      key,
      default:
        parsed.success && parsed.data !== undefined ? describeDefault(parsed.data) : '(unset)',
      description: (schema as z.ZodType).description ?? '',
    };
  });
}

function describeDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(',') : '(empty)';
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(',');
  }
  return String(value);
}
