// `quotegraph extract PATH...`: read the inputs (streamed), run the pipeline per source, resolve people and
// statements across every article of the run, print one JSON line per article (or a table).
// A bad input is reported on stderr and skipped; the exit code says whether any input failed.
import { InvalidArgumentError, Option } from 'commander';
import type { ArticleDoc, Source } from '../pipeline/doc.js';
import { processSource, type PipelineContext } from '../pipeline/index.js';
import { renderTable, toJsonLine } from '../pipeline/jsonl.js';
import { DEFAULT_MAX_FILE_SIZE, errorLine, readSources, type ReadProblem } from '../pipeline/read.js';
import { loadTaxonomy } from '../pipeline/topics.js';
import { resolve } from '../resolve/index.js';
import { defaultWorkers, extractInOrder, extractPool } from '../workers/extract-pool.js';
import type { Registrar } from './registrar.js';
import { run } from './run.js';

export interface ExtractOptions {
  /** Refuse larger files (bytes). */
  maxFileSize?: number;
  /** Called for each input that fails, as soon as it fails. */
  onProblem?: (p: ReadProblem) => void;
  /** Extraction threads (default 1: this thread); the output is the same for any number. */
  workers?: number;
}

export interface ExtractResult {
  docs: ArticleDoc[];
  problems: ReadProblem[];
}

/** Every article of the inputs, resolved across the run. Reading streams; the small ArticleDocs are kept. */
export async function extractDocs(paths: string[], ctx: PipelineContext, options: ExtractOptions = {}): Promise<ExtractResult> {
  const docs: ArticleDoc[] = [];
  const problems: ReadProblem[] = [];
  const fail = (p: ReadProblem) => {
    problems.push(p);
    options.onProblem?.(p);
  };
  const sources = readSources(paths, { maxFileSize: options.maxFileSize });
  const extraction = { inline: (s: Source) => processSource(s, ctx), workers: options.workers ?? 1, pool: extractPool };
  for await (const { item, result } of extractInOrder(sources, (i) => ('source' in i ? i.source : null), extraction)) {
    if ('error' in item) fail(item.error);
    else if (result?.status === 'fulfilled') docs.push(...result.value);
    else fail({ file: item.source.file, problem: `processing failed: ${errorLine(result?.reason)}` });
  }
  return { docs: (await resolve(docs)).docs, problems };
}

const problemLine = (p: ReadProblem) => `quotegraph: ${p.file}: ${p.problem}\n`;

function summary(problems: ReadProblem[]): string {
  const files = new Set(problems.map((p) => p.file)).size;
  return `quotegraph: ${problems.length} problem(s) in ${files} input(s); the other inputs were processed\n`;
}

function megabytes(value: string): number {
  const mb = Number(value);
  if (!(mb > 0)) throw new InvalidArgumentError('a positive number of megabytes');
  return mb;
}

function workerCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number');
  return n;
}

export const register: Registrar = (program) => {
  program
    .command('extract')
    .description('extract quotes, speakers and article metadata from news files (text, JSON, JSONL, HTML)')
    .argument('<paths...>', 'files or folders (read recursively)')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'table']).default('jsonl'))
    .option('--max-file-size <MB>', 'refuse larger files', megabytes, DEFAULT_MAX_FILE_SIZE / (1024 * 1024))
    .option('--workers <n>', 'extraction threads (default: one per core but one; 1 extracts on the main thread)', workerCount, defaultWorkers())
    .action((paths: string[], opts: { format: 'jsonl' | 'table'; maxFileSize: number; workers: number }) =>
      run(async () => {
        const { docs, problems } = await extractDocs(paths, { taxonomy: loadTaxonomy() }, {
          maxFileSize: opts.maxFileSize * 1024 * 1024,
          workers: opts.workers,
          onProblem: (p) => process.stderr.write(problemLine(p)),
        });
        process.stdout.write(opts.format === 'table' ? renderTable(docs) : docs.map((d) => `${toJsonLine(d)}\n`).join(''));
        if (problems.length > 0) {
          process.stderr.write(summary(problems));
          process.exitCode = 1;
        }
      }),
    );
};
