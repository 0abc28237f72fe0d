import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FeedKind } from './types.ts';

const HEAD_BYTES = 64 * 1024;
/** File names looked at inside a directory; others (.asc, .sha512, README) are passed over. */
const FEED_FILE = /\.(json|csv)(\.gz)?$/i;

export interface DetectedFile {
  path: string;
  kind: FeedKind;
  gzip: boolean;
  size: number;
}

/** Expands directories (recursively, sorted) into the feed-looking files they hold. */
export async function listFeedFiles(
  paths: string[],
): Promise<{ path: string; explicit: boolean }[]> {
  const out: { path: string; explicit: boolean }[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && FEED_FILE.test(e.name)) out.push({ path: full, explicit: false });
    }
  };
  for (const p of paths) {
    const s = await stat(p).catch(() => {
      throw new Error(`${p}: no such file or directory`);
    });
    if (s.isDirectory()) await walk(p);
    else out.push({ path: p, explicit: true });
  }
  return out;
}

/**
 * Recognises a feed by its first 64 KiB, not by its name: gzip by magic bytes, then the keys
 * each format puts first (CSAF document.csaf_version, KEV catalogVersion, NVD API 2.0
 * `"format": "NVD_CVE"` or a CVE record's id and lastModified, EPSS's header line).
 * Returns a reason instead when the file is none of them.
 */
export async function detectFeed(
  path: string,
): Promise<DetectedFile | { path: string; reason: string }> {
  const fh = await open(path, 'r');
  let head: Buffer;
  let size: number;
  try {
    size = (await fh.stat()).size;
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await fh.read(buf, 0, buf.length, 0);
    head = buf;
  } finally {
    await fh.close();
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  let text: string;
  try {
    // A partial gzip stream: inflate what there is (finishFlush avoids "unexpected end").
    text = gzip
      ? gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH */ })
          .subarray(0, HEAD_BYTES)
          .toString('utf8')
      : head.toString('utf8');
  } catch {
    return { path, reason: 'a gzip file that cannot be decompressed' };
  }
  const kind = detectKind(text.replace(/^\uFEFF/, ''));
  if (!kind) {
    return {
      path,
      reason:
        'not a recognised feed (expected an NVD CVE API 2.0 record or page, the CISA KEV catalog, a FIRST EPSS CSV or a CSAF 2.0 advisory)',
    };
  }
  return { path, kind, gzip, size };
}

export function detectKind(head: string): FeedKind | null {
  const t = head.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    if (/"csaf_version"\s*:/.test(t)) return 'csaf';
    if (/"catalogVersion"\s*:|"knownRansomwareCampaignUse"\s*:/.test(t)) return 'kev';
    if (/"format"\s*:\s*"NVD_CVE"/.test(t)) return 'nvd';
    if (
      /"id"\s*:\s*"CVE-\d{4}-\d+"/.test(t) &&
      /"(lastModified|vulnStatus|descriptions)"\s*:/.test(t)
    ) {
      return 'nvd';
    }
    return null;
  }
  const firstLine = t.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#'));
  if (t.startsWith('#model_version') || /^cve,epss,percentile\b/i.test(firstLine ?? ''))
    return 'epss';
  return null;
}
