// The coreference stage on PolNeAR's gold mentions (research data in ../shared; skipped without it): the names it
// gives scored against the dev quotes' canonical speakers, and on train (no canonical gold there) the check that
// a mention that already is a full name keeps it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEntities } from '../../src/pipeline/coref/index.js';
import { firstName } from '../../src/pipeline/nlp.js';
import { toRecord } from '../../src/pipeline/jsonl.js';
import { score, type Gold, type PredArticle } from '../../src/eval/score.js';
import { goldMentionDocs, POLNEAR } from './coref-gold.js';

const have = (split: string) => existsSync(join(POLNEAR, split, 'gold.json'));

describe('coreference on PolNeAR gold mentions', () => {
  it.skipIf(!have('polnear-dev'))('dev: canonical speaker accuracy given gold mentions >= 0.92', () => {
    const canonical = JSON.parse(readFileSync(join(POLNEAR, 'polnear-dev', 'canonical.gold.json'), 'utf8')) as Gold;
    const docs = goldMentionDocs('polnear-dev').map((d) => ({ article: d.article, quotes: resolveEntities(d.article, d.quotes) }));
    const { scores } = score(canonical, docs.map(toRecord) as PredArticle[]);
    expect(scores.matched).toBe(canonical.quotes.length);
    expect(scores.speaker_accuracy).toBeGreaterThanOrEqual(0.92);
  }, 120_000);

  it.skipIf(!have('polnear-train'))('train: a mention that is a full name keeps it', () => {
    let full = 0;
    const changed: string[] = [];
    const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/gu, '').toLowerCase().replace(/['\u2019]s$/u, '');
    for (const d of goldMentionDocs('polnear-train'))
      for (const q of resolveEntities(d.article, d.quotes)) {
        const m = q.speaker?.mention?.text.trim() ?? '';
        // a first name and a surname, nothing else ("Hillary Clinton", "Steven M. Rosenthal")
        if (!/^\p{Lu}\p{Ll}+ (?:\p{Lu}\. )?\p{Lu}[\p{Ll}'\u2019-]+\p{Ll}$/u.test(m) || !firstName(m.split(' ')[0])) continue;
        full++;
        // kept, maybe fuller: "Steven Rosenthal" -> "Steven M. Rosenthal"
        const [name, first, last] = [fold(q.speaker!.name), fold(m.split(' ')[0]), fold(m.split(' ').pop()!)];
        if (!name.startsWith(first) || !name.endsWith(last)) changed.push(`${m} -> ${q.speaker!.name}`);
      }
    expect(full).toBeGreaterThan(150);
    expect(changed).toEqual([]);
  }, 300_000);
});
