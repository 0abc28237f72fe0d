import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One import per corpus directory at a time: two would write the same partial files. The lock
 * file holds the owner's pid; a lock left by a process that no longer runs (killed mid-import,
 * which the resume is for) is taken over.
 */
export function acquireImportLock(dir: string): () => void {
  const path = join(dir, 'import.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    const fd = createExclusive(path);
    if (fd !== null) {
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    }
    const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (Number.isInteger(owner) && isRunning(owner)) {
      throw new Error(
        `${dir}: another corpus import is running (pid ${owner}); wait for it, or delete ${path} if that process is not Ward`,
      );
    }
    rmSync(path, { force: true });
  }
  throw new Error(`${dir}: could not take the import lock ${path}`);
}

/** The new file's descriptor, or null when it exists already. */
function createExclusive(path: string): number | null {
  try {
    return openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw err;
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
