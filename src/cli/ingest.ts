// `quotegraph ingest PATH...`: read, extract, resolve against the graph, write in batches (src/graph/ingest.ts).
// stdout gets the summary (or, with --json, the whole report); progress and problems go to stderr.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidArgumentError } from 'commander';
import { loadConfig } from '../config.js';
import { connect } from '../db/driver.js';
import { migrate } from '../db/migrate.js';
import { ingestSources, type IngestProgress, type IngestReport, type Stage } from '../graph/ingest.js';
import { readSources } from '../pipeline/read.js';
import { defaultWorkers } from '../workers/extract-pool.js';
import type { Registrar } from './registrar.js';
import { run } from './run.js';

interface Options {
  batchSize: number;
  dryRun?: boolean;
  stopOnError?: boolean;
  json?: boolean;
  workers: number;
}

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number');
  return n;
};

/** Files the run will read (hidden entries skipped, as the reader does): the progress bar's total. */
async function countFiles(paths: string[]): Promise<number> {
  let n = 0;
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (info?.isFile()) n++;
    else if (info?.isDirectory())
      for (const e of await readdir(p, { withFileTypes: true, recursive: true }))
        if (e.isFile() && !e.name.startsWith('.') && !join(e.parentPath, e.name).slice(p.length).includes('/.')) n++;
  }
  return n;
}

/** A bar on a terminal; elsewhere (pipes, CI logs) a plain line every few seconds. */
function progressReporter(total: number): { update(p: IngestProgress): void; stop(): void } {
  const line = (p: IngestProgress) =>
    `${p.files}/${total} files, ${p.articles} articles, ${p.quotes} quotes, ${p.batches} batches` +
    (p.failed ? `, ${p.failed} failed` : '') + ` (${p.stage})`;
  if (process.stderr.isTTY && !process.env.CI) {
    const bar = new cliProgress.SingleBar(
      { format: 'ingest [{bar}] {value}/{total} files | {articles} articles, {quotes} quotes | {stage}', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { articles: 0, quotes: 0, stage: 'read' });
    return {
      update: (p) => bar.update(Math.min(p.files, total), { articles: p.articles, quotes: p.quotes, stage: p.stage }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(p) {
      if (Date.now() - last < 5000) return;
      last = Date.now();
      process.stderr.write(`ingest: ${line(p)}\n`);
    },
    stop() {},
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const STAGES: Stage[] = ['read', 'extract', 'validate', 'known', 'resolve', 'diff', 'write'];

/** The one line for an ingest that lost Neo4j: what went away, what was committed, how to resume. */
export function abortLine(r: IngestReport, uri: string): string {
  const a = r.aborted!;
  // the driver's message runs to several sentences of advice; its first says what happened
  const why = a.problem.split(/(?<=\.)\s|\n/)[0].replace(/\.$/, '').slice(0, 160);
  return (
    `quotegraph: Neo4j at ${uri} went away (${why}); this run committed ${a.committed.batches} batch(es), ` +
    `${a.committed.articles} article(s), before it, and nothing of the ${a.files.length} file(s) in flight: ` +
    `start Neo4j and run the same command again to add the rest (what is committed is left as it is)\n`
  );
}

export function summarize(r: IngestReport): string {
  const by = (s: string) => r.articles.filter((a) => a.status === s).length;
  const verb = r.dryRun ? 'would add' : 'added';
  const lines = [
    `${r.dryRun ? 'dry run: nothing written. ' : ''}${r.counts.files} files, ${r.counts.articles} articles, ` +
      `${r.counts.quotes} quotes, ${r.counts.statements} statements, ${r.counts.speakers} speakers`,
    `articles: ${by('new')} new, ${by('changed')} changed (replacing ${r.changes.replacedArticles.length}), ${by('unchanged')} unchanged`,
    `${verb}: ${r.changes.newQuotes.length} quotes, ${r.changes.newStatements.length} statements, ${r.changes.newSpeakers.length} speakers`,
  ];
  const o = r.changes.orphansRemoved;
  if (o.statements + o.speakers + o.outlets)
    lines.push(`removed as orphans: ${o.statements} statements, ${o.speakers} speakers, ${o.outlets} outlets`);
  if (r.dryRun) {
    for (const a of r.articles.filter((x) => x.status !== 'unchanged')) lines.push(`  ${a.status} article ${a.id} (${a.file}): ${a.title ?? '(no title)'}, ${a.quotes} quotes`);
    for (const id of r.changes.replacedArticles) lines.push(`  replaced article ${id}`);
    for (const id of r.changes.newSpeakers) lines.push(`  new speaker ${id}`);
    for (const id of r.changes.newStatements) lines.push(`  new statement ${id}`);
  }
  if (r.graph) lines.push(`graph: ${Object.entries(r.graph).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  lines.push(`time: ${STAGES.map((s) => `${s} ${seconds(r.timings[s])}`).join(', ')}; total ${seconds(r.timings.total)}`);
  if (r.errors.length) {
    const batches = r.errors.filter((e) => e.stage !== 'read' && e.stage !== 'extract').length;
    lines.push(`${r.errors.length} problem(s)${batches ? `; ${batches} failed batch(es) rolled back whole, nothing of their files written` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export const register: Registrar = (program) => {
  program
    .command('ingest')
    .description('extract, resolve and write news files into the graph (idempotent; edited files replace their old version)')
    .argument('<paths...>', 'files or folders (read recursively)')
    .option('--batch-size <articles>', 'articles per transaction (files are never split)', positive, 500)
    .option('--dry-run', 'show what would change, write nothing')
    .option('--stop-on-error', 'stop at the first failed batch')
    .option('--json', 'print the whole report as JSON')
    .option('--workers <n>', 'extraction threads (default: one per core but one; 1 extracts on the main thread)', positive, defaultWorkers())
    .action((paths: string[], opts: Options) =>
      run(async () => {
        const graph = await connect(loadConfig(), { say: (l) => process.stderr.write(`${l}\n`) });
        try {
          await migrate(graph);
          const progress = progressReporter(await countFiles(paths));
          let report: IngestReport;
          try {
            report = await ingestSources(graph, readSources(paths), {
              batchSize: opts.batchSize,
              dryRun: opts.dryRun,
              stopOnError: opts.stopOnError,
              onProgress: progress.update,
              workers: opts.workers,
            });
          } finally {
            progress.stop();
          }
          for (const e of report.errors) process.stderr.write(`quotegraph: ${e.files.join(', ')}: ${e.stage}: ${e.problem}\n`);
          process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : summarize(report));
          if (report.aborted) process.stderr.write(abortLine(report, graph.uri));
          if (report.errors.length || report.aborted) process.exitCode = 1;
        } finally {
          await graph.close();
        }
      }),
    );
};
