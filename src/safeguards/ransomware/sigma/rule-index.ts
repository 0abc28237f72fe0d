/**
 * Which rules an event meets. Rules are bucketed by (Channel, EventID) from their logsource
 * branches, so an event is only tested against rules written for its channel and ID; within a
 * bucket, the pre-filter (anchors.ts) skips every rule none of whose anchor literals the event
 * contains. A bucket is built on first use and keeps, besides its rules, the fields whose
 * literal scans mark its candidates.
 */
import type { FlatEvent } from '../events/event-types.ts';
import { anyOf } from './compile-detection.ts';
import type { Predicate } from './compile-field.ts';
import type { EventView } from './event-view.ts';
import type { FieldLiterals, LiteralIndex } from './literal-index.ts';
import type { LogsourceBranch } from './logsource-map.ts';

interface Entry {
  rule: number;
  predicate: Predicate;
}

export interface Bucket {
  rules: Int32Array;
  predicates: Predicate[];
  /** Positions of the rules without an anchor, evaluated for every event of the bucket. */
  always: Int32Array;
  /** Rule -> its position in `rules`, or -1; only for anchored rules. */
  anchoredAt: Int32Array;
  /** Fields to scan per event for the anchors of the bucket's other rules. */
  anchorFields: FieldLiterals[];
}

const ANY = '*';

export class RuleIndex {
  private readonly indexed = new Map<string, Entry[]>();
  private readonly unindexed: Entry[] = [];
  private readonly buckets = new Map<string, Map<string, Bucket>>();
  private unindexedBucket: Bucket | null = null;
  /** Per rule: its anchor literal ids, or null when it must always be evaluated. */
  private anchors: ReadonlyArray<readonly number[] | null> = [];
  private literals: LiteralIndex | null = null;
  /** Scratch for the positions evaluated per event. */
  private positions = new Int32Array(0);

  add(branch: LogsourceBranch | null, rule: number, predicate: Predicate): void {
    if (branch === null || branch.channels.length === 0) {
      const guarded = branch === null ? predicate : andPredicate(providerTest(branch), predicate);
      this.unindexed.push({ rule, predicate: guarded });
      return;
    }
    const guarded =
      branch.providers && branch.providers.length > 0
        ? andPredicate(providerTest(branch), predicate)
        : predicate;
    const ids = branch.eventIds && branch.eventIds.length > 0 ? branch.eventIds.map(String) : [ANY];
    for (const channel of branch.channels) {
      for (const id of ids) {
        const key = `${channel.toLowerCase()}\u0000${id}`;
        const list = this.indexed.get(key) ?? [];
        list.push({ rule, predicate: guarded });
        this.indexed.set(key, list);
      }
    }
  }

  /** Turns the pre-filter on: `anchors[rule]` null means the rule has none. */
  setAnchors(anchors: ReadonlyArray<readonly number[] | null>, literals: LiteralIndex): void {
    this.anchors = anchors;
    this.literals = literals;
  }

  bucketFor(event: FlatEvent): Bucket {
    const channelValue = event['Channel'];
    if (typeof channelValue !== 'string') return (this.unindexedBucket ??= this.build([]));
    let byId = this.buckets.get(channelValue);
    if (byId === undefined) {
      byId = new Map();
      this.buckets.set(channelValue, byId);
    }
    const eventIdValue = event['EventID'];
    const id = eventIdValue === undefined || eventIdValue === null ? '' : String(eventIdValue);
    let bucket = byId.get(id);
    if (bucket === undefined) {
      const channel = channelValue.toLowerCase();
      bucket = this.build([
        this.indexed.get(`${channel}\u0000${id}`),
        this.indexed.get(`${channel}\u0000${ANY}`),
      ]);
      byId.set(id, bucket);
    }
    return bucket;
  }

  /** The bucket's matching rules, in rule order. */
  match(bucket: Bucket, view: EventView, out: number[]): void {
    const literals = this.literals;
    const { rules, predicates } = bucket;
    if (literals === null) {
      for (let k = 0; k < rules.length; k++) if (predicates[k]!(view)) out.push(rules[k]!);
      return;
    }
    literals.candidateCount = 0;
    for (const field of bucket.anchorFields) field.scan(view);
    // Positions to evaluate: candidates of this bucket, then the rules without an anchor.
    const positions = this.positions;
    let n = 0;
    const list = literals.candidateList;
    const anchoredAt = bucket.anchoredAt;
    for (let i = 0; i < literals.candidateCount; i++) {
      const k = anchoredAt[list[i]!]!;
      if (k >= 0) positions[n++] = k;
    }
    const always = bucket.always;
    for (let i = 0; i < always.length; i++) positions[n++] = always[i]!;
    sortPrefix(positions, n);
    for (let i = 0; i < n; i++) {
      const k = positions[i]!;
      if (predicates[k]!(view)) out.push(rules[k]!);
    }
  }

  /** One entry per rule, in rule order, with a rule's several branches merged into one. */
  private build(lists: Array<Entry[] | undefined>): Bucket {
    const byRule = new Map<number, Predicate[]>();
    for (const list of [...lists, this.unindexed])
      for (const entry of list ?? []) {
        const existing = byRule.get(entry.rule);
        if (existing) existing.push(entry.predicate);
        else byRule.set(entry.rule, [entry.predicate]);
      }
    const sorted = [...byRule.entries()].sort((a, b) => a[0] - b[0]);
    const fields = new Set<FieldLiterals>();
    const always: number[] = [];
    const anchoredAt = new Int32Array(this.anchors.length).fill(-1);
    sorted.forEach(([rule], k) => {
      const anchor = this.anchors[rule];
      if (anchor === null || anchor === undefined || this.literals === null) always.push(k);
      else {
        anchoredAt[rule] = k;
        for (const id of anchor) fields.add(this.literals.ownerOf(id));
      }
    });
    if (this.positions.length < sorted.length) this.positions = new Int32Array(sorted.length);
    return {
      rules: Int32Array.from(sorted.map(([rule]) => rule)),
      predicates: sorted.map(([, predicates]) => anyOf(predicates)),
      always: Int32Array.from(always),
      anchoredAt,
      anchorFields: [...fields],
    };
  }
}

function andPredicate(a: Predicate, b: Predicate): Predicate {
  return (ev) => a(ev) && b(ev);
}

function providerTest(branch: LogsourceBranch): Predicate {
  const providers = new Set((branch.providers ?? []).map((p) => p.toLowerCase()));
  const ids = new Set((branch.eventIds ?? []).map(String));
  return (ev) => {
    if (providers.size > 0 && !(ev.lower('Provider_Name') ?? []).some((p) => providers.has(p)))
      return false;
    if (ids.size > 0 && !(ev.strings('EventID') ?? []).some((id) => ids.has(id))) return false;
    return true;
  };
}

/** Sorts list[0 .. n) ascending: insertion sort for the usual few dozen, else the native sort. */
function sortPrefix(list: Int32Array, n: number): void {
  if (n > 64) {
    list.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = list[i]!;
    let j = i - 1;
    while (j >= 0 && list[j]! > v) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = v;
  }
}
