// Windows plugins of the generators' Nessus catalog: SMB, RDP, domain controllers, missing
// updates and unsupported versions, the findings that dominate a hospital's Windows estate.
import { CVSS2, CVSS3, hostLabel } from './scan-nessus-plugin.ts';
import type { NessusPlugin } from './scan-nessus-plugin.ts';

export const WINDOWS_PLUGINS: readonly NessusPlugin[] = [
  {
    id: 57608,
    name: 'SMB Signing not required',
    family: 'Misc.',
    severity: 2,
    cvss3: [5.3, CVSS3.medium53integ],
    cvss2: [5, 'CVSS2#AV:N/AC:L/Au:N/C:N/I:P/A:N'],
    synopsis: 'Signing is not required on the remote SMB server.',
    description:
      'Signing is not required on the remote SMB server. An unauthenticated, remote attacker can exploit this to conduct man-in-the-middle attacks against the SMB server, for example relaying NTLM authentication.',
    solution:
      "Enforce message signing in the host's configuration: on Windows, enable the policy setting 'Microsoft network server: Digitally sign communications (always)'.",
    seeAlso: [
      'https://learn.microsoft.com/en-us/windows/security/threat-protection/security-policy-settings/microsoft-network-server-digitally-sign-communications-always',
    ],
    on: ['smb'],
  },
  {
    id: 97833,
    name: 'MS17-010: Security Update for Microsoft Windows SMB Server (4013389) (ETERNALBLUE) (ETERNALCHAMPION) (ETERNALROMANCE) (ETERNALSYNERGY) (WannaCry) (EternalRocks) (Petya) (uncredentialed check)',
    family: 'Windows',
    severity: 3,
    cvss3: [8.1, CVSS3.high81],
    cvss2: [9.3, 'CVSS2#AV:N/AC:M/Au:N/C:C/I:C/A:C'],
    cves: [
      'CVE-2017-0143',
      'CVE-2017-0144',
      'CVE-2017-0145',
      'CVE-2017-0146',
      'CVE-2017-0147',
      'CVE-2017-0148',
    ],
    synopsis: 'The remote Windows host is affected by multiple vulnerabilities.',
    description:
      'The remote Windows host is affected by multiple remote code execution vulnerabilities in Microsoft Server Message Block 1.0 (SMBv1) due to improper handling of certain requests. An unauthenticated, remote attacker can exploit these with a crafted packet to execute arbitrary code; ransomware such as WannaCry spread this way.',
    solution:
      'Apply the MS17-010 security update, and disable SMBv1 on every host that does not need it.',
    seeAlso: ['https://learn.microsoft.com/en-us/security-updates/SecurityBulletins/2017/ms17-010'],
    on: ['smb'],
    hosts: ['legacy-win'],
    output: () =>
      'A transaction request on the IPC$ share returned STATUS_INSUFF_SERVER_RESOURCES, which indicates that the MS17-010 update is missing.',
  },
  {
    id: 26920,
    name: 'Microsoft Windows SMB NULL Session Authentication',
    family: 'Windows',
    severity: 2,
    cvss2: [5, CVSS2.partialConf],
    cves: ['CVE-1999-0519', 'CVE-1999-0520', 'CVE-2002-1117'],
    synopsis: 'It is possible to log into the remote Windows host with a NULL session.',
    description:
      'The remote host is running Microsoft Windows, and it was possible to log into it using a NULL session (no login or password). An unauthenticated attacker may be able to enumerate users, shares and policies.',
    solution:
      'Apply the registry setting RestrictAnonymous and restrict null session access to named pipes and shares.',
    on: ['smb'],
    hosts: ['legacy-win'],
  },
  {
    id: 58453,
    name: "Terminal Services Doesn't Use Network Level Authentication (NLA) Only",
    family: 'Misc.',
    severity: 2,
    cvss2: [5.1, CVSS2.highAll],
    synopsis: "The remote Terminal Services doesn't use Network Level Authentication only.",
    description:
      'The remote Terminal Services is not configured to use Network Level Authentication (NLA) only. NLA authenticates the user before a session is created, which protects the server against denial of service and pre-authentication exploits such as BlueKeep.',
    solution:
      'Enable Network Level Authentication (NLA) on the remote RDP server, in the Remote tab of System settings.',
    on: ['rdp'],
    output: () =>
      'Nessus was able to negotiate non-NLA (Standard RDP Security) with the remote host.',
  },
  {
    id: 18405,
    name: 'Microsoft Windows Remote Desktop Protocol Server Man-in-the-Middle Weakness',
    family: 'Windows',
    severity: 2,
    cvss3: [6.5, CVSS3.medium65],
    cvss2: [5.1, CVSS2.highAll],
    cves: ['CVE-2005-1794'],
    synopsis: 'It may be possible to get access to the remote host.',
    description:
      'The remote version of the Remote Desktop Protocol Server is vulnerable to a man-in-the-middle attack because it does not verify the identity of the server when setting up encryption, and the key it uses is the same on every installation.',
    solution:
      'Force the use of SSL as a transport layer for this service if supported, and/or select the "Allow connections only from computers running Remote Desktop with Network Level Authentication" setting.',
    on: ['rdp'],
    hosts: ['legacy-win'],
  },
  {
    id: 125313,
    name: 'Microsoft RDP RCE (CVE-2019-0708) (BlueKeep) (uncredentialed check)',
    family: 'Windows',
    severity: 4,
    cvss3: [9.8, CVSS3.critical98],
    cvss2: [10, CVSS2.complete],
    cves: ['CVE-2019-0708'],
    cwes: [416],
    synopsis: 'The remote host is affected by a remote code execution vulnerability.',
    description:
      'The remote host is affected by a remote code execution vulnerability in Remote Desktop Protocol (RDP). An unauthenticated, remote attacker can exploit this, via a series of specially crafted requests, to execute arbitrary code. The flaw is wormable.',
    solution:
      'Microsoft has released a set of patches for Windows XP, 2003, 2008, 7, and 2008 R2. Enable Network Level Authentication as a mitigation.',
    seeAlso: ['https://msrc.microsoft.com/update-guide/vulnerability/CVE-2019-0708'],
    on: ['rdp'],
    hosts: ['win7'],
  },
  {
    id: 140657,
    name: 'Netlogon Elevation of Privilege Vulnerability (Zerologon) (Remote)',
    family: 'Windows',
    severity: 4,
    cvss3: [10, CVSS3.critical10],
    cvss2: [9.3, 'CVSS2#AV:N/AC:M/Au:N/C:C/I:C/A:C'],
    cves: ['CVE-2020-1472'],
    cwes: [330],
    synopsis:
      'The remote domain controller is affected by an elevation of privilege vulnerability.',
    description:
      'The remote domain controller accepts Netlogon secure channel connections with an all-zero client credential. An unauthenticated attacker on the network can set the domain controller account password and take over the domain.',
    solution:
      'Apply the August 2020 or later Windows security updates and enforce secure RPC for Netlogon.',
    seeAlso: ['https://msrc.microsoft.com/update-guide/vulnerability/CVE-2020-1472'],
    on: ['msrpc'],
    hosts: ['dc'],
  },
  {
    id: 140050,
    name: 'Windows DNS Server RCE (CVE-2020-1350) (SIGRed)',
    family: 'DNS',
    severity: 4,
    cvss3: [10, CVSS3.critical10],
    cves: ['CVE-2020-1350'],
    cwes: [119],
    synopsis: 'The remote Windows DNS server is affected by a remote code execution vulnerability.',
    description:
      'The Windows DNS server on the remote host mishandles large SIG resource records in responses. An unauthenticated attacker can trigger a heap overflow and run code as Local System on the domain controller.',
    solution:
      'Apply the July 2020 Windows security update, or set the TcpReceivePacketSize registry workaround.',
    on: ['dns'],
    hosts: ['dc'],
  },
  {
    id: 152102,
    name: 'Microsoft Windows Print Spooler Remote Code Execution (PrintNightmare)',
    family: 'Windows',
    severity: 3,
    cvss3: [8.8, CVSS3.high88],
    cvss2: [9, 'CVSS2#AV:N/AC:L/Au:S/C:C/I:C/A:C'],
    cves: ['CVE-2021-34527', 'CVE-2021-1675'],
    cwes: [269],
    synopsis: 'The remote Windows host is affected by a remote code execution vulnerability.',
    description:
      'The Windows Print Spooler service on the remote host improperly performs privileged file operations. An authenticated user can install a printer driver and run code with SYSTEM privileges.',
    solution:
      'Apply the July 2021 or later cumulative update and disable the Print Spooler service where printing is not needed.',
    on: ['smb'],
    hosts: ['windows'],
  },
  {
    id: 108797,
    name: 'Unsupported Windows OS (remote)',
    family: 'Windows',
    severity: 4,
    cvss3: [10, CVSS3.critical10],
    cvss2: [10, CVSS2.complete],
    synopsis: 'The remote OS or service pack is no longer supported.',
    description:
      'The remote version of Microsoft Windows is either missing a service pack or is no longer supported. As a result, it is likely to contain security vulnerabilities.',
    solution:
      'Upgrade to a supported service pack or operating system. For medical devices, ask the manufacturer for a supported platform or extended security updates.',
    seeAlso: ['https://learn.microsoft.com/en-us/lifecycle/'],
    on: 'host',
    hosts: ['legacy-win'],
    output: ({ host }) =>
      `The following Windows version is installed and not supported:\n\n${host.profile.os}`,
  },
  {
    id: 187901,
    name: 'Security Updates for Microsoft Windows (January 2024)',
    family: 'Windows : Microsoft Bulletins',
    severity: 4,
    cvss3: [9, CVSS3.critical90],
    cves: ['CVE-2024-20674', 'CVE-2024-20700', 'CVE-2024-20653', 'CVE-2024-20683'],
    synopsis: 'The remote Windows host is missing security updates.',
    description:
      'The remote Windows host is missing the January 2024 cumulative security update. It is affected by a Kerberos security feature bypass, a Hyper-V remote code execution vulnerability and local elevation of privilege flaws.',
    solution: 'Apply the January 2024 or later cumulative update.',
    on: 'host',
    hosts: ['windows'],
    output: ({ host }) =>
      `The remote host is missing one of the following rollup KBs :\n  - KB5034122\n  - KB5034127\n\nHost : ${hostLabel(host)}`,
  },
  {
    id: 73756,
    name: 'Microsoft SQL Server Unsupported Version Detection (remote check)',
    family: 'Databases',
    severity: 4,
    cvss3: [10, CVSS3.critical10],
    cvss2: [10, CVSS2.complete],
    synopsis: 'An unsupported version of a database server is running on the remote host.',
    description:
      'According to its self-reported version number, the installation of Microsoft SQL Server on the remote host is no longer supported by its vendor and receives no security updates.',
    solution: 'Upgrade to a version of Microsoft SQL Server that is currently supported.',
    on: ['mssql'],
    hosts: ['legacy-win'],
    output: () =>
      '  SQL Server Version   : 11.0.2100.60 RTM\n  SQL Server Edition   : Standard\n  Supported versions   : 2016 SP3 / 2017 / 2019 / 2022',
  },
  {
    id: 152999,
    name: 'Microsoft Exchange Server Remote Code Execution (ProxyShell)',
    family: 'Windows',
    severity: 4,
    cvss3: [9.8, CVSS3.critical98],
    cvss2: [10, CVSS2.complete],
    cves: ['CVE-2021-34473', 'CVE-2021-34523', 'CVE-2021-31207'],
    synopsis:
      'The remote Microsoft Exchange Server is affected by a remote code execution vulnerability chain.',
    description:
      'The Exchange Server on the remote host answers the autodiscover path confusion request used by the ProxyShell chain. An unauthenticated attacker can reach the backend as SYSTEM and write a web shell.',
    solution: 'Apply the July 2021 or later Exchange Server cumulative and security updates.',
    on: ['http'],
    ports: [443],
    hosts: ['exchange'],
  },
];
