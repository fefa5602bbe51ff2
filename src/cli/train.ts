// `quotegraph train speakers [--data DIR] [--folds 5] [--seed N]`: learns the speaker model from a gold corpus,
// prints cross-validated scores per fold and writes src/pipeline/speakers/model.json (or --out).
// TensorFlow.js is loaded only here, and only when training runs.
import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { ROOT } from '../config.js';
import type { Registrar } from './registrar.js';
import { run } from './run.js';

const positiveInt = (min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`an integer >= ${min}`);
  return n;
};

export const register: Registrar = (program) => {
  program
    .command('train')
    .description("train a stage's model from gold data (stages: speakers)")
    .argument('<stage>', 'the stage to train: speakers')
    .option('--data <dir>', 'folder with gold.json and texts/', resolve(ROOT, '../shared/eval/polnear-train'))
    .option('--folds <n>', 'cross-validation folds (by article)', positiveInt(2), 5)
    .option('--seed <n>', 'random seed (folds, batch order)', positiveInt(0), 1)
    .option('--out <file>', 'where to write the model', resolve(ROOT, 'src/pipeline/speakers/model.json'))
    .option('--without <groups>', 'leave feature groups out (comma-separated; an ablation: nothing is written)')
    .action((stage: string, opts: { data: string; folds: number; seed: number; out: string; without?: string }) =>
      run(async () => {
        if (stage !== 'speakers') {
          process.stderr.write(`quotegraph: train: unknown stage "${stage}" (known: speakers)\n`);
          process.exitCode = 2;
          return;
        }
        const { trainSpeakers } = await import('../pipeline/speakers/train.js');
        const without = opts.without?.split(',').map((s) => s.trim()).filter(Boolean);
        await trainSpeakers({
          data: resolve(opts.data),
          folds: opts.folds,
          seed: opts.seed,
          out: without?.length ? null : opts.out,
          without,
          log: (line) => process.stderr.write(`${line}\n`),
        });
      }),
    );
};
