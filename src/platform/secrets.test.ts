import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, resolveSecretKey } from './secrets.ts';

describe('secret box', () => {
  const box = createSecretBox(Buffer.alloc(32, 7));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('detects tampering and a wrong key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('SECRET').toString('base64');
    expect(() => box.open(parts.join(':'))).toThrow();
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(sealed)).toThrow();
  });
});

describe('resolveSecretKey', () => {
  it('generates a 0600 key file once in embedded mode', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ward-key-'));
    const a = resolveSecretKey({ dataDir, cluster: false });
    const b = resolveSecretKey({ dataDir, cluster: false });
    expect(a.equals(b)).toBe(true);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('requires a configured key in cluster mode', () => {
    expect(() => resolveSecretKey({ dataDir: '/nonexistent', cluster: true })).toThrow(
      /WARD_SECRET_KEY/,
    );
  });
});
