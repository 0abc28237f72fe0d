import type { AssetInput, Criticality } from '../api-types.ts';
import type { Core } from '../core/index.ts';

/** The demo hospital's departments; assets and scanned hosts are spread over them. */
export const DEMO_DEPARTMENTS = [
  'Emergency',
  'Intensive Care',
  'Radiology',
  'Cardiology',
  'Oncology',
  'Laboratory',
  'Pharmacy',
  'Maternity',
  'Surgery',
  'Biomedical Engineering',
  'IT',
  'Finance and HR',
  'Facilities',
] as const;

const DOMAIN = 'stbrigid-hospital.example';

interface Kind {
  count: number;
  make: (i: number) => AssetInput;
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const mac = (prefix: string, i: number) =>
  `${prefix}:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`.toUpperCase();

function device(
  label: string,
  count: number,
  opts: {
    vendor: string;
    model: string;
    os: string;
    macPrefix: string;
    subnet: string;
    criticality: Criticality;
    departments: readonly string[];
    type?: 'medical_device' | 'iot_device';
    tags: string[];
  },
): Kind {
  return {
    count,
    make: (i) => ({
      type: opts.type ?? 'medical_device',
      name: `${label}-${String(i + 1).padStart(3, '0')}`,
      ips: [`${opts.subnet}.${10 + i}`],
      macs: [mac(opts.macPrefix, i + 1)],
      hostnames: [`${label.toLowerCase()}-${i + 1}`],
      department: pick(opts.departments, i),
      location: `${pick(['Building A', 'Building B', 'Tower'], i)}, floor ${1 + (i % 5)}`,
      owner: opts.type === 'iot_device' ? 'Facilities' : 'Biomedical Engineering',
      criticality: opts.criticality,
      tags: [...opts.tags, `vendor:${opts.vendor}`, `model:${opts.model}`],
      os: opts.os,
    }),
  };
}

const KINDS: Kind[] = [
  device('PUMP', 30, {
    vendor: 'Infusa',
    model: 'IV-7',
    os: 'VxWorks 6.9',
    macPrefix: '00:1B:9C:10',
    subnet: '10.60.1',
    criticality: 'life_critical',
    departments: ['Intensive Care', 'Emergency', 'Oncology', 'Surgery'],
    tags: ['infusion-pump'],
  }),
  device('MON', 25, {
    vendor: 'Vitalis',
    model: 'PM-500',
    os: 'Embedded Linux 3.10',
    macPrefix: '00:09:FB:20',
    subnet: '10.60.2',
    criticality: 'life_critical',
    departments: ['Intensive Care', 'Emergency', 'Cardiology', 'Maternity'],
    tags: ['patient-monitor'],
  }),
  device('VENT', 8, {
    vendor: 'Aerocare',
    model: 'V60',
    os: 'Windows Embedded 7',
    macPrefix: '00:1E:C0:30',
    subnet: '10.60.3',
    criticality: 'life_critical',
    departments: ['Intensive Care', 'Emergency'],
    tags: ['ventilator'],
  }),
  device('MOD', 10, {
    vendor: 'Radiant',
    model: 'CT-128',
    os: 'Windows 10 IoT Enterprise',
    macPrefix: '00:50:56:40',
    subnet: '10.60.4',
    criticality: 'clinical',
    departments: ['Radiology', 'Cardiology'],
    tags: ['imaging', 'dicom'],
  }),
  device('LAB', 12, {
    vendor: 'Analytix',
    model: 'Chem-9',
    os: 'Windows 7 Embedded',
    macPrefix: '00:0C:29:50',
    subnet: '10.60.5',
    criticality: 'clinical',
    departments: ['Laboratory'],
    tags: ['lab-analyzer', 'hl7'],
  }),
  device('BADGE', 15, {
    vendor: 'Doorwise',
    model: 'BR-2',
    os: 'Embedded Linux 4.4',
    macPrefix: '00:40:8C:60',
    subnet: '10.70.1',
    criticality: 'business',
    departments: ['Facilities'],
    type: 'iot_device',
    tags: ['badge-reader'],
  }),
  device('CAM', 20, {
    vendor: 'Optiview',
    model: 'IPC-3',
    os: 'Embedded Linux 3.18',
    macPrefix: '00:12:12:70',
    subnet: '10.70.2',
    criticality: 'business',
    departments: ['Facilities'],
    type: 'iot_device',
    tags: ['camera'],
  }),
  device('HVAC', 6, {
    vendor: 'Climatrol',
    model: 'BAC-1',
    os: 'BACnet controller',
    macPrefix: '00:20:4A:80',
    subnet: '10.70.3',
    criticality: 'clinical',
    departments: ['Facilities'],
    type: 'iot_device',
    tags: ['building-control', 'bacnet'],
  }),
  {
    count: 60,
    make: (i) => ({
      type: 'host',
      name: `WS-${pick(['ED', 'ICU', 'RAD', 'CAR', 'ONC', 'LAB', 'PHA', 'MAT', 'SUR', 'FIN'], i)}-${String(i + 1).padStart(3, '0')}`,
      ips: [`10.30.${1 + Math.floor(i / 50)}.${10 + (i % 50)}`],
      hostnames: [`ws${i + 1}.${DOMAIN}`],
      department: pick(
        [
          'Emergency',
          'Intensive Care',
          'Radiology',
          'Cardiology',
          'Oncology',
          'Laboratory',
          'Pharmacy',
          'Maternity',
          'Surgery',
          'Finance and HR',
        ],
        i,
      ),
      owner: 'IT',
      criticality: i % 10 === 9 ? 'business' : 'clinical',
      tags: ['workstation'],
      os: pick(['Windows 10 22H2', 'Windows 11 23H2', 'Windows 11 24H2'], i),
    }),
  },
  {
    count: 14,
    make: (i) => {
      const name = pick(
        [
          'ehr-app',
          'ehr-db',
          'pacs',
          'ris',
          'lis',
          'dc01',
          'dc02',
          'mail',
          'backup',
          'fileserver',
          'hl7-engine',
          'citrix',
          'print',
          'wsus',
        ],
        i,
      );
      return {
        type: 'host',
        name: name.toUpperCase(),
        ips: [`10.10.1.${10 + i}`],
        hostnames: [`${name}.${DOMAIN}`],
        fqdn: `${name}.${DOMAIN}`,
        department: 'IT',
        owner: 'IT',
        criticality: ['ehr-app', 'ehr-db', 'pacs', 'dc01', 'dc02', 'hl7-engine'].includes(name)
          ? 'clinical'
          : 'it',
        tags: ['server'],
        os: pick(
          [
            'Windows Server 2019',
            'Windows Server 2022',
            'Ubuntu 22.04',
            'Red Hat Enterprise Linux 8',
          ],
          i,
        ),
      };
    },
  },
  {
    count: 4,
    make: (i) => {
      const fqdn = pick([DOMAIN, `portal.${DOMAIN}`, `mail.${DOMAIN}`, `vpn.${DOMAIN}`], i);
      return {
        type: 'domain',
        name: fqdn,
        fqdn,
        owner: 'IT',
        department: 'IT',
        criticality: 'business',
        tags: ['internet-facing'],
      };
    },
  },
  {
    count: 25,
    make: (i) => {
      const local = pick(
        [
          'ed.triage',
          'icu.charge',
          'radiology',
          'lab.results',
          'pharmacy',
          'billing',
          'hr',
          'ceo',
          'cfo',
          'it.helpdesk',
          'security',
          'payroll',
        ],
        i,
      );
      const email = `${local}${i >= 12 ? i : ''}@${DOMAIN}`;
      return {
        type: 'mailbox',
        name: email,
        email,
        owner: 'IT',
        department: pick(DEMO_DEPARTMENTS, i),
        criticality: 'business',
        tags: ['mailbox'],
      };
    },
  },
  {
    count: 40,
    make: (i) => {
      const user = `${pick(['a', 'b', 'c', 'd', 'e', 'j', 'k', 'm', 'n', 's'], i)}${pick(['smith', 'jones', 'nguyen', 'garcia', 'okafor', 'muller', 'rossi', 'kowalski'], i)}${i}`;
      return {
        type: 'account',
        name: user,
        email: `${user}@${DOMAIN}`,
        department: pick(DEMO_DEPARTMENTS, i),
        criticality: i % 8 === 0 ? 'it' : 'business',
        tags: i % 8 === 0 ? ['privileged'] : ['staff'],
      };
    },
  },
  {
    count: 10,
    make: (i) => ({
      type: 'application',
      name: pick(
        [
          'Electronic health record',
          'PACS',
          'Radiology information system',
          'Laboratory information system',
          'Pharmacy dispensing',
          'Payroll',
          'Patient portal',
          'Nurse call',
          'Bed management',
          'Dictation',
        ],
        i,
      ),
      owner: pick(['Clinical informatics', 'Radiology', 'Laboratory', 'Finance and HR'], i),
      department: pick(['IT', 'Radiology', 'Laboratory', 'Pharmacy', 'Finance and HR'], i),
      criticality: i < 4 ? 'clinical' : 'business',
      tags: ['application'],
    }),
  },
  {
    count: 15,
    make: (i) => {
      const vendor = pick(
        [
          'Infusa Medical',
          'Vitalis Systems',
          'Radiant Imaging',
          'Analytix Diagnostics',
          'Doorwise Security',
          'Climatrol Building',
          'MedRecords Cloud',
          'PayStream Payroll',
          'CleanLinen Services',
          'TeleRad Partners',
          'Optiview Cameras',
          'Aerocare Respiratory',
          'LabCourier Logistics',
          'DictaVoice',
          'HealthNet ISP',
        ],
        i,
      );
      const fqdn = `${vendor.split(' ')[0]!.toLowerCase()}.example`;
      return {
        type: 'vendor',
        name: vendor,
        fqdn,
        owner: 'Procurement',
        department: 'Finance and HR',
        criticality: i < 6 ? 'clinical' : 'business',
        tags: ['supplier'],
      };
    },
  },
];

/** Creates the demo hospital's inventory (about 290 assets of every type). */
export async function seedDemoAssets(core: Core): Promise<number> {
  let n = 0;
  for (const kind of KINDS) {
    for (let i = 0; i < kind.count; i++) {
      await core.createAsset(kind.make(i), 'system');
      n++;
    }
  }
  return n;
}
