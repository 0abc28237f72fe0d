import { describe, expect, it } from 'vitest';
import { scriptIssue } from './nmap-scripts.ts';

const onPort = { port: 445, protocol: 'tcp', service: 'microsoft-ds' };
const onHost = { port: null, protocol: null, service: null };

// Shaped like the output of Nmap's vulns library (nselib/vulns.lua) and the vulners script.
const vulns = (state: string) =>
  `\n  VULNERABLE:\n  Remote Code Execution vulnerability in Microsoft SMBv1 servers (ms17-010)\n    State: ${state}\n    IDs:  CVE:CVE-2017-0143\n    Risk factor: HIGH\n    Description:\n      A critical remote code execution vulnerability exists in Microsoft SMBv1\n       servers (ms17-010).\n\n    Disclosure date: 2017-03-14\n    References:\n      https://technet.microsoft.com/en-us/library/security/ms17-010.aspx\n`;

describe('scriptIssue', () => {
  it('reads a vulns-library VULNERABLE block', () => {
    const issue = scriptIssue('smb-vuln-ms17-010', vulns('VULNERABLE'), onHost);
    expect(issue).toMatchObject({
      toolId: 'script/smb-vuln-ms17-010',
      title:
        'Remote Code Execution vulnerability in Microsoft SMBv1 servers (ms17-010) (smb-vuln-ms17-010)',
      description:
        'A critical remote code execution vulnerability exists in Microsoft SMBv1 servers (ms17-010).',
      severity: 'high',
      cves: ['CVE-2017-0143'],
      references: ['https://technet.microsoft.com/en-us/library/security/ms17-010.aspx'],
      port: null,
    });
    expect(issue.evidence?.startsWith('VULNERABLE:')).toBe(true);
  });

  it('tells likely and not vulnerable apart from vulnerable', () => {
    expect(scriptIssue('x', vulns('VULNERABLE (Exploitable)'), onPort).severity).toBe('high');
    expect(scriptIssue('x', vulns('LIKELY VULNERABLE'), onPort).severity).toBe('medium');
    const not = scriptIssue(
      'x',
      vulns('NOT VULNERABLE').replace('VULNERABLE:\n', 'NOT VULNERABLE:\n'),
      onPort,
    );
    expect(not.severity).toBe('info');
    expect(not.title).toBe('Nmap script x on 445/tcp');
  });

  it('takes the highest vulners score for severity and keeps only CVE ids', () => {
    const output =
      '\n  cpe:/a:openbsd:openssh:7.4: \n    \tEDB-ID:45233\t7.5\thttps://vulners.com/exploitdb/EDB-ID:45233\t*EXPLOIT*\n' +
      '    \tCVE-2018-15473\t5.3\thttps://vulners.com/cve/CVE-2018-15473\n    \tCVE-2017-15906\t5.3\thttps://vulners.com/cve/CVE-2017-15906';
    const issue = scriptIssue('vulners', output, { port: 22, protocol: 'tcp', service: 'ssh' });
    expect(issue).toMatchObject({
      severity: 'high',
      cvssScore: 7.5,
      cves: ['CVE-2018-15473', 'CVE-2017-15906'],
      port: 22,
      service: 'ssh',
    });
    expect(
      scriptIssue(
        'vulners',
        '\n  cpe:/a:x:y:1: \n    \tCVE-2020-0001\t9.0\thttps://vulners.com/cve/CVE-2020-0001',
        onPort,
      ).severity,
    ).toBe('critical');
    expect(
      scriptIssue(
        'vulners',
        '\n  cpe:/a:x:y:1: \n    \tCVE-2020-0002\t3.1\thttps://vulners.com/cve/CVE-2020-0002',
        onPort,
      ).severity,
    ).toBe('low');
    expect(scriptIssue('vulners', '', onPort)).toMatchObject({
      severity: 'info',
      cvssScore: null,
      cves: [],
    });
  });

  it('keeps other scripts as information, with any CVE they mention', () => {
    const issue = scriptIssue('ssl-cert', 'Subject: commonName=pacs\nsee CVE-2014-0160', {
      port: 443,
      protocol: 'tcp',
      service: 'ssl/http',
    });
    expect(issue).toMatchObject({
      severity: 'info',
      cves: ['CVE-2014-0160'],
      title: 'Nmap script ssl-cert on 443/tcp',
    });
  });
});
