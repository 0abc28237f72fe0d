import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, envNameOf, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives every documented default with an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      dataDir: './data',
      port: 8080,
      demo: true,
      slaCriticalDays: 15,
      slaHighDays: 30,
      slaMediumDays: 90,
      slaLowDays: 180,
    });
    expect(c.databaseUrl).toBeUndefined();
  });

  it('reads WARD_* variables with types', () => {
    const c = loadConfig({
      WARD_PORT: '9001',
      WARD_DEMO: 'false',
      WARD_DATA_DIR: '/tmp/x',
      WARD_SLA_HIGH_DAYS: '14',
    });
    expect(c).toMatchObject({ port: 9001, demo: false, dataDir: '/tmp/x', slaHighDays: 14 });
  });

  it('names the variable and the problem for every bad key', () => {
    const err = (() => {
      try {
        loadConfig({
          WARD_PORT: 'eighty',
          WARD_DATABASE_URL: 'mysql://x',
          WARD_SECRET_KEY: 'short',
        });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.message).toMatch(/WARD_PORT \(port\)/);
    expect(err!.message).toMatch(/WARD_DATABASE_URL \(databaseUrl\): must be a postgres:\/\/ URL/);
    expect(err!.message).toMatch(/WARD_SECRET_KEY \(secretKey\): must be 64 hex/);
  });

  it('reads a JSON file named by WARD_CONFIG, with the environment winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ward-config-'));
    const file = join(dir, 'ward.json');
    writeFileSync(file, JSON.stringify({ port: 7000, logLevel: 'debug' }));
    const c = loadConfig({ WARD_CONFIG: file, WARD_PORT: '7001' });
    expect(c.port).toBe(7001);
    expect(c.logLevel).toBe('debug');
  });

  it('rejects unknown keys and broken JSON in the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ward-config-'));
    const file = join(dir, 'ward.json');
    writeFileSync(file, JSON.stringify({ prot: 7000 }));
    expect(() => loadConfig({ WARD_CONFIG: file })).toThrow(/unknown key\(s\) prot/);
    writeFileSync(file, '{ "port": ');
    expect(() => loadConfig({ WARD_CONFIG: file })).toThrow(/not valid JSON/);
  });

  it('maps keys to variable names', () => {
    expect(envNameOf('slaCriticalDays')).toBe('WARD_SLA_CRITICAL_DAYS');
  });
});

describe('configuration documentation', () => {
  it('documents every key in the README table with its default', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const row of describeConfig()) {
      expect(row.description.length, row.key).toBeGreaterThan(10);
      expect(readme, `README lacks ${row.env}`).toContain(`\`${row.env}\``);
    }
  });
});
