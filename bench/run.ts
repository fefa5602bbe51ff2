// `npm run bench`: each benchmark in its own process (so memory and JIT state do not leak between them).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/config.js';

const only = process.argv.slice(2);
// the long ones (minutes, and they kill processes) run only when named
const DEFAULT = ['extract', 'embed', 'resolve', 'ingest', 'api'];
const ON_REQUEST = ['growth', 'crash', 'robustness'];
const unknown = only.filter((b) => !DEFAULT.includes(b) && !ON_REQUEST.includes(b));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${[...DEFAULT, ...ON_REQUEST].join(', ')}`);
  process.exit(2);
}
const benches = only.length ? only : DEFAULT;
let failed = 0;
for (const name of benches) {
  const file = join(ROOT, 'bench', `${name}.ts`);
  if (!existsSync(file)) continue;
  console.log(`\n== ${name}`);
  // measured as deployed (the Dockerfile sets NODE_ENV=production): otherwise graphql-js runs every type test of
  // every field it completes through a slower check for a second copy of itself, in both servers of `bench api`
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', cwd: ROOT, env });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
