// `npm run bench ingest`: the whole BBC corpus (read in place from ../shared) into an empty graph: extraction,
// resolution against the graph and batched writes, with the time per stage. Then the same resolved batches are
// written again into an emptied graph one transaction per article (the naive way) and the write times compared.
// The graph is the configured one, found as the CLI finds it (NEO4J_URI, else the local server on QG_BOLT_PORT,
// started if needed and then stopped again): ITS DATA IS WIPED, so point it at an instance of its own.
// Extraction uses the threads `quotegraph ingest` uses by default (one per core but one). Target: the whole ingest
// in <= 15 s on 2 cores. Env: QG_BENCH_BATCH (articles per batch), QG_BENCH_WORKERS (extraction threads).
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { connect, type Graph } from '../src/db/driver.js';
import { migrate } from '../src/db/migrate.js';
import { ingestSources, type Pipeline } from '../src/graph/ingest.js';
import { loadPipeline } from '../src/graph/pipeline.js';
import { buildRows, fileRows } from '../src/graph/rows.js';
import { writeBatch, writeTopics } from '../src/graph/write.js';
import { readSources } from '../src/pipeline/read.js';
import type { Resolution } from '../src/resolve/index.js';
import { defaultWorkers } from '../src/workers/extract-pool.js';
import { BBC, requireCorpus } from './corpus.js';
import { emptyGraph } from './graph.js';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const dir = requireCorpus(BBC);

/** CPU time the Neo4j server has used (ms), from its JMX beans; null where they cannot be read. */
async function neo4jCpu(graph: Graph): Promise<number | null> {
  try {
    const { records } = await graph.driver.executeQuery(
      "CALL dbms.queryJmx('java.lang:type=OperatingSystem') YIELD attributes RETURN attributes.ProcessCpuTime.value AS ns",
      {},
      { database: graph.database },
    );
    return Number(records[0].get('ns')) / 1e6;
  } catch {
    return null;
  }
}

const graph = await connect(loadConfig(), { say: (l) => console.error(l), stopOnClose: true });
try {
  await migrate(graph);
  await emptyGraph(graph);
  // the project's pipeline, with each batch's resolution kept for the baseline
  const project = loadPipeline();
  const resolutions: { resolution: Resolution; known: number; ms: number }[] = [];
  const pipeline: Pipeline = {
    ...project,
    async resolve(docs, known) {
      const t = performance.now();
      const resolution = await project.resolve(docs, known);
      resolutions.push({ resolution, known: known.statements.length, ms: performance.now() - t });
      return resolution;
    },
  };
  const batchSize = process.env.QG_BENCH_BATCH ? Number(process.env.QG_BENCH_BATCH) : undefined;
  const workers = Number(process.env.QG_BENCH_WORKERS ?? defaultWorkers());
  const cpu0 = process.cpuUsage();
  const dbCpu0 = await neo4jCpu(graph);
  const t0 = performance.now();
  const report = await ingestSources(graph, readSources([dir]), {
    pipeline,
    batchSize,
    workers,
    onProgress: (p) => p.stage !== 'extract' && console.error(`  ${s(performance.now() - t0)}: ${p.files} files, ${p.articles} articles, batch ${p.batches} (${p.stage})`),
  });
  const t = report.timings;
  console.log(
    `ingest   ${report.counts.files} files, ${report.counts.articles} articles, ${report.counts.quotes} quotes, ` +
      `${report.counts.statements} statements, ${report.counts.speakers} speakers in ${s(t.total)} with ${workers} extraction thread(s) (target <= 15 s)`,
  );
  console.log(
    `  stages: read ${s(t.read)}, extract ${s(t.extract)}, known ${s(t.known)}, resolve ${s(t.resolve)}, ` +
      `diff ${s(t.diff)}, write ${s(t.write)}; ${resolutions.length} batches, ${report.errors.length} errors`,
  );
  const cpu = process.cpuUsage(cpu0);
  const dbCpu1 = await neo4jCpu(graph);
  console.log(
    `  cpu: node ${s((cpu.user + cpu.system) / 1000)}` +
      (dbCpu0 !== null && dbCpu1 !== null ? `, neo4j ${s(dbCpu1 - dbCpu0)}` : '') + ` (2 cores, shared machine: wall time varies)`,
  );
  // resolution against a growing graph: the time per batch should follow its articles, not what is known
  console.log(
    `  resolve per batch (articles, known statements, time): ` +
      resolutions.map((r) => `${r.resolution.docs.length}/${r.known}/${s(r.ms)}`).join(', '),
  );
  console.log(`  graph: ${Object.entries(report.graph ?? {}).map(([k, v]) => `${v} ${k}`).join(', ')}`);

  // baseline: the same rows, one transaction per article, into an emptied graph (rows built before the clock
  // starts, as the batched write's are; the batched writes also shared the CPU with extraction, these do not)
  const perArticle = resolutions.flatMap(({ resolution }) =>
    resolution.docs.map((doc) => buildRows({ ...resolution, docs: [doc] }, fileRows([doc]), project.version)),
  );
  await emptyGraph(graph);
  const t1 = performance.now();
  await writeTopics(graph, project.taxonomy);
  // the emptied graph starts at version 0 and each write moves it on by one
  let version = 0;
  for (const rows of perArticle) await writeBatch(graph, rows, version++);
  const baseline = performance.now() - t1;
  console.log(
    `writes   batched ${s(t.write)} (${resolutions.length} transactions) vs one per article ${s(baseline)} ` +
      `(${perArticle.length} transactions): batched is ${(baseline / t.write).toFixed(1)}x faster`,
  );
} finally {
  await graph.close();
}
