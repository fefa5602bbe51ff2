// The ingestArticles mutation: texts with optional metadata become Sources and go through the same ingest as
// `quotegraph ingest`. Writes are serialised: one ingest at a time per server.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Graph } from '../db/driver.js';
import { ingestSources } from '../graph/ingest.js';
import type { IngestError } from '../graph/ingest.js';
import { log } from '../log.js';
import type { Source } from '../pipeline/doc.js';
import { sourceId } from '../pipeline/read.js';
import { userError } from './errors.js';

export const MAX_ARTICLES = 20;
export const MAX_TEXT = 200_000;

export interface ArticleInput {
  text: string;
  title?: string | null;
  outlet?: string | null;
  url?: string | null;
  published?: string | null;
  byline?: string[] | null;
}

let queue: Promise<unknown> = Promise.resolve();

export async function ingestArticles(graph: Graph, input: ArticleInput[]) {
  if (input.length === 0 || input.length > MAX_ARTICLES) throw userError(`give 1 to ${MAX_ARTICLES} articles (was ${input.length})`);
  input.forEach((a, i) => {
    if (!a.text.trim()) throw userError(`input ${i}: text is empty`);
    if (a.text.length > MAX_TEXT) throw userError(`input ${i}: text is longer than ${MAX_TEXT} characters`);
  });
  // a Source's file names it in reports; the ingest replaces an earlier article of the same file or url, so each
  // text gets a name of its own (edits are recognised by url)
  const sources: Source[] = input.map((a) => {
    const id = sourceId(a.text);
    const given = { title: a.title, outlet: a.outlet, url: a.url, published: a.published, byline: a.byline ?? [] };
    return { file: `api-${id}.txt`, id, text: a.text, given };
  });
  const inputOf = new Map<string, number>();
  sources.forEach((s, i) => {
    inputOf.set(s.file, i);
    inputOf.set(resolve(s.file), i);
  });
  const run = queue.then(() => ingestSources(graph, sources));
  queue = run.catch(() => undefined);
  const report = await run;
  if (report.aborted) {
    const { batches, articles } = report.aborted.committed;
    throw userError(`the database could not be reached during the ingest: ${articles} article(s) in ${batches} batch(es) were stored, nothing else; send the same request again`, 'SERVICE_UNAVAILABLE');
  }
  return {
    articles: report.articles.map((a) => ({ ...a, input: inputOf.get(a.file) ?? -1 })),
    errors: report.errors.map((e) => ({ inputs: e.files.map((f) => inputOf.get(f) ?? -1), stage: e.stage, message: publicMessage(e) })),
  };
}

/** Stages whose problems are about the input itself, in our own words; the others' are the database's or the code's. */
const INPUT_STAGES = new Set(['read', 'validate']);

/**
 * What the caller may read of an ingest problem. A batch the database refused carries its message (index names,
 * element ids) and a pipeline failure a code message: those are logged under a reference, never answered.
 */
export function publicMessage(e: IngestError): string {
  if (INPUT_STAGES.has(e.stage)) return e.problem;
  const ref = randomUUID().slice(0, 8);
  log.error({ ref, stage: e.stage, files: e.files, problem: e.problem }, 'ingestArticles: a batch failed');
  return `could not be ${e.stage === 'write' ? 'stored' : 'processed'} (stage ${e.stage}); nothing of these inputs was written. The server log has the details under reference ${ref}.`;
}
