// Prints the README's configuration table from the config schema:
//   node scripts/config-table.ts   (through npx/npm so Node 24 runs it)
import { describeConfig } from '../src/config.ts';

console.log('| variable | default | what it does |');
console.log('|---|---|---|');
for (const row of describeConfig()) {
  console.log(
    `| \`${row.env}\` | ${row.default === '(unset)' ? '(unset)' : `\`${row.default}\``} | ${row.description} |`,
  );
}
