import { describe, expect, it } from 'vitest';
import { matchOsv, matchOsvAffected, type OsvAffected } from './osv.ts';
import { formatPurl, parsePurl } from './purl.ts';

describe('parsePurl', () => {
  it('parses type, namespace, name, version, qualifiers and subpath', () => {
    expect(
      parsePurl('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar#src/main'),
    ).toEqual({
      type: 'maven',
      namespace: 'org.apache.logging.log4j',
      name: 'log4j-core',
      version: '2.14.1',
      qualifiers: { type: 'jar' },
      subpath: 'src/main',
    });
  });
  it('decodes percent-encoding, normalises npm scope and PyPI names', () => {
    expect(parsePurl('pkg:npm/%40Angular/Core@16.0.0')).toMatchObject({
      namespace: '@angular',
      name: 'core',
    });
    expect(parsePurl('pkg:pypi/Django_Rest@3.0')?.name).toBe('django-rest');
    expect(parsePurl('pkg:generic/fatfs@0.13c')).toMatchObject({
      type: 'generic',
      namespace: null,
      name: 'fatfs',
      version: '0.13c',
    });
  });
  it('round-trips and rejects non-purls', () => {
    expect(
      formatPurl(parsePurl('pkg:deb/debian/openssl@1.1.1n-0+deb11u3?distro=debian-11&arch=amd64')!),
    ).toBe('pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?arch=amd64&distro=debian-11');
    expect(parsePurl('cpe:2.3:a:x:y')).toBeNull();
  });
});

const LOG4J: OsvAffected[] = [
  {
    package: {
      ecosystem: 'Maven',
      name: 'org.apache.logging.log4j:log4j-core',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core',
    },
    ranges: [
      {
        type: 'ECOSYSTEM',
        events: [
          { introduced: '2.0-beta9' },
          { fixed: '2.3.1' },
          { introduced: '2.4' },
          { fixed: '2.12.2' },
          { introduced: '2.13.0' },
          { fixed: '2.15.0' },
        ],
      },
    ],
  },
];
const log4j = (version: string) => ({
  name: 'log4j-core',
  version,
  purl: `pkg:maven/org.apache.logging.log4j/log4j-core@${version}`,
});

describe('matchOsvAffected', () => {
  it('matches between introduced and fixed, across several intervals', () => {
    expect(matchOsvAffected(log4j('2.14.1'), LOG4J, 'GHSA-jfh8-c2jp-5v3q')?.why).toContain(
      '2.14.1 is >= introduced 2.13.0 and < fixed 2.15.0',
    );
    expect(matchOsvAffected(log4j('2.15.0'), LOG4J)).toBeNull();
    expect(matchOsvAffected(log4j('2.3.1'), LOG4J)).toBeNull();
    expect(matchOsvAffected(log4j('2.3'), LOG4J)).not.toBeNull();
    expect(matchOsvAffected(log4j('2.0-beta8'), LOG4J)).toBeNull();
  });

  it('last_affected is inclusive; introduced 0 means from the start', () => {
    const affected: OsvAffected[] = [
      {
        package: { ecosystem: 'npm', name: 'lodash' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { last_affected: '4.17.20' }] }],
      },
    ];
    const c = (v: string) => ({ name: 'lodash', version: v, purl: `pkg:npm/lodash@${v}` });
    expect(matchOsvAffected(c('0.1.0'), affected)).not.toBeNull();
    expect(matchOsvAffected(c('4.17.20'), affected)?.why).toContain('<= last_affected 4.17.20');
    expect(matchOsvAffected(c('4.17.21'), affected)).toBeNull();
  });

  it('matches listed versions, by ecosystem and name when the advisory has no purl', () => {
    const affected: OsvAffected[] = [
      { package: { ecosystem: 'PyPI', name: 'Pillow' }, versions: ['9.0.0'] },
    ];
    expect(
      matchOsvAffected(
        { name: 'pillow', version: '9.0.0', purl: 'pkg:pypi/pillow@9.0.0' },
        affected,
      )?.why,
    ).toContain('listed');
    expect(
      matchOsvAffected(
        { name: 'pillow', version: '9.0.0', purl: 'pkg:npm/pillow@9.0.0' },
        affected,
      ),
    ).toBeNull();
  });

  it('falls back to the name without a purl and says so; one match per vulnerability', () => {
    const vulns = [
      {
        id: 'OSV-1',
        affected: [
          {
            package: { ecosystem: 'OSS-Fuzz', name: 'zlib' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.12' }] }],
          },
        ],
      },
    ];
    const m = matchOsv({ name: 'zlib', version: '1.2.11' }, vulns);
    expect(m).toHaveLength(1);
    expect(m[0]?.why).toContain('no purl');
  });
});
