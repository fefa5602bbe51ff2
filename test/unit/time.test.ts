import { describe, expect, it } from 'vitest';
import { resolveTime } from '../../src/pipeline/time.js';
import { article, quote } from './pipeline-fixtures.js';

const said = (text: string, words: string[], published: string | null) => {
  const a = article(text, published);
  return resolveTime(a, words.map((w) => quote(a, w, 'Jane Doe'))).map((q) => q.saidOn);
};

describe('resolveTime', () => {
  it('resolves a weekday against the publication date, never after it', () => {
    expect(said('"We agree," she said on Saturday.', ['We agree,'], '2025-05-03')).toEqual(['2025-05-03']);
    expect(said('"We agree," she said on Sunday.', ['We agree,'], '2025-05-03')).toEqual(['2025-04-27']);
    expect(said('"We agree," she said Friday.', ['We agree,'], '2025-05-03')).toEqual(['2025-05-02']);
  });

  it('resolves dates and relative phrases: "April 16", "three months ago", "last month"', () => {
    expect(said('In a call on April 16, she said: "No."', ['No.'], '2025-05-03')).toEqual(['2025-04-16']);
    expect(said('"No," she told reporters three months ago.', ['No,'], '2025-05-03')).toEqual(['2025-02-03']);
    expect(said('Last month she said "no deal".', ['no deal'], '2025-05-03')).toEqual(['2025-04-03']);
  });

  it('dates each of a paragraph’s many quotes from its own sentence', () => {
    const pair = '"Yes," she said on Monday. "No," he said on Thursday. ';
    const a = article(pair.repeat(300), '2025-05-03');
    const quotes = [...a.source.text.matchAll(/"([^"]+)"/g)].map((m) => quote(a, m[1], 'Jane Doe', 'person', m.index));
    const days = resolveTime(a, quotes).map((q) => q.saidOn);
    expect(days).toEqual(Array.from({ length: 600 }, (_, i) => (i % 2 ? '2025-05-01' : '2025-04-28')));
  });

  it('ignores dates inside the quotation itself', () => {
    expect(said('"Last month we won," she said.', ['Last month we won,'], '2025-05-03')).toEqual([null]);
  });

  it('"at the time" points back to the date given before', () => {
    const text = '"First," she told reporters three months ago.\n"Second," she added at the time.';
    expect(said(text, ['First,', 'Second,'], '2025-05-03')).toEqual(['2025-02-03', '2025-02-03']);
  });

  it('carries the date to the same speaker continuing in the next paragraph', () => {
    const text = '"One," she said on Saturday.\n"Two," she continued.';
    expect(said(text, ['One,', 'Two,'], '2025-05-03')).toEqual(['2025-05-03', '2025-05-03']);
  });

  it('is null without a publication date unless the date names its year', () => {
    expect(said('"Yes," she said on April 22.', ['Yes,'], null)).toEqual([null]);
    expect(said('"Yes," she said on May 3, 2025.', ['Yes,'], null)).toEqual(['2025-05-03']);
    expect(said('"Yes," she said.', ['Yes,'], '2025-05-03')).toEqual([null]);
  });

  it('records the phrase each date was read from, also when carried to a continuation or "at the time"', () => {
    const from = (text: string, words: string[]) => {
      const a = article(text, '2025-05-03');
      return resolveTime(a, words.map((w) => quote(a, w, 'Jane Doe'))).map((q) => [q.saidOn, q.saidOnFrom]);
    };
    expect(from('"No," she told reporters three months ago.', ['No,'])).toEqual([['2025-02-03', 'three months ago']]);
    expect(from('"One," she said on Saturday.\n"Two," she continued.', ['One,', 'Two,'])).toEqual([
      ['2025-05-03', 'on Saturday'],
      ['2025-05-03', 'on Saturday'],
    ]);
    expect(from('"First," she said last month.\n"Second," she added at the time.', ['First,', 'Second,'])).toEqual([
      ['2025-04-03', 'last month'],
      ['2025-04-03', 'last month'],
    ]);
    expect(from('"Yes," she said.', ['Yes,'])).toEqual([[null, null]]);
  });
});
