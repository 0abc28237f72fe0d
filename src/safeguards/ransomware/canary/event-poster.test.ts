import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCanaryPoster, toCanaryRecord, type CanaryPoster } from './event-poster.ts';

interface Received {
  authorization: string | undefined;
  body: unknown;
}

/** An ingest stand-in on 127.0.0.1 that answers each request with the next status. */
async function startIngest(statuses: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ authorization: req.headers.authorization, body: JSON.parse(body) });
      res.statusCode = statuses.shift() ?? 202;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, received };
}

const modified = toCanaryRecord(
  {
    kind: 'modified',
    path: '/srv/share/0_Payroll_March.xlsx',
    folder: '/srv/share',
    at: new Date('2026-03-02T09:00:00Z'),
  },
  { computer: 'FS01', user: 'svc-ward' },
);

describe('canary event poster', () => {
  let server: Server | undefined;
  let poster: CanaryPoster | undefined;
  afterEach(async () => {
    poster?.close();
    await new Promise((r) => server?.close(r) ?? r(undefined));
  });

  it('shapes events as flat ingest records', () => {
    expect(modified).toEqual({
      Channel: 'Ward-Canary',
      Provider_Name: 'Ward-Canary',
      EventID: 1,
      Computer: 'FS01',
      TimeCreated: '2026-03-02T09:00:00.000Z',
      TargetFilename: '/srv/share/0_Payroll_March.xlsx',
      Folder: '/srv/share',
      User: 'svc-ward',
    });
    const burst = toCanaryRecord({
      kind: 'burst',
      path: '/srv',
      folder: '/srv',
      at: new Date(),
      changes: 40,
    });
    expect(burst).toMatchObject({ EventID: 3, Changes: 40 });
  });

  it('posts with the bearer token and retries after a server error', async () => {
    const ingest = await startIngest([503]);
    server = ingest.server;
    const errors: string[] = [];
    poster = createCanaryPoster({
      url: ingest.url,
      token: 'wardi_test',
      initialDelayMs: 50,
      onError: (m) => errors.push(m),
    });
    poster.post(modified);
    expect(await poster.flush(3000)).toBe(true);
    expect(ingest.received).toHaveLength(2);
    expect(ingest.received.map((r) => r.authorization)).toEqual([
      'Bearer wardi_test',
      'Bearer wardi_test',
    ]);
    expect(ingest.received[1]!.body).toEqual([modified]);
    expect(errors[0]).toMatch(/503/);
  });

  it('queues while the server is unreachable and delivers in order when it is back', async () => {
    // Reserve a port, then close it so that connecting fails.
    const probe = await startIngest([]);
    const url = probe.url;
    await new Promise((r) => probe.server.close(r));
    poster = createCanaryPoster({
      url,
      token: 't',
      initialDelayMs: 50,
      maxDelayMs: 100,
      maxQueue: 3,
    });
    for (let i = 0; i < 5; i++) poster.post({ ...modified, TargetFilename: `/srv/share/f${i}` });
    expect(poster.dropped).toBe(2);
    await new Promise((r) => setTimeout(r, 150));
    expect(poster.queued).toBe(3);

    const port = Number(new URL(url).port);
    const received: unknown[] = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(...(JSON.parse(body) as unknown[]));
        res.statusCode = 202;
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    expect(await poster.flush(3000)).toBe(true);
    expect(received.map((r) => (r as { TargetFilename: string }).TargetFilename)).toEqual([
      '/srv/share/f0',
      '/srv/share/f1',
      '/srv/share/f2',
    ]);
  });

  it('drops a batch the server rejects as malformed instead of retrying forever', async () => {
    const ingest = await startIngest([400]);
    server = ingest.server;
    poster = createCanaryPoster({
      url: ingest.url,
      token: 't',
      initialDelayMs: 50,
      onError: () => undefined,
    });
    poster.post(modified);
    expect(await poster.flush(1000)).toBe(true);
    expect(ingest.received).toHaveLength(1);
  });
});
