import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/log.ts';
import { createAlertEmail } from './alert-email.ts';
import type { UpsertedAlert } from './alert-upsert.ts';

interface Received {
  from: string;
  to: string[];
  data: string;
}

const alert = (id: string, level: 'high' | 'medium', created = true): UpsertedAlert => ({
  id,
  created,
  group: {
    groupKey: `k-${id}`,
    rule: {
      id: 'e44a9945-5170-41bc-bd89-6f83bff7195e',
      title: 'Shadow Copies Deleted With vssadmin',
      author: 'Ward project',
      level,
      tags: ['attack.t1490'],
      link: 'https://attack.mitre.org/techniques/T1490/',
      path: null,
    },
    host: 'WS-ICU-07',
    firstSeen: Date.parse('2026-03-02T02:14:07Z'),
    lastSeen: Date.parse('2026-03-02T02:14:07Z'),
    count: 1,
    events: [
      {
        at: Date.parse('2026-03-02T02:14:07Z'),
        source: 'winlogbeat',
        event: {
          Image: 'C:\\Windows\\System32\\vssadmin.exe',
          CommandLine: 'vssadmin delete shadows /all',
        },
      },
    ],
  },
});

// A real SMTP server on 127.0.0.1 receives what Ward sends, as the hospital's relay would.
describe('alert e-mail', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString()));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('mails new high alerts with the rule author and a link, and nothing else', async () => {
    const mailer = createAlertEmail({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      to: ['soc@stmarys.example', 'oncall@stmarys.example'],
      from: 'ward@stmarys.example',
      publicUrl: 'https://ward.stmarys.example/',
      log: createLogger('silent'),
    });
    mailer.notify([alert('a1', 'high'), alert('a2', 'medium'), alert('a3', 'high', false)]);
    await mailer.close();
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.from).toBe('ward@stmarys.example');
    expect(mail!.to).toEqual(['soc@stmarys.example', 'oncall@stmarys.example']);
    expect(mail!.data).toMatch(
      /Subject: \[Ward\] HIGH: Shadow Copies Deleted With vssadmin on\s+WS-ICU-07/,
    );
    expect(mail!.data).toContain('Rule author: Ward project');
    expect(mail!.data).toContain('https://ward.stmarys.example/alerts/a1');
    // Quoted-printable may wrap long lines; the command line is there in its own line.
    expect(mail!.data.replace(/=\r\n/g, '')).toContain('CommandLine: vssadmin delete shadows /all');
  });

  it('gives up quietly after retries when the relay is down', async () => {
    const errors: string[] = [];
    const log = createLogger('silent');
    log.error = ((obj: { problem?: string }) =>
      void errors.push(obj.problem ?? '')) as typeof log.error;
    const mailer = createAlertEmail({
      smtpUrl: 'smtp://127.0.0.1:1',
      to: ['soc@stmarys.example'],
      from: 'ward@stmarys.example',
      log,
      backoffMs: 1,
    });
    mailer.notify([alert('b1', 'high')]);
    await mailer.close();
    expect(errors).toHaveLength(1);
  });
});
