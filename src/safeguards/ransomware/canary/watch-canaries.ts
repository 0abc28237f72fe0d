import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MANIFEST_NAME, readManifest, sha256 } from './plant-canaries.ts';

/** What the watcher saw. `missing` covers renamed and deleted: either way the name is gone. */
export interface CanaryEvent {
  kind: 'modified' | 'missing' | 'burst';
  /** The canary's path; for a burst, the folder. */
  path: string;
  folder: string;
  at: Date;
  /** Burst: distinct files changed within the window. */
  changes?: number;
}

export interface WatchOptions {
  onEvent(event: CanaryEvent): void;
  onError?(error: Error, folder: string): void;
  /** How often every canary is re-read and hashed. Default 10 s. */
  rehashMs?: number;
  /** A burst is `changes` distinct files changed within `windowMs`. Default 20 in 10 s. */
  burst?: { changes: number; windowMs: number };
}

export interface CanaryWatch {
  close(): void;
  /** Re-hashes every canary now (what the timer does); resolves when done. */
  check(): Promise<void>;
}

type CanaryState = 'intact' | 'modified' | 'missing';

interface Folder {
  dir: string;
  /** Canary name -> planted hash and what was last reported. */
  canaries: Map<string, { sha256: string; state: CanaryState; seen: string }>;
  /** File name -> last change time, for the burst window. */
  recent: Map<string, number>;
  burstUntil: number;
  pending: Promise<void>;
}

/**
 * Watches planted canaries (run plantCanaries first) and their folders. fs.watch (recursive,
 * which Node supports on Linux, Windows and macOS) reports changes as they happen; it misses some
 * (network file systems, a full event queue), so every canary is also re-hashed on a timer.
 * Each state change of a canary is reported once; a burst is reported once per window.
 */
export async function watchCanaries(
  dirs: readonly string[],
  opts: WatchOptions,
): Promise<CanaryWatch> {
  const rehashMs = opts.rehashMs ?? 10_000;
  const burst = opts.burst ?? { changes: 20, windowMs: 10_000 };
  const folders: Folder[] = [];
  for (const d of dirs) {
    const dir = resolve(d);
    const manifest = await readManifest(dir);
    if (!manifest) throw new Error(`${dir}: no ${MANIFEST_NAME}; plant canaries first`);
    const canaries = new Map(
      manifest.files.map((f) => [
        f.name,
        { sha256: f.sha256, state: 'intact' as CanaryState, seen: f.sha256 },
      ]),
    );
    folders.push({ dir, canaries, recent: new Map(), burstUntil: 0, pending: Promise.resolve() });
  }

  // Checks of one folder run one after another, so two never report the same change.
  const enqueue = (f: Folder, names?: readonly string[]) => {
    f.pending = f.pending
      .then(() => checkFolder(f, names, opts.onEvent))
      .catch((err: Error) => opts.onError?.(err, f.dir));
    return f.pending;
  };

  const watchers: FSWatcher[] = [];
  for (const f of folders) {
    const w = watch(f.dir, { recursive: true }, (_type, filename) => {
      if (!filename) return;
      const name = filename.toString();
      if (name === MANIFEST_NAME) return;
      noteChange(f, name, burst, opts.onEvent);
      if (f.canaries.has(name)) void enqueue(f, [name]);
    });
    w.on('error', (err) => opts.onError?.(err, f.dir));
    watchers.push(w);
  }
  const check = async () => void (await Promise.all(folders.map((f) => enqueue(f))));
  const timer = setInterval(() => void check(), rehashMs);
  timer.unref();
  return {
    check,
    close() {
      clearInterval(timer);
      for (const w of watchers) w.close();
    },
  };
}

function noteChange(
  f: Folder,
  name: string,
  burst: { changes: number; windowMs: number },
  onEvent: (e: CanaryEvent) => void,
): void {
  const now = Date.now();
  f.recent.set(name, now);
  for (const [n, t] of f.recent) if (now - t > burst.windowMs) f.recent.delete(n);
  // Counting distinct names: one encrypted file produces several events (write, rename).
  if (f.recent.size >= burst.changes && now >= f.burstUntil) {
    f.burstUntil = now + burst.windowMs;
    onEvent({
      kind: 'burst',
      path: f.dir,
      folder: f.dir,
      at: new Date(now),
      changes: f.recent.size,
    });
  }
}

async function checkFolder(
  f: Folder,
  names: readonly string[] | undefined,
  onEvent: (e: CanaryEvent) => void,
): Promise<void> {
  for (const name of names ?? [...f.canaries.keys()]) {
    const c = f.canaries.get(name)!;
    const path = join(f.dir, name);
    const data = await readFile(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    const hash = data === null ? null : sha256(data);
    const state: CanaryState =
      hash === null ? 'missing' : hash === c.sha256 ? 'intact' : 'modified';
    // Report a modification again only when the content changes again.
    const changed = state !== c.state || (state === 'modified' && hash !== c.seen);
    c.state = state;
    if (hash) c.seen = hash;
    if (!changed || state === 'intact') continue;
    onEvent({ kind: state, path, folder: f.dir, at: new Date() });
  }
}
