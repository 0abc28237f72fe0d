import { SaxesParser } from 'saxes';
import { ScanParseError } from './scan-types.ts';

/** A start tag as the scan parsers see it: namespaces are not resolved (neither format uses them). */
export interface XmlTag {
  name: string;
  attributes: Record<string, string>;
}

/** Where the parser is, and a way to stop with an error that says so. */
export interface XmlCursor {
  readonly line: number;
  readonly column: number;
  /** Throws a ScanParseError at the current position, naming `element` (default: the innermost open one). */
  fail(message: string, element?: string): never;
  /** Starts keeping the text of the element just opened (entities decoded, CDATA included). */
  startText(): void;
  /** Stops keeping text and returns what was kept, with the surrounding whitespace trimmed. */
  takeText(): string;
  /** Whether text is being kept. */
  readonly keepingText: boolean;
}

export interface XmlHandlers {
  /** The root element the format requires; anything else is rejected before any host is read. */
  root: string;
  onOpen(tag: XmlTag, at: XmlCursor): void;
  onClose(name: string, at: XmlCursor): void;
  /**
   * Called after each slice of input has been parsed. The format parsers queue finished hosts
   * during the synchronous SAX callbacks and hand them to the (possibly async) `onHost` here,
   * so a slow consumer holds back reading instead of hosts piling up in memory.
   */
  flush(): Promise<void>;
}

// Bounds how much work (and how many queued hosts) one synchronous write can produce, even when
// a caller hands over a whole file as one string.
const SLICE_CHARS = 256 * 1024;
const TAIL_CHARS = 4096;

/**
 * Streams XML from `input` through saxes into `handlers`. Bytes are decoded as UTF-8 with a
 * streaming decoder, so a multi-byte character split across chunks survives (saxes itself would
 * call Buffer#toString on each chunk and mangle it). `onBytes` gets the running total of bytes
 * consumed. saxes does not expand DTD-declared entities or fetch external ones, so there is no
 * entity-expansion or XXE exposure here.
 */
export async function streamXml(
  input: AsyncIterable<Uint8Array | string>,
  handlers: XmlHandlers,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({
    xmlns: false,
    position: true,
  });
  const openNames: string[] = [];
  const openLines: number[] = [];
  let sawRoot = false;
  // The start tag being read, so an error inside its attributes names it rather than its parent.
  let opening: string | null = null;

  const fail = (message: string, element?: string): never => {
    throw new ScanParseError(message, {
      line: parser.line,
      column: parser.column,
      element: element ?? opening ?? openNames.at(-1) ?? null,
    });
  };
  // saxes builds text strings only while a text handler is installed, so the handler is set
  // just for the elements whose text a format needs: most of a scan file's text is skipped
  // without allocating anything.
  const parts: string[] = [];
  const keep = (text: string): void => void parts.push(text);
  let keepingText = false;
  const cursor: XmlCursor = {
    get line() {
      return parser.line;
    },
    get column() {
      return parser.column;
    },
    fail,
    startText() {
      parts.length = 0;
      keepingText = true;
      parser.on('text', keep);
    },
    takeText() {
      parser.off('text');
      keepingText = false;
      const text = parts.length === 1 ? (parts[0] as string) : parts.join('');
      parts.length = 0;
      return text.trim();
    },
    get keepingText() {
      return keepingText;
    },
  };

  // The first character that is not whitespace or a BOM tells "not XML at all" from "broken XML".
  let firstChar: string | null = null;
  parser.on('error', (err) => {
    const reason = err.message.replace(/^\d+:\d+: /, '');
    if (!sawRoot && firstChar !== '<') fail(`not an XML document: expected <${handlers.root}>`);
    if (!sawRoot) fail(`malformed XML before the <${handlers.root}> element: ${reason}`);
    fail(`malformed XML: ${reason}`);
  });
  parser.on('opentagstart', (tag) => {
    opening = tag.name;
  });
  parser.on('opentag', (tag) => {
    opening = null;
    if (!sawRoot) {
      sawRoot = true;
      if (tag.name !== handlers.root)
        fail(`expected <${handlers.root}> as the root element, found <${tag.name}>`, tag.name);
    }
    openNames.push(tag.name);
    openLines.push(parser.line);
    handlers.onOpen(tag, cursor);
    // saxes reports a self-closing tag with a separate closetag event, so nothing special here.
  });
  parser.on('closetag', (tag) => {
    handlers.onClose(tag.name, cursor);
    openNames.pop();
    openLines.pop();
  });
  parser.on('cdata', (text) => {
    if (keepingText) parts.push(text);
  });

  // The last few KB of text, to name a start tag the file ends in the middle of.
  let tail = '';
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  const feed = async (text: string): Promise<void> => {
    if (firstChar === null) firstChar = /[^\s\uFEFF]/.exec(text)?.[0] ?? null;
    tail = text.length >= TAIL_CHARS ? text.slice(-TAIL_CHARS) : (tail + text).slice(-TAIL_CHARS);
    for (let i = 0; i < text.length; i += SLICE_CHARS) {
      // A slice boundary may split a surrogate pair; saxes carries a trailing high surrogate over.
      parser.write(i === 0 && text.length <= SLICE_CHARS ? text : text.slice(i, i + SLICE_CHARS));
      await handlers.flush();
    }
  };

  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      bytes += Buffer.byteLength(chunk);
      await feed(chunk);
    } else {
      bytes += chunk.byteLength;
      await feed(decoder.decode(chunk, { stream: true }));
    }
    onBytes?.(bytes);
  }
  await feed(decoder.decode());

  if (openNames.length > 0) {
    const where = { line: parser.line, column: parser.column };
    const path = openNames.join(' > ');
    const partial = /<([A-Za-z_][\w.:-]*)[^<>]*$/.exec(tail)?.[1];
    if (partial) {
      throw new ScanParseError(
        `the file ends inside the start tag <${partial}>: it looks truncated (in ${path})`,
        { ...where, element: partial },
      );
    }
    const innermost = openNames.at(-1) as string;
    throw new ScanParseError(
      `the file ends before </${innermost}> (opened on line ${openLines.at(-1)}): it looks truncated (still open: ${path})`,
      { ...where, element: innermost },
    );
  }
  if (!sawRoot)
    fail(
      firstChar === null
        ? `empty document: expected <${handlers.root}>`
        : `no root element: expected <${handlers.root}>`,
    );
  parser.close();
  await handlers.flush();
}

/** Parses an integer attribute or fails naming the element and attribute. */
export function intAttr(
  tag: XmlTag,
  name: string,
  at: XmlCursor,
  range: { min: number; max: number },
): number | null {
  const raw = tag.attributes[name];
  if (raw === undefined || raw === '') return null;
  const value = /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    at.fail(
      `attribute ${name}="${raw}" is not an integer from ${range.min} to ${range.max}`,
      tag.name,
    );
  }
  return value;
}

/** Parses a decimal number (CVSS score) or fails naming the element. */
export function scoreText(text: string, element: string, at: XmlCursor): number | null {
  const raw = text.trim();
  if (raw === '') return null;
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 0 && value <= 10)) at.fail(`"${raw}" is not a CVSS score from 0 to 10`, element);
  return value;
}
