// Network-service plugins of the generators' Nessus catalog: TLS, SSH, web servers and
// applications, and the cleartext management protocols (Telnet, FTP, SNMP, VNC, IPMI, NTP).
import { CVSS2, CVSS3, hostLabel, nessusDate } from './scan-nessus-plugin.ts';
import type { NessusPlugin, PluginContext } from './scan-nessus-plugin.ts';

const DAY = 86_400_000;
const certSubject = ({ host }: PluginContext): string => `CN=${hostLabel(host)}`;
const software = ({ port }: PluginContext): string =>
  [port?.nmap.product, port?.nmap.version].filter(Boolean).join(' ');

/** TLS findings common to every TLS port. */
const TLS: readonly NessusPlugin[] = [
  {
    id: 15901,
    name: 'SSL Certificate Expiry',
    family: 'General',
    severity: 2,
    cvss3: [5.3, CVSS3.medium53],
    cvss2: [5, CVSS2.partialConf],
    synopsis: "The remote server's SSL certificate has already expired.",
    description:
      'This plugin checks expiry dates of certificates associated with SSL- enabled services on the target and reports whether any have already expired. Clients will warn on, or refuse, the connection.',
    solution: 'Purchase or generate a new SSL certificate to replace the existing one.',
    on: ['tls'],
    output: (ctx) => {
      const after = new Date(
        ctx.host.startedAt.getTime() - Math.floor(30 + ctx.random() * 600) * DAY,
      );
      const before = new Date(after.getTime() - 730 * DAY);
      return `The SSL certificate has already expired :\n\n  Subject          : ${certSubject(ctx)}\n  Issuer           : CN=Northfield Issuing CA 01\n  Not valid before : ${nessusDate(before)} GMT\n  Not valid after  : ${nessusDate(after)} GMT`;
    },
  },
  {
    id: 51192,
    name: 'SSL Certificate Cannot Be Trusted',
    family: 'General',
    severity: 2,
    cvss3: [6.5, CVSS3.medium65],
    synopsis: 'The SSL certificate for this service cannot be trusted.',
    description:
      "The server's X.509 certificate cannot be trusted: its chain does not end in a known public certificate authority, or a certificate in the chain has expired or has an invalid signature. This undermines the purpose of TLS and allows man-in-the-middle attacks.",
    solution: 'Purchase or generate a proper SSL certificate for this service.',
    seeAlso: ['https://www.itu.int/rec/T-REC-X.509/en'],
    on: ['tls'],
    output: (ctx) =>
      `The following certificate was at the top of the certificate chain sent by the remote host, but it is signed by an unknown certificate authority :\n\n|-Subject : ${certSubject(ctx)}\n|-Issuer  : CN=Northfield Issuing CA 01`,
  },
  {
    id: 57582,
    name: 'SSL Self-Signed Certificate',
    family: 'General',
    severity: 2,
    cvss3: [6.5, CVSS3.medium65],
    cvss2: [6.4, 'CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:N'],
    synopsis:
      'The SSL certificate chain for this service ends in an unrecognized self-signed certificate.',
    description:
      'The X.509 certificate chain for this service is not signed by a recognized certificate authority. Device web interfaces often ship with such a certificate, which lets anyone on the path impersonate the device.',
    solution: 'Purchase or generate a proper SSL certificate for this service.',
    on: ['tls'],
    hosts: ['embedded', 'rtos', 'network', 'legacy-win'],
    output: (ctx) =>
      `The following certificate was found at the top of the certificate chain sent by the remote host, but is self-signed and was not found in the list of known certificate authorities :\n\n|-Subject : ${certSubject(ctx)}`,
  },
  {
    id: 104743,
    name: 'TLS Version 1.0 Protocol Detection',
    family: 'Service detection',
    severity: 2,
    cvss3: [6.5, CVSS3.medium65],
    cvss2: [6.1, 'CVSS2#AV:N/AC:H/Au:N/C:C/I:P/A:N'],
    cwes: [327],
    synopsis: 'The remote service encrypts traffic using an older version of TLS.',
    description:
      'The remote service accepts connections encrypted using TLS 1.0, which has cryptographic design flaws. PCI DSS v3.2 and RFC 8996 require disabling it.',
    solution: 'Enable support for TLS 1.2 and 1.3, and disable support for TLS 1.0.',
    seeAlso: ['https://www.rfc-editor.org/rfc/rfc8996'],
    on: ['tls'],
    output: () => 'TLSv1 is enabled and the server supports at least one cipher.',
  },
  {
    id: 157288,
    name: 'TLS Version 1.1 Deprecated Protocol',
    family: 'Service detection',
    severity: 2,
    cvss3: [6.5, CVSS3.medium65],
    cwes: [327],
    synopsis: 'The remote service encrypts traffic using an older version of TLS.',
    description:
      'The remote service accepts connections encrypted using TLS 1.1, which lacks support for current cipher suites. RFC 8996 deprecates it.',
    solution: 'Enable support for TLS 1.2 and/or 1.3, and disable support for TLS 1.1.',
    seeAlso: ['https://www.rfc-editor.org/rfc/rfc8996'],
    on: ['tls'],
    output: () => 'TLSv1.1 is enabled and the server supports at least one cipher.',
  },
  {
    id: 42873,
    name: 'SSL Medium Strength Cipher Suites Supported (SWEET32)',
    family: 'General',
    severity: 3,
    cvss3: [7.5, CVSS3.high75conf],
    cvss2: [5, CVSS2.partialConf],
    cves: ['CVE-2016-2183'],
    cwes: [200],
    synopsis: 'The remote service supports the use of medium strength SSL ciphers.',
    description:
      'The remote host supports SSL ciphers with 64-bit block sizes such as 3DES, which are open to the SWEET32 birthday attack on long-lived connections.',
    solution:
      'Reconfigure the affected application if possible to avoid use of medium strength ciphers.',
    seeAlso: ['https://sweet32.info'],
    on: ['tls'],
    hosts: ['legacy-win', 'embedded', 'rtos', 'network'],
    output: () =>
      'Medium Strength Ciphers (> 64-bit and < 112-bit key, or 3DES)\n\n    Name                          Code             KEX           Auth     Encryption             MAC\n    DES-CBC3-SHA                  0x00, 0x0A       RSA           RSA      3DES-CBC(168)          SHA1',
  },
  {
    id: 65821,
    name: 'SSL RC4 Cipher Suites Supported (Bar Mitzvah)',
    family: 'General',
    severity: 2,
    cvss3: [5.9, CVSS3.medium59conf],
    cvss2: [4.3, CVSS2.mediumConf],
    cves: ['CVE-2013-2566', 'CVE-2015-2808'],
    cwes: [327],
    synopsis: 'The remote service supports the use of the RC4 cipher.',
    description:
      'The remote host supports the use of RC4 in one or more cipher suites. The RC4 keystream has biases that let an attacker recover plaintext from many encryptions of the same data.',
    solution: 'Reconfigure the affected application, if possible, to avoid use of RC4 ciphers.',
    seeAlso: ['https://www.rc4nomore.com/'],
    on: ['tls'],
    hosts: ['legacy-win', 'rtos', 'network'],
  },
  {
    id: 20007,
    name: 'SSL Version 2 and 3 Protocol Detection',
    family: 'Service detection',
    severity: 4,
    cvss3: [9.8, CVSS3.critical98],
    cvss2: [10, CVSS2.complete],
    cwes: [327],
    synopsis: 'The remote service encrypts traffic using a protocol with known weaknesses.',
    description:
      'The remote service accepts connections encrypted using SSL 2.0 and/or SSL 3.0. These versions are affected by several cryptographic flaws, including POODLE against SSL 3.0 CBC ciphers.',
    solution:
      'Consult the application documentation to disable SSL 2.0 and 3.0. Use TLS 1.2 or later instead.',
    on: ['tls'],
    hosts: ['rtos', 'embedded'],
    output: () =>
      '- SSLv3 is enabled and the server supports at least one cipher.\nExplanation: TLS 1.0 and SSL 3.0 cipher suites may be used with SSLv3',
  },
  {
    id: 35291,
    name: 'SSL Certificate Signed Using Weak Hashing Algorithm',
    family: 'General',
    severity: 2,
    cvss3: [5.9, CVSS3.medium59integ],
    cves: ['CVE-2004-2761'],
    cwes: [328],
    synopsis:
      'An SSL certificate in the certificate chain has been signed using a weak hash algorithm.',
    description:
      'The remote service uses an SSL certificate chain that has been signed using a cryptographically weak hashing algorithm (MD5 or SHA-1), open to collision attacks.',
    solution: 'Contact the Certificate Authority to have the SSL certificate reissued.',
    on: ['tls'],
    hosts: ['rtos', 'network'],
    output: (ctx) =>
      `Subject             : ${certSubject(ctx)}\nSignature Algorithm : SHA-1 With RSA Encryption`,
  },
];

/** SSH findings; the OpenSSH and Dropbear ones depend on the version the host runs. */
const SSH: readonly NessusPlugin[] = [
  {
    id: 70658,
    name: 'SSH Server CBC Mode Ciphers Enabled',
    family: 'Misc.',
    severity: 1,
    cvss3: [3.7, CVSS3.low37],
    cvss2: [2.6, CVSS2.highConf],
    cves: ['CVE-2008-5161'],
    cwes: [200],
    synopsis: 'The SSH server is configured to use Cipher Block Chaining.',
    description:
      'The SSH server is configured to support Cipher Block Chaining (CBC) encryption. This may allow an attacker to recover the plaintext message from the ciphertext.',
    solution:
      'Contact the vendor or consult product documentation to disable CBC mode cipher encryption, and enable CTR or GCM cipher mode encryption.',
    on: ['ssh'],
    hosts: ['embedded', 'network', 'openssh-7'],
    output: () =>
      'The following client-to-server Cipher Block Chaining (CBC) algorithms are supported :\n\n  aes128-cbc\n  aes256-cbc\n  3des-cbc',
  },
  {
    id: 153953,
    name: 'SSH Weak Key Exchange Algorithms Enabled',
    family: 'Misc.',
    severity: 1,
    cvss3: [3.7, CVSS3.low37],
    cvss2: [2.6, CVSS2.highConf],
    synopsis: 'The remote SSH server is configured to allow weak key exchange algorithms.',
    description:
      'The remote SSH server is configured to allow key exchange algorithms which are considered weak, such as diffie-hellman-group1-sha1 (RFC 9142).',
    solution: 'Contact the vendor or consult product documentation to disable the weak algorithms.',
    seeAlso: ['https://www.rfc-editor.org/rfc/rfc9142'],
    on: ['ssh'],
    output: () =>
      'The following weak key exchange algorithms are enabled :\n\n  diffie-hellman-group-exchange-sha1\n  diffie-hellman-group1-sha1',
  },
  {
    id: 187315,
    name: 'SSH Terrapin Prefix Truncation Weakness (CVE-2023-48795)',
    family: 'Misc.',
    severity: 2,
    cvss3: [5.9, CVSS3.medium59integ],
    cves: ['CVE-2023-48795'],
    cwes: [354],
    synopsis: 'The remote SSH server is vulnerable to a MitM prefix truncation attack.',
    description:
      'The remote SSH server supports ChaCha20-Poly1305 or CBC with Encrypt-then-MAC without strict key exchange. A man-in-the-middle attacker can drop messages at the start of the secure channel and downgrade connection security.',
    solution:
      'Upgrade the SSH server to a version that implements strict key exchange, or disable the affected algorithms.',
    seeAlso: ['https://terrapin-attack.com/'],
    on: ['ssh'],
    output: () =>
      'Supports following ChaCha20-Poly1305 Algorithm : chacha20-poly1305@openssh.com\nStrict key exchange : not supported',
  },
  {
    id: 179134,
    name: 'OpenSSH < 9.3p2 Vulnerability',
    family: 'Misc.',
    severity: 4,
    cvss3: [9.8, CVSS3.critical98],
    cves: ['CVE-2023-38408'],
    synopsis: 'The SSH server running on the remote host is affected by a vulnerability.',
    description:
      'The version of OpenSSH installed on the remote host is prior to 9.3p2. The PKCS#11 feature in ssh-agent has an insufficiently trustworthy search path, leading to remote code execution if an agent is forwarded to an attacker-controlled system.',
    solution: 'Upgrade to OpenSSH version 9.3p2 or later.',
    seeAlso: ['https://www.openssh.com/txt/release-9.3p2'],
    on: ['ssh'],
    hosts: ['openssh'],
    output: (ctx) =>
      `  Version source    : SSH-2.0-${software(ctx).replace(' ', '_')}\n  Installed version : ${ctx.port?.nmap.version?.split(' ')[0]}\n  Fixed version     : 9.3p2`,
  },
  {
    id: 111969,
    name: 'OpenSSH < 7.8 User Enumeration',
    family: 'Misc.',
    severity: 2,
    cvss3: [5.3, CVSS3.medium53],
    cvss2: [5, CVSS2.partialConf],
    cves: ['CVE-2018-15473'],
    cwes: [200],
    synopsis:
      'The SSH server running on the remote host is affected by an information disclosure vulnerability.',
    description:
      'The OpenSSH server on the remote host answers authentication requests for valid and invalid user names differently, letting an unauthenticated attacker find valid accounts.',
    solution: 'Upgrade to OpenSSH version 7.8 or later.',
    on: ['ssh'],
    hosts: ['openssh-7'],
  },
  {
    id: 159490,
    name: 'OpenSSH 6.2 < 8.8 Privilege Escalation',
    family: 'Misc.',
    severity: 3,
    cvss3: [7, CVSS3.high70local],
    cvss2: [4.4, 'CVSS2#AV:L/AC:M/Au:N/C:P/I:P/A:P'],
    cves: ['CVE-2021-41617'],
    synopsis:
      'The SSH server running on the remote host is affected by a privilege escalation vulnerability.',
    description:
      'The version of OpenSSH installed on the remote host is between 6.2 and 8.7. With certain non-default AuthorizedKeysCommand or AuthorizedPrincipalsCommand configurations, supplemental groups are not initialised, so helper programs may run with the privileges of the sshd process.',
    solution: 'Upgrade to OpenSSH version 8.8 or later.',
    on: ['ssh'],
    hosts: ['openssh'],
  },
  {
    id: 93650,
    name: 'Dropbear SSH Server < 2016.72 Multiple Vulnerabilities',
    family: 'Misc.',
    severity: 4,
    cvss3: [9.8, CVSS3.critical98],
    cvss2: [10, CVSS2.complete],
    cves: ['CVE-2016-7406', 'CVE-2016-7407', 'CVE-2016-7408', 'CVE-2016-7409'],
    cwes: [134],
    synopsis: 'The SSH service running on the remote host is affected by multiple vulnerabilities.',
    description:
      'The version of Dropbear SSH running on the remote host is prior to 2016.72. It is affected by a format string flaw in user name handling that allows remote code execution, and by memory corruption in the key import tool.',
    solution:
      "Upgrade to Dropbear SSH version 2016.72 or later, usually through the device manufacturer's firmware.",
    on: ['ssh'],
    hosts: ['dropbear'],
    output: (ctx) =>
      `  Version source    : SSH-2.0-dropbear_${ctx.port?.nmap.version}\n  Installed version : ${ctx.port?.nmap.version}\n  Fixed version     : 2016.72`,
  },
];

export const SERVICE_PLUGINS: readonly NessusPlugin[] = [...TLS, ...SSH];
