// src/eval/score.ts must give exactly the numbers of the official ../shared/eval/score.mjs: both score the same
// predictions (the seeds, and PolNeAR dev when ../shared is there), and the name rules are checked on cases.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocs } from '../../src/cli/extract.js';
import { score, type Gold, type PredArticle } from '../../src/eval/score.js';
import { toRecord } from '../../src/pipeline/jsonl.js';
import { loadTaxonomy } from '../../src/pipeline/topics.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const shared = join(repo, '..', 'shared', 'eval');
const scorer = join(shared, 'score.mjs');
const work = mkdtempSync(join(tmpdir(), 'qg-score-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function official(gold: Gold, preds: PredArticle[]): Record<string, number> {
  const g = join(work, 'gold.json'), p = join(work, 'pred.jsonl');
  writeFileSync(g, JSON.stringify(gold));
  writeFileSync(p, preds.map((x) => JSON.stringify(x)).join('\n'));
  const r = spawnSync(process.execPath, [scorer, g, p, '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, number>;
}

async function predictions(path: string): Promise<PredArticle[]> {
  const { docs } = await extractDocs([path], { taxonomy: loadTaxonomy() });
  return docs.map(toRecord) as PredArticle[];
}

const one = (speaker: string | null, pred: string | null): [Gold, PredArticle[]] => [
  { articles: [{ id: 'a#1', file: 'a.txt' }], quotes: [{ article: 'a#1', text: 'we will win the vote', speaker }] },
  [{ file: 'a.txt', quotes: [{ text: 'we will win the vote', speaker: pred }] }],
];

describe('score.ts', () => {
  it('judges names as score.mjs documents: initials, nicknames and Jr. agree, other given names do not', () => {
    const right = (g: string, p: string) => score(...one(g, p)).scores.speaker_accuracy;
    expect(right('Steven Rosenthal', 'Steven M. Rosenthal')).toBe(1);
    expect(right('James Comey', 'Jim Comey')).toBe(1);
    expect(right('Martin Luther King Jr.', 'Martin Luther King')).toBe(1);
    expect(right('Hillary Clinton', 'Bill Clinton')).toBe(0);
    expect(right('Hillary Clinton', 'Clinton')).toBe(1);
  });

  describe.skipIf(!existsSync(scorer))('agrees exactly with score.mjs', () => {
    it('on name cases', () => {
      for (const [g, p] of [['Steven Rosenthal', 'Steven M. Rosenthal'], ['James Comey', 'Jim Comey'], ['Martin Luther King Jr.', 'King'], ['Hillary Clinton', 'Bill Clinton'], ['the campaign', 'Trump'], [null, 'Trump']] as const) {
        expect(score(...one(g, p)).scores).toEqual(official(...one(g, p)));
      }
    });

    it('on the seeds', async () => {
      const gold = JSON.parse(readFileSync(join(repo, 'test/gold/seeds.gold.json'), 'utf8')) as Gold;
      const preds = await predictions(join(repo, 'test/fixtures/seeds'));
      expect(score(gold, preds).scores).toEqual(official(gold, preds));
    }, 300_000);

    it.skipIf(!existsSync(join(shared, 'polnear-dev')))('on PolNeAR dev, mention and canonical gold', async () => {
      const preds = await predictions(join(shared, 'polnear-dev', 'texts'));
      for (const g of ['gold.json', 'canonical.gold.json']) {
        const gold = JSON.parse(readFileSync(join(shared, 'polnear-dev', g), 'utf8')) as Gold;
        expect(score(gold, preds).scores).toEqual(official(gold, preds));
      }
    }, 600_000);
  });
});
