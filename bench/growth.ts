// `npm run bench growth`: cost as the corpus grows. Makes 1x/3x/10x corpora from ../shared/corpora/bbc-news by
// consistent renaming (bench/growth-corpus.ts; written under a temp folder, removed after), ingests each into an
// emptied graph in a process of its own (so peak RSS is that ingest's), and prints per size: time per stage,
// articles/s, resolution per article, peak RSS, store size, and p50/p95 with db hits (PROFILE, every query of the
// answer) of the headline, the busiest topic's first page, a speaker and a search, uncached, one client.
// The graph is the configured one (NEO4J_URI, else the local server on QG_BOLT_PORT): ITS DATA IS WIPED.
// Env: QG_GROWTH_SIZES (default 1,3,10), QG_BENCH_RUNS (timed runs per query, default 30), QG_BENCH_STORE_DIR
// (the database folder whose size is the store size; default the local server's), QG_BENCH_WORKERS.
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { connect, type Graph } from '../src/db/driver.js';
import { LocalNeo4j } from '../src/db/local.js';
import { migrate } from '../src/db/migrate.js';
import { ingestSources } from '../src/graph/ingest.js';
import { readSources } from '../src/pipeline/read.js';
import { defaultWorkers } from '../src/workers/extract-pool.js';
import { BBC, requireCorpus } from './corpus.js';
import { emptyGraph } from './graph.js';
import { makeCorpus } from './growth-corpus.js';
import { pickCases, quantile } from './cases.js';
import { answerSize, profileOperation, runOperation, timedGraph } from './profile.js';

const SIZES = (process.env.QG_GROWTH_SIZES ?? '1,3,10').split(',').map(Number);
const RUNS = Number(process.env.QG_BENCH_RUNS ?? 30);

function dirSize(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n += statSync(join(e.parentPath, e.name)).size;
  return n;
}

interface SizeResult {
  size: number;
  articles: number;
  quotes: number;
  statements: number;
  speakers: number;
  timings: Record<string, number>;
  rssMb: number;
  storeMb: number | null;
  queries: Record<string, { p50: number; p95: number; neo4jP50: number; dbHits: number; items: number }>;
  nodes: number;
  relationships: number;
  /** Live heap of the ingest's main thread after a full GC, at its first and its last batch. */
  heapMb: [number, number];
}

/** Child: one size, from an emptied graph. */
async function runSize(size: number, root: string): Promise<SizeResult> {
  const cfg = loadConfig();
  const graph = await connect(cfg);
  try {
    await migrate(graph);
    await emptyGraph(graph);
    const dirs = Array.from({ length: size }, (_, k) => join(root, `copy-${k}`));
    const heap: number[] = [];
    const gc = (globalThis as { gc?: () => void }).gc;
    const report = await ingestSources(graph, readSources(dirs), {
      workers: Number(process.env.QG_BENCH_WORKERS ?? defaultWorkers()),
      onProgress: (p) => {
        if (p.stage === 'extract' || !gc) return;
        gc();
        heap.push(process.memoryUsage().heapUsed / 2 ** 20);
      },
    });
    if (report.errors.length) throw new Error(`ingest failed: ${report.errors[0].problem}`);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    const storeDir = process.env.QG_BENCH_STORE_DIR ?? (cfg.NEO4J_URI ? null : join(new LocalNeo4j(cfg).home, 'data/databases/neo4j'));
    const { records } = await graph.driver.executeQuery(
      'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels',
      {},
      { database: graph.database },
    );
    const cases = await pickCases(graph);
    const queries: SizeResult['queries'] = {};
    for (const [name, c] of Object.entries(cases)) {
      for (let i = 0; i < 3; i++) await runOperation(graph, c.query, c.variables);
      const ms: number[] = [];
      const server: number[] = [];
      let data: unknown = null;
      for (let i = 0; i < RUNS; i++) {
        const db = { total: 0 };
        const t = performance.now();
        data = await runOperation(timedGraph(graph, db), c.query, c.variables);
        ms.push(performance.now() - t);
        server.push(db.total);
      }
      const profile = await profileOperation(graph, c.query, c.variables);
      queries[name] = { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), neo4jP50: quantile(server, 0.5), dbHits: profile.dbHits, items: answerSize(data) };
    }
    return {
      size,
      articles: report.counts.articles,
      quotes: report.counts.quotes,
      statements: report.graph?.statements ?? 0,
      speakers: report.graph?.speakers ?? 0,
      timings: report.timings,
      rssMb,
      storeMb: storeDir ? dirSize(storeDir) / 2 ** 20 : null,
      queries,
      nodes: Number(records[0].get('nodes')),
      relationships: Number(records[0].get('rels')),
      heapMb: [heap[0] ?? 0, heap.at(-1) ?? 0],
    };
  } finally {
    await graph.close();
  }
}

const s1 = (ms: number) => (ms / 1000).toFixed(1);
const f1 = (x: number) => x.toFixed(1);

function target(label: string, value: number, limit: number, unit: string, why: string): string {
  return value <= limit ? `  MET     ${label}: ${f1(value)}${unit} (target <= ${limit}${unit})` : `  MISSED  ${label}: ${f1(value)}${unit} (target <= ${limit}${unit}, ${f1(value / limit)}x over): ${why}`;
}

async function main(): Promise<void> {
  const corpus = requireCorpus(BBC);
  const root = mkdtempSync(join(tmpdir(), 'qg-growth-'));
  try {
    const t = performance.now();
    makeCorpus(corpus, root, Math.max(...SIZES));
    console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores (a shared machine: compare ratios)`);
    console.log(`corpora: ${Math.max(...SIZES)} renamed copies of ${corpus} under ${root} in ${s1(performance.now() - t)} s`);
    const results: SizeResult[] = [];
    for (const size of SIZES) {
      const child = fork(fileURLToPath(import.meta.url), ['size', String(size), root], { execArgv: ['--import', 'tsx', '--expose-gc'] });
      const r = await new Promise<SizeResult>((done, fail) => {
        child.once('message', (m) => done(m as SizeResult));
        child.once('exit', (code) => code && fail(new Error(`size ${size} failed (exit ${code})`)));
      });
      results.push(r);
      console.log(`${size}x done: ${r.articles} articles in ${s1(r.timings.total)} s (load average ${loadavg()[0].toFixed(1)})`);
    }
    print(results);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function print(results: SizeResult[]): void {
  const stages = ['read', 'extract', 'known', 'resolve', 'diff', 'write'];
  const rows: string[][] = [['size', 'articles', 'quotes', 'statements', 'speakers', 'total s', ...stages.map((x) => `${x} s`), 'art/s', 'resolve ms/art', 'peak RSS MB', 'live heap MB (first/last batch)', 'nodes', 'rels', 'store MB on disk']];
  for (const r of results)
    rows.push([
      `${r.size}x`, String(r.articles), String(r.quotes), String(r.statements), String(r.speakers), s1(r.timings.total),
      ...stages.map((x) => s1(r.timings[x])), (r.articles / (r.timings.total / 1000)).toFixed(0),
      f1(r.timings.resolve / r.articles), r.rssMb.toFixed(0), r.heapMb.map((x) => x.toFixed(0)).join('/'), String(r.nodes), String(r.relationships),
      r.storeMb === null ? '-' : r.storeMb.toFixed(0),
    ]);
  table(rows);
  console.log('');
  console.log('store MB on disk: the database folder as written so far (Neo4j flushes its page cache lazily: small graphs show little)\n');
  const q: string[][] = [['query', ...results.flatMap((r) => [`${r.size}x p50/p95 ms`, `${r.size}x neo4j ms`, `${r.size}x db hits`, `${r.size}x answer`, `${r.size}x hits/obj`])]];
  for (const name of Object.keys(results[0].queries))
    q.push([name, ...results.flatMap((r) => {
      const x = r.queries[name];
      return [`${f1(x.p50)}/${f1(x.p95)}`, f1(x.neo4jP50), String(x.dbHits), String(x.items), f1(x.dbHits / x.items)];
    })]);
  table(q);
  console.log('answer: objects in the GraphQL answer (speakers, statements, reports, hits...); neo4j ms: the server\'s time for the answer\'s queries, p50');
  const first = results[0];
  const last = results.at(-1)!;
  console.log(`\ntargets (${first.size}x against ${last.size}x; one client, uncached):`);
  for (const name of Object.keys(first.queries)) {
    const a = first.queries[name];
    const b = last.queries[name];
    console.log(target(`db hits of ${name}, ${last.size}x / ${first.size}x`, b.dbHits / a.dbHits, 1.5, 'x',
      `its answer is ${f1(b.items / a.items)}x as large (${a.items} -> ${b.items} objects: the top of a topic at ${last.size}x is every copy of its busiest speakers); per object of the answer ${f1(b.dbHits / b.items / (a.dbHits / a.items))}x`));
  }
  console.log(target(`busiest topic first page p95 at ${first.size}x`, first.queries['busiest topic'].p95, 20, ' ms', `the machine is shared (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores); Neo4j's own time for it: ${f1(first.queries['busiest topic'].neo4jP50)} ms p50`));
  console.log(target(`resolution per article, ${last.size}x / ${first.size}x`, last.timings.resolve / last.articles / (first.timings.resolve / first.articles), 1.3, 'x',
    'speakers that every copy shares (names the renaming keeps, titles) gather statements, each compared with every new quote of theirs'));
  const heaps = `${first.heapMb.map((x) => x.toFixed(0)).join(' -> ')} MB at ${first.size}x, ${last.heapMb.map((x) => x.toFixed(0)).join(' -> ')} MB at ${last.size}x`;
  const heapGrows = last.heapMb[1] > 1.2 * Math.max(first.heapMb[1], 1);
  console.log(target(`peak ingest RSS, ${last.size}x / ${first.size}x`, last.rssMb / first.rssMb, 1.2, 'x', heapGrows
    ? `the main thread's live heap after GC grows with the run too (${heaps}): the report's lists of every article, quote, statement and speaker the run added, and word caches filling to their bounds`
    : `the main thread's live heap after GC stays flat (${heaps}): the rise is garbage V8 (and each worker thread) lets pile up before collecting, not data the ingest keeps`));
  if (first.size === 1) console.log(target('whole BBC ingest (1x)', first.timings.total / 1000, 15, ' s', 'the machine is shared by other work (see the load average)'));
}

function table(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

if (process.argv[2] === 'size') {
  const r = await runSize(Number(process.argv[3]), process.argv[4]);
  process.send!(r);
  process.disconnect();
} else await main();
