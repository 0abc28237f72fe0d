// Clinical plugins of the generators' Nessus catalog: the medical protocols (DICOM, HL7 MLLP)
// and the embedded network stacks and web interfaces of devices (VxWorks IPnet, Treck) that a
// hospital scan runs into.
import { CVSS2, CVSS3, hostLabel, nessusDate } from './scan-nessus-plugin.ts';
import type { NessusPlugin } from './scan-nessus-plugin.ts';

const URGENT11 = [
  'CVE-2019-12255',
  'CVE-2019-12256',
  'CVE-2019-12257',
  'CVE-2019-12258',
  'CVE-2019-12259',
  'CVE-2019-12260',
];
const URGENT11_MORE = [
  'CVE-2019-12261',
  'CVE-2019-12262',
  'CVE-2019-12263',
  'CVE-2019-12264',
  'CVE-2019-12265',
];

export const CLINICAL_PLUGINS: readonly NessusPlugin[] = [
  {
    id: 117592,
    name: 'DICOM Server Detection',
    family: 'Service detection',
    severity: 0,
    synopsis: 'A DICOM server is listening on the remote host.',
    description:
      'The remote service speaks DICOM (Digital Imaging and Communications in Medicine), the protocol imaging modalities, PACS and viewers use to exchange images and worklists.',
    solution: 'n/a',
    seeAlso: ['https://www.dicomstandard.org/'],
    on: ['dicom'],
    output: ({ host }) =>
      `The remote DICOM server accepted an A-ASSOCIATE request.\n\n  Called AE title : ${host.profile.names[0]?.toUpperCase().replace(/-/g, '_')}\n  Implementation version : OFFIS_DCMTK_366`,
  },
  {
    id: 117594,
    name: 'DICOM Server Accepts Associations From Any AE Title',
    family: 'Misc.',
    severity: 2,
    cvss3: [5.3, CVSS3.medium53],
    cwes: [306],
    synopsis: 'The remote DICOM server does not check the calling application entity title.',
    description:
      'The DICOM server accepted an association with an arbitrary calling AE title and answered a C-ECHO and a C-FIND query. Anyone on the network can query or retrieve studies, which may expose protected health information.',
    solution:
      'Restrict associations to known AE titles and source addresses, and enable DICOM TLS where the device supports it.',
    on: ['dicom'],
    output: () =>
      'Calling AE title : NESSUS_TEST\nC-ECHO : success\nC-FIND (STUDY root) : 12 matches returned',
  },
  {
    id: 118232,
    name: 'HL7 MLLP Service Detection',
    family: 'Service detection',
    severity: 0,
    synopsis: 'An HL7 interface is listening on the remote host.',
    description:
      'The remote service accepts HL7 v2 messages framed with the Minimal Lower Layer Protocol (MLLP), used by interface engines, laboratory and ADT systems.',
    solution: 'n/a',
    on: ['hl7'],
    output: () =>
      'Nessus sent an HL7 v2.5 ACK probe and received:\n\nMSH|^~\\&|LIS|HOSP|NESSUS|SCAN|20260112210007||ACK|1|P|2.5\nMSA|AA|1',
  },
  {
    id: 118233,
    name: 'HL7 MLLP Service Accepts Unauthenticated Cleartext Messages',
    family: 'Misc.',
    severity: 2,
    cvss3: [6.5, CVSS3.medium65],
    cwes: [319, 306],
    synopsis: 'The remote HL7 interface accepts messages without authentication or encryption.',
    description:
      'The HL7 MLLP listener acknowledged a message from an unknown sender over cleartext TCP. An attacker on the network can read patient data in transit or inject orders and results.',
    solution: 'Accept HL7 messages only from known peers, and carry MLLP over TLS or a VPN.',
    on: ['hl7'],
  },
  {
    id: 127905,
    name: 'Wind River VxWorks IPnet TCP/IP Stack Multiple Vulnerabilities (URGENT/11)',
    family: 'Misc.',
    severity: 4,
    cvss3: [9.8, CVSS3.critical98],
    cvss2: [10, CVSS2.complete],
    cves: [...URGENT11, ...URGENT11_MORE],
    cwes: [787],
    synopsis:
      'The remote device runs a VxWorks network stack affected by multiple remote code execution vulnerabilities.',
    description:
      'The remote VxWorks host uses the IPnet TCP/IP stack and is affected by the URGENT/11 vulnerabilities, including stack overflows in IP options handling and TCP urgent pointer processing that allow remote code execution without authentication.',
    solution:
      "Apply the device manufacturer's firmware update. Where none exists, isolate the device on a segmented clinical VLAN.",
    seeAlso: [
      'https://www.windriver.com/security/announcements/tcp-ip-network-stack-ipnet-urgent11',
    ],
    on: 'host',
    hostProtocol: 'tcp',
    hosts: ['rtos'],
    output: ({ host }) =>
      `The remote host responded to a malformed TCP urgent pointer probe in a way specific to IPnet.\nOperating system : ${host.profile.os}`,
  },
  {
    id: 137702,
    name: 'Treck TCP/IP Stack Multiple Vulnerabilities (Ripple20)',
    family: 'Misc.',
    severity: 4,
    cvss3: [10, CVSS3.critical10],
    cves: ['CVE-2020-11896', 'CVE-2020-11897', 'CVE-2020-11898', 'CVE-2020-11901'],
    cwes: [20, 787],
    synopsis: 'The remote device uses a Treck TCP/IP stack affected by multiple vulnerabilities.',
    description:
      'The remote host answered ICMP and DNS probes in a way that identifies the Treck embedded TCP/IP library. Versions before 6.0.1.66 are affected by the Ripple20 vulnerabilities, including remote code execution through malformed IPv4 tunnelling packets.',
    solution:
      "Apply the manufacturer's firmware update, or block IP-in-IP tunnelling and source-routed packets at the network edge.",
    on: 'host',
    hostProtocol: 'tcp',
    hosts: ['rtos'],
  },
  {
    id: 173260,
    name: 'Embedded Web Server Default Credentials',
    family: 'Default Unix Accounts',
    severity: 4,
    cvss3: [9.8, CVSS3.critical98],
    cwes: [798, 1392],
    synopsis:
      "The remote web administration interface accepts the manufacturer's default credentials.",
    description:
      "Nessus logged in to the device's web administration interface with a documented factory default account. An attacker can change the device configuration, read stored data or load modified firmware.",
    solution:
      'Change the default password, and restrict access to the management interface to an administration network.',
    on: ['http'],
    ports: [80],
    hosts: ['embedded', 'rtos'],
    output: ({ host }) =>
      `Nessus was able to log in to http://${hostLabel(host)}/login with :\n\n  Username : admin\n  Password : admin\n\nScan date : ${nessusDate(host.startedAt)}`,
  },
];
