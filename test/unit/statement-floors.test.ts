// Statement grouping on real multi-outlet coverage: the PolNeAR train statement gold (research data outside the
// repository; without it the tests are skipped, not passed), end to end and with each gold statement's speaker
// given (grouping judged apart from attribution), over all articles and without those republished under two ids.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateStatements, goldSpeakers } from '../../src/eval/statements.js';
import type { Gold, PredArticle } from '../../src/eval/score.js';
import type { ArticleDoc } from '../../src/pipeline/doc.js';
import { processSource } from '../../src/pipeline/index.js';
import { toRecord } from '../../src/pipeline/jsonl.js';
import { readSources } from '../../src/pipeline/read.js';
import { loadTaxonomy } from '../../src/pipeline/topics.js';
import { resolve } from '../../src/resolve/index.js';

const train = join(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'eval', 'polnear-train');
const present = existsSync(join(train, 'statements.gold.json'));

describe.skipIf(!present)('statement floors on PolNeAR train', () => {
  let gold: Gold;
  let docs: ArticleDoc[];
  const scores = async (input: ArticleDoc[]) => {
    const { docs: out } = await resolve(input);
    return evaluateStatements(gold, out, out.map(toRecord) as PredArticle[]);
  };
  beforeAll(async () => {
    gold = JSON.parse(readFileSync(join(train, 'statements.gold.json'), 'utf8'));
    const taxonomy = loadTaxonomy();
    docs = [];
    for await (const item of readSources([join(train, 'texts')])) if ('source' in item) docs.push(...processSource(item.source, { taxonomy }));
  }, 600_000);

  // measured 2026-12-01 (copies grouped by their shared wordings, the nearest reported excerpt joined): P/R/F1
  // 68.8/65.2/67.0, without the 7 republished pairs 53.2/47.1/50.0 (before: 66.0/54.0/59.4, 50.8/42.8/46.5)
  it('given the gold speakers: F1 >= 0.66, and >= 0.49 without republished copies', async () => {
    const { all, withoutCopies } = await scores(goldSpeakers(gold, docs));
    expect(all.f1).toBeGreaterThanOrEqual(0.66);
    expect(withoutCopies.f1).toBeGreaterThanOrEqual(0.49);
  }, 600_000);

  // measured 2026-12-01: 68.7/59.9/64.0, without copies 50.9/40.0/44.8 (before: 65.9/49.4/56.4, 48.8/36.8/42.0)
  it('end to end: F1 >= 0.63, and >= 0.44 without republished copies', async () => {
    const { all, withoutCopies } = await scores(docs);
    expect(all.f1).toBeGreaterThanOrEqual(0.63);
    expect(withoutCopies.f1).toBeGreaterThanOrEqual(0.44);
  }, 600_000);

  it.todo('end to end: recall >= 0.80 and F1 >= 0.75, with and without republished copies (issue 15; needs speakers right)');
});
