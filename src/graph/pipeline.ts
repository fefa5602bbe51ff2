// The project's own stages behind the ingest: extraction per source, then resolution per batch.
import { processSource } from '../pipeline/index.js';
import { loadTaxonomy } from '../pipeline/topics.js';
import { resolve } from '../resolve/index.js';
import type { Pipeline } from './ingest.js';

export function loadPipeline(): Pipeline {
  const taxonomy = loadTaxonomy();
  return { taxonomy, extract: (source) => processSource(source, { taxonomy }), resolve };
}
