import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGSOURCE_MAP } from './logsource-map.ts';
import { compileYaml, ruleYaml, sysmonProcess } from './rule-fixtures.ts';

const PROCESS_RULE = ruleYaml(
  "sel:\n  Image|endswith: '\\vssadmin.exe'\n  ParentImage|endswith: '\\cmd.exe'\ncondition: sel",
);

describe('logsource mapping and index', () => {
  it('maps process_creation to Sysmon 1 and to Security 4688 with renamed fields', () => {
    const { ruleSet } = compileYaml(PROCESS_RULE);
    expect(
      ruleSet.match(sysmonProcess({ Image: 'C:\\W\\vssadmin.exe', ParentImage: 'C:\\W\\cmd.exe' })),
    ).toHaveLength(1);
    const security = {
      Channel: 'Security',
      EventID: 4688,
      NewProcessName: 'C:\\W\\vssadmin.exe',
      ParentProcessName: 'C:\\W\\cmd.exe',
    };
    expect(ruleSet.match(security)).toHaveLength(1);
    expect(ruleSet.match({ ...security, EventID: 4624 })).toHaveLength(0);
    expect(ruleSet.match({ ...security, Channel: 'System' })).toHaveLength(0);
    // Sysmon 1 fields under Security 4688 are not the rule's fields there.
    expect(
      ruleSet.match({
        Channel: 'Security',
        EventID: '4688',
        Image: 'C:\\W\\vssadmin.exe',
        ParentImage: 'C:\\W\\cmd.exe',
      }),
    ).toHaveLength(0);
  });

  it('maps services to channels and compares the channel case-insensitively', () => {
    const text = ruleYaml(
      'sel:\n  EventID: 7045\n  ServiceName: evil\ncondition: sel',
      'logsource:\n  product: windows\n  service: system\n',
    );
    const { ruleSet } = compileYaml(text);
    expect(ruleSet.match({ Channel: 'system', EventID: 7045, ServiceName: 'Evil' })).toHaveLength(
      1,
    );
    expect(ruleSet.match({ Channel: 'Security', EventID: 7045, ServiceName: 'Evil' })).toHaveLength(
      0,
    );
  });

  it('tests a rule with an unmapped logsource against every event, with a warning', () => {
    const text = ruleYaml(
      'sel:\n  Foo: bar\ncondition: sel',
      'logsource:\n  product: windows\n  category: something_new\n',
    );
    const { ruleSet, messages } = compileYaml(text);
    expect(messages).toEqual([]);
    expect(ruleSet.match({ Channel: 'Anything', EventID: 1, Foo: 'bar' })).toHaveLength(1);
    expect(ruleSet.match({ Foo: 'bar' })).toHaveLength(1);
    const strict = compileYaml(text, {
      logsources: { ...DEFAULT_LOGSOURCE_MAP, unmapped: 'no-event' },
    });
    expect(strict.ruleSet.match({ Foo: 'bar' })).toHaveLength(0);
  });

  it('skips rules for products the stream does not carry', () => {
    const text = ruleYaml(
      'sel:\n  Image|endswith: /bash\ncondition: sel',
      'logsource:\n  product: linux\n  category: process_creation\n',
    );
    expect(compileYaml(text).ruleSet.match({ Image: '/bin/bash' })).toHaveLength(0);
    const all = compileYaml(text, { logsources: { ...DEFAULT_LOGSOURCE_MAP, products: null } });
    expect(all.ruleSet.match({ Image: '/bin/bash' })).toHaveLength(1);
  });

  it('returns rule metadata for attribution', () => {
    const text = `title: Shadow copy deletion\nid: 11111111-0000-4000-8000-000000000000\nauthor: Jane Analyst\nlevel: high\nstatus: stable\ntags: [attack.t1490]\nreferences: [https://example.org]\nlogsource: {product: windows, category: process_creation}\ndetection:\n  sel: {CommandLine|contains|all: [delete, shadows]}\n  condition: sel\n`;
    const [info] = compileYaml(text).ruleSet.match(
      sysmonProcess({ CommandLine: 'vssadmin delete shadows /all' }),
    );
    expect(info).toMatchObject({
      title: 'Shadow copy deletion',
      author: 'Jane Analyst',
      level: 'high',
      status: 'stable',
      tags: ['attack.t1490'],
      path: 'test.yml',
      generate: true,
    });
  });

  it('reports rules that do not compile and keeps the others', () => {
    const text = `${PROCESS_RULE}---\n${ruleYaml("sel:\n  CommandLine|re: '(?<!x'\ncondition: sel").replace('0001', '0002')}`;
    const { ruleSet, messages } = compileYaml(text);
    expect(ruleSet.rules).toHaveLength(1);
    expect(messages.join()).toMatch(/regular expression/);
  });
});

describe('global filters', () => {
  it('exclude events from the listed rules', () => {
    const filter = `---\ntitle: Backup server runs vssadmin\nlogsource: {product: windows}\nfilter:\n  rules: [00000000-0000-4000-8000-000000000001]\n  sel:\n    Computer|startswith: BACKUP\n  condition: not sel\n`;
    const { ruleSet } = compileYaml(PROCESS_RULE + filter);
    const event = { Image: 'C:\\W\\vssadmin.exe', ParentImage: 'C:\\W\\cmd.exe' };
    expect(ruleSet.match(sysmonProcess({ ...event, Computer: 'WS01' }))).toHaveLength(1);
    expect(ruleSet.match(sysmonProcess({ ...event, Computer: 'backup01' }))).toHaveLength(0);
  });

  it('without a rule list apply to rules of the same logsource', () => {
    const filter = `---\ntitle: f\nlogsource: {product: windows, category: process_creation}\nfilter:\n  sel: {User: svc_backup}\n  condition: not sel\n`;
    const { ruleSet } = compileYaml(PROCESS_RULE + filter);
    expect(
      ruleSet.match(
        sysmonProcess({ Image: 'x\\vssadmin.exe', ParentImage: 'x\\cmd.exe', User: 'SVC_BACKUP' }),
      ),
    ).toHaveLength(0);
  });
});
