// Benchmark of the stored-credential audit (`ward creds audit`), printing its figures.
// Target (issue 5): 100,000 NTLM accounts (secretsdump format, realistic mix) against a
// 100-million-entry NTLM corpus in <= 30 s with <= 1 GB peak RSS, on 2 cores.
//
//   npx node bench/creds-audit.bench.ts                    (corpus of 10^8: a few minutes to build)
//   npx node bench/creds-audit.bench.ts 1000000 20000      (quick run: corpus entries, accounts)
//
// The corpus is built in a child process so the peak RSS printed is the audit's own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { auditCredentials } from '../src/safeguards/credentials/audit/index.ts';
import { buildSyntheticIndex, openCorpus } from '../src/safeguards/credentials/corpus/index.ts';
import { lmHex } from '../src/safeguards/credentials/hashing/lm.ts';
import { ntlmHex } from '../src/safeguards/credentials/hashing/ntlm.ts';

const NO_LM = 'aad3b435b51404eeaad3b435b51404ee';
const YEAR = 2026;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/** Deterministic PRNG (mulberry32) so every run audits the same dump. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function dictionaryWords(): string[] {
  return [
    ...new Set(
      [
        ...common.dictionary['passwords-common'],
        ...en.dictionary['commonWords-en'],
        ...en.dictionary['firstnames-en'],
        ...en.dictionary['lastnames-en'],
      ].map((w) => w.toLowerCase()),
    ),
  ];
}

interface Dump {
  text: string;
  breached: Array<{ password: string; count: number }>;
  expected: Record<string, number>;
}

/** A secretsdump of `accounts` users: about 5% empty, 3% LM, 2% user name, 8% dictionary,
 * 10% breached only, 5% in shared groups, the rest unique strong passwords. */
function generateDump(accounts: number, dictionary: readonly string[]): Dump {
  const rand = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const strong = () => `${rand().toString(36).slice(2, 10)}-${rand().toString(36).slice(2, 10)}`;
  const breachedPool = Array.from({ length: 5000 }, (_, i) => `leaked${i}${strong().slice(0, 4)}`);
  const sharedPool = Array.from({ length: 300 }, () => strong());
  const lines = ['[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)'];
  const expected: Record<string, number> = {};
  const expect = (category: string) => (expected[category] = (expected[category] ?? 0) + 1);
  const planted = new Map<string, number>();
  const passwords: string[] = [];
  for (let i = 0; i < accounts; i++) {
    const user = `user${i}`;
    const roll = rand();
    let password: string;
    if (roll < 0.05) {
      password = '';
      expect('empty');
    } else if (roll < 0.07) {
      password = pick([user, `${user}1`, `${user}${YEAR}`, `User${i}!`]);
      expect('username_as_password');
    } else if (roll < 0.15) {
      const word = pick(dictionary.slice(0, 1000));
      const cap = word[0]!.toUpperCase() + word.slice(1);
      password = pick([
        word,
        `${cap}${YEAR - 1}!`,
        `${cap}123`,
        word.replace(/a/g, '@'),
        `${word}1`,
      ]);
      expect('dictionary');
      // Real corpora hold most of these too.
      if (rand() < 0.7) planted.set(password, 1000 + Math.floor(rand() * 100000));
    } else if (roll < 0.25) {
      password = pick(breachedPool);
      planted.set(password, 1 + Math.floor(rand() * 50));
    } else if (roll < 0.3) {
      password = pick(sharedPool);
    } else {
      password = strong();
    }
    passwords.push(password);
    const lm = password && password.length <= 14 && rand() < 0.03 ? lmHex(password)! : NO_LM;
    if (lm !== NO_LM) expect('lm_hash');
    const status = rand() < 0.1 ? ' (status=Disabled)' : ' (status=Enabled)';
    lines.push(`CORP\\${user}:${1100 + i}:${lm}:${ntlmHex(password).toLowerCase()}:::${status}`);
    if (i % 50 === 0) {
      lines.push(
        `CORP\\${user}_history0:${1100 + i}:${NO_LM}:${ntlmHex(strong()).toLowerCase()}:::`,
      );
    }
    if (i % 40 === 0) {
      lines.push(`WS${i}$:${900000 + i}:${NO_LM}:${ntlmHex(strong()).toLowerCase()}:::`);
    }
  }
  const breached = [...planted].map(([password, count]) => ({ password, count }));
  const uses = new Map<string, number>();
  for (const p of passwords) if (p) uses.set(p, (uses.get(p) ?? 0) + 1);
  for (const p of passwords) {
    if (p && planted.has(p)) expect('breached');
    if (p && uses.get(p)! > 1) expect('shared_password');
  }
  return { text: `${lines.join('\n')}\n`, breached, expected };
}

async function main(): Promise<void> {
  const corpusEntries = Number(process.argv[2] ?? 100_000_000);
  const accounts = Number(process.argv[3] ?? 100_000);
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${mib(totalmem())} RAM, node ${process.version}`,
  );
  const dictionary = dictionaryWords();
  const dump = generateDump(accounts, dictionary);
  const dir = mkdtempSync(join(tmpdir(), 'ward-creds-bench-'));
  try {
    let started = performance.now();
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--build-corpus', dir, String(corpusEntries)],
      { input: JSON.stringify(dump.breached), stdio: ['pipe', 'inherit', 'inherit'] },
    );
    if (child.status !== 0) throw new Error(`corpus build failed (exit ${child.status})`);
    console.log(
      `corpus: ${corpusEntries.toLocaleString('en-US')} NTLM entries (${dump.breached.length.toLocaleString('en-US')} planted) built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(
      `dump: ${accounts.toLocaleString('en-US')} accounts, ${mib(dump.text.length)}; dictionary ${dictionary.length.toLocaleString('en-US')} words`,
    );

    const corpus = openCorpus(dir);
    const words = { dictionary, context: ['StMarys', 'Cardiology', 'Springfield'] };
    for (const run of ['cold (builds the candidate table)', 'warm (table cached)']) {
      started = performance.now();
      const report = await auditCredentials(
        { text: dump.text, fileName: 'bench.ntds', format: 'auto' },
        { breached: corpus.lookup, words, now: new Date(`${YEAR}-03-01T00:00:00Z`) },
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `\naudit ${run}: ${seconds.toFixed(2)} s, ${Math.round(report.accounts / seconds).toLocaleString('en-US')} accounts/s, peak RSS ${mib(peakRss())}`,
      );
      console.log(`  accounts ${report.accounts}, algorithms ${JSON.stringify(report.algorithms)}`);
      for (const [category, n] of Object.entries(report.summary)) {
        const want = dump.expected[category];
        console.log(
          `  ${category.padEnd(22)} ${String(n).padStart(7)}${want ? `  (generated ${want})` : ''}`,
        );
      }
      for (const note of report.notes) console.log(`  note: ${note}`);
    }
    corpus.close();
    const ok = peakRss() <= 1024 * 1024 * 1024;
    console.log(`\npeak RSS ${mib(peakRss())} (target <= 1024 MiB: ${ok ? 'met' : 'MISSED'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--build-corpus') {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const passwords = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Array<{
    password: string;
    count: number;
  }>;
  buildSyntheticIndex(process.argv[3]!, {
    kind: 'ntlm',
    entries: Number(process.argv[4]),
    seed: 7,
    compact: true,
    passwords,
  });
} else {
  await main();
}
