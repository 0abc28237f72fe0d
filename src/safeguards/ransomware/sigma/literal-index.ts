/**
 * Shared literal search per event field. Thousands of rules test the same few fields
 * (CommandLine, Image, ...) with `contains`, `startswith` and `endswith` literals; testing each
 * literal in turn costs a pass over the value per literal. Instead every literal for a field is
 * registered here at compile time, and the field's value is scanned once per event: an
 * Aho-Corasick automaton for contains, and one hash lookup per distinct literal length for
 * prefixes and suffixes. Predicates then only read a hit flag (reference section 3, technique 6).
 */

class AhoCorasick {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private fail: Int32Array = new Int32Array(1);
  private readonly out: Array<number[] | null> = [null];

  add(needle: string, id: number): void {
    let state = 0;
    for (let i = 0; i < needle.length; i++) {
      const c = needle.charCodeAt(i);
      let to = this.next[state]!.get(c);
      if (to === undefined) {
        to = this.next.length;
        this.next.push(new Map());
        this.out.push(null);
        this.next[state]!.set(c, to);
      }
      state = to;
    }
    this.out[state] = [...(this.out[state] ?? []), id];
  }

  build(): void {
    this.fail = new Int32Array(this.next.length);
    const queue: number[] = [];
    for (const child of this.next[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head]!;
      for (const [c, v] of this.next[u]!) {
        queue.push(v);
        let f = this.fail[u]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[v] = target !== undefined && target !== v ? target : 0;
        const inherited = this.out[this.fail[v]!];
        if (inherited) this.out[v] = [...(this.out[v] ?? []), ...inherited];
      }
    }
  }

  scan(text: string, hits: Uint32Array, stamp: number): void {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = this.next[state]!.get(c);
      while (to === undefined && state !== 0) {
        state = this.fail[state]!;
        to = this.next[state]!.get(c);
      }
      state = to ?? 0;
      const found = this.out[state];
      if (found) for (const id of found) hits[id] = stamp;
    }
  }
}

/** The literals registered for one field (and one case mode). */
export class FieldLiterals {
  private readonly contains = new Map<string, number>();
  private readonly prefixes = new Map<string, number>();
  private readonly suffixes = new Map<string, number>();
  private automaton: AhoCorasick | null = null;
  private prefixLengths: number[] = [];
  private suffixLengths: number[] = [];
  private scannedStamp = 0;
  private readonly index: LiteralIndex;

  constructor(index: LiteralIndex) {
    this.index = index;
  }

  register(kind: 'contains' | 'prefix' | 'suffix', literal: string): number {
    const map =
      kind === 'contains' ? this.contains : kind === 'prefix' ? this.prefixes : this.suffixes;
    let id = map.get(literal);
    if (id === undefined) {
      id = this.index.allocate();
      map.set(literal, id);
    }
    return id;
  }

  build(): void {
    if (this.contains.size > 0) {
      this.automaton = new AhoCorasick();
      for (const [literal, id] of this.contains) this.automaton.add(literal, id);
      this.automaton.build();
    }
    this.prefixLengths = [...new Set([...this.prefixes.keys()].map((k) => k.length))];
    this.suffixLengths = [...new Set([...this.suffixes.keys()].map((k) => k.length))];
  }

  /** Marks every registered literal found in the values, once per event. */
  scan(values: readonly string[], stamp: number): void {
    if (this.scannedStamp === stamp) return;
    this.scannedStamp = stamp;
    const hits = this.index.hits;
    for (const value of values) {
      this.automaton?.scan(value, hits, stamp);
      for (const length of this.prefixLengths) {
        if (length > value.length) continue;
        const id = this.prefixes.get(value.slice(0, length));
        if (id !== undefined) hits[id] = stamp;
      }
      for (const length of this.suffixLengths) {
        if (length > value.length) continue;
        const id = this.suffixes.get(value.slice(value.length - length));
        if (id !== undefined) hits[id] = stamp;
      }
    }
  }
}

export class LiteralIndex {
  hits: Uint32Array = new Uint32Array(0);
  private count = 0;
  private readonly fields = new Map<string, FieldLiterals>();

  /** `field` null means keyword search over all values. */
  forField(field: string | null, cased: boolean): FieldLiterals {
    const key = `${cased ? 'c' : 'i'}\u0000${field ?? '\u0000*'}`;
    let literals = this.fields.get(key);
    if (!literals) {
      literals = new FieldLiterals(this);
      this.fields.set(key, literals);
    }
    return literals;
  }

  allocate(): number {
    return this.count++;
  }

  /** Builds the automata; call once after every rule is compiled. */
  freeze(): void {
    for (const literals of this.fields.values()) literals.build();
    this.hits = new Uint32Array(this.count);
  }
}
