// `npm run bench ingest`: the whole BBC corpus (read in place from ../shared) into an empty graph: extraction,
// resolution against the graph and batched writes, with the time per stage. Then the same resolved batches are
// written again into an emptied graph one transaction per article (the naive way) and the write times compared.
// The graph is a bench instance of its own (QG_BENCH_BOLT_PORT, default 18187; its data is wiped), or NEO4J_URI
// when set (wiped too!). Target: the whole ingest in <= 30 s on 2 cores. Env: QG_BENCH_BATCH (articles per batch).
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { connect, type Graph } from '../src/db/driver.js';
import { LocalNeo4j } from '../src/db/local.js';
import { migrate } from '../src/db/migrate.js';
import { ingestSources, type Pipeline } from '../src/graph/ingest.js';
import { loadPipeline } from '../src/graph/pipeline.js';
import { buildRows } from '../src/graph/rows.js';
import { writeBatch, writeTopics } from '../src/graph/write.js';
import { readSources } from '../src/pipeline/read.js';
import type { Resolution } from '../src/resolve/index.js';
import { BBC, requireCorpus } from './corpus.js';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const dir = requireCorpus(BBC);

async function benchGraph(): Promise<{ graph: Graph; local: LocalNeo4j | null }> {
  if (process.env.NEO4J_URI) return { graph: await connect(loadConfig()), local: null };
  const bolt = Number(process.env.QG_BENCH_BOLT_PORT ?? 18187);
  const cfg = loadConfig({ ...process.env, QG_BOLT_PORT: String(bolt), QG_HTTP_PORT: String(bolt - 213) });
  const local = new LocalNeo4j(cfg, `bench-${bolt}`);
  const started = !(await local.start((l) => console.error(l))).alreadyRunning;
  return { graph: await connect({ ...cfg, NEO4J_URI: local.boltUri }), local: started ? local : null };
}

async function empty(graph: Graph): Promise<void> {
  const session = graph.driver.session({ database: graph.database });
  try {
    await session.run('MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

const { graph, local } = await benchGraph();
try {
  await migrate(graph);
  await empty(graph);
  // the project's pipeline, with each batch's resolution kept for the baseline
  const project = loadPipeline();
  const resolutions: { resolution: Resolution; files: string[] }[] = [];
  const pipeline: Pipeline = {
    ...project,
    async resolve(docs, known) {
      const resolution = await project.resolve(docs, known);
      resolutions.push({ resolution, files: [...new Set(docs.map((d) => d.article.source.file))] });
      return resolution;
    },
  };
  const batchSize = process.env.QG_BENCH_BATCH ? Number(process.env.QG_BENCH_BATCH) : undefined;
  const t0 = performance.now();
  const report = await ingestSources(graph, readSources([dir]), {
    pipeline,
    batchSize,
    onProgress: (p) => p.stage !== 'extract' && console.error(`  ${s(performance.now() - t0)}: ${p.files} files, ${p.articles} articles, batch ${p.batches} (${p.stage})`),
  });
  const t = report.timings;
  console.log(
    `ingest   ${report.counts.files} files, ${report.counts.articles} articles, ${report.counts.quotes} quotes, ` +
      `${report.counts.statements} statements, ${report.counts.speakers} speakers in ${s(t.total)} (target <= 30 s)`,
  );
  console.log(
    `  stages: read ${s(t.read)}, extract ${s(t.extract)}, known ${s(t.known)}, resolve ${s(t.resolve)}, ` +
      `diff ${s(t.diff)}, write ${s(t.write)}; ${resolutions.length} batches, ${report.errors.length} errors`,
  );
  console.log(`  graph: ${Object.entries(report.graph).map(([k, v]) => `${v} ${k}`).join(', ')}`);

  // baseline: the same rows, one transaction per article, into an emptied graph
  await empty(graph);
  const t1 = performance.now();
  await writeTopics(graph, project.taxonomy);
  let transactions = 0;
  for (const { resolution } of resolutions)
    for (const doc of resolution.docs) {
      await writeBatch(graph, buildRows({ ...resolution, docs: [doc] }, [doc.article.source.file]));
      transactions++;
    }
  const baseline = performance.now() - t1;
  console.log(
    `writes   batched ${s(t.write)} (${resolutions.length} transactions) vs one per article ${s(baseline)} ` +
      `(${transactions} transactions): batched is ${(baseline / t.write).toFixed(1)}x faster`,
  );
} finally {
  await graph.close();
  if (local && !process.env.QG_BENCH_KEEP_NEO4J) await local.stop();
}
