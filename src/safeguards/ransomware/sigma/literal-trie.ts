/**
 * Literal tries frozen into typed arrays, for the per-field literal scans of literal-index.ts:
 * an Aho-Corasick automaton finds every `contains` literal in one pass over a value, and plain
 * tries walked from the start (prefixes) or from the end (suffixes, built over reversed
 * literals) find every `startswith` / `endswith` literal in one short walk.
 *
 * Layout: each state's children sit in one sorted run of `edgeChar`/`edgeTo`; the root also has
 * a dense table for ASCII, where nearly all first characters fall. Most deeper states have one
 * or two children, so a lookup is a compare or two. (A dense DFA would be faster per character
 * but costs tens of MB for the CommandLine and Hashes literal sets of SigmaHQ.)
 */

/** Receives literal ids as they are found. */
export interface HitSink {
  hit(id: number): void;
}

const NONE = -1;

class TrieBuilder {
  readonly children: Array<Map<number, number>> = [new Map()];
  readonly ids: Array<number[] | null> = [null];

  add(text: string, id: number, reverse: boolean): void {
    let state = 0;
    const n = text.length;
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(reverse ? n - 1 - k : k);
      let to = this.children[state]!.get(c);
      if (to === undefined) {
        to = this.children.length;
        this.children.push(new Map());
        this.ids.push(null);
        this.children[state]!.set(c, to);
      }
      state = to;
    }
    (this.ids[state] ??= []).push(id);
  }
}

/** A trie of literals frozen into arrays; `fail`/`report` are only set for Aho-Corasick. */
class FrozenTrie {
  protected readonly edgeStart: Int32Array;
  protected readonly edgeChar: Uint16Array;
  protected readonly edgeTo: Int32Array;
  protected readonly rootAscii = new Int32Array(128).fill(NONE);
  /** Own literal ids of each state: ownIds[ownStart[s] .. ownStart[s + 1]). */
  protected readonly ownStart: Int32Array;
  protected readonly ownIds: Int32Array;

  constructor(builder: TrieBuilder) {
    const states = builder.children.length;
    this.edgeStart = new Int32Array(states + 1);
    let edges = 0;
    for (let s = 0; s < states; s++) {
      this.edgeStart[s] = edges;
      edges += builder.children[s]!.size;
    }
    this.edgeStart[states] = edges;
    this.edgeChar = new Uint16Array(edges);
    this.edgeTo = new Int32Array(edges);
    for (let s = 0; s < states; s++) {
      let e = this.edgeStart[s]!;
      for (const [c, to] of [...builder.children[s]!].sort((a, b) => a[0] - b[0])) {
        this.edgeChar[e] = c;
        this.edgeTo[e++] = to;
      }
    }
    for (const [c, to] of builder.children[0]!) if (c < 128) this.rootAscii[c] = to;
    this.ownStart = new Int32Array(states + 1);
    const flat: number[] = [];
    for (let s = 0; s < states; s++) {
      this.ownStart[s] = flat.length;
      for (const id of builder.ids[s] ?? []) flat.push(id);
    }
    this.ownStart[states] = flat.length;
    this.ownIds = Int32Array.from(flat);
  }

  protected child(state: number, c: number): number {
    if (state === 0 && c < 128) return this.rootAscii[c]!;
    let lo = this.edgeStart[state]!;
    let hi = this.edgeStart[state + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = this.edgeChar[mid]!;
      if (m === c) return this.edgeTo[mid]!;
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return NONE;
  }

  protected emit(state: number, sink: HitSink): void {
    const end = this.ownStart[state + 1]!;
    for (let k = this.ownStart[state]!; k < end; k++) sink.hit(this.ownIds[k]!);
  }
}

/** startswith (forward) or endswith (backward) literals of one field. */
export class AnchoredTrie extends FrozenTrie {
  private readonly reverse: boolean;

  constructor(literals: ReadonlyMap<string, number>, reverse: boolean) {
    const builder = new TrieBuilder();
    for (const [literal, id] of literals) builder.add(literal, id, reverse);
    super(builder);
    this.reverse = reverse;
  }

  scan(text: string, sink: HitSink): void {
    const n = text.length;
    let state = 0;
    for (let k = 0; k < n; k++) {
      state = this.child(state, text.charCodeAt(this.reverse ? n - 1 - k : k));
      if (state === NONE) return;
      if (this.ownStart[state] !== this.ownStart[state + 1]) this.emit(state, sink);
    }
  }
}

/** Cap on the lazily built transition table of one automaton (entries of 4 bytes). */
const MAX_TABLE = 1 << 21;

/**
 * contains literals of one field: every occurrence found in one pass. Transitions are computed
 * from the trie and fail links on first use and cached in a dense table per visited state and
 * ASCII character class (a lazy DFA): events revisit few states, so the table stays small
 * while most characters cost one array read.
 */
export class AhoCorasick extends FrozenTrie {
  private readonly fail: Int32Array;
  /** Nearest state on the fail chain (itself included) with literals of its own, or NONE. */
  private readonly report: Int32Array;
  /** ASCII character -> class; 0 for characters in no literal (they lead back to the root). */
  private readonly asciiClass = new Uint8Array(128);
  private readonly classes: number;
  private readonly rowOf: Int32Array;
  private table = new Int32Array(0);
  private tableUsed = 0;

  constructor(literals: ReadonlyMap<string, number>) {
    const builder = new TrieBuilder();
    for (const [literal, id] of literals) builder.add(literal, id, false);
    super(builder);
    const states = builder.children.length;
    this.fail = new Int32Array(states);
    this.report = new Int32Array(states).fill(NONE);
    let classes = 1;
    for (const literal of literals.keys())
      for (let k = 0; k < literal.length; k++) {
        const c = literal.charCodeAt(k);
        if (c < 128 && this.asciiClass[c] === 0) this.asciiClass[c] = classes++;
      }
    this.classes = classes;
    this.rowOf = new Int32Array(states).fill(NONE);
    const queue: number[] = [];
    for (const to of builder.children[0]!.values()) queue.push(to);
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head]!;
      const f = this.fail[u]!;
      this.report[u] = this.ownStart[u] !== this.ownStart[u + 1] ? u : this.report[f]!;
      for (const [c, v] of builder.children[u]!) {
        queue.push(v);
        let g = f;
        let to = this.child(g, c);
        while (to === NONE && g !== 0) {
          g = this.fail[g]!;
          to = this.child(g, c);
        }
        this.fail[v] = to === NONE || to === v ? 0 : to;
      }
    }
  }

  /** The automaton's move on character c, from the trie and fail links. */
  private step(state: number, c: number): number {
    let to = this.child(state, c);
    while (to === NONE && state !== 0) {
      state = this.fail[state]!;
      to = this.child(state, c);
    }
    return to === NONE ? 0 : to;
  }

  /** The cached move on an ASCII character of class cls (> 0). */
  private cached(state: number, c: number, cls: number): number {
    let row = this.rowOf[state]!;
    if (row === NONE) {
      if (this.tableUsed + this.classes > this.table.length) {
        if (this.tableUsed + this.classes > MAX_TABLE) return this.step(state, c);
        const grown = new Int32Array(Math.max(1024, this.table.length * 2)).fill(NONE);
        grown.set(this.table.subarray(0, this.tableUsed));
        this.table = grown;
      }
      row = this.tableUsed;
      this.tableUsed += this.classes;
      this.rowOf[state] = row;
    }
    let to = this.table[row + cls]!;
    if (to === NONE) {
      to = this.step(state, c);
      this.table[row + cls] = to;
    }
    return to;
  }

  scan(text: string, sink: HitSink): void {
    let state = 0;
    const n = text.length;
    const asciiClass = this.asciiClass;
    const report = this.report;
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c < 128) {
        const cls = asciiClass[c]!;
        state = cls === 0 ? 0 : this.cached(state, c, cls);
      } else state = this.step(state, c);
      let r = report[state]!;
      while (r !== NONE) {
        this.emit(r, sink);
        r = report[this.fail[r]!]!;
      }
    }
  }
}
