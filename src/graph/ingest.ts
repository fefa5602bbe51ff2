// Sources into the graph: extract each source, gather whole files into batches, resolve each batch against
// what the graph already knows about its speakers, and write it in one transaction. Shared by the CLI
// (`quotegraph ingest`) and the API. A batch that fails is rolled back whole and reported with its files.
import { resolve as resolvePath } from 'node:path';
import { performance } from 'node:perf_hooks';
import neo4j from 'neo4j-driver';
import type { Graph } from '../db/driver.js';
import type { ArticleDoc, Source } from '../pipeline/doc.js';
import type { Taxonomy } from '../pipeline/topics.js';
import type { KnownGraph, Resolution } from '../resolve/index.js';
import { EXISTING_IDS, FIND_STALE_ARTICLES, GRAPH_COUNTS } from './cypher.js';
import { loadKnown } from './known.js';
import { buildRows, type BatchRows } from './rows.js';
import { writeBatch, writeTopics } from './write.js';

/** The stages the ingest drives; the default is the project's pipeline, tests and benches may pass their own. */
export interface Pipeline {
  taxonomy: Taxonomy;
  extract(source: Source): ArticleDoc[];
  resolve(docs: ArticleDoc[], known: KnownGraph): Promise<Resolution>;
}

/** What readSources yields (a source or a file it could not read), or a bare Source. */
export type IngestInput = Source | { source: Source } | { error: { file: string; problem: string } };

export type Stage = 'read' | 'extract' | 'known' | 'resolve' | 'diff' | 'write';

export interface IngestOptions {
  /** Articles per batch (whole files: a file is never split); one transaction each. */
  batchSize?: number;
  /** Resolve and compare with the graph, write nothing. */
  dryRun?: boolean;
  /** Stop at the first failed batch (default: report it and go on). */
  stopOnError?: boolean;
  onProgress?: (p: IngestProgress) => void;
  pipeline?: Pipeline;
}

export interface IngestProgress {
  files: number;
  articles: number;
  quotes: number;
  batches: number;
  failed: number;
  stage: Stage;
}

export type ArticleStatus = 'new' | 'changed' | 'unchanged';

export interface ArticleResult {
  id: string;
  file: string;
  title: string | null;
  status: ArticleStatus;
  quotes: number;
  /** False in a dry run and when its batch failed. */
  written: boolean;
}

export interface IngestError {
  stage: Stage;
  files: string[];
  problem: string;
}

export interface IngestReport {
  dryRun: boolean;
  articles: ArticleResult[];
  errors: IngestError[];
  /** What this run read and resolved (statements and speakers its quotes refer to). */
  counts: { files: number; articles: number; quotes: number; statements: number; speakers: number };
  /** What this run added or removed (in a dry run: would). */
  changes: {
    newQuotes: string[];
    newStatements: string[];
    newSpeakers: string[];
    /** Articles an edit replaced: same file or url, other content. */
    replacedArticles: string[];
    orphansRemoved: { statements: number; speakers: number; outlets: number };
  };
  /** Milliseconds per stage, summed over batches. */
  timings: Record<Stage | 'total', number>;
  /** Node counts after the run. */
  graph: { articles: number; quotes: number; statements: number; speakers: number; outlets: number; topics: number };
}

const DEFAULT_BATCH = 500;

interface Batch {
  files: string[];
  docs: ArticleDoc[];
}

export async function ingestSources(
  graph: Graph,
  sources: AsyncIterable<IngestInput> | Iterable<IngestInput>,
  opts: IngestOptions = {},
): Promise<IngestReport> {
  const t0 = performance.now();
  // loaded on first use: the NLP models are heavy and the API server may never ingest
  const pipeline = opts.pipeline ?? (await import('./pipeline.js')).loadPipeline();
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const timings: IngestReport['timings'] = { read: 0, extract: 0, known: 0, resolve: 0, diff: 0, write: 0, total: 0 };
  const timed = async <T>(stage: Stage, f: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await f();
    } finally {
      timings[stage] += performance.now() - t;
    }
  };
  const report: IngestReport = {
    dryRun: !!opts.dryRun,
    articles: [],
    errors: [],
    counts: { files: 0, articles: 0, quotes: 0, statements: 0, speakers: 0 },
    changes: { newQuotes: [], newStatements: [], newSpeakers: [], replacedArticles: [], orphansRemoved: { statements: 0, speakers: 0, outlets: 0 } },
    timings,
    graph: { articles: 0, quotes: 0, statements: 0, speakers: 0, outlets: 0, topics: 0 },
  };
  const statementIds = new Set<string>();
  const speakerIds = new Set<string>();
  const progress = { files: 0, articles: 0, quotes: 0, batches: 0, failed: 0 };
  const tell = (stage: Stage) => opts.onProgress?.({ ...progress, stage });

  if (!opts.dryRun) await timed('write', () => writeTopics(graph, pipeline.taxonomy));

  let stopped = false;
  const fail = (stage: Stage, files: string[], e: unknown) => {
    report.errors.push({ stage, files, problem: (e as Error).message });
    progress.failed++;
    if (opts.stopOnError) stopped = true;
  };
  // A batch's write runs while the next batch is extracted (Neo4j and the extraction each keep a core busy);
  // it is awaited before the next batch is resolved, which must see what it wrote.
  let writing: Promise<void> = Promise.resolve();
  const flush = async (batch: Batch) => {
    await writing;
    if (!batch.files.length || stopped) return;
    let stage: Stage = 'known';
    try {
      const known = await timed('known', () => loadKnown(graph, batch.docs));
      stage = 'resolve';
      const resolution = await timed('resolve', () => pipeline.resolve(batch.docs, known));
      const rows = buildRows(resolution, batch.files);
      stage = 'diff';
      const { results, changes } = await timed('diff', () => compare(graph, rows));
      const done = () => {
        report.articles.push(...results);
        for (const k of ['newQuotes', 'newStatements', 'newSpeakers', 'replacedArticles'] as const) report.changes[k].push(...changes[k]);
        for (const s of rows.statements) statementIds.add(s.id);
        for (const s of rows.speakers) speakerIds.add(s.id);
        progress.batches++;
        tell(stage);
      };
      if (opts.dryRun) return done();
      stage = 'write';
      writing = timed('write', () => writeBatch(graph, rows)).then(
        (written) => {
          for (const k of ['statements', 'speakers', 'outlets'] as const) report.changes.orphansRemoved[k] += written.orphans[k];
          for (const r of results) r.written = true;
          done();
        },
        (e) => fail('write', batch.files, e),
      );
    } catch (e) {
      fail(stage, batch.files, e);
    }
  };

  let batch: Batch = { files: [], docs: [] };
  const readTimer = { at: performance.now() };
  for await (const item of sources) {
    timings.read += performance.now() - readTimer.at;
    if ('error' in item) {
      report.errors.push({ stage: 'read', files: [item.error.file], problem: item.error.problem });
      if (opts.stopOnError) {
        stopped = true;
        break;
      }
    } else {
      const source = 'source' in item ? item.source : item;
      const file = resolvePath(source.file);
      // a batch closes only between files, so a file's articles are replaced together
      if (!batch.files.includes(file)) {
        if (batch.docs.length >= batchSize) {
          await flush(batch);
          batch = { files: [], docs: [] };
        }
        if (stopped) break;
        batch.files.push(file);
        progress.files++;
      }
      try {
        const docs = await timed('extract', () => pipeline.extract(source));
        batch.docs.push(...docs);
        progress.articles += docs.length;
        progress.quotes += docs.reduce((n, d) => n + d.quotes.length, 0);
      } catch (e) {
        report.errors.push({ stage: 'extract', files: [source.file], problem: (e as Error).message });
        if (opts.stopOnError) {
          stopped = true;
          break;
        }
      }
      tell('extract');
    }
    // extraction is synchronous and reading may be too: give the event loop a turn, or the pending write's
    // network I/O waits for the whole next batch and nothing overlaps
    await new Promise<void>((done) => setImmediate(done));
    readTimer.at = performance.now();
  }
  await flush(batch);
  await writing;

  report.counts = {
    files: progress.files,
    articles: report.articles.length,
    quotes: report.articles.reduce((n, a) => n + a.quotes, 0),
    statements: statementIds.size,
    speakers: speakerIds.size,
  };
  const { records } = await graph.driver.executeQuery(GRAPH_COUNTS, {}, { database: graph.database, routing: 'READ' });
  report.graph = records[0].toObject() as IngestReport['graph'];
  timings.total = performance.now() - t0;
  return report;
}

type Changes = Pick<IngestReport['changes'], 'newQuotes' | 'newStatements' | 'newSpeakers' | 'replacedArticles'>;

/** Which articles of the batch are new, changed (replace others) or unchanged; which quotes etc. are new. */
async function compare(graph: Graph, rows: BatchRows): Promise<{ results: ArticleResult[]; changes: Changes }> {
  const session = graph.driver.session({ database: graph.database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => {
      const stale = (await tx.run(FIND_STALE_ARTICLES, { files: rows.files })).records.map((r) => r.toObject());
      const existing = (
        await tx.run(EXISTING_IDS, {
          articles: rows.articles.map((a) => a.id),
          quotes: rows.quotes.map((q) => q.id),
          statements: rows.statements.map((s) => s.id),
          speakers: rows.speakers.map((s) => s.id),
        })
      ).records[0].toObject() as Record<'articles' | 'quotes' | 'statements' | 'speakers', string[]>;
      const [articles, quotes, statements, speakers] = (['articles', 'quotes', 'statements', 'speakers'] as const).map(
        (k) => new Set(existing[k]),
      );
      const replaces = new Set(stale.flatMap((s) => [`file:${s.file}`, `url:${s.url}`]));
      const results = rows.articles.map((a): ArticleResult => ({
        id: a.id,
        file: a.file,
        title: a.title,
        status: articles.has(a.id) ? 'unchanged' : replaces.has(`file:${a.file}`) || replaces.has(`url:${a.url}`) ? 'changed' : 'new',
        quotes: a.quoteIds.length,
        written: false,
      }));
      const changes: Changes = {
        replacedArticles: stale.map((s) => s.id as string),
        newQuotes: rows.quotes.filter((q) => !quotes.has(q.id)).map((q) => q.id),
        newStatements: rows.statements.filter((s) => !statements.has(s.id)).map((s) => s.id),
        newSpeakers: rows.speakers.filter((s) => !speakers.has(s.id)).map((s) => s.id),
      };
      return { results, changes };
    }, graph.txConfig);
  } finally {
    await session.close();
  }
}
