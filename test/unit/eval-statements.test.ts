import { describe, expect, it } from 'vitest';
import { alignQuotes, formatStatements, republishedPairs, scoreStatements } from '../../src/eval/statements.js';
import type { Gold, PredArticle } from '../../src/eval/score.js';

const gold: Gold = {
  articles: [
    { id: 'a#1', file: 'a.txt' },
    { id: 'b#1', file: 'b.txt' },
    { id: 'c#1', file: 'c.txt' },
  ],
  quotes: [
    { article: 'a#1', text: 'we will build the wall and it will be beautiful', speaker: 'Doe', statement: 'T1' },
    { article: 'b#1', text: 'we will build the wall', speaker: 'Doe', statement: 'T1' },
    { article: 'c#1', text: 'it will be beautiful, believe me folks', speaker: 'Doe', statement: 'T1' },
    { article: 'a#1', text: 'the economy is doing great this year', speaker: 'Doe', statement: 'P1' },
    { article: 'b#1', text: 'the economy is doing fine, really fine', speaker: 'Roe', statement: 'P2' },
  ],
};
const pred = (file: string, quotes: [string, string | null, string][]): PredArticle => ({
  file,
  quotes: quotes.map(([text, statement, id]) => ({ text, statement, speaker: { name: id, id } as never })),
});

describe('statement pairs', () => {
  const preds = [
    pred('a.txt', [['we will build the wall and it will be beautiful', 's1', 'doe'], ['the economy is doing great this year', 's2', 'doe']]),
    pred('b.txt', [['we will build the wall', 's1', 'doe'], ['the economy is doing fine, really fine', 's2', 'roe']]),
    pred('c.txt', [['it will be beautiful, believe me folks', 's3', 'doe']]),
  ];

  it('scores pairs across articles as the official scorer does, and says why each gold pair split', () => {
    const s = scoreStatements(gold, alignQuotes(gold, preds));
    expect(s.goldPairs).toBe(3);
    expect(s.predictedPairs).toBe(2);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(s.split.map((p) => p.cause)).toEqual(['grouping', 'grouping']);
    expect(s.joined.map((p) => [p.a.statement, p.b.statement])).toEqual([['P1', 'P2']]);
    expect(formatStatements({ all: s, withoutCopies: s, copies: 0 })).toMatch(/SPLIT {3}grouping: T1\n.*\[a#1@\?\] \(doe s1\)/);
  });

  it('counts a gold pair with a quote not found as the scorer does: listed, not in the recall', () => {
    const s = scoreStatements(gold, alignQuotes(gold, preds.slice(0, 2)));
    expect(s.goldPairs).toBe(1);
    expect(s.split.filter((p) => p.cause === 'quote not found')).toHaveLength(2);
  });

  it('leaves out the pairs of articles published twice', () => {
    const s = scoreStatements(gold, alignQuotes(gold, preds), new Set(['a#1\nb#1']));
    expect(s.goldPairs).toBe(2);
    expect(s.joined).toEqual([]);
  });
});

describe('republishedPairs', () => {
  const story = (n: number) => Array.from({ length: 60 }, (_, i) => `word${n}x${i}`).join(' ');
  it('finds one text published twice by its shared word 5-grams, not articles sharing a few lines', () => {
    const base = story(1);
    const pairs = republishedPairs([
      { id: 'a', text: base },
      { id: 'b', text: `${base} plus a new closing paragraph` },
      { id: 'c', text: `${story(2)} ${base.split(' ').slice(0, 8).join(' ')}` },
    ]);
    expect([...pairs]).toEqual(['a\nb']);
  });
});
