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

  // measured 2026-12-01 (copies told by their shared wordings, the nearest reported excerpt joined, one named occasion
  // reaching further): P/R/F1 68.0/67.5/67.8, without the 7 republished pairs 53.1/50.8/51.9 (main before: 66.0/54.0/59.4,
  // 50.8/42.8/46.5); with headline quotes found too: 65.7/67.4/66.5, without copies 50.2/50.7/50.5
  it('given the gold speakers: F1 >= 0.66, and >= 0.50 without republished copies', async () => {
    const { all, withoutCopies } = await scores(goldSpeakers(gold, docs));
    expect(all.f1).toBeGreaterThanOrEqual(0.66);
    expect(withoutCopies.f1).toBeGreaterThanOrEqual(0.5);
  }, 600_000);

  // measured 2026-12-01: 68.3/61.9/65.0, without copies 51.4/43.2/47.0 (main before: 65.9/49.4/56.4, 48.8/36.8/42.0);
  // with headline quotes and the speaker model retrained on them 65.4/60.1/62.6, without copies 47.1/40.7/43.7: the
  // retrained model gives one "that" clause after "had said" to the sentence's subject (13 pairs of one statement);
  // with the speaker fixes of the evening and the model retrained on them 65.8/57.0/61.1, without copies 48.5/40.2/44.0
  // (two quotes of one republished piece now go to another speaker: 19 pairs)
  it('end to end: F1 >= 0.61, and >= 0.43 without republished copies', async () => {
    const { all, withoutCopies } = await scores(docs);
    expect(all.f1).toBeGreaterThanOrEqual(0.61);
    expect(withoutCopies.f1).toBeGreaterThanOrEqual(0.43);
  }, 600_000);

  it.todo('end to end: recall >= 0.80 and F1 >= 0.75, with and without republished copies (issue 15; needs speakers right)');
});
