/**
 * Shared literal search per event field. Thousands of rules test the same few fields
 * (CommandLine, Image, ...) with equality, `contains`, `startswith` and `endswith` literals;
 * testing each literal in turn costs a pass over the value per literal. Instead every literal
 * for a field is registered here at compile time, and the field's values are scanned once per
 * event: a hash lookup for equality, an Aho-Corasick automaton for contains, and trie walks for
 * prefixes and suffixes. Predicates then only read a hit flag (reference section 3, technique 6).
 *
 * The same hits drive the rule pre-filter (anchors.ts): a literal can carry the rules for which
 * it is an anchor, and finding it marks them as candidates for the event.
 */
import type { EventView } from './event-view.ts';
import { AhoCorasick, AnchoredTrie, type HitSink } from './literal-trie.ts';

export type LiteralKind = 'exact' | 'contains' | 'prefix' | 'suffix';

/** The literals registered for one field (and one case mode). */
export class FieldLiterals implements HitSink {
  /** Event field name; null for keyword searches over every value of the event. */
  readonly field: string | null;
  readonly cased: boolean;
  private readonly byKind: Record<LiteralKind, Map<string, number>> = {
    exact: new Map(),
    contains: new Map(),
    prefix: new Map(),
    suffix: new Map(),
  };
  private automaton: AhoCorasick | null = null;
  private prefixTrie: AnchoredTrie | null = null;
  private suffixTrie: AnchoredTrie | null = null;
  /** contains/prefix/suffix of '' hold for any value. */
  private emptyIds: number[] = [];
  private scannedStamp = 0;
  private stamp = 0;
  private readonly index: LiteralIndex;

  constructor(index: LiteralIndex, field: string | null, cased: boolean) {
    this.index = index;
    this.field = field;
    this.cased = cased;
  }

  register(kind: LiteralKind, literal: string): number {
    const map = this.byKind[kind];
    let id = map.get(literal);
    if (id === undefined) {
      id = this.index.allocate(literal, this);
      map.set(literal, id);
    }
    this.index.uses[id]!++;
    return id;
  }

  build(): void {
    const { contains, prefix, suffix } = this.byKind;
    for (const kind of ['contains', 'prefix', 'suffix'] as const) {
      const id = this.byKind[kind].get('');
      if (id !== undefined) {
        this.emptyIds.push(id);
        this.byKind[kind].delete('');
      }
    }
    if (contains.size > 0) this.automaton = new AhoCorasick(contains);
    if (prefix.size > 0) this.prefixTrie = new AnchoredTrie(prefix, false);
    if (suffix.size > 0) this.suffixTrie = new AnchoredTrie(suffix, true);
  }

  /** The values this field's literals are tested against, as predicates see them. */
  read(ev: EventView): readonly string[] | null {
    const field = this.field;
    return field === null
      ? ev.allValues(!this.cased)
      : this.cased
        ? ev.strings(field)
        : ev.lower(field);
  }

  /** Marks every registered literal found in the event's values, once per event. */
  scan(ev: EventView): void {
    const stamp = ev.stamp;
    if (this.scannedStamp === stamp) return;
    this.scannedStamp = stamp;
    const values = this.read(ev);
    if (values === null || values.length === 0) return;
    this.stamp = stamp;
    for (const id of this.emptyIds) this.hit(id);
    const exact = this.byKind.exact;
    for (const value of values) {
      if (exact.size > 0) {
        const id = exact.get(value);
        if (id !== undefined) this.hit(id);
      }
      this.automaton?.scan(value, this);
      this.prefixTrie?.scan(value, this);
      this.suffixTrie?.scan(value, this);
    }
  }

  /** After the stamps wrap around: the last scan's stamp could be reused. */
  forget(): void {
    this.scannedStamp = 0;
  }

  hit(id: number): void {
    const index = this.index;
    const stamp = this.stamp;
    if (index.hits[id] === stamp) return;
    index.hits[id] = stamp;
    const rules = index.anchorOf[id];
    if (rules !== undefined) {
      const candidates = index.candidates;
      for (let k = 0; k < rules.length; k++) {
        const rule = rules[k]!;
        if (candidates[rule] !== stamp) {
          candidates[rule] = stamp;
          index.candidateList[index.candidateCount++] = rule;
        }
      }
    }
  }
}

export class LiteralIndex {
  /** Per literal id: the stamp of the last event it was found in. */
  hits: Uint32Array = new Uint32Array(0);
  /** Per rule: the stamp of the last event for which one of its anchors was found. */
  candidates: Uint32Array = new Uint32Array(0);
  /** The rules marked in `candidates` for the current event, in the order they were found. */
  candidateList: Int32Array = new Int32Array(0);
  candidateCount = 0;
  /** Per literal id: how many field items use it (its anchor cost grows with popularity). */
  readonly uses: number[] = [];
  readonly texts: string[] = [];
  /** Per literal id: the rules it is an anchor of. */
  anchorOf: Array<Int32Array | undefined> = [];
  private readonly fields = new Map<string, FieldLiterals>();
  private readonly owners: FieldLiterals[] = [];

  /** `field` null means keyword search over all values. */
  forField(field: string | null, cased: boolean): FieldLiterals {
    const key = `${cased ? 'c' : 'i'}\u0000${field ?? '\u0000*'}`;
    let literals = this.fields.get(key);
    if (!literals) {
      literals = new FieldLiterals(this, field, cased);
      this.fields.set(key, literals);
    }
    return literals;
  }

  allocate(text: string, owner: FieldLiterals): number {
    this.uses.push(0);
    this.texts.push(text);
    this.owners.push(owner);
    return this.uses.length - 1;
  }

  /** The field whose scan finds literal `id`. */
  ownerOf(id: number): FieldLiterals {
    return this.owners[id]!;
  }

  /** Builds the automata; call once after every rule is compiled. */
  freeze(ruleCount: number, anchors: ReadonlyMap<number, number[]>): void {
    for (const literals of this.fields.values()) literals.build();
    this.hits = new Uint32Array(this.uses.length);
    this.candidates = new Uint32Array(ruleCount);
    this.candidateList = new Int32Array(ruleCount);
    this.anchorOf = new Array<Int32Array | undefined>(this.uses.length);
    for (const [id, rules] of anchors) this.anchorOf[id] = Int32Array.from(rules);
  }

  /** Stamps restart after wrapping around: forget every old hit. */
  clear(): void {
    this.hits.fill(0);
    this.candidates.fill(0);
    for (const literals of this.fields.values()) literals.forget();
  }
}
