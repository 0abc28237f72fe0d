#!/usr/bin/env node
// The `ward` command for `npx ward ...` from a checkout. It runs the TypeScript sources through
// Node's own type stripping (Node 24), so there is no build step. Under `npx`/`npm run` the
// project's Node 24 (the `node` devDependency) is first on PATH.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `ward needs Node.js 24 or newer (this is ${process.version}). Run it through npm ` +
      '(npx ward, npm start), which uses the Node 24 the project installs.',
  );
  process.exit(1);
}
const { main } = await import('../src/main.ts');
await main();
