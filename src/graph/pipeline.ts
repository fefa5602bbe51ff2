// The stages behind the ingest: extraction per source, resolution per batch, and the version of both. An article
// stored by the same version from the same input is left alone by a later ingest; one stored by another version
// is extracted and resolved again.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../config.js';
import type { ArticleDoc, Source } from '../pipeline/doc.js';
import { processSource } from '../pipeline/index.js';
import { DEFAULT_TAXONOMY, loadTaxonomy, type Taxonomy } from '../pipeline/topics.js';
import { DEFAULT_GAZETTEER } from '../resolve/gazetteer.js';
import { resolve, type KnownGraph, type Resolution } from '../resolve/index.js';
import { extractPool, type ExtractPool } from '../workers/extract-pool.js';

/** The stages the ingest drives; the default is the project's pipeline, tests and benches may pass their own. */
export interface Pipeline {
  taxonomy: Taxonomy;
  /** Changes whenever extraction or resolution could give another answer for the same input. */
  version: string;
  extract(source: Source): ArticleDoc[];
  resolve(docs: ArticleDoc[], known: KnownGraph): Promise<Resolution>;
  /** The same extraction on worker threads (absent: a pipeline whose extract cannot leave this thread). */
  pool?(workers: number): ExtractPool;
}

/**
 * What decides the answer: the source of the stages (with the models and data beside it) and the user's data
 * files. The TypeScript source, so running from src/ or from the compiled build is the same version.
 */
const STAGE_DIRS = ['pipeline', 'resolve', 'embed', 'data'].map((d) => join(ROOT, 'src', d));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** A hash of every file the answer depends on: reading ~100 files once per ingest costs a few milliseconds. */
export function pipelineVersion(dataFiles: string[]): string {
  const h = createHash('sha256');
  for (const f of [...STAGE_DIRS.flatMap(files), ...dataFiles]) {
    if (!statSync(f, { throwIfNoEntry: false })?.isFile()) continue;
    h.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

export function loadPipeline(): Pipeline {
  const taxonomy = loadTaxonomy();
  const taxonomyFile = process.env.QG_TAXONOMY || DEFAULT_TAXONOMY;
  const data = [taxonomyFile, process.env.QG_GAZETTEER || DEFAULT_GAZETTEER];
  return {
    taxonomy,
    version: pipelineVersion(data),
    extract: (source) => processSource(source, { taxonomy }),
    resolve,
    pool: (workers) => extractPool(workers, taxonomyFile),
  };
}
