import { describe, expect, it } from 'vitest';
import { JsonObjectSplitter, splitJsonObjects, type SplitItem } from './json-object-splitter.ts';

/** Splits `text` fed in pieces of `size` characters, to exercise every chunk boundary. */
function split(text: string, size = text.length): SplitItem[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return [...splitJsonObjects(pieces)];
}

const objects = (items: SplitItem[]) =>
  items.filter((i) => i.kind === 'object').map((i) => JSON.parse(i.text) as unknown);

describe('JsonObjectSplitter', () => {
  const tricky = [
    { a: 'brace } inside', b: { c: '{{', d: [1, { e: 2 }] } },
    { q: 'escaped \\" quote } and backslash \\\\', path: 'C:\\Windows\\' },
    { nested: { deeper: { deepest: '}' } } },
  ];
  const pretty = tricky.map((o) => JSON.stringify(o, null, 2)).join('\n');

  it('splits pretty-printed objects concatenated, whatever the chunk size', () => {
    for (const size of [1, 2, 3, 7, 64, pretty.length]) {
      expect(objects(split(pretty, size)), `chunk size ${size}`).toEqual(tricky);
    }
  });

  it('reports the line each object starts on, with CRLF line ends', () => {
    const crlf = pretty.replace(/\n/g, '\r\n');
    const items = split(crlf, 5);
    expect(objects(items)).toEqual(tricky);
    const firstLines = pretty.split('\n');
    const starts = firstLines.flatMap((l, i) => (l === '{' ? [i + 1] : []));
    expect(items.map((i) => i.line)).toEqual(starts);
  });

  it('reads a JSON array of objects', () => {
    const text = JSON.stringify(tricky, null, 1);
    expect(objects(split(text, 4))).toEqual(tricky);
    expect(split(text).filter((i) => i.kind === 'garbage')).toEqual([]);
    expect(objects(split(JSON.stringify(tricky)))).toEqual(tricky);
  });

  it('reads NDJSON line by line, so a truncated line does not swallow the next', () => {
    const lines = [JSON.stringify(tricky[0]), '{"broken": "no end', JSON.stringify(tricky[1]), ''];
    const items = split(lines.join('\n'), 6);
    expect(items.map((i) => [i.kind, i.line])).toEqual([
      ['object', 1],
      ['object', 2],
      ['object', 3],
    ]);
    expect(() => JSON.parse(items[1]!.text)).toThrow();
    expect(JSON.parse(items[2]!.text)).toEqual(tricky[1]);
  });

  it('hands back text between objects as garbage with its line, and keeps going', () => {
    const text = `{\n "a": 1\n}\nthis is not json\n{\n "b": 2\n}\n`;
    const items = split(text, 3);
    expect(items).toEqual([
      { kind: 'object', text: '{\n "a": 1\n}', line: 1 },
      { kind: 'garbage', text: 'this is not json', line: 4 },
      { kind: 'object', text: '{\n "b": 2\n}', line: 5 },
    ]);
  });

  it('returns an unterminated last object as garbage at the end', () => {
    const s = new JsonObjectSplitter();
    expect(s.push('{\n"a": 1\n}\n{\n"b": "x')).toHaveLength(1);
    expect(s.end()).toEqual([{ kind: 'garbage', text: '{\n"b": "x', line: 4 }]);
  });
});
