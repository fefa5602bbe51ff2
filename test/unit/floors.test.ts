// Quality floors of extraction, measured end to end (extract + resolve, as `quotegraph eval` does).
// polnear-dev is research data outside the repository: without it the test is skipped, not passed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocs } from '../../src/cli/extract.js';
import { score, type Gold, type PredArticle } from '../../src/eval/score.js';
import { toRecord } from '../../src/pipeline/jsonl.js';
import { loadTaxonomy } from '../../src/pipeline/topics.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const polnear = join(repo, '..', 'shared', 'eval', 'polnear-dev');

async function evaluate(goldPath: string, inputs: string) {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as Gold;
  const { docs } = await extractDocs([inputs], { taxonomy: loadTaxonomy() });
  return score(gold, docs.map(toRecord) as PredArticle[]);
}

describe('quality floors', () => {
  it('seeds: quote F1 >= 0.97, attribution F1 >= 0.95, statement F1 1.00, outlets 6/6', async () => {
    const { scores, outlets } = await evaluate(join(repo, 'test/gold/seeds.gold.json'), join(repo, 'test/fixtures/seeds'));
    expect(scores.quote_f1).toBeGreaterThanOrEqual(0.97);
    expect(scores.attribution_f1).toBeGreaterThanOrEqual(0.95);
    expect(scores.statement_f1).toBe(1);
    expect(outlets).toEqual({ right: 6, total: 6 });
  }, 300_000);

  it('polnear-dev: quote F1 >= 0.93, speaker accuracy >= 0.90', async (ctx) => {
    if (!existsSync(join(polnear, 'gold.json'))) ctx.skip(`polnear-dev not found at ${polnear}`);
    const { scores } = await evaluate(join(polnear, 'gold.json'), join(polnear, 'texts'));
    expect(scores.quote_f1).toBeGreaterThanOrEqual(0.93);
    expect(scores.speaker_accuracy).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});
