// `quotegraph extract PATH...`: read the inputs (streamed), run the pipeline per source, resolve people and
// statements across every article of the run, print one JSON line per article (or a table).
// A bad input is reported on stderr and skipped; the exit code says whether any input failed.
import { InvalidArgumentError, Option } from 'commander';
import type { ArticleDoc } from '../pipeline/doc.js';
import { processSource, type PipelineContext } from '../pipeline/index.js';
import { renderTable, toJsonLine } from '../pipeline/jsonl.js';
import { DEFAULT_MAX_FILE_SIZE, errorLine, readSources, type ReadProblem } from '../pipeline/read.js';
import { loadTaxonomy } from '../pipeline/topics.js';
import { resolve } from '../resolve/index.js';
import type { Registrar } from './registrar.js';
import { run } from './run.js';

export interface ExtractOptions {
  /** Refuse larger files (bytes). */
  maxFileSize?: number;
  /** Called for each input that fails, as soon as it fails. */
  onProblem?: (p: ReadProblem) => void;
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
  for await (const item of readSources(paths, { maxFileSize: options.maxFileSize })) {
    if ('error' in item) {
      fail(item.error);
      continue;
    }
    try {
      docs.push(...processSource(item.source, ctx));
    } catch (e) {
      fail({ file: item.source.file, problem: `processing failed: ${errorLine(e)}` });
    }
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

export const register: Registrar = (program) => {
  program
    .command('extract')
    .description('extract quotes, speakers and article metadata from news files (text, JSON, JSONL, HTML)')
    .argument('<paths...>', 'files or folders (read recursively)')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'table']).default('jsonl'))
    .option('--max-file-size <MB>', 'refuse larger files', megabytes, DEFAULT_MAX_FILE_SIZE / (1024 * 1024))
    .action((paths: string[], opts: { format: 'jsonl' | 'table'; maxFileSize: number }) =>
      run(async () => {
        const { docs, problems } = await extractDocs(paths, { taxonomy: loadTaxonomy() }, {
          maxFileSize: opts.maxFileSize * 1024 * 1024,
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
