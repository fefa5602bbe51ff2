import { describe, expect, it } from 'vitest';
import { buildTaxonomy, loadTaxonomy, tagTopics } from '../../src/pipeline/topics.js';
import { goldDocs } from './gold-docs.js';
import { article, quote } from './pipeline-fixtures.js';

const taxonomy = loadTaxonomy();

describe('tagTopics', () => {
  it('tags from the quote and the rest of its sentence, lemmas matching inflected words', () => {
    const text = 'She said cooperation is possible "but we will never accept invasions of our territory" on Friday.';
    const a = article(text);
    const [q] = tagTopics(a, [quote(a, 'but we will never accept invasions of our territory')], taxonomy);
    expect(q.topics).toEqual(expect.arrayContaining(['military intervention', 'sovereignty', 'bilateral cooperation']));
  });

  it('prefers the longer keyword and keeps only the narrowest topic', () => {
    const a = article('He accused the country of being "entirely controlled by criminal cartels" last year.');
    const [q] = tagTopics(a, [quote(a, 'entirely controlled by criminal cartels')], taxonomy);
    expect(q.topics).toEqual(['cartels']);
  });

  it('reads each of a paragraph’s many quotes in its own sentence', () => {
    const pair = 'She said "we sent more soldiers" on Monday. He said "the gang grew fast" later. ';
    const a = article(pair.repeat(300));
    const quotes = [...a.source.text.matchAll(/"([^"]+)"/g)].map((m) => quote(a, m[1], null, 'person', m.index));
    const topics = tagTopics(a, quotes, taxonomy).map((q) => q.topics);
    expect(topics).toEqual(Array.from({ length: 600 }, (_, i) => (i % 2 ? ['cartels'] : ['military intervention'])));
  });

  it('reads an embedded quote in the sentence of the quote around it', () => {
    const text = '"He said, \'How are you?\' and sent troops," she said.';
    const a = article(text);
    const outer = quote(a, "He said, 'How are you?' and sent troops,");
    const inner = { ...quote(a, 'How are you?'), kind: 'embedded' as const, parent: 0 };
    const [, q] = tagTopics(a, [outer, inner], taxonomy);
    expect(q.topics).toContain('military intervention');
  });

  it('takes topics users add to the file', () => {
    const custom = buildTaxonomy([{ id: 'space', description: 'Space flight', broader: [], keywords: ['rocket', 'orbit*'], weight: 1 }]);
    const a = article('"The rockets reached orbital speed," she said.');
    expect(tagTopics(a, [quote(a, 'The rockets reached orbital speed,')], custom)[0].topics).toEqual(['space']);
  });

  it('reaches topic F1 >= 0.80 on the seed gold quotes', () => {
    let tp = 0, pred = 0, gold = 0;
    for (const d of goldDocs()) {
      tagTopics(d.article, d.quotes, taxonomy).forEach((q, i) => {
        const g = new Set(d.gold[i]!.topics);
        pred += q.topics.length;
        gold += g.size;
        tp += q.topics.filter((t) => g.has(t)).length;
      });
    }
    const p = tp / pred, r = tp / gold;
    expect((2 * p * r) / (p + r)).toBeGreaterThanOrEqual(0.8);
  });
});
