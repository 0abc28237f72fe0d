import { describe, expect, it } from 'vitest';
import { compareAttribute, cpeAttributesMatch, formatCpe, parseCpe } from './cpe.ts';

describe('parseCpe', () => {
  it('parses a CPE 2.3 formatted string, case-insensitively', () => {
    const cpe = parseCpe('cpe:2.3:o:Smiths-Medical:Medfusion_4000_Firmware:1.1:*:*:*:*:*:*:*');
    expect(cpe).toMatchObject({
      part: 'o',
      vendor: 'smiths-medical',
      product: 'medfusion_4000_firmware',
      version: '1.1',
      update: '*',
    });
  });

  it('keeps escapes so literal colons, asterisks and hyphens are not syntax', () => {
    const cpe = parseCpe('cpe:2.3:a:acme:web\\:server:1.0\\*:*:*:*:*:*:*:\\-');
    expect(cpe?.product).toBe('web\\:server');
    expect(cpe?.version).toBe('1.0\\*');
    expect(cpe?.other).toBe('\\-');
    expect(formatCpe(cpe!)).toBe('cpe:2.3:a:acme:web\\:server:1.0\\*:*:*:*:*:*:*:\\-');
  });

  it('drops needless escapes of . - _ (NISTIR 7695 6.2.2.2)', () => {
    expect(parseCpe('cpe:2.3:a:ac\\.me:p\\_x:1\\.0')?.vendor).toBe('ac.me');
  });

  it('defaults omitted trailing components to ANY and formats a short form', () => {
    const cpe = parseCpe('cpe:2.3:h:acme:pump_9000:-')!;
    expect(cpe.version).toBe('-');
    expect(cpe.targetHw).toBe('*');
    expect(formatCpe(cpe, { short: true })).toBe('cpe:2.3:h:acme:pump_9000:-');
  });

  it('accepts the CPE 2.2 URI form, with percent-encoding and a packed edition', () => {
    expect(parseCpe('cpe:/a:vendor:product:version')).toMatchObject({
      part: 'a',
      vendor: 'vendor',
      version: 'version',
      update: '*',
    });
    expect(parseCpe('cpe:/a:acme:tool:1.0%3abeta')?.version).toBe('1.0\\:beta');
    expect(parseCpe('cpe:/a:acme:tool:1.%02')?.version).toBe('1.*');
    expect(parseCpe('cpe:/a:hp:insight:7.4.0.1570:-:~~online~win2003~x64~')).toMatchObject({
      update: '-',
      edition: '*',
      swEdition: 'online',
      targetSw: 'win2003',
      targetHw: 'x64',
    });
  });

  it('rejects non-CPE text and bad parts', () => {
    expect(parseCpe('pkg:npm/left-pad@1.0.0')).toBeNull();
    expect(parseCpe('cpe:2.3:x:acme:thing')).toBeNull();
    expect(parseCpe('cpe:2.3:a')).toBeNull();
  });
});

describe('compareAttribute (NISTIR 7696 Table 6-2)', () => {
  it.each([
    ['*', '*', 'EQUAL'],
    ['*', '-', 'SUPERSET'],
    ['*', '1.0', 'SUPERSET'],
    ['-', '*', 'SUBSET'],
    ['-', '-', 'EQUAL'],
    ['-', '1.0', 'DISJOINT'],
    ['1.0', '*', 'SUBSET'],
    ['1.0', '-', 'DISJOINT'],
    ['1.0', '1.0', 'EQUAL'],
    ['1.0', '1.1', 'DISJOINT'],
    ['1.*', '1.4', 'SUPERSET'],
    ['1.?', '1.4', 'SUPERSET'],
    ['1.?', '1.42', 'DISJOINT'],
    ['*server', 'http_server', 'SUPERSET'],
    ['1.0', '1.*', 'UNDEFINED'],
    ['1.0\\*', '1.0\\*', 'EQUAL'],
    ['1.0\\*', '1.0x', 'DISJOINT'],
  ] as const)('%s vs %s is %s', (source, target, relation) => {
    expect(compareAttribute(source, target)).toBe(relation);
  });

  it('matches a criteria with ANY attributes but rejects a target with ANY vendor or product', () => {
    const criteria = parseCpe('cpe:2.3:a:acme:tool:*')!;
    expect(cpeAttributesMatch(criteria, parseCpe('cpe:2.3:a:acme:tool:2.0:sp1')!)).toBe(true);
    expect(cpeAttributesMatch(criteria, parseCpe('cpe:2.3:a:*:tool:2.0')!)).toBe(false);
    expect(cpeAttributesMatch(criteria, parseCpe('cpe:2.3:o:acme:tool:2.0')!)).toBe(false);
  });
});
