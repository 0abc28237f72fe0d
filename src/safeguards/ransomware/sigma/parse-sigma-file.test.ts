import { describe, expect, it } from 'vitest';
import { parseSigmaFile } from './parse-sigma-file.ts';
import { ruleYaml } from './rule-fixtures.ts';

const errorsOf = (text: string) => parseSigmaFile(text, 'rules/x.yml').errors;

describe('parseSigmaFile', () => {
  it('reads rules, correlations and filters from one multi-document file', () => {
    const text = `${ruleYaml('sel:\n  Image: a\ncondition: sel')}---
title: Many
correlation:
  type: event_count
  rules: [00000000-0000-4000-8000-000000000001]
  group-by: [Computer]
  timespan: 5m
  condition: { gte: 3 }
---
title: Site filter
logsource: { product: windows }
filter:
  rules: [00000000-0000-4000-8000-000000000001]
  sel:
    Computer: DC01
  condition: not sel
`;
    const { documents, errors } = parseSigmaFile(text, 'x.yml');
    expect(errors).toEqual([]);
    expect(documents.map((d) => d.kind)).toEqual(['rule', 'correlation', 'filter']);
  });

  it('reports malformed YAML with file and line', () => {
    const errors = errorsOf(
      'title: x\nlogsource:\n  product: windows\ndetection:\n  sel: [a, b\n  condition: sel\n',
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.path).toBe('rules/x.yml');
    expect(errors[0]!.line).toBeGreaterThanOrEqual(5);
    expect(errors[0]!.message).toMatch(/^YAML/);
  });

  it('reports an unknown modifier at its line', () => {
    const errors = errorsOf(
      ruleYaml('sel:\n  Image|endswith: a\n  CommandLine|containz: b\ncondition: sel'),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      line: 9,
      title: 'Test rule',
      ruleId: '00000000-0000-4000-8000-000000000001',
      severity: 'error',
    });
    expect(errors[0]!.message).toMatch(/unknown modifier 'containz'/);
  });

  it('reports missing required keys', () => {
    expect(
      errorsOf('logsource: {product: windows}\ndetection: {sel: {a: 1}, condition: sel}\n')[0]!
        .message,
    ).toMatch(/no title/);
    expect(errorsOf('title: t\ndetection: {sel: {a: 1}, condition: sel}\n')[0]!.message).toMatch(
      /no logsource/,
    );
    expect(errorsOf('title: t\nlogsource: {product: windows}\n')[0]!.message).toMatch(
      /no detection/,
    );
    expect(errorsOf(ruleYaml('sel:\n  Image: a'))[0]!.message).toMatch(/no condition/);
  });

  it('rejects null in a value list, all on one value, bad and undefined conditions', () => {
    expect(errorsOf(ruleYaml('sel:\n  Image: [a, null]\ncondition: sel'))[0]!.message).toMatch(
      /null is not allowed/,
    );
    expect(errorsOf(ruleYaml('sel:\n  Image|contains|all: a\ncondition: sel'))[0]!.message).toMatch(
      /'all' needs a list/,
    );
    expect(errorsOf(ruleYaml('sel:\n  Image: a\ncondition: sel and'))[0]!.message).toMatch(
      /condition 'sel and'/,
    );
    expect(errorsOf(ruleYaml('sel:\n  Image: a\ncondition: sel or other'))[0]!.message).toMatch(
      /undefined search identifier 'other'/,
    );
    expect(errorsOf(ruleYaml('sel:\n  Image: a\ncondition: 1 of filter_*'))[0]!.message).toMatch(
      /matches no search identifier/,
    );
    expect(
      errorsOf(ruleYaml('sel:\n  Image: a\ncondition: sel | count() > 5'))[0]!.message,
    ).toMatch(/correlation rule instead/);
  });

  it('keeps good documents when another document in the file is broken', () => {
    const text = `${ruleYaml('sel:\n  Image: a\ncondition: sel')}---\ntitle: broken\n`;
    const { documents, errors } = parseSigmaFile(text, 'x.yml');
    expect(documents).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });

  it('validates correlation sections', () => {
    const base = 'title: c\ncorrelation:\n  type: event_count\n  rules: [a]\n  group-by: [x]\n';
    expect(errorsOf(`${base}  timespan: 5 minutes\n  condition: {gte: 2}\n`)[0]!.message).toMatch(
      /timespan/,
    );
    expect(errorsOf(`${base}  timespan: 5m\n`)[0]!.message).toMatch(/needs a condition/);
    expect(
      errorsOf(
        base.replace('event_count', 'value_count') + '  timespan: 5m\n  condition: {gte: 2}\n',
      )[0]!.message,
    ).toMatch(/condition.field/);
    expect(errorsOf(base.replace('event_count', 'bogus') + '  timespan: 5m\n')[0]!.message).toMatch(
      /correlation type/,
    );
  });
});
