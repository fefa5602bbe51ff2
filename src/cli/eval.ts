// `quotegraph eval GOLD PATH...`: extract as `extract` does, then score against a gold file with the rules of
// ../shared/eval/score.mjs (same numbers, computed in-process).
import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { toRecord } from '../pipeline/jsonl.js';
import { loadTaxonomy } from '../pipeline/topics.js';
import { formatScores, score, type Gold, type PredArticle } from '../eval/score.js';
import { evaluateStatements, formatStatements } from '../eval/statements.js';
import { extractDocs } from './extract.js';
import type { Registrar } from './registrar.js';
import { run } from './run.js';

function threshold(value: string): number {
  const t = Number(value);
  if (!(t > 0 && t <= 1)) throw new InvalidArgumentError('a number in (0, 1]');
  return t;
}

export const register: Registrar = (program) => {
  program
    .command('eval')
    .description('extract from PATH... and score the result against a gold file (quotes, speakers, statements, topics, outlets)')
    .argument('<gold>', 'gold JSON (seeds.gold.json or a polnear gold.json)')
    .argument('<paths...>', 'files or folders to extract from')
    .option('--json', 'print the metrics as one JSON object')
    .option('--verbose', 'list missed, extra and wrongly attributed quotes, statement pairs split and joined wrongly')
    .option('--match-threshold <t>', 'token Dice needed for a quote match', threshold, 0.5)
    .action((goldPath: string, paths: string[], opts: { json?: boolean; verbose?: boolean; matchThreshold: number }) =>
      run(async () => {
        let gold: Gold;
        try {
          gold = JSON.parse(readFileSync(goldPath, 'utf8')) as Gold;
        } catch (e) {
          process.stderr.write(`quotegraph: ${goldPath}: cannot read gold: ${(e as Error).message}\n`);
          process.exitCode = 2;
          return;
        }
        const { docs, problems } = await extractDocs(paths, { taxonomy: loadTaxonomy() }, {
          onProblem: (p) => process.stderr.write(`quotegraph: ${p.file}: ${p.problem}\n`),
        });
        const preds = docs.map(toRecord) as PredArticle[];
        const result = score(gold, preds, opts.matchThreshold);
        process.stdout.write(opts.json ? `${JSON.stringify(result.scores)}\n` : formatScores(result, opts.verbose));
        if (opts.verbose && !opts.json) process.stdout.write(formatStatements(evaluateStatements(gold, docs, preds, opts.matchThreshold)));
        if (problems.length > 0) process.exitCode = 1;
      }),
    );
};
