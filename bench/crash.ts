// `npm run bench crash`: crash cycles on the whole BBC corpus. A clean ingest gives the reference fingerprint
// (every node, property and relationship: src/graph/checksum.ts); then each cycle empties the graph, starts the
// same ingest (the real CLI, in its own process), crashes it at a seeded random moment — the ingest killed, or
// Neo4j itself killed and restarted, in turn — and runs the ingest again to the end. A cycle survives when the
// graph is then byte for byte the clean one. The graph is the configured one (NEO4J_URI, else the local server
// on QG_BOLT_PORT): ITS DATA IS WIPED. Neo4j is killed only when it is the local server this project runs.
// Env: QG_BENCH_CYCLES (default 10), QG_BENCH_BATCH (articles per batch, default 100: many commits to land between).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, ROOT } from '../src/config.js';
import { connect, type Graph } from '../src/db/driver.js';
import { LocalNeo4j } from '../src/db/local.js';
import { migrate } from '../src/db/migrate.js';
import { fingerprint, graphLines } from '../src/graph/checksum.js';
import { BBC, requireCorpus } from './corpus.js';
import { emptyGraph } from './graph.js';

const CYCLES = Number(process.env.QG_BENCH_CYCLES ?? 10);
const BATCH = Number(process.env.QG_BENCH_BATCH ?? 100);
const dir = requireCorpus(BBC);
const cfg = loadConfig();
const local = cfg.NEO4J_URI ? null : new LocalNeo4j(cfg);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A seeded generator (mulberry32): the same crash moments every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  kill(): void;
  done: Promise<{ code: number | null; stderr: string; ms: number }>;
}

function ingest(): Run {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/index.ts'), 'ingest', dir, '--batch-size', String(BATCH)], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return {
    kill: () => child.kill('SIGKILL'),
    done: new Promise((ok) => child.once('exit', (code) => ok({ code, stderr, ms: performance.now() - t0 }))),
  };
}

/** Starts the killed server again once the kernel has let go of its ports (a killed JVM takes a while to exit). */
async function restart(server: LocalNeo4j): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      await server.start();
      return;
    } catch (e) {
      if (tries >= 30) throw e;
      await sleep(2000);
    }
  }
}

async function batchesCommitted(graph: Graph): Promise<number> {
  const { records } = await graph.driver.executeQuery('OPTIONAL MATCH (g:IngestState) RETURN coalesce(g.version, 0) AS v', {}, { database: graph.database });
  return Number(records[0].get('v'));
}

let graph = await connect(cfg, { say: (l) => console.error(l) });
await migrate(graph);
await emptyGraph(graph);
const clean = await ingest().done;
if (clean.code !== 0) throw new Error(`the clean ingest failed:\n${clean.stderr}`);
const reference = await fingerprint(graph);
const referenceLines = new Set(await graphLines(graph));
const batches = await batchesCommitted(graph);
console.log(
  `clean    ${s(clean.ms)}, ${batches} batches of ${BATCH} articles; fingerprint ${reference.sha256.slice(0, 16)} ` +
    `(${reference.nodes} nodes, ${reference.relationships} relationships)`,
);

const rand = random(20261201);
let survived = 0;
for (let cycle = 1; cycle <= CYCLES; cycle++) {
  const kind = local && cycle % 2 === 0 ? 'neo4j' : 'ingest';
  await emptyGraph(graph);
  const run = ingest();
  // somewhere between the first commit and the last: the moment is a share of the clean run's time
  await sleep((0.15 + 0.7 * rand()) * clean.ms);
  const at = await batchesCommitted(graph).catch(() => -1);
  let stop = '';
  if (kind === 'ingest') {
    run.kill();
    await run.done;
  } else {
    const pid = (await local!.status()).pid;
    if (pid) process.kill(pid, 'SIGKILL');
    const killed = performance.now();
    const r = await run.done;
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('quotegraph:'));
    stop = `, ingest stopped after ${s(performance.now() - killed)} with exit ${r.code} and ${lines.length} problem line(s)`;
    await graph.close().catch(() => undefined);
    await restart(local!);
    graph = await connect(cfg);
  }
  const rerun = await ingest().done;
  const after = await fingerprint(graph);
  const same = rerun.code === 0 && after.sha256 === reference.sha256;
  if (same) survived++;
  else {
    // what differs, for the reader: the first lines only the rerun has
    const extra = (await graphLines(graph)).filter((l) => !referenceLines.has(l));
    for (const l of extra.slice(0, 3)) console.log(`  only after the rerun: ${l.slice(0, 300)}`);
  }
  console.log(
    `cycle ${String(cycle).padStart(2)}: killed ${kind.padEnd(6)} at ${at}/${batches} batches${stop}; rerun ${s(rerun.ms)}, ` +
      `exit ${rerun.code}: ${same ? 'identical graph' : `DIFFERENT (${after.nodes} nodes, ${after.relationships} relationships)`}`,
  );
}
console.log(`crash cycles: ${CYCLES} crashes, ${survived}/${CYCLES} cycles gave the clean graph byte for byte (target: all)`);
await graph.close();
if (survived !== CYCLES) process.exitCode = 1;
