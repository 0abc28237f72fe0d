import { describe, expect, it } from 'vitest';
import type { FlatEvent } from '../events/event-types.ts';
import type { CorrelationMatch } from './correlator.ts';
import { compileYaml } from './rule-fixtures.ts';

const SECURITY = 'logsource: {product: windows, service: security}';
const FAILED = `title: Failed logon\nname: failed_logon\n${SECURITY}\ndetection:\n  sel: {EventID: 4625}\n  condition: sel\n`;
const SUCCESS = `---\ntitle: Logon\nname: logon\n${SECURITY}\ndetection:\n  sel: {EventID: 4624}\n  condition: sel\n`;

function correlation(body: string, name = 'corr'): string {
  return `---\ntitle: ${name}\nname: ${name}\ncorrelation:\n${body
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;
}

function at(second: number, eventId: number, fields: FlatEvent = {}): FlatEvent {
  return {
    Channel: 'Security',
    EventID: eventId,
    TimeCreated: new Date(Date.UTC(2024, 0, 1) + second * 1000).toISOString(),
    ...fields,
  };
}

function run(text: string, events: FlatEvent[]): CorrelationMatch[] {
  const { ruleSet, messages } = compileYaml(text);
  expect(messages).toEqual([]);
  const correlator = ruleSet.createCorrelator();
  const out: CorrelationMatch[] = [];
  for (const event of events) out.push(...correlator.push(event, ruleSet.match(event)));
  out.push(...correlator.flush());
  return out;
}

describe('correlations', () => {
  const eventCount =
    FAILED +
    correlation(
      'type: event_count\nrules: [failed_logon]\ngroup-by: [TargetUserName]\ntimespan: 1m\ncondition: {gte: 3}',
    );

  it('event_count fires on a sliding window per group, once per burst', () => {
    const user = (s: number, u: string): FlatEvent => at(s, 4625, { TargetUserName: u });
    const matches = run(eventCount, [
      user(0, 'bob'),
      user(50, 'bob'),
      user(55, 'alice'),
      user(100, 'bob'),
      user(101, 'bob'),
      user(102, 'bob'),
    ]);
    // 0,50,100 do not fit in one minute; 50,100,101 do (sliding, not fixed buckets).
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({
      groupBy: { TargetUserName: 'bob' },
      eventCount: 3,
      value: 3,
      type: 'event_count',
    });
    expect(matches[0]!.firstTime).toBe('2024-01-01T00:00:50.000Z');
    expect(matches[0]!.events).toHaveLength(3);
  });

  it('marks base rules referenced only by a non-generating correlation', () => {
    const { ruleSet } = compileYaml(eventCount);
    expect(ruleSet.rules[0]!.generate).toBe(false);
    const generating = compileYaml(
      eventCount.replace('condition: {gte: 3}', 'condition: {gte: 3}\n  generate: true'),
    );
    expect(generating.ruleSet.rules[0]!.generate).toBe(true);
  });

  it('event_count with an upper bound is decided when the window ends', () => {
    const text =
      FAILED +
      correlation(
        'type: event_count\nrules: [failed_logon]\ngroup-by: [IpAddress]\ntimespan: 1m\ncondition: {gte: 2, lte: 3}',
      );
    const ip = (s: number, a: string): FlatEvent => at(s, 4625, { IpAddress: a });
    const matches = run(text, [
      ip(0, 'a'),
      ip(1, 'a'),
      ip(2, 'b'),
      ip(3, 'b'),
      ip(4, 'b'),
      ip(5, 'b'),
      ip(200, 'c'),
    ]);
    expect(matches.map((m) => m.groupBy['IpAddress'])).toEqual(['a']);
  });

  it('value_count counts distinct values per group', () => {
    const text =
      FAILED +
      correlation(
        'type: value_count\nrules: [failed_logon]\ngroup-by: [IpAddress]\ntimespan: 10m\ncondition: {field: TargetUserName, gte: 3}',
      );
    const e = (s: number, u: string): FlatEvent =>
      at(s, 4625, { IpAddress: '10.0.0.9', TargetUserName: u });
    expect(run(text, [e(0, 'a'), e(1, 'a'), e(2, 'b'), e(3, 'B')])).toHaveLength(0);
    const matches = run(text, [e(0, 'a'), e(1, 'b'), e(2, 'c')]);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.value).toBe(3);
  });

  it('temporal needs every rule within the span, in any order', () => {
    const text =
      FAILED +
      SUCCESS +
      correlation(
        'type: temporal\nrules: [failed_logon, logon]\ngroup-by: [TargetUserName]\ntimespan: 30s',
      );
    const u = { TargetUserName: 'bob' };
    expect(run(text, [at(0, 4624, u), at(10, 4625, u)])).toHaveLength(1);
    expect(run(text, [at(0, 4624, u), at(60, 4625, u)])).toHaveLength(0);
    expect(run(text, [at(0, 4624, u), at(10, 4625, { TargetUserName: 'eve' })])).toHaveLength(0);
  });

  it('temporal_ordered chains a correlation: brute force then success', () => {
    const text =
      FAILED +
      SUCCESS +
      correlation(
        'type: event_count\nrules: [failed_logon]\ngroup-by: [TargetUserName]\ntimespan: 10m\ncondition: {gte: 3}',
        'many_failed',
      ) +
      correlation(
        'type: temporal_ordered\nrules: [many_failed, logon]\ngroup-by: [TargetUserName]\ntimespan: 1h',
        'brute_then_success',
      );
    const u = { TargetUserName: 'admin' };
    const ordered = run(text, [at(0, 4625, u), at(5, 4625, u), at(9, 4625, u), at(60, 4624, u)]);
    expect(ordered.map((m) => m.rule.title)).toEqual(['many_failed', 'brute_then_success']);
    const reversed = run(text, [at(0, 4624, u), at(5, 4625, u), at(6, 4625, u), at(9, 4625, u)]);
    expect(reversed.map((m) => m.rule.title)).toEqual(['many_failed']);
    const tooLate = run(text, [at(0, 4625, u), at(5, 4625, u), at(9, 4625, u), at(7200, 4624, u)]);
    expect(tooLate.map((m) => m.rule.title)).toEqual(['many_failed']);
  });

  it('aliases group events of different rules by differently named fields', () => {
    const conn = `---\ntitle: Conn\nname: conn\n${SECURITY}\ndetection:\n  sel: {EventID: 5156}\n  condition: sel\n`;
    const text =
      FAILED +
      conn +
      correlation(
        'type: temporal\nrules: [failed_logon, conn]\ngroup-by: [ip]\ntimespan: 1m\naliases:\n  ip:\n    failed_logon: IpAddress\n    conn: DestAddress',
      );
    expect(
      run(text, [at(0, 4625, { IpAddress: '10.1.1.1' }), at(5, 5156, { DestAddress: '10.1.1.1' })]),
    ).toHaveLength(1);
    expect(
      run(text, [at(0, 4625, { IpAddress: '10.1.1.1' }), at(5, 5156, { DestAddress: '10.9.9.9' })]),
    ).toHaveLength(0);
  });

  it('value_sum and value_avg over a numeric field', () => {
    const sum =
      FAILED +
      correlation(
        'type: value_sum\nrules: [failed_logon]\ngroup-by: [Computer]\ntimespan: 1m\ncondition: {field: Bytes, gt: 100}',
      );
    const e = (s: number, b: number): FlatEvent => at(s, 4625, { Computer: 'fs1', Bytes: b });
    expect(run(sum, [e(0, 40), e(1, 40)])).toHaveLength(0);
    expect(run(sum, [e(0, 40), e(1, 40), e(2, '30' as unknown as number)])[0]!.value).toBe(110);
    const avg = sum.replace('value_sum', 'value_avg').replace('gt: 100', 'gte: 50');
    expect(run(avg, [e(0, 10), e(1, 90)])[0]!.value).toBe(50);
  });

  it('value_percentile flags a rare value in the window', () => {
    const text =
      FAILED +
      correlation(
        'type: value_percentile\nrules: [failed_logon]\ngroup-by: [Computer]\ntimespan: 1h\ncondition: {field: Image, lte: 10}',
      );
    const e = (s: number, image: string): FlatEvent =>
      at(s, 4625, { Computer: 'ws', Image: image });
    const events = [...Array.from({ length: 19 }, (_, i) => e(i, 'common.exe')), e(30, 'rare.exe')];
    const matches = run(text, events);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.events.map((e) => e['Image'])).toEqual(['rare.exe']);
    expect(matches[0]!.value).toBe(5);
  });

  it('rejects correlations that reference unknown rules or form a cycle', () => {
    const unknown = compileYaml(
      FAILED +
        correlation(
          'type: event_count\nrules: [nope]\ngroup-by: [x]\ntimespan: 1m\ncondition: {gte: 1}',
        ),
    );
    expect(unknown.messages.join()).toMatch(/unknown rule 'nope'/);
    const cycle = compileYaml(
      correlation(
        'type: event_count\nrules: [b]\ngroup-by: [x]\ntimespan: 1m\ncondition: {gte: 1}',
        'a',
      ) +
        correlation(
          'type: event_count\nrules: [a]\ngroup-by: [x]\ntimespan: 1m\ncondition: {gte: 1}',
          'b',
        ),
    );
    expect(cycle.messages.join()).toMatch(/cycle/);
  });

  it('keeps memory bounded: groups past the timespan are evicted', () => {
    const text =
      FAILED +
      correlation(
        'type: event_count\nrules: [failed_logon]\ngroup-by: [TargetUserName]\ntimespan: 1m\ncondition: {gte: 1000}',
      );
    const { ruleSet } = compileYaml(text);
    const correlator = ruleSet.createCorrelator();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 50_000; i++) {
      const event = at(i, 4625, { TargetUserName: `user${i}` });
      correlator.push(event, ruleSet.match(event));
    }
    const grown = process.memoryUsage().heapUsed - before;
    expect(grown).toBeLessThan(40 * 2 ** 20);
  });
});
