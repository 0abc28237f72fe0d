import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout (pino); one logger per process, children per module. */
export function createLogger(level: string, name = 'ward'): Logger {
  return pino({
    name,
    level,
    // Never let credentials reach a log line, whatever a caller passes.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'password',
        '*.password',
        'token',
        '*.token',
        'totp',
        '*.totp',
      ],
      censor: '[redacted]',
    },
  });
}
