import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../src/pipeline/quotes.js';
import { attributeSpeakers } from '../../src/pipeline/speakers/index.js';
import { articleOf } from '../support/article.js';

const texts = (s: string) => findQuotes(articleOf(s)).map((q) => q.text);

describe('findQuotes', () => {
  it('finds curly, straight, mixed and two-character marks', () => {
    expect(texts('He said “curly one here” and "straight one here" then.')).toEqual(['curly one here', 'straight one here']);
    expect(texts('“Opens curly, closes straight," she said.')).toEqual(['Opens curly, closes straight,']);
    expect(texts("''This isn't tax reform,'' said Mr. Holtz-Eakin. ``Old style too.''")).toEqual([
      "This isn't tax reform,",
      'Old style too.',
    ]);
    expect(texts('Headline says it is ‘in their heads’ now.')).toEqual(['in their heads']);
  });

  it('keeps offsets exact', () => {
    const a = articleOf('Intro line.\nShe said, “We will win.”');
    for (const q of findQuotes(a)) expect(a.source.text.slice(q.start, q.end)).toBe(q.text);
  });

  it('does not take apostrophes for quotes', () => {
    expect(texts("Don't forget Trump's plan, the '90s, rock 'n' roll and the Clintons' house.")).toEqual([]);
    expect(texts('It’s the ’90s and Trump’s time.')).toEqual([]);
  });

  it('nests quotes as embedded, with the parent index', () => {
    const qs = findQuotes(articleOf(`"He said, 'How can we help?' And I said 'No,'" Sheinbaum stated.`));
    expect(qs.map((q) => [q.kind, q.text, q.parent])).toEqual([
      ['direct', "He said, 'How can we help?' And I said 'No,'", null],
      ['embedded', 'How can we help?', 0],
      ['embedded', 'No,', 0],
    ]);
    const curly = findQuotes(articleOf('“I’d rather live in what he calls “hell” than that.” ― A. Reader'));
    expect(curly.map((q) => q.kind)).toEqual(['direct', 'embedded']);
  });

  it('continues a quote into the next paragraph that opens with a mark, one quote per piece', () => {
    const qs = texts('“First paragraph of the quote goes on\n“Second piece ends here,” he said.');
    expect(qs).toEqual(['First paragraph of the quote goes on', 'Second piece ends here,']);
  });

  it('drops short unclosed marks and reads a closing mark opening a paragraph as an opening one', () => {
    expect(texts('A stray “ mark here.')).toEqual([]);
    expect(texts('” … what I learned is this,” he said.')).toEqual(['… what I learned is this,']);
  });

  it('tells woven (partial) from standalone (direct) quotes', () => {
    const qs = findQuotes(articleOf('She declared that “sovereignty is not for sale.” He said, “We agree.”'));
    expect(qs.map((q) => q.kind)).toEqual(['partial', 'direct']);
  });

  it('ignores quote marks inside markup', () => {
    expect(texts('<tweet pic="pic.twitter.com/" id="778">The blue arrow</tweet>.')).toEqual([]);
  });

  it('never makes giant quotes: an unclosed mark with no continuation, or thousands of characters', () => {
    expect(texts('He said “ this runs on and on with many words in it.\n\nNext paragraph.')).toEqual([]);
    expect(texts(`He said “${'word '.repeat(1200)}” and left.`)).toEqual([]);
    expect(texts('“It goes on\n\n“and ends here,” she said.')).toEqual(['It goes on', 'and ends here,']);
  });

  it('holds at most 12 quotes inside one and nests 3 deep: beyond that the marks are stray', () => {
    const inner = Array.from({ length: 20 }, (_, i) => `‘part ${i}’`).join(' and ');
    const wide = findQuotes(articleOf(`“He listed ${inner} for us,” she said.`));
    expect(wide.filter((q) => q.kind === 'embedded').map((q) => q.text)).toEqual(Array.from({ length: 12 }, (_, i) => `part ${i}`));
    const deep = findQuotes(articleOf('She said: “one ‘two “three ‘four “five” four’ three” two’ one.”'));
    expect(deep.map((q) => [q.text.split(' ')[0], q.parent])).toEqual([['one', null], ['two', 0], ['three', 1], ['four', 2]]);
  });

  it('takes no quotation without a word in it', () => {
    expect(texts(`He said "'" and "..." and “?!” then "'"'"'"'"'"'" and "yes".`)).toEqual(['yes']);
  });

  // (how the time grows is a property in fuzz.test.ts; these are what comes out)
  it('finds nothing in a megabyte of unmatched marks, speakers included', () => {
    const article = articleOf('He said “ this is a sentence of words. '.repeat(1_000_000 / 40));
    expect(attributeSpeakers(article, findQuotes(article))).toEqual([]);
    const junk = articleOf('“ " \' ‘ ” ’ `` \'\' <a '.repeat(1_000_000 / 20));
    for (const q of findQuotes(junk)) expect(junk.source.text.slice(q.start, q.end)).toBe(q.text);
  });
});
