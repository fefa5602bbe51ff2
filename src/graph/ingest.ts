// Sources into the graph: extract each source, gather whole files into batches, and for each batch leave alone
// what the graph already holds as it is (same article, same pipeline version: same digest), resolve the rest
// against what the graph knows about its speakers, and write it in one transaction. Shared by the CLI
// (`quotegraph ingest`) and the API. A batch that fails is rolled back whole and reported with its files; when
// Neo4j goes away the ingest stops at once and says what was committed.
//
// Why the result is the same however often and however interrupted it runs: batches are cut from the input in
// the same place every time, a batch is written whole or not at all, an article already stored by the same
// pipeline is never resolved or written again, and each batch is resolved against exactly the graph it is
// written into (writeBatch checks the graph's version). So a second run, or a run after a crash, only adds what
// the first did not commit, as the first would have.
import { resolve as resolvePath } from 'node:path';
import { performance } from 'node:perf_hooks';
import neo4j from 'neo4j-driver';
import { connectionLost, type Graph } from '../db/driver.js';
import type { ArticleDoc, Source } from '../pipeline/doc.js';
import { EXISTING_IDS, FIND_STALE_ARTICLES, GRAPH_COUNTS, GRAPH_VERSION, STORED_DIGESTS } from './cypher.js';
import { loadKnown } from './known.js';
import type { Pipeline } from './pipeline.js';
import { articleRow, buildRows, fileRows, type BatchRows, type FileRow } from './rows.js';
import { fieldProblem } from './validate.js';
import { GraphMoved, writeBatch, writeTopics } from './write.js';
import { extractInOrder } from '../workers/extract-pool.js';
import { own } from '../pipeline/own.js';

export type { Pipeline } from './pipeline.js';

/** What readSources yields (a source or a file it could not read), or a bare Source. */
export type IngestInput = Source | { source: Source } | { error: { file: string; problem: string } };

export type Stage = 'read' | 'extract' | 'validate' | 'known' | 'resolve' | 'diff' | 'write';

export interface IngestOptions {
  /** Articles per batch (whole files: a file is never split); one transaction each. */
  batchSize?: number;
  /** Resolve and compare with the graph, write nothing. */
  dryRun?: boolean;
  /** Stop at the first failed batch (default: report it and go on). */
  stopOnError?: boolean;
  onProgress?: (p: IngestProgress) => void;
  pipeline?: Pipeline;
  /** Extraction threads (default 1: inline); used when the pipeline can run in a pool. */
  workers?: number;
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
  /** False in a dry run, when its batch failed, and when it was already stored as it is. */
  written: boolean;
}

export interface IngestError {
  stage: Stage;
  files: string[];
  problem: string;
}

/** Neo4j went away mid-run: what was committed before it did. */
export interface IngestAbort {
  problem: string;
  /** Batches and articles committed by this run before the connection was lost. */
  committed: { batches: number; articles: number };
  /** Files of the batch that was in flight (nothing of it was written). */
  files: string[];
}

export interface IngestReport {
  dryRun: boolean;
  articles: ArticleResult[];
  errors: IngestError[];
  /** Set when the ingest stopped because Neo4j could not be reached any more. */
  aborted: IngestAbort | null;
  /** What this run read, and what it resolved (statements and speakers the quotes it wrote refer to). */
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
  /** Node counts after the run (null when Neo4j could not be reached). */
  graph: { articles: number; quotes: number; statements: number; speakers: number; outlets: number; topics: number } | null;
}

const DEFAULT_BATCH = 500;
/** Plans of one batch before it gives up on a graph that keeps changing under it (other ingests writing). */
const MAX_PLANS = 20;

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
  const timings: IngestReport['timings'] = { read: 0, extract: 0, validate: 0, known: 0, resolve: 0, diff: 0, write: 0, total: 0 };
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
    aborted: null,
    counts: { files: 0, articles: 0, quotes: 0, statements: 0, speakers: 0 },
    changes: { newQuotes: [], newStatements: [], newSpeakers: [], replacedArticles: [], orphansRemoved: { statements: 0, speakers: 0, outlets: 0 } },
    timings,
    graph: null,
  };
  const statementIds = new Set<string>();
  const speakerIds = new Set<string>();
  const progress = { files: 0, articles: 0, quotes: 0, batches: 0, failed: 0 };
  const committed = { batches: 0, articles: 0 };
  const tell = (stage: Stage) => opts.onProgress?.({ ...progress, stage });

  let stopped = false;
  const fail = (stage: Stage, files: string[], e: unknown) => {
    if (connectionLost(e)) {
      report.aborted ??= { problem: (e as Error).message, committed: { ...committed }, files };
      stopped = true;
      return;
    }
    report.errors.push({ stage, files, problem: (e as Error).message });
    progress.failed++;
    if (opts.stopOnError) stopped = true;
  };

  try {
    if (!opts.dryRun) await timed('write', () => writeTopics(graph, pipeline.taxonomy));
  } catch (e) {
    fail('write', [], e);
  }

  /** Plans, resolves and writes one batch; planned again when another ingest wrote in between. */
  const settle = async (batch: Batch): Promise<void> => {
    let stage: Stage = 'validate';
    try {
      const refused = new Set<string>();
      const docs = await timed('validate', () =>
        batch.docs.filter((d) => {
          const file = resolvePath(d.article.source.file);
          const problem = fieldProblem(d, file);
          if (problem) {
            refused.add(file);
            report.errors.push({ stage: 'validate', files: [d.article.source.file], problem: `article ${d.article.index}: ${problem}` });
          }
          return !problem;
        }),
      );
      for (let plans = 1; ; plans++) {
        stage = 'diff';
        const plan = await timed('diff', () => planBatch(graph, docs, batch.files, refused, pipeline.version));
        const results = docs.map((d) => articleResult(d, plan));
        let rows: BatchRows | null = null;
        if (plan.fresh.length || plan.files.length) {
          stage = 'known';
          const known = await timed('known', () => loadKnown(graph, plan.fresh));
          stage = 'resolve';
          const resolution = await timed('resolve', () => pipeline.resolve(plan.fresh, known));
          rows = buildRows(resolution, plan.files, pipeline.version);
          stage = 'diff';
          const changes = await timed('diff', () => compare(graph, rows!));
          if (!opts.dryRun) {
            stage = 'write';
            try {
              const written = await timed('write', () => writeBatch(graph, rows!, plan.version));
              for (const k of ['statements', 'speakers', 'outlets'] as const) report.changes.orphansRemoved[k] += written.orphans[k];
              for (const r of results) r.written = r.status !== 'unchanged';
              committed.batches++;
              committed.articles += plan.fresh.length;
            } catch (e) {
              if (e instanceof GraphMoved && plans < MAX_PLANS) continue;
              throw e;
            }
          }
          report.changes.replacedArticles.push(...plan.stale);
          for (const k of ['newQuotes', 'newStatements', 'newSpeakers'] as const) report.changes[k].push(...changes[k]);
          for (const s of rows.statements) statementIds.add(s.id);
          for (const s of rows.speakers) speakerIds.add(s.id);
        }
        report.articles.push(...results);
        progress.batches++;
        tell(stage);
        return;
      }
    } catch (e) {
      fail(stage, batch.files, e);
    }
  };

  // A batch is settled while the next one is extracted (Neo4j and the extraction each keep a core busy); it is
  // awaited before the next batch is settled, which must see what it wrote.
  let settling: Promise<void> = Promise.resolve();
  const flush = async (batch: Batch) => {
    await settling;
    if (!batch.files.length || stopped) return;
    settling = settle(batch);
  };

  // Extraction: on the pool's worker threads when there are several (sources read ahead, results taken in input
  // order, so the batches are cut as with one), else inline. Waiting for a pooled result counts as extraction.
  const pooled = (opts.workers ?? 1) > 1 && !!pipeline.pool;
  const sourceOf = (item: IngestInput) => ('error' in item ? null : 'source' in item ? item.source : item);
  let inlineMs = 0;
  const extracted = extractInOrder(sources, sourceOf, {
    inline: (source) => pipeline.extract(source),
    workers: pooled ? opts.workers! : 1,
    pool: (workers) => pipeline.pool!(workers),
    onInline: (ms) => (inlineMs += ms),
  });

  let batch: Batch = { files: [], docs: [] };
  const readTimer = { at: performance.now() };
  try {
    for await (const { item, result } of extracted) {
      const waited = performance.now() - readTimer.at;
      timings[pooled ? 'extract' : 'read'] += waited - inlineMs;
      timings.extract += inlineMs;
      inlineMs = 0;
      if (stopped) break;
      const source = sourceOf(item);
      if (!source || !result) {
        const { error } = item as { error: { file: string; problem: string } };
        report.errors.push({ stage: 'read', files: [error.file], problem: error.problem });
        if (opts.stopOnError) {
          stopped = true;
          break;
        }
      } else {
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
        if (result.status === 'fulfilled') {
          batch.docs.push(...result.value);
          progress.articles += result.value.length;
          progress.quotes += result.value.reduce((n, d) => n + d.quotes.length, 0);
        } else {
          report.errors.push({ stage: 'extract', files: [source.file], problem: (result.reason as Error).message });
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
  } finally {
    await extracted.return(undefined);
  }
  await flush(batch);
  await settling;

  report.counts = {
    files: progress.files,
    articles: report.articles.length,
    quotes: report.articles.reduce((n, a) => n + a.quotes, 0),
    statements: statementIds.size,
    speakers: speakerIds.size,
  };
  if (!report.aborted) {
    try {
      const { records } = await graph.driver.executeQuery(GRAPH_COUNTS, {}, { database: graph.database, routing: 'READ' });
      report.graph = records[0].toObject() as NonNullable<IngestReport['graph']>;
    } catch (e) {
      fail('diff', [], e);
    }
  }
  timings.total = performance.now() - t0;
  return report;
}

interface Plan {
  /** The graph's version when the plan was made. */
  version: number;
  /** Articles to resolve and write: not stored, or stored with another digest. */
  fresh: ArticleDoc[];
  /** Whether each article id was stored before (with any digest), for its status. */
  stored: Set<string>;
  /** Stored articles the batch's files (or urls) replace. */
  stale: string[];
  /** `file:<path>` and `url:<url>` of what they were stored under: the articles that replace them are "changed". */
  replaces: Set<string>;
  /** Files that have fresh articles or replace stale ones (with every article id each holds now). */
  files: FileRow[];
}

/**
 * What of a batch the graph already holds as it is, what it must take, and what the batch replaces. A file with
 * a refused record replaces nothing (its other records are added): what the graph holds of it stays until the
 * whole file can be read.
 */
async function planBatch(graph: Graph, docs: ArticleDoc[], files: string[], refused: Set<string>, version: string): Promise<Plan> {
  const rows = fileRows(docs, files).filter((f) => !refused.has(f.file));
  const session = graph.driver.session({ database: graph.database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => {
      // the version first: whatever is committed after it is read makes the write plan again
      const graphVersion = Number((await tx.run(GRAPH_VERSION)).records[0].get('version'));
      const ids = docs.map((d) => d.article.id);
      const digests = new Map((await tx.run(STORED_DIGESTS, { ids })).records.map((r) => [r.get('id') as string, r.get('digest') as string | null]));
      const stale = (await tx.run(FIND_STALE_ARTICLES, { files: rows })).records.map((r) => r.toObject() as { id: string; file: string; url: string | null });
      const fresh = docs.filter((d) => digests.get(d.article.id) !== articleRow(d.article, d.quotes.map((q) => q.start), version).digest);
      const touched = new Set([...fresh.map((d) => resolvePath(d.article.source.file)), ...stale.map((s) => s.file)]);
      return {
        version: graphVersion,
        fresh,
        stored: new Set(digests.keys()),
        stale: stale.map((s) => s.id),
        replaces: new Set(stale.flatMap((s) => [`file:${s.file}`, `url:${s.url}`])),
        files: rows.filter((f) => touched.has(f.file)),
      };
    }, graph.txConfig);
  } finally {
    await session.close();
  }
}

function articleResult(d: ArticleDoc, plan: Plan): ArticleResult {
  const a = d.article;
  const file = resolvePath(a.source.file);
  const status: ArticleStatus = !plan.fresh.includes(d)
    ? 'unchanged'
    : plan.stored.has(a.id) || plan.replaces.has(`file:${file}`) || plan.replaces.has(`url:${a.url}`)
      ? 'changed'
      : 'new';
  // the report outlives the batch
  return { id: a.id, file, title: a.title === null ? null : own(a.title), status, quotes: d.quotes.length, written: false };
}

type Changes = Pick<IngestReport['changes'], 'newQuotes' | 'newStatements' | 'newSpeakers'>;

/** Which quotes, statements and speakers of the rows the graph does not hold yet. */
async function compare(graph: Graph, rows: BatchRows): Promise<Changes> {
  const session = graph.driver.session({ database: graph.database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => {
      const existing = (
        await tx.run(EXISTING_IDS, {
          articles: rows.articles.map((a) => a.id),
          quotes: rows.quotes.map((q) => q.id),
          statements: rows.statements.map((s) => s.id),
          speakers: rows.speakers.map((s) => s.id),
        })
      ).records[0].toObject() as Record<'articles' | 'quotes' | 'statements' | 'speakers', string[]>;
      const [quotes, statements, speakers] = (['quotes', 'statements', 'speakers'] as const).map((k) => new Set(existing[k]));
      return {
        newQuotes: rows.quotes.filter((q) => !quotes.has(q.id)).map((q) => q.id),
        newStatements: rows.statements.filter((s) => !statements.has(s.id)).map((s) => s.id),
        newSpeakers: rows.speakers.filter((s) => !speakers.has(s.id)).map((s) => s.id),
      };
    }, graph.txConfig);
  } finally {
    await session.close();
  }
}
