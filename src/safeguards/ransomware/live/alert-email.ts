/**
 * E-mails new high and critical alerts to the security team, beside the webhook. Many small
 * hospitals have no chat or pager integration but do have a mail relay. Like the webhook, sending
 * never holds up detection: a relay that is down costs retries and log lines, not events.
 */
import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from '../../../platform/log.ts';
import type { UpsertedAlert } from './alert-upsert.ts';
import type { AlertWebhook } from './alert-webhook.ts';

const ATTEMPTS = 3;
// Fields worth reading in a mail client before opening Ward.
const KEY_FIELDS = [
  'Image',
  'CommandLine',
  'ParentImage',
  'TargetFilename',
  'ServiceName',
  'ImagePath',
  'TargetUserName',
  'IpAddress',
  'SubjectUserName',
];

export interface AlertEmailOptions {
  /** smtp://host:25, smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465. */
  smtpUrl: string | undefined;
  to: readonly string[];
  from: string;
  /** Base URL of Ward for the link to the alert. */
  publicUrl?: string | undefined;
  log: Logger;
  backoffMs?: number;
}

export function createAlertEmail(opts: AlertEmailOptions): AlertWebhook {
  const transport: Transporter | null =
    opts.smtpUrl && opts.to.length > 0 ? createTransport(opts.smtpUrl) : null;
  const inflight = new Set<Promise<void>>();
  let stopped = false;
  const backoffMs = opts.backoffMs ?? 2000;

  const send = async (alert: UpsertedAlert): Promise<void> => {
    const message = alertMessage(alert, opts.publicUrl);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        await transport!.sendMail({ from: opts.from, to: [...opts.to], ...message });
        return;
      } catch (err) {
        if (attempt === ATTEMPTS || stopped) {
          opts.log.error(
            { alertId: alert.id, attempts: attempt, problem: (err as Error).message },
            'alert e-mail failed; the alert is in Ward but was not mailed',
          );
          return;
        }
        await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 1)));
      }
    }
  };

  return {
    notify(alerts) {
      if (!transport) return;
      for (const alert of alerts) {
        const level = alert.group.rule.level;
        if (!alert.created || (level !== 'high' && level !== 'critical')) continue;
        const run: Promise<void> = send(alert).finally(() => inflight.delete(run));
        inflight.add(run);
      }
    },
    async close() {
      stopped = true;
      await Promise.allSettled([...inflight]);
      transport?.close();
    },
  };
}

/** Subject and plain-text body; the rule's author is named (Detection Rule License). */
export function alertMessage(
  alert: UpsertedAlert,
  publicUrl?: string,
): { subject: string; text: string } {
  const g = alert.group;
  const event = g.events[0]?.event ?? {};
  const lines = [
    `${g.rule.level.toUpperCase()}: ${g.rule.title}`,
    `Host: ${g.host ?? 'unknown'}`,
    `First seen: ${new Date(g.firstSeen).toISOString()}`,
    '',
    `Rule: ${g.rule.title} (${g.rule.id})`,
    `Rule author: ${g.rule.author ?? 'not stated'}`,
    ...(g.rule.link ? [`Rule link: ${g.rule.link}`] : []),
    ...(g.rule.tags.length ? [`Tags: ${g.rule.tags.join(', ')}`] : []),
    '',
    ...KEY_FIELDS.filter((f) => event[f] !== undefined && event[f] !== null).map(
      (f) => `${f}: ${String(event[f])}`,
    ),
    ...(publicUrl ? ['', `Open in Ward: ${publicUrl.replace(/\/$/, '')}/alerts/${alert.id}`] : []),
  ];
  return {
    subject: `[Ward] ${g.rule.level.toUpperCase()}: ${g.rule.title} on ${g.host ?? 'unknown host'}`,
    text: lines.join('\n') + '\n',
  };
}

/** One notifier that tells every configured channel. */
export function combineNotifiers(...notifiers: AlertWebhook[]): AlertWebhook {
  return {
    notify: (alerts) => {
      for (const n of notifiers) n.notify(alerts);
    },
    close: async () => {
      await Promise.all(notifiers.map((n) => n.close()));
    },
  };
}
