import { createInterface } from 'node:readline';

/**
 * Asks for a password on the terminal without echoing it. Raw mode lets us see each key, so
 * nothing typed reaches the screen or the shell history.
 */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    process.stdout.write(question);
    let value = '';
    const finish = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The first line of standard input, for `printf '%s\n' "$PW" | ward users create ...`. */
export async function readFirstLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
  }
}
