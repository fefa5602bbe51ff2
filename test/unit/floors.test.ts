// Quality floors of extraction, measured end to end. PolNeAR dev (never trained on) is scored by the official
// ../shared/eval/score.mjs itself on the JSONL that `quotegraph extract` prints; without ../shared those tests are
// skipped, not passed. The seed floors always run, with the in-process scorer (src/eval/score.ts, which agrees
// with score.mjs: test/unit/score.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocs } from '../../src/cli/extract.js';
import { ece } from '../../src/eval/calibration.js';
import { score, type Gold, type PredArticle } from '../../src/eval/score.js';
import { toRecord } from '../../src/pipeline/jsonl.js';
import { loadTaxonomy } from '../../src/pipeline/topics.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const shared = join(repo, '..', 'shared', 'eval');
const dev = join(shared, 'polnear-dev');
const scorer = join(shared, 'score.mjs');
const haveDev = existsSync(join(dev, 'gold.json')) && existsSync(scorer);
const work = mkdtempSync(join(tmpdir(), 'qg-floors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `quotegraph extract PATH --format jsonl`, as a user runs it, into a file. */
function extractJsonl(inputs: string): string {
  const out = join(work, 'pred.jsonl');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src/cli/index.ts'), 'extract', inputs, '--format', 'jsonl'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`extract failed (${r.status}): ${r.stderr}`);
  writeFileSync(out, r.stdout);
  return out;
}

/** The official scorer's --json metrics. */
function officialScores(gold: string, pred: string): Record<string, number> {
  const r = spawnSync(process.execPath, [scorer, gold, pred, '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`score.mjs failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

describe('quality floors', () => {
  it('seeds: quotes, attribution and statements 100%, outlets 6/6', async () => {
    const gold = JSON.parse(readFileSync(join(repo, 'test/gold/seeds.gold.json'), 'utf8')) as Gold;
    const { docs } = await extractDocs([join(repo, 'test/fixtures/seeds')], { taxonomy: loadTaxonomy() });
    const { scores, outlets } = score(gold, docs.map(toRecord) as PredArticle[]);
    expect(scores.quote_f1).toBe(1);
    expect(scores.attribution_f1).toBe(1);
    expect(scores.statement_f1).toBe(1);
    expect(outlets).toEqual({ right: 6, total: 6 });
  }, 300_000);

  // Floors at the level measured on this code (rounded down a little), so a change that loses quality fails here.
  // Measured 2026-12-01: quote F1 0.967, mention 0.945, attribution F1 0.914, canonical 0.903, ECE 0.044: every floor
  // of the issue met. ECE rose from 0.026 with this model: its calibration is fitted on train's out-of-fold choices,
  // and dev's are easier (more right than their confidence says), README "Evaluation".
  describe.skipIf(!haveDev)('polnear-dev, scored by score.mjs', () => {
    let pred = '';
    const predFile = () => (pred ||= extractJsonl(join(dev, 'texts')));
    const scores = (gold = join(dev, 'gold.json')) => officialScores(gold, predFile());

    it('quote F1 >= 0.96, speaker accuracy (mention) >= 0.94, attribution F1 >= 0.91', () => {
      const s = scores();
      expect(s.quote_f1).toBeGreaterThanOrEqual(0.96);
      expect(s.speaker_accuracy).toBeGreaterThanOrEqual(0.94);
      expect(s.attribution_f1).toBeGreaterThanOrEqual(0.91);
    }, 600_000);

    it('canonical speaker accuracy >= 0.90 on canonical.gold.json (the speaker model, then coreference)', () => {
      expect(scores(join(dev, 'canonical.gold.json')).speaker_accuracy).toBeGreaterThanOrEqual(0.9);
    }, 600_000);

    it('confidence is calibrated: expected calibration error <= 0.05', () => {
      const gold = JSON.parse(readFileSync(join(dev, 'gold.json'), 'utf8')) as Gold;
      const preds = readFileSync(predFile(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as PredArticle);
      const points = score(gold, preds).matches.filter((m) => m.right !== null).map((m): [number, boolean] => [m.pred.confidence ?? 0, m.right!]);
      expect(points.length).toBeGreaterThan(800);
      expect(ece(points)).toBeLessThanOrEqual(0.05);
    }, 600_000);
  });
});
