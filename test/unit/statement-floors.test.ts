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

  // measured 2026-12-01: P/R/F1 61.4/55.0/58.0, without the 7 republished pairs 46.1/44.4/45.3 (before: 42.3/39.7/41.0)
  it('given the gold speakers: F1 >= 0.55, and >= 0.42 without republished copies', async () => {
    const { all, withoutCopies } = await scores(goldSpeakers(gold, docs));
    expect(all.f1).toBeGreaterThanOrEqual(0.55);
    expect(withoutCopies.f1).toBeGreaterThanOrEqual(0.42);
  }, 600_000);

  // measured 2026-12-01 after merging main (coref, speakers): 65.8/49.2/56.3, without copies 48.6/36.6/41.8
  // (main without this branch: 40.7/36.5/38.5); with headline quotes and the speaker model retrained on them:
  // 62.5/47.6/54.0, without copies F1 38.6: 13 of the pairs lost are one quote (a "that" clause after "had said")
  // the new model gives the sentence's subject instead of the speech verb's
  it('end to end: F1 >= 0.535, and >= 0.38 without republished copies', async () => {
    const { all, withoutCopies } = await scores(docs);
    expect(all.f1).toBeGreaterThanOrEqual(0.535);
    expect(withoutCopies.f1).toBeGreaterThanOrEqual(0.38);
  }, 600_000);

  it.todo('end to end: recall >= 0.80 and F1 >= 0.75, with and without republished copies (issue 15; needs speakers right)');
});
