// Extraction on the other cores: a pool of worker threads (piscina: a maintained pool with a task queue, worker
// restarts on crashes and clean shutdown, which hand-written worker_threads code would have to re-invent), each
// running the same pure processSource. Results come back in input order (`inOrder`), so whatever the number of
// workers, `extract` prints the same lines and the ingest cuts and resolves the same batches.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ArticleDoc, Source } from '../pipeline/doc.js';
import { boundHeapGrowth } from './heap.js';

export interface ExtractPool {
  extract(source: Source): Promise<ArticleDoc[]>;
  close(): Promise<void>;
}

/**
 * One extraction thread per core but one, unless told otherwise: the main thread resolves and writes beside them,
 * and V8's own threads (garbage collection, compilation) keep a core busy too. On 2 cores that is none besides the
 * main thread: measured there, the whole BBC ingest took 22.6 / 21.8 s extracting inline against 25.6 / 23.4 s with
 * two threads (each thread loads the models and warms up its compiler itself), and extraction alone 9.5-11.0 s
 * against 12.6-12.8 s.
 */
export const defaultWorkers = (): number => Math.max(1, availableParallelism() - 1);

// the worker next to this module: .ts when run from source (the threads then load tsx, whichever runner started
// this one: the CLI through tsx, vitest through its own transform), .js when compiled
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER = new URL(`./extract-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
const EXEC_ARGV = FROM_SOURCE ? ['--import', import.meta.resolve('tsx')] : [];

/** `taxonomy`: the taxonomy file the workers load (default: the configured one, as loadTaxonomy picks it). */
export function extractPool(workers: number, taxonomy?: string): ExtractPool {
  const pool = new Piscina({
    filename: WORKER.href,
    minThreads: workers,
    maxThreads: workers,
    workerData: { taxonomy },
    execArgv: EXEC_ARGV,
    // the models load once per thread: keep the threads for the whole run
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  // a thread that cannot start (or dies outside a task) fails every task, instead of leaving them waiting. The
  // waiting tasks are rejected one by one: racing each against one never-settled promise would keep every task's
  // result (its articles, texts and all) reachable from that promise for the whole run.
  let broken: Error | null = null;
  const waiting = new Set<(e: Error) => void>();
  pool.on('error', (e: Error) => {
    broken = new Error(`extraction worker failed: ${e.message}`);
    for (const fail of waiting) fail(broken);
    waiting.clear();
  });
  return {
    extract: (source) =>
      new Promise<ArticleDoc[]>((done, fail) => {
        if (broken) return fail(broken);
        waiting.add(fail);
        (pool.run(source) as Promise<ArticleDoc[]>).then(done, fail).finally(() => waiting.delete(fail));
      }),
    close: () => pool.destroy(),
  };
}

/**
 * Runs `work` on each item with up to `ahead` running at once and yields every outcome in input order: a slow
 * item holds back the ones after it, never reorders them. Items are pulled only as places free up (reading
 * stays streamed, memory bounded by `ahead`).
 */
export async function* inOrder<T, R>(
  items: AsyncIterable<T> | Iterable<T>,
  work: (item: T) => Promise<R> | null,
  ahead: number,
): AsyncGenerator<{ item: T; result: PromiseSettledResult<R> | null }> {
  const queue: { item: T; result: Promise<PromiseSettledResult<R> | null> }[] = [];
  const settle = (p: Promise<R> | null) =>
    p ? p.then((value): PromiseSettledResult<R> => ({ status: 'fulfilled', value }), (reason): PromiseSettledResult<R> => ({ status: 'rejected', reason })) : Promise.resolve(null);
  for await (const item of items) {
    queue.push({ item, result: settle(work(item)) });
    while (queue.length >= ahead) {
      const head = queue.shift()!;
      yield { item: head.item, result: await head.result };
    }
  }
  while (queue.length) {
    const head = queue.shift()!;
    yield { item: head.item, result: await head.result };
  }
}

/** How a run extracts: `inline` on this thread, or with several `workers` on a pool that `pool` starts. */
export interface Extraction {
  inline: (source: Source) => ArticleDoc[];
  workers: number;
  pool: (workers: number) => ExtractPool;
  /** Told how long each inline extraction took (a pooled one runs while this thread does other work). */
  onInline?: (ms: number) => void;
}

/**
 * The source of each item (`sourceOf`; none for a read problem, which passes through with no result) extracted,
 * every item yielded in input order with its outcome: inline with one worker, else on a pool of `workers` threads
 * with two tasks each queued ahead, started when the first item is asked for and closed when the caller stops.
 * V8's heap growth is bounded for the run (heap.ts).
 */
export async function* extractInOrder<I>(
  items: AsyncIterable<I> | Iterable<I>,
  sourceOf: (item: I) => Source | null,
  { inline, workers, pool: startPool, onInline }: Extraction,
): AsyncGenerator<{ item: I; result: PromiseSettledResult<ArticleDoc[]> | null }> {
  boundHeapGrowth();
  const pool = workers > 1 ? startPool(workers) : null;
  const run = (source: Source) => {
    if (pool) return pool.extract(source);
    const t = performance.now();
    try {
      return Promise.resolve(inline(source));
    } catch (e) {
      return Promise.reject(e);
    } finally {
      onInline?.(performance.now() - t);
    }
  };
  const work = (item: I) => {
    const source = sourceOf(item);
    return source ? run(source) : null;
  };
  try {
    yield* inOrder(items, work, pool ? 2 * workers : 1);
  } finally {
    await pool?.close();
  }
}
