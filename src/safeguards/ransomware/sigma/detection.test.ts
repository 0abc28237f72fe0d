import { describe, expect, it } from 'vitest';
import { compileYaml, detects, ruleYaml } from './rule-fixtures.ts';

describe('detection semantics', () => {
  it('ANDs fields of a map and ORs the values of a list', () => {
    const d =
      "sel:\n  Image|endswith: '\\\\cmd.exe'\n  CommandLine|contains: ['whoami', 'net user']\ncondition: sel";
    expect(detects(d, { Image: 'C:\\Windows\\cmd.exe', CommandLine: 'cmd /c whoami' })).toBe(true);
    expect(detects(d, { Image: 'C:\\Windows\\cmd.exe', CommandLine: 'cmd /c NET USER x' })).toBe(
      true,
    );
    expect(detects(d, { Image: 'C:\\Windows\\cmd.exe', CommandLine: 'dir' })).toBe(false);
    expect(detects(d, { Image: 'C:\\x\\pwsh.exe', CommandLine: 'whoami' })).toBe(false);
  });

  it('ORs the maps of a list', () => {
    const d = 'sel:\n  - Image|endswith: a.exe\n  - CommandLine: b\ncondition: sel';
    expect(detects(d, { Image: 'x\\a.exe' })).toBe(true);
    expect(detects(d, { CommandLine: 'B' })).toBe(true);
    expect(detects(d, { CommandLine: 'bb' })).toBe(false);
  });

  it('compares case-insensitively unless cased', () => {
    expect(
      detects('sel:\n  Image: C:\\Temp\\A.EXE\ncondition: sel', { Image: 'c:\\temp\\a.exe' }),
    ).toBe(true);
    expect(
      detects('sel:\n  Image|cased: C:\\Temp\\A.EXE\ncondition: sel', { Image: 'c:\\temp\\a.exe' }),
    ).toBe(false);
    expect(
      detects('sel:\n  Image|cased|contains: Temp\ncondition: sel', { Image: 'c:\\Temp\\a.exe' }),
    ).toBe(true);
  });

  it('matches numbers and numeric strings alike', () => {
    expect(detects('sel:\n  ProcessId: 4688\ncondition: sel', { ProcessId: '4688' })).toBe(true);
    expect(detects("sel:\n  ProcessId: '4688'\ncondition: sel", { ProcessId: 4688 })).toBe(true);
  });

  it('handles wildcards and escapes', () => {
    expect(
      detects("sel:\n  Image: 'C:\\\\*\\\\a?.exe'\ncondition: sel", { Image: 'C:\\dir\\ab.exe' }),
    ).toBe(true);
    expect(
      detects("sel:\n  Image: 'C:\\\\*\\\\a?.exe'\ncondition: sel", { Image: 'C:\\dir\\a.exe' }),
    ).toBe(false);
    expect(
      detects("sel:\n  CommandLine: 'a*b*c'\ncondition: sel", { CommandLine: 'axxbyyc' }),
    ).toBe(true);
    expect(
      detects("sel:\n  CommandLine: 'a*b*c'\ncondition: sel", { CommandLine: 'axxcyyb' }),
    ).toBe(false);
    // \* is a literal star, \\* a backslash followed by a wildcard.
    expect(detects("sel:\n  CommandLine: 'x\\*y'\ncondition: sel", { CommandLine: 'x*y' })).toBe(
      true,
    );
    expect(detects("sel:\n  CommandLine: 'x\\*y'\ncondition: sel", { CommandLine: 'xzy' })).toBe(
      false,
    );
    expect(
      detects("sel:\n  CommandLine: 'x\\\\*'\ncondition: sel", { CommandLine: 'x\\anything' }),
    ).toBe(true);
    expect(
      detects("sel:\n  CommandLine: 'what\\?'\ncondition: sel", { CommandLine: 'what?' }),
    ).toBe(true);
    expect(
      detects("sel:\n  CommandLine: 'what\\?'\ncondition: sel", { CommandLine: 'whatx' }),
    ).toBe(false);
    // A lone backslash before an ordinary character stays literal.
    expect(detects("sel:\n  Image: 'C:\\Windows'\ncondition: sel", { Image: 'c:\\windows' })).toBe(
      true,
    );
  });

  it('searches keywords across all values', () => {
    const d = "keywords:\n  - 'mimikatz'\n  - 'sekurlsa'\ncondition: keywords";
    expect(detects(d, { CommandLine: 'run Invoke-Mimikatz now' })).toBe(true);
    expect(detects(d, { ParentCommandLine: 'x sekurlsa::logonpasswords' })).toBe(true);
    expect(detects(d, { CommandLine: 'notepad' })).toBe(false);
  });

  it('treats null as absent, empty string as empty and exists as presence', () => {
    expect(detects('sel:\n  ParentImage: null\ncondition: sel', {})).toBe(true);
    expect(detects('sel:\n  ParentImage: null\ncondition: sel', { ParentImage: null })).toBe(true);
    expect(detects('sel:\n  ParentImage: null\ncondition: sel', { ParentImage: 'x' })).toBe(false);
    expect(detects("sel:\n  ParentImage: ''\ncondition: sel", { ParentImage: '' })).toBe(true);
    expect(detects("sel:\n  ParentImage: ''\ncondition: sel", {})).toBe(false);
    expect(detects("sel:\n  ParentImage: ''\ncondition: sel", { ParentImage: 'x' })).toBe(false);
    expect(detects('sel:\n  Hashes|exists: true\ncondition: sel', { Hashes: '' })).toBe(true);
    expect(detects('sel:\n  Hashes|exists: true\ncondition: sel', {})).toBe(false);
    expect(detects('sel:\n  Hashes|exists: false\ncondition: sel', {})).toBe(true);
  });

  it('matches any element of an array-valued field', () => {
    expect(
      detects('sel:\n  Data|contains: evil\ncondition: sel', { Data: ['good', 'so evil'] }),
    ).toBe(true);
    expect(detects('sel:\n  Data: bad\ncondition: sel', { Data: ['good', 'fine'] })).toBe(false);
  });

  it('follows a dotted path into a nested value', () => {
    const event = { process: { name: 'evil.exe' } } as unknown as Record<string, string>;
    expect(detects('sel:\n  process.name: evil.exe\ncondition: sel', event)).toBe(true);
  });
});

describe('modifiers', () => {
  it('startswith, endswith, contains', () => {
    expect(
      detects('sel:\n  Image|startswith: C:\\Users\ncondition: sel', { Image: 'c:\\users\\x.exe' }),
    ).toBe(true);
    expect(
      detects('sel:\n  Image|startswith: C:\\Users\ncondition: sel', { Image: 'd:\\c:\\users' }),
    ).toBe(false);
    expect(detects('sel:\n  Image|endswith: .exe\ncondition: sel', { Image: 'a.EXE' })).toBe(true);
    expect(detects('sel:\n  Image|endswith: .exe\ncondition: sel', { Image: 'a.exe.txt' })).toBe(
      false,
    );
  });

  it('all requires every value', () => {
    const d = 'sel:\n  CommandLine|contains|all: [delete, shadows]\ncondition: sel';
    expect(detects(d, { CommandLine: 'vssadmin Delete Shadows /all' })).toBe(true);
    expect(detects(d, { CommandLine: 'vssadmin delete catalog' })).toBe(false);
  });

  it('neq negates a value list', () => {
    const d = 'sel:\n  User|neq: [SYSTEM, LOCAL SERVICE]\ncondition: sel';
    expect(detects(d, { User: 'bob' })).toBe(true);
    expect(detects(d, { User: 'system' })).toBe(false);
    expect(detects('sel:\n  ProcessId|neq: 4\ncondition: sel', { ProcessId: 4 })).toBe(false);
    expect(detects('sel:\n  ProcessId|neq: 4\ncondition: sel', { ProcessId: 5 })).toBe(true);
  });

  it('windash permutes every dash character', () => {
    const d = 'sel:\n  CommandLine|windash|contains: " -enc "\ncondition: sel';
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) {
      expect(detects(d, { CommandLine: `powershell ${dash}enc AAAA` })).toBe(true);
    }
    expect(detects(d, { CommandLine: 'powershell +enc AAAA' })).toBe(false);
    const two = 'sel:\n  CommandLine|windash|contains: "-a -b"\ncondition: sel';
    expect(detects(two, { CommandLine: 'x /a \u2014b' })).toBe(true);
    expect(detects(two, { CommandLine: 'x \u2015a /b' })).toBe(true);
  });

  it('re with flags, case-sensitive by default', () => {
    expect(
      detects("sel:\n  CommandLine|re: 'Invoke-[A-Z]\\w+'\ncondition: sel", {
        CommandLine: 'x Invoke-Mimikatz',
      }),
    ).toBe(true);
    expect(
      detects("sel:\n  CommandLine|re: 'Invoke-[A-Z]\\w+'\ncondition: sel", {
        CommandLine: 'x invoke-mimikatz',
      }),
    ).toBe(false);
    expect(
      detects("sel:\n  CommandLine|re|i: 'invoke-[a-z]+'\ncondition: sel", {
        CommandLine: 'x INVOKE-X',
      }),
    ).toBe(true);
    expect(
      detects("sel:\n  CommandLine|re: '(?i)invoke'\ncondition: sel", { CommandLine: 'INVOKE' }),
    ).toBe(true);
    expect(
      detects("sel:\n  CommandLine|re|m: '^b$'\ncondition: sel", { CommandLine: 'a\nb\nc' }),
    ).toBe(true);
    expect(
      detects("sel:\n  CommandLine|re: '^b$'\ncondition: sel", { CommandLine: 'a\nb\nc' }),
    ).toBe(false);
    expect(
      detects("sel:\n  CommandLine|re|s: 'a.b'\ncondition: sel", { CommandLine: 'a\nb' }),
    ).toBe(true);
    expect(detects("sel:\n  CommandLine|re: 'a.b'\ncondition: sel", { CommandLine: 'a\nb' })).toBe(
      false,
    );
  });

  it('base64 and base64offset at all three offsets', () => {
    const plain = Buffer.from('http://').toString('base64');
    expect(
      detects("sel:\n  CommandLine|base64: 'http://'\ncondition: sel", { CommandLine: plain }),
    ).toBe(true);
    const d = "sel:\n  CommandLine|base64offset|contains: 'IEX (New-Object'\ncondition: sel";
    for (const prefix of ['', 'a', 'ab', 'abc', 'abcd']) {
      const encoded = Buffer.from(`${prefix}IEX (New-Object Net.WebClient)`).toString('base64');
      expect(detects(d, { CommandLine: `powershell -e ${encoded}` })).toBe(true);
    }
    const other = Buffer.from('xx Get-Process yy').toString('base64');
    expect(detects(d, { CommandLine: other })).toBe(false);
  });

  it('utf16 encodings before base64', () => {
    const payload = 'Invoke-Expression';
    const le = Buffer.from(`zz${payload}`, 'utf16le').toString('base64');
    expect(
      detects(`sel:\n  CommandLine|wide|base64offset|contains: '${payload}'\ncondition: sel`, {
        CommandLine: le,
      }),
    ).toBe(true);
    expect(
      detects(`sel:\n  CommandLine|utf16le|base64offset|contains: '${payload}'\ncondition: sel`, {
        CommandLine: le,
      }),
    ).toBe(true);
    const leBytes = Buffer.from(payload, 'utf16le');
    const be = Buffer.from(leBytes).swap16().toString('base64');
    expect(
      detects(`sel:\n  CommandLine|utf16be|base64: '${payload}'\ncondition: sel`, {
        CommandLine: be,
      }),
    ).toBe(true);
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), leBytes]).toString('base64');
    expect(
      detects(`sel:\n  CommandLine|utf16|base64: '${payload}'\ncondition: sel`, {
        CommandLine: bom,
      }),
    ).toBe(true);
    expect(
      detects(`sel:\n  CommandLine|utf16|base64: '${payload}'\ncondition: sel`, {
        CommandLine: be,
      }),
    ).toBe(false);
  });

  it('numeric comparisons', () => {
    expect(detects('sel:\n  LogonType|gte: 10\ncondition: sel', { LogonType: '10' })).toBe(true);
    expect(detects('sel:\n  LogonType|gt: 10\ncondition: sel', { LogonType: 10 })).toBe(false);
    expect(detects('sel:\n  LogonType|lt: 3\ncondition: sel', { LogonType: 2 })).toBe(true);
    expect(detects('sel:\n  LogonType|lte: 3\ncondition: sel', { LogonType: 4 })).toBe(false);
    expect(detects('sel:\n  LogonType|lt: 3\ncondition: sel', { LogonType: 'abc' })).toBe(false);
  });

  it('time parts of the field value, else of TimeCreated', () => {
    const t = '2024-03-10T23:45:12.000Z';
    expect(detects('sel:\n  TimeCreated|hour: 23\ncondition: sel', { TimeCreated: t })).toBe(true);
    expect(detects('sel:\n  TimeCreated|minute: 45\ncondition: sel', { TimeCreated: t })).toBe(
      true,
    );
    expect(detects('sel:\n  TimeCreated|day: 10\ncondition: sel', { TimeCreated: t })).toBe(true);
    expect(detects('sel:\n  TimeCreated|month: 3\ncondition: sel', { TimeCreated: t })).toBe(true);
    expect(detects('sel:\n  TimeCreated|year: 2024\ncondition: sel', { TimeCreated: t })).toBe(
      true,
    );
    expect(detects('sel:\n  TimeCreated|week: 10\ncondition: sel', { TimeCreated: t })).toBe(true);
    expect(
      detects('sel:\n  TimeCreated|hour|gte: 22\ncondition: sel', {
        TimeCreated: '2024-03-10T08:00:00Z',
      }),
    ).toBe(false);
    expect(detects('sel:\n  UtcTime|hour: 23\ncondition: sel', { TimeCreated: t })).toBe(true);
    expect(
      detects('sel:\n  UtcTime|hour: 23\ncondition: sel', {
        UtcTime: '2024-03-10 01:00:00.000',
        TimeCreated: t,
      }),
    ).toBe(false);
  });

  it('cidr for IPv4 and IPv6', () => {
    const d = "sel:\n  DestinationIp|cidr: ['10.0.0.0/8', 'fe80::/10']\ncondition: sel";
    expect(detects(d, { DestinationIp: '10.1.2.3' })).toBe(true);
    expect(detects(d, { DestinationIp: '11.1.2.3' })).toBe(false);
    expect(detects(d, { DestinationIp: 'fe80::1' })).toBe(true);
    expect(detects(d, { DestinationIp: '2001:db8::1' })).toBe(false);
    expect(detects(d, { DestinationIp: '::ffff:10.9.9.9' })).toBe(true);
    expect(detects(d, { DestinationIp: 'not-an-ip' })).toBe(false);
  });

  it('fieldref compares two fields, with neq', () => {
    expect(
      detects('sel:\n  Image|fieldref: ParentImage\ncondition: sel', {
        Image: 'A.exe',
        ParentImage: 'a.exe',
      }),
    ).toBe(true);
    expect(
      detects('sel:\n  Image|fieldref: ParentImage\ncondition: sel', {
        Image: 'a.exe',
        ParentImage: 'b.exe',
      }),
    ).toBe(false);
    expect(
      detects('sel:\n  Image|fieldref|neq: ParentImage\ncondition: sel', {
        Image: 'a.exe',
        ParentImage: 'b.exe',
      }),
    ).toBe(true);
    expect(
      detects('sel:\n  Image|fieldref|neq: ParentImage\ncondition: sel', {
        Image: 'a.exe',
        ParentImage: 'A.EXE',
      }),
    ).toBe(false);
  });

  it('expand resolves placeholders and rejects unresolved ones', () => {
    const d = "sel:\n  Computer|expand: '%DomainControllers%'\ncondition: sel";
    expect(detects(d, { Computer: 'DC02' }, { DomainControllers: ['DC01', 'DC02'] })).toBe(true);
    expect(detects(d, { Computer: 'WS01' }, { DomainControllers: ['DC01', 'DC02'] })).toBe(false);
    const { messages } = compileYaml(ruleYaml(d));
    expect(messages.join()).toMatch(/placeholder %DomainControllers% has no configured values/);
    // Without |expand a %name% is literal text.
    expect(detects("sel:\n  Computer: '%x%'\ncondition: sel", { Computer: '%X%' })).toBe(true);
  });
});
