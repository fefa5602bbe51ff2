#!/usr/bin/env node
// `npx quotegraph`: the compiled CLI in dist/ (`npm run build`, run by `npm install` and `npm ci`).
// For development, `npm run quotegraph -- <command>` runs src/ through tsx, no build needed.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('quotegraph: dist/ is missing (the CLI is not built): run `npm run build` (npm install does it too)\n');
  process.exit(1);
}
await import(entry.href);
