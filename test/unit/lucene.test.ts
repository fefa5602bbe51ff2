// The search box's text as Lucene query and as ranked, highlighted answers (src/graph/lucene.ts).
import { describe, expect, it } from 'vitest';
import { editDistance, luceneQuery, matchTerms, parseSearch, passage, ranker, tokens } from '../../src/graph/lucene.js';

const marked = (text: string, q: string) => matchTerms(parseSearch(q), text).highlights.map((h) => text.slice(h.start, h.end));

describe('parseSearch and luceneQuery', () => {
  it('keeps "quoted" text as a required exact phrase and other words as fuzzy, exact ranked higher', () => {
    expect(parseSearch('Sheinbaum "not for sale"')).toEqual({ phrases: [['not', 'for', 'sale']], words: ['sheinbaum'], sequence: ['sheinbaum'] });
    expect(parseSearch('the one and the other').sequence).toEqual(['the', 'one', 'and', 'the', 'other']);
    expect(luceneQuery('"not for sale"')).toBe('+"not for sale"');
    expect(luceneQuery('sovreignty')).toBe('(sovreignty^2 sovreignty~2)');
    expect(luceneQuery('troops')).toBe('(troops^2 troops~2)');
    expect(luceneQuery('cut it')).toBe('"cut it"^4 (cut^2 cut~1) it');
    expect(luceneQuery('“curly quotes”')).toBe('+"curly quotes"');
  });

  it('turns any Lucene syntax typed by the user into plain words (operators, wildcards, fields, ranges, escapes)', () => {
    for (const evil of ['"unbalanced', 'AND OR NOT', 'a:b~ (c) [d TO e] {f} ^g* h? \\ / && || !', '*', 'title:x OR text:/.*/']) {
      const q = luceneQuery(evil);
      // the only syntax left is ours: quotes around phrases, (), ^boost, ~edits, + for required
      const stripped = q.replace(/"[^"]*"(\^\d)?/g, '').replace(/\^\d|~\d|[()+]/g, '');
      expect(stripped, evil).toMatch(/^[\p{L}\p{N}' ]*$/u);
      expect(q, evil).not.toMatch(/\b(AND|OR|NOT|TO)\b/);
    }
    expect(luceneQuery('?!*')).toBe('');
  });

  it('bounds a pasted paragraph to 32 words', () => {
    const t = parseSearch(Array.from({ length: 50 }, (_, i) => `w${i}`).join(' '));
    expect(t.words.length).toBe(32);
  });
});

describe('matchTerms', () => {
  it('highlights words, misspelt ones too, and phrases', () => {
    const text = 'The territory cannot be violated. Sovereignty cannot be sold.';
    expect(marked(text, 'sovreignty')).toEqual(['Sovereignty']);
    expect(marked(text, '"cannot be sold"')).toEqual(['cannot be sold']);
    expect(marked(text, 'territory sold')).toEqual(['territory', 'sold']);
    expect(editDistance('sovreignty', 'sovereignty', 2)).toBe(1);
    expect(editDistance('teh', 'the', 1)).toBe(1);
    expect(editDistance('troops', 'tripe', 2)).toBe(3);
  });

  it('a phrase is required; words need not all occur but half of the meaningful ones must', () => {
    const t = 'Sovereignty is not for sale.';
    expect(matchTerms(parseSearch('"is for sale"'), t).answers).toBe(false);
    expect(matchTerms(parseSearch('"not for sale"'), t).answers).toBe(true);
    // function words alone do not make an answer to a sentence
    expect(matchTerms(parseSearch('the troops are not for the border'), 'It is not for them.').answers).toBe(false);
    expect(matchTerms(parseSearch('sovereignty sale troops border'), t).answers).toBe(true);
    expect(matchTerms(parseSearch('sovereignty troops border wall'), t).answers).toBe(false);
    const exact = matchTerms(parseSearch('sovereignty is not for sale'), 'She said sovereignty is not for sale, twice.');
    expect(exact).toMatchObject({ exact: true, coverage: 1, answers: true });
  });
});

describe('ranker', () => {
  it('puts the exact source of a pasted sentence first, then by words found, then by Lucene score', () => {
    const terms = parseSearch('Sovereignty is not for sale');
    const ranked = ranker(terms)([
      { kind: 'QUOTE', id: 'loud', texts: ['Sale of sovereignty bonds is not for everyone'], score: 9 },
      { kind: 'QUOTE', id: 'exact', texts: ['Sovereignty is not for sale. Sovereignty is loved and defended.'], score: 5 },
      { kind: 'QUOTE', id: 'noise', texts: ['It is what it is, for now.'], score: 8 },
      { kind: 'SPEAKER', id: 'x', texts: ['Someone Else', 'Sale'], score: 3 },
    ]);
    expect(ranked.map((h) => h.id)).toEqual(['exact', 'loud', 'x']);
    expect(ranked[0].highlights.length).toBeGreaterThan(0);
    expect(ranked.map((h) => h.score)).toEqual([...ranked.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('a tie puts a quote before an article; an article passage shows the phrase, not stray short words', () => {
    const prose = `${'We are not a colony, or a protectorate, or anything else. '.repeat(6)}Then she said sovereignty is not for sale.`;
    const ranked = ranker(parseSearch('not for sale'))([
      { kind: 'ARTICLE', id: 'a', texts: ['', prose], score: 7 },
      { kind: 'QUOTE', id: 'q', texts: ['sovereignty is not for sale.'], score: 7 },
    ]);
    expect(ranked.map((h) => h.kind)).toEqual(['QUOTE', 'ARTICLE']);
    expect(ranked[1].highlights.map((h) => ranked[1].text.slice(h.start, h.end))).toContain('not for sale');
    expect(luceneQuery('not for sale')).toBe('"not for sale"^4 not for (sale^2 sale~1)');
  });

  it('cuts a long article to a passage around the match, highlights moved into it', () => {
    const text = `${'Nothing to see here. '.repeat(40)}Troops were sent to the border.${' More filler text.'.repeat(40)}`;
    const [hit] = ranker(parseSearch('troops'))([{ kind: 'ARTICLE', id: 'a', texts: ['A title', text], score: 1 }]);
    expect(hit.text.length).toBeLessThanOrEqual(282);
    expect(hit.text.startsWith('…')).toBe(true);
    expect(hit.highlights.map((h) => hit.text.slice(h.start, h.end))).toEqual(['Troops']);
    expect(passage('short', [{ start: 0, end: 5 }])).toEqual({ text: 'short', highlights: [{ start: 0, end: 5 }] });
  });

  it("ranks a search's second candidate set as a fresh ranking would, scores renormalised to that set", () => {
    const terms = parseSearch('interest rates');
    const exact = [
      { kind: 'QUOTE', id: 'a', texts: ['Interest rates will rise.'], score: 4 },
      { kind: 'QUOTE', id: 'b', texts: ['No interest at all.'], score: 2 },
    ];
    const fuzzy = [...exact, { kind: 'QUOTE', id: 'c', texts: ['The interest rate is high.'], score: 9 }];
    const rank = ranker(terms);
    expect(rank(exact)).toEqual(ranker(terms)(exact));
    expect(rank(fuzzy)).toEqual(ranker(terms)(fuzzy));
    // the exact phrase first; the misspelt "rate" counts as found, above a quote with one word
    expect(rank(fuzzy).map((h) => h.id)).toEqual(['a', 'c', 'b']);
  });
});

describe('tokens', () => {
  it('lower-cases with offsets into the text, also where lower-casing lengthens a letter', () => {
    const text = 'İSTANBUL’s Mayor, ÇAĞ';
    const toks = tokens(text);
    expect(toks.map((t) => t.text)).toEqual(["i̇stanbul's", 'mayor', 'çağ']);
    expect(toks.map((t) => text.slice(t.start, t.end))).toEqual(['İSTANBUL’s', 'Mayor', 'ÇAĞ']);
    expect(tokens('Don’t STOP').map((t) => [t.text, t.start])).toEqual([["don't", 0], ['stop', 6]]);
  });
});
