// `npm run bench`: each benchmark in its own process (so memory and JIT state do not leak between them).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/config.js';

const only = process.argv.slice(2);
const benches = ['extract', 'embed', 'resolve', 'ingest', 'api', 'growth'].filter((b) => only.length === 0 || only.includes(b));
let failed = 0;
for (const name of benches) {
  const file = join(ROOT, 'bench', `${name}.ts`);
  if (!existsSync(file)) continue;
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
