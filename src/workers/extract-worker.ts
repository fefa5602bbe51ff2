// One extraction worker thread (run by the pool in extract-pool.ts): the same pure processSource as the main
// thread, with the taxonomy the pool names loaded once per thread.
import { workerData } from 'node:worker_threads';
import type { ArticleDoc, Source } from '../pipeline/doc.js';
import { processSource } from '../pipeline/index.js';
import { loadTaxonomy } from '../pipeline/topics.js';

const taxonomy = loadTaxonomy((workerData as { taxonomy?: string } | undefined)?.taxonomy);

export default function extract(source: Source): ArticleDoc[] {
  return processSource(source, { taxonomy });
}
