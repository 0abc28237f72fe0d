// ESLint flat config. Beyond the recommended rules it encodes ARCHITECTURE.md's dependency
// rules; each message names what to do instead.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ['error', { patterns }];
const SAFEGUARD_FOLDERS = [
  'email',
  'credentials',
  'awareness',
  'ransomware',
  'devices',
  'suppliers',
  'drills',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-exports': [
        'error',
        {
          restrictDefaultExports: {
            direct: true,
            named: true,
            defaultFrom: true,
            namedFrom: true,
            namespaceFrom: true,
          },
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message:
            'Read configuration in src/config.ts (loadConfig) and pass it down; do not read process.env elsewhere.',
        },
      ],
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: [
            '**/core/**',
            '**/core/*',
            '../core',
            '**/safeguards/**',
            '**/compliance/**',
            '**/demo/**',
          ],
          message:
            'platform/ must not import core/, safeguards/ or compliance/: pass what it needs in as a parameter or an interface.',
        },
        {
          group: ['**/config.ts', '**/app.ts', '**/main.ts'],
          message:
            'platform/ takes plain options, not the Config or the app: let app.ts pass the values in.',
        },
      ]),
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/safeguards/**', '**/compliance/**'],
          message:
            'core/ must not import a safeguard: safeguards build on core, not the other way round. Publish an event or add a core record type.',
        },
        {
          group: ['**/app.ts', '**/main.ts'],
          message:
            'core/ gets its dependencies as parameters from app.ts; do not import the composition root.',
        },
      ]),
    },
  },
  ...SAFEGUARD_FOLDERS.map((name) => ({
    files: [`src/safeguards/${name}/**/*.ts`],
    rules: {
      'no-restricted-imports': restrict([
        {
          // Named folders, so a safeguard's own subfolders (../hashing/) stay importable.
          group: SAFEGUARD_FOLDERS.filter((other) => other !== name).flatMap((other) => [
            `**/safeguards/${other}/**`,
            `../${other}/**`,
            `../../${other}/**`,
            `../../../${other}/**`,
          ]),
          message:
            'A safeguard must not import another safeguard: meet through core records (assets, findings, alerts) or events on the stream.',
        },
      ]),
    },
  })),
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/src/**', '!**/src/api-types.ts'],
          message:
            'web/ talks to the server over HTTP only; import shared request/response types from src/api-types.ts.',
        },
      ]),
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: [
      'src/config.ts',
      'src/main.ts',
      'test/**/*.ts',
      'scripts/**/*.ts',
      'bench/**/*.ts',
      '**/*.test.ts',
      '*.config.ts',
      '*.config.js',
      'web/vite.config.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['eslint.config.js', 'web/vite.config.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-exports': 'off' },
  },
);
