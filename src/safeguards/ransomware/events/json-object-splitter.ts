/**
 * Splits a stream of JSON text into its top-level objects without parsing them, so files of any
 * size read in constant memory. Handles the three layouts event exports come in:
 *
 * - several pretty-printed objects concatenated (SigmaHQ's regression JSON twins, evtx_dump
 *   without `--format jsonl`): neither an array nor NDJSON, so objects are found by brace depth,
 *   tracking strings and backslash escapes so braces inside values do not count;
 * - a JSON array of objects (`[ {...}, {...} ]`): the array brackets and commas are skipped;
 * - NDJSON: once the first object turns out to sit on one line, the rest is read line by line, so
 *   one truncated line cannot swallow the lines after it.
 *
 * Text between objects that is not whitespace is handed back as `garbage` with its line, for the
 * reader to report; splitting continues after it.
 */

export interface SplitItem {
  kind: 'object' | 'garbage';
  text: string;
  /** 1-based line the item starts on. */
  line: number;
}

const SPECIAL = /[{}"]/g;

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const isWhitespace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

export class JsonObjectSplitter {
  private buf = '';
  private pos = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  private objectStart = -1;
  private objectLine = 0;
  private garbageStart = -1;
  private garbageLine = 0;
  private sawFirst = false;
  private arrayMode = false;
  private lineMode = false;
  /** Set when the first object ended; the next character decides whether this is NDJSON. */
  private decideMode = false;
  private out: SplitItem[] = [];

  /** Feeds the next piece of text; returns the items completed by it. */
  push(chunk: string): SplitItem[] {
    this.buf += chunk;
    if (this.lineMode) this.scanLines(false);
    else this.scanObjects();
    this.compact();
    return this.take();
  }

  /** Ends the stream: an unfinished object or trailing text comes back as garbage. */
  end(): SplitItem[] {
    if (this.lineMode) this.scanLines(true);
    else if (this.objectStart >= 0) {
      this.out.push({
        kind: 'garbage',
        text: this.buf.slice(this.objectStart),
        line: this.objectLine,
      });
      this.objectStart = -1;
    }
    this.flushGarbage(this.buf.length);
    this.buf = '';
    this.pos = 0;
    return this.take();
  }

  private take(): SplitItem[] {
    const items = this.out;
    this.out = [];
    return items;
  }

  private flushGarbage(end: number): void {
    if (this.garbageStart < 0) return;
    const text = this.buf.slice(this.garbageStart, end).trim();
    if (text !== '') this.out.push({ kind: 'garbage', text, line: this.garbageLine });
    this.garbageStart = -1;
  }

  /** Drops consumed text so the buffer holds at most the object being read. */
  private compact(): void {
    let keep = this.pos;
    if (this.objectStart >= 0) keep = Math.min(keep, this.objectStart);
    if (this.garbageStart >= 0) keep = Math.min(keep, this.garbageStart);
    if (keep === 0) return;
    this.buf = this.buf.slice(keep);
    this.pos -= keep;
    if (this.objectStart >= 0) this.objectStart -= keep;
    if (this.garbageStart >= 0) this.garbageStart -= keep;
  }

  private scanObjects(): void {
    const buf = this.buf;
    while (this.pos < buf.length) {
      if (this.depth === 0) {
        if (this.decideMode) {
          this.decideMode = false;
          const c = buf[this.pos];
          if (c === '\n' || c === '\r') {
            this.lineMode = true;
            this.scanLines(false);
            return;
          }
        }
        this.scanBetweenObjects(buf);
        continue;
      }
      if (this.inString) {
        const quote = buf.indexOf('"', this.pos);
        if (quote === -1) {
          this.pos = buf.length;
          return;
        }
        let backslashes = 0;
        for (let k = quote - 1; buf.charCodeAt(k) === 92; k--) backslashes++;
        this.pos = quote + 1;
        if (backslashes % 2 === 0) this.inString = false;
        continue;
      }
      SPECIAL.lastIndex = this.pos;
      const m = SPECIAL.exec(buf);
      if (!m) {
        this.pos = buf.length;
        return;
      }
      this.pos = m.index + 1;
      if (m[0] === '"') this.inString = true;
      else if (m[0] === '{') this.depth++;
      else if (--this.depth === 0) this.emitObject(buf);
    }
  }

  private emitObject(buf: string): void {
    const text = buf.slice(this.objectStart, this.pos);
    this.out.push({ kind: 'object', text, line: this.objectLine });
    const newlines = countNewlines(text);
    this.line += newlines;
    this.objectStart = -1;
    if (!this.sawFirst) {
      this.sawFirst = true;
      // Only a top-level object alone on its line makes NDJSON; array elements stay brace-split.
      this.decideMode = newlines === 0 && !this.arrayMode;
    }
  }

  private scanBetweenObjects(buf: string): void {
    const c = buf[this.pos] as string;
    if (c === '{') {
      this.flushGarbage(this.pos);
      this.objectStart = this.pos;
      this.objectLine = this.line;
      this.depth = 1;
      this.pos++;
      return;
    }
    if (isWhitespace(c)) {
      if (c === '\n') this.line++;
      this.pos++;
      return;
    }
    if (c === '[' && !this.sawFirst && !this.arrayMode && this.garbageStart < 0) {
      this.arrayMode = true;
      this.pos++;
      return;
    }
    if (this.arrayMode && (c === ',' || c === ']') && this.garbageStart < 0) {
      this.pos++;
      return;
    }
    if (this.garbageStart < 0) {
      this.garbageStart = this.pos;
      this.garbageLine = this.line;
    }
    this.pos++;
  }

  private scanLines(atEnd: boolean): void {
    const buf = this.buf;
    for (;;) {
      let nl = buf.indexOf('\n', this.pos);
      if (nl === -1) {
        if (!atEnd || this.pos >= buf.length) return;
        nl = buf.length;
      }
      const text = buf.slice(this.pos, nl).trim();
      if (text !== '') {
        this.out.push({ kind: text.startsWith('{') ? 'object' : 'garbage', text, line: this.line });
      }
      this.line++;
      this.pos = nl + 1;
      if (nl >= buf.length) return;
    }
  }
}

/** Splits a whole stream of text pieces; see {@link JsonObjectSplitter}. */
export function* splitJsonObjects(chunks: Iterable<string>): Generator<SplitItem> {
  const splitter = new JsonObjectSplitter();
  for (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}
