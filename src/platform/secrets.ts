import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Encrypts secrets at rest (TOTP seeds, integration passwords) with AES-256-GCM.
 * Stored form: `v1:<iv b64>:<tag b64>:<ciphertext b64>`; the version lets the key be rotated.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        data.toString('base64'),
      ].join(':');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split(':');
      if (version !== 'v1' || !iv || !tag || data === undefined)
        throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/**
 * The configured key, or in embedded mode one generated on first start into
 * `<dataDir>/secret.key` (0600). Cluster mode must configure it: processes on several machines
 * need the same key.
 */
export function resolveSecretKey(opts: {
  secretKey?: string | undefined;
  dataDir: string;
  cluster: boolean;
}): Buffer {
  if (opts.secretKey) return Buffer.from(opts.secretKey, 'hex');
  if (opts.cluster) {
    throw new Error(
      'WARD_SECRET_KEY (secretKey): required with WARD_DATABASE_URL; generate one with `openssl rand -hex 32`',
    );
  }
  const file = join(opts.dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
