import { hostname, userInfo } from 'node:os';
import type { CanaryEvent } from './watch-canaries.ts';

/** The channel and provider canary events carry; the canary rules' logsource maps to them. */
export const CANARY_CHANNEL = 'Ward-Canary';

export const CANARY_EVENT_IDS = { modified: 1, missing: 2, burst: 3 } as const;

/** A flat event as POST /api/ransomware/ingest takes it (field names as Sigma rules use them). */
export interface CanaryRecord {
  Channel: typeof CANARY_CHANNEL;
  Provider_Name: typeof CANARY_CHANNEL;
  EventID: 1 | 2 | 3;
  Computer: string;
  TimeCreated: string;
  TargetFilename: string;
  Folder: string;
  Changes?: number;
  User?: string;
}

export function toCanaryRecord(
  event: CanaryEvent,
  host: { computer?: string; user?: string } = {},
): CanaryRecord {
  const user = host.user ?? currentUser();
  return {
    Channel: CANARY_CHANNEL,
    Provider_Name: CANARY_CHANNEL,
    EventID: CANARY_EVENT_IDS[event.kind],
    Computer: host.computer ?? hostname(),
    TimeCreated: event.at.toISOString(),
    TargetFilename: event.path,
    Folder: event.folder,
    ...(event.changes !== undefined ? { Changes: event.changes } : {}),
    ...(user ? { User: user } : {}),
  };
}

function currentUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the event is still worth sending.
    return undefined;
  }
}

export interface PosterOptions {
  /** Ward's base URL, e.g. https://ward.hospital.local */
  url: string;
  token: string;
  /** Events kept while the server is unreachable; later ones are dropped (the first matter most). Default 500. */
  maxQueue?: number;
  /** First retry delay, doubled per failure up to maxDelayMs. Default 1 s and 60 s. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  onError?(message: string): void;
  fetch?: typeof fetch;
}

export interface CanaryPoster {
  post(record: CanaryRecord): void;
  /** Resolves once the queue is empty (or `timeoutMs` passed); false if events remain. */
  flush(timeoutMs?: number): Promise<boolean>;
  readonly queued: number;
  readonly dropped: number;
  close(): void;
}

/**
 * Sends events to the ingest endpoint in order, as JSON arrays of up to 100. On a network error
 * or a 5xx/401/429 answer the batch stays queued and is retried with exponential backoff; a 4xx
 * that retrying cannot fix (a rejected body) drops the batch with an error.
 */
export function createCanaryPoster(opts: PosterOptions): CanaryPoster {
  const endpoint = new URL('/api/ransomware/ingest', opts.url).toString();
  const doFetch = opts.fetch ?? fetch;
  const maxQueue = opts.maxQueue ?? 500;
  const initial = opts.initialDelayMs ?? 1_000;
  const maxDelay = opts.maxDelayMs ?? 60_000;
  const queue: CanaryRecord[] = [];
  let dropped = 0;
  let failures = 0;
  let running = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const idle: Array<() => void> = [];

  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      timer = null;
      void drain();
    }, ms);
  };

  async function drain(): Promise<void> {
    if (running || closed) return;
    running = true;
    try {
      while (queue.length > 0 && !closed) {
        const batch = queue.slice(0, 100);
        const outcome = await send(batch);
        if (outcome === 'retry') {
          failures++;
          schedule(Math.min(maxDelay, initial * 2 ** (failures - 1)));
          return;
        }
        failures = 0;
        queue.splice(0, batch.length);
      }
      for (const resolve of idle.splice(0)) resolve();
    } finally {
      running = false;
    }
  }

  async function send(batch: CanaryRecord[]): Promise<'ok' | 'drop' | 'retry'> {
    try {
      const res = await doFetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(15_000),
      });
      if (res.ok) return 'ok';
      const text = await res.text().catch(() => '');
      opts.onError?.(`ingest answered ${res.status}: ${text.slice(0, 300)}`);
      return res.status >= 500 || res.status === 401 || res.status === 429 ? 'retry' : 'drop';
    } catch (err) {
      opts.onError?.(`ingest unreachable: ${(err as Error).message}`);
      return 'retry';
    }
  }

  return {
    post(record) {
      if (queue.length >= maxQueue) {
        dropped++;
        return;
      }
      queue.push(record);
      if (timer === null) void drain();
    },
    flush(timeoutMs = 10_000) {
      if (queue.length === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const t = setTimeout(() => resolve(false), timeoutMs);
        idle.push(() => {
          clearTimeout(t);
          resolve(true);
        });
      });
    },
    get queued() {
      return queue.length;
    },
    get dropped() {
      return dropped;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
