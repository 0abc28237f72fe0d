import { describe, expect, it } from 'vitest';
import { cpeName, cpeVendor, deriveCpes } from './cpe-candidates.ts';

describe('CPE candidates', () => {
  it('normalises vendor and product names to CPE style', () => {
    expect(cpeVendor('Acme Medical, Inc.')).toBe('acme_medical');
    expect(cpeVendor('GE Healthcare')).toBe('ge_healthcare');
    expect(cpeName('Infusion Pump 9000')).toBe('infusion_pump_9000');
    expect(cpeName('Médi-Flow  X/2')).toBe('medi_flow_x_2');
  });

  it('derives a hardware and a firmware candidate', () => {
    expect(
      deriveCpes({ manufacturer: 'Acme Medical', model: 'Infusion Pump 9000', version: '2.1.0' }),
    ).toEqual([
      'cpe:2.3:h:acme_medical:infusion_pump_9000:-:*:*:*:*:*:*:*',
      'cpe:2.3:o:acme_medical:infusion_pump_9000_firmware:2.1.0:*:*:*:*:*:*:*',
    ]);
  });

  it('makes no firmware candidate without a version, and none without vendor or model', () => {
    expect(deriveCpes({ manufacturer: 'Acme', model: 'X1', version: null })).toEqual([
      'cpe:2.3:h:acme:x1:-:*:*:*:*:*:*:*',
    ]);
    expect(deriveCpes({ manufacturer: null, model: 'X1', version: '1' })).toEqual([]);
  });

  it('also spells names with their hyphens kept, as NVD often does', () => {
    expect(deriveCpes({ manufacturer: 'Smiths-Medical', model: 'PM-400', version: '3.2' })).toEqual(
      [
        'cpe:2.3:h:smiths_medical:pm_400:-:*:*:*:*:*:*:*',
        'cpe:2.3:h:smiths_medical:pm-400:-:*:*:*:*:*:*:*',
        'cpe:2.3:h:smiths-medical:pm_400:-:*:*:*:*:*:*:*',
        'cpe:2.3:h:smiths-medical:pm-400:-:*:*:*:*:*:*:*',
        'cpe:2.3:o:smiths_medical:pm_400_firmware:3.2:*:*:*:*:*:*:*',
        'cpe:2.3:o:smiths_medical:pm-400_firmware:3.2:*:*:*:*:*:*:*',
        'cpe:2.3:o:smiths-medical:pm_400_firmware:3.2:*:*:*:*:*:*:*',
        'cpe:2.3:o:smiths-medical:pm-400_firmware:3.2:*:*:*:*:*:*:*',
      ],
    );
  });

  it('quotes CPE special characters in versions', () => {
    expect(deriveCpes({ manufacturer: 'A', model: 'B', version: '1.0 (build 7)' })[1]).toBe(
      'cpe:2.3:o:a:b_firmware:1.0_\\(build_7\\):*:*:*:*:*:*:*',
    );
  });
});
