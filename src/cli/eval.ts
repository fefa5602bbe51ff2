// `quotegraph eval GOLD PATH...`: extract as `extract` does (or read a JSONL of predictions with --pred), then score
// against a gold file with the rules of ../shared/eval/score.mjs (same numbers, computed in-process). Beside the
// scores: canonical speaker accuracy (--canonical), the calibration of `confidence` (ECE, a reliability diagram with
// --reliability) and the wrong speakers counted by error class.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { ece, reliabilitySvg } from '../eval/calibration.js';
import { ERROR_CLASSES, errorCounts } from '../eval/errors.js';
import { formatScores, score, type Gold, type PredArticle, type ScoreResult } from '../eval/score.js';
import type { ArticleDoc } from '../pipeline/doc.js';
import { toRecord } from '../pipeline/jsonl.js';
import { readSources } from '../pipeline/read.js';
import { loadTaxonomy } from '../pipeline/topics.js';
import { evaluateStatements, formatStatements } from '../eval/statements.js';
import { extractDocs } from './extract.js';
import type { Registrar } from './registrar.js';
import { run } from './run.js';

function threshold(value: string): number {
  const t = Number(value);
  if (!(t > 0 && t <= 1)) throw new InvalidArgumentError('a number in (0, 1]');
  return t;
}

function readJson<T>(path: string, what: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${path}: cannot read ${what}: ${(e as Error).message}`);
  }
}

/** Confidence against rightness, over the matched quotes whose speaker can be judged. */
const calibrationPoints = (r: ScoreResult): [number, boolean][] =>
  r.matches.filter((m) => m.right !== null && typeof m.pred.confidence === 'number').map((m) => [m.pred.confidence!, m.right!]);

interface EvalOptions {
  json?: boolean;
  verbose?: boolean;
  matchThreshold: number;
  canonical?: string;
  pred?: string;
  reliability?: string;
}

export const register: Registrar = (program) => {
  program
    .command('eval')
    .description('extract from PATH... and score the result against a gold file (quotes, speakers, statements, topics, outlets)')
    .argument('<gold>', 'gold JSON (seeds.gold.json or a polnear gold.json)')
    .argument('<paths...>', 'files or folders to extract from (with --pred: the texts the predictions point into)')
    .option('--json', 'print the metrics as one JSON object')
    .option('--verbose', 'list missed, extra and wrongly attributed quotes, statement pairs split and joined wrongly')
    .option('--match-threshold <t>', 'token Dice needed for a quote match', threshold, 0.5)
    .option('--canonical <gold>', 'a gold file naming each speaker canonically: canonical speaker accuracy beside the mention one')
    .option('--pred <jsonl>', 'score these predictions (extract --format jsonl) instead of extracting')
    .option('--reliability <svg>', 'write the reliability diagram of `confidence` to this SVG file')
    .action((goldPath: string, paths: string[], opts: EvalOptions) =>
      run(async () => {
        let gold: Gold, canonical: Gold | null;
        try {
          gold = readJson<Gold>(goldPath, 'gold');
          canonical = opts.canonical ? readJson<Gold>(opts.canonical, 'canonical gold') : null;
        } catch (e) {
          process.stderr.write(`quotegraph: ${(e as Error).message}\n`);
          process.exitCode = 2;
          return;
        }
        const texts = new Map<string, string>();
        let preds: PredArticle[];
        let failed = false;
        let docs: ArticleDoc[] | null = null;
        const onProblem = (p: { file: string; problem: string }) => {
          failed = true;
          process.stderr.write(`quotegraph: ${p.file}: ${p.problem}\n`);
        };
        if (opts.pred) {
          const lines = readFileSync(opts.pred, 'utf8').split('\n').filter((l) => l.trim());
          preds = lines.map((l) => JSON.parse(l) as PredArticle);
          for await (const item of readSources(paths)) {
            if ('error' in item) onProblem(item.error);
            else texts.set(basename(item.source.file), item.source.text);
          }
        } else {
          ({ docs } = await extractDocs(paths, { taxonomy: loadTaxonomy() }, { onProblem }));
          preds = docs.map(toRecord) as PredArticle[];
          for (const d of docs) texts.set(basename(d.article.source.file), d.article.source.text);
        }
        const result = score(gold, preds, opts.matchThreshold);
        const canon = canonical ? score(canonical, preds, opts.matchThreshold) : null;
        const points = calibrationPoints(result);
        const errors = errorCounts(result.matches, texts);
        const canonErrors = canon ? errorCounts(canon.matches, texts) : null;
        if (opts.reliability) writeFileSync(opts.reliability, reliabilitySvg(points, `Reliability of confidence: ${basename(goldPath)}`));
        if (opts.json) {
          const extra = { ece: ece(points), errors, ...(canon ? { canonical_speaker_accuracy: canon.scores.speaker_accuracy, canonical_errors: canonErrors } : {}) };
          process.stdout.write(`${JSON.stringify({ ...result.scores, ...extra })}\n`);
        } else {
          const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
          const lines = [formatScores(result, opts.verbose).trimEnd()];
          lines.push(`speakers     mention ${pct(result.scores.speaker_accuracy)}` + (canon ? `   canonical ${pct(canon.scores.speaker_accuracy)} (${basename(opts.canonical!)})` : ''));
          lines.push(`confidence   ECE ${ece(points).toFixed(3)} (10 bins, ${points.length} judged quotes)`);
          lines.push(`errors       ${ERROR_CLASSES.map((c) => `${c} ${errors[c]}`).join(', ')}`);
          if (canonErrors) lines.push(`  canonical  ${ERROR_CLASSES.map((c) => `${c} ${canonErrors[c]}`).join(', ')}`);
          process.stdout.write(`${lines.join('\n')}\n`);
          // statement pairs need the documents (their quotes' statements), which --pred does not carry
          if (opts.verbose && docs) process.stdout.write(formatStatements(evaluateStatements(gold, docs, preds, opts.matchThreshold)));
        }
        if (failed) process.exitCode = 1;
      }),
    );
};
