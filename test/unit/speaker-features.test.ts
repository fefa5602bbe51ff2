// Candidates and features (features.ts): the cue rules propose phrases, and the features say where each phrase
// stands and which rule proposed it; every quote also gets "nobody", and a continuation after the first.
import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../src/pipeline/quotes.js';
import { candidates, type Candidate } from '../../src/pipeline/speakers/features.js';
import { SPACE } from '../../src/pipeline/speakers/space.js';
import { articleOf } from '../support/article.js';

const casesOf = (text: string) => {
  const a = articleOf(text);
  return candidates(a, findQuotes(a)).cases.map((c) => ({
    ...c,
    named: (mention: string) => c.candidates.find((x) => x.span && text.slice(x.span.start, x.span.end) === mention),
  }));
};
const names = (fs: number[] | undefined) => (fs ?? []).map((f) => SPACE.names[f]);
const has = (c: Candidate | undefined, feature: string) => expect(names(c?.feats)).toContain(feature);

describe('speaker candidates', () => {
  it('proposes the subject of the cue verb after the quote, with the rule, the lemma and where it stands', () => {
    const [c] = casesOf('“We will win,” Jane Doe said.');
    const jane = c.named('Jane Doe');
    expect(jane?.kind).toBe('name');
    expect(jane?.cue).toBe('said');
    has(jane, 'rule=verb-post');
    has(jane, 'rule=verb-post&lemma=say');
    has(jane, 'rel=post-same');
    has(jane, 'before-speech-verb');
    expect(c.candidates.map((x) => x.kind)).toContain('nobody');
  });

  it('proposes inverted subjects, pronouns, "according to", a dash and a transcript label', () => {
    has(casesOf('“Stay indoors,” urged the mayor.')[0].named('the mayor'), 'rule=verb-post');
    const [p] = casesOf('Claudia Sheinbaum met Donald Trump.\n“We will not accept troops,” she said.');
    expect(p.named('she')?.kind).toBe('pronoun');
    has(p.named('she'), 'pron=she');
    has(casesOf('According to Jane Doe, the plan was "a total failure from start to end."')[0].named('Jane Doe'), 'rule=according');
    has(casesOf('“I would rather live anywhere else than here.” ― Adriana Rodarte')[0].named('Adriana Rodarte'), 'rule=dash');
    has(casesOf('"WALLACE: Let us start with the news of the day."')[0].named('WALLACE'), 'rule=transcript');
  });

  it('marks a cue verb whose subject cannot be the speaker, and offers the previous speaker to a quote-only paragraph', () => {
    const [c] = casesOf('Yesterday, in a folder labeled “urgent matters,” the clerk found the letters.');
    expect(names(c.quoteFeats)).toContain('cue-no-subject');
    const [, second] = casesOf('“The first part,” Jane Doe said.\n“A paragraph of quote only, with no cue at all.”');
    const cont = second.candidates.find((x) => x.kind === 'continuation');
    has(cont, 'cont');
    has(cont, 'cont&opens-para');
    expect(second.prev).toBe(0);
  });

  it('proposes the possessor of a speech noun before the quote ("Smith’s claim that ...")', () => {
    const [c] = casesOf('The agency seized on Smith’s claim that there were “thousands of errors” in the count.');
    has(c.named('Smith’s'), 'rule=possessor');
    const [p] = casesOf('Contrary to his promise that fees would “drop sharply,” they rose.');
    has(p.named('his'), 'rule=possessor');
  });

  it('reads "as X put it" after a quote as X speaking', () => {
    const [c] = casesOf('The program only asks for a “lawful source of income,” as a Justice Department memo put it.');
    has(c.named('a Justice Department memo'), 'rule=verb-post');
  });

  it('offers no sentence opener the tagger took for a name ("Preys on ...", "Contrary to her claim"), but keeps a name', () => {
    const [preys] = casesOf('Preys on the fears of voters and calls people “losers” at every rally.');
    expect(preys.named('Preys')).toBeUndefined();
    const [contrary] = casesOf('Contrary to her claim that tenants would “pay nothing,” the fees rose.');
    expect(contrary.named('Contrary')).toBeUndefined();
    expect(contrary.named('her')?.kind).toBe('pronoun');
    // a word the article also capitalises inside a sentence is a name
    const [rich] = casesOf('Rich said the plan was “a total failure from start to end.” The senator thanked Rich later.');
    expect(rich.named('Rich')).toBeDefined();
  });

  it('takes a few title-case words owned by a name or after a work for a title, not a quotation ("MSNBC’s “Morning Show”")', () => {
    const [show] = casesOf('Smith told MSNBC’s “Morning Show” that the plan was “a total failure from start to end.”');
    expect(show.term).toBe(true);
    // not a contraction ("It’s ‘in Their Heads’"), nor words that are no title
    const [heads] = casesOf('Voters say It’s “in Their Heads” after the debate.');
    expect(heads.term).toBe(false);
    const [words] = casesOf('She sang along to the band’s “we will never give up on this town” at the rally.');
    expect(words.term).toBe(false);
    // a title after a noun for a work, with or without a comma
    expect(casesOf('In his 2002 book, “Make Your Kid a Millionaire,” Smith argued that saving was easy.')[0].term).toBe(true);
    expect(casesOf('She closed with the anthem “Stand By Me,” and the crowd sang along.')[0].term).toBe(true);
  });

  it('is deterministic: the same article gives the same candidates and features', () => {
    const text = 'Mexican President Claudia Sheinbaum said, “Sovereignty is not for sale.” She added: “We are ready.”';
    const strip = (cs: ReturnType<typeof casesOf>) => cs.map((c) => c.candidates.map((x) => [x.kind, x.span, x.feats]));
    expect(strip(casesOf(text))).toEqual(strip(casesOf(text)));
  });
});
