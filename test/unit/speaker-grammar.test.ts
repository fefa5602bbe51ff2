// The grammar under the speakers stage, on sentences as wink tags them: noun phrases, the subject of a
// speech verb, and the token predicates they rest on.
import { describe, expect, it } from 'vitest';
import { tag, type Token } from '../../src/pipeline/nlp.js';
import { appositive, npEndingAt, npStartingAt, type NP } from '../../src/pipeline/speakers/phrases.js';
import { NOBODY, subjectOf } from '../../src/pipeline/speakers/subject.js';
import { isFiniteAt, isNameWord, isSpeechVerbAt } from '../../src/pipeline/speakers/tokens.js';

/** A tagged sentence: `at` finds the nth token reading `word`, `span` gives a phrase as written. */
function tagged(text: string) {
  const toks: Token[] = tag(text, 0, text.length).tokens;
  const at = (word: string, nth = 0) => {
    const hits = toks.flatMap((t, i) => (t.text === word ? [i] : []));
    if (hits[nth] === undefined) throw new Error(`no token ${JSON.stringify(word)} #${nth} in ${JSON.stringify(text)}`);
    return hits[nth];
  };
  const span = (np: NP | null) => (np === null ? null : np === NOBODY ? 'NOBODY' : text.slice(toks[np.a].start, toks[np.b].end));
  return { toks, at, span, hi: toks.length };
}

/** The subject of the (nth) speech verb `verb`, read in the whole sentence. */
function subject(text: string, verb: string, nth = 0) {
  const { toks, at, span, hi } = tagged(text);
  const np = subjectOf(toks, at(verb, nth), 0, hi);
  return { text: span(np), role: np?.role ?? null, np };
}

describe('npEndingAt', () => {
  it('walks left over "for the" and an acronym in parentheses to the whole phrase', () => {
    const { toks, at, span } = tagged('A spokesperson for the National Security Council (NSC) said the talks were over.');
    const np = npEndingAt(toks, at(')'), 0);
    expect(span(np)).toBe('A spokesperson for the National Security Council (NSC)');
    expect(np?.role).toBeNull();
    // never past lo
    expect(span(npEndingAt(toks, at(')'), at('the')))).toBe('the National Security Council (NSC)');
  });

  it('takes a pronoun alone', () => {
    const { toks, at, span } = tagged('“We will not accept troops,” she said.');
    const np = npEndingAt(toks, at('she'), 0);
    expect(span(np)).toBe('she');
    expect(np).toMatchObject({ a: at('she'), b: at('she') });
  });

  it('keeps a possessive, a title and a name wink tags as a verb', () => {
    const p = tagged("Trump's campaign manager said on Friday that the rally was canceled.");
    expect(p.span(npEndingAt(p.toks, p.at('manager'), 0))).toBe("Trump's campaign manager");
    const n = tagged('Attorney General Loretta Lynch said the department would review the case.');
    expect(n.span(npEndingAt(n.toks, n.at('Lynch'), 0))).toBe('Attorney General Loretta Lynch');
  });

  it('stops at a weekday or a month opening the phrase ("On Monday Smith"), not at a first name or in a longer name', () => {
    const d = tagged('On Monday Smith said the deal was off.');
    expect(d.span(npEndingAt(d.toks, d.at('Smith'), 0))).toBe('Smith');
    const m = tagged('In January Jane Doe said the deal was off.');
    expect(m.span(npEndingAt(m.toks, m.at('Doe'), 0))).toBe('Jane Doe');
    const j = tagged('Police Federation chairman Jan Berry said the deal was off.');
    expect(j.span(npEndingAt(j.toks, j.at('Berry'), 0))).toBe('Police Federation chairman Jan Berry');
    const t = tagged('The book by Sunday Telegraph journalist Robert Peston said the pair had fallen out.');
    expect(t.span(npEndingAt(t.toks, t.at('Peston'), 0))).toBe('Sunday Telegraph journalist Robert Peston');
  });

  it('finds none at a verb or before lo', () => {
    const { toks, at } = tagged('Sheinbaum said Mexico would not accept foreign troops.');
    expect(npEndingAt(toks, at('said'), 0)).toBeNull();
    expect(npEndingAt(toks, at('Sheinbaum'), at('said'))).toBeNull();
  });
});

describe('npStartingAt and appositive', () => {
  it('reads an inverted name and its role between commas', () => {
    const { toks, at, span, hi } = tagged(
      '“We are ready to respond,” said General Gregory Guillot, commander of U.S. Northern Command, on Friday.',
    );
    const np = npStartingAt(toks, at('General'), hi);
    expect(span(np)).toBe('General Gregory Guillot');
    expect(np?.role).toBe('commander of U.S. Northern Command');
    expect(appositive(toks, at(',', 1), hi)).toBe('commander of U.S. Northern Command');
    // ", on Friday" is no role
    expect(appositive(toks, at(',', 2), hi)).toBeNull();
  });

  it('walks over a hyphenated name, a party and state, and a possessive', () => {
    const h = tagged('“The wall is not needed,” said Douglas Holtz-Eakin, an economist at the American Action Forum.');
    const np = npStartingAt(h.toks, h.at('Douglas'), h.hi);
    expect(h.span(np)).toBe('Douglas Holtz-Eakin');
    expect(np?.role).toBe('an economist at the American Action Forum');
    const m = tagged('Rep. Gwen Moore (D-Wis.) said the bill was cruel.');
    expect(m.span(npStartingAt(m.toks, 0, m.hi))).toBe('Rep. Gwen Moore (D-Wis.)');
    const a = tagged('“He lied,” said the ad\'s narrator.');
    expect(a.span(npStartingAt(a.toks, a.at('the'), a.hi))).toBe("the ad's narrator");
  });

  it('finds none at a verb or from hi on', () => {
    const { toks, at, hi } = tagged('“It’s a disaster,” said Caddell.');
    expect(npStartingAt(toks, at('said'), hi)).toBeNull();
    expect(npStartingAt(toks, at('Caddell'), at('Caddell'))).toBeNull();
  });
});

describe('subjectOf', () => {
  it('reads the subject before the verb', () => {
    expect(subject('Sheinbaum said Mexico would not accept foreign troops.', 'said').text).toBe('Sheinbaum');
    expect(subject('A spokesperson for the National Security Council (NSC) said the talks were over.', 'said').text).toBe(
      'A spokesperson for the National Security Council (NSC)',
    );
  });

  it('reads an inverted subject after the verb, with its role', () => {
    expect(subject('“It’s a disaster,” said Caddell.', 'said').text).toBe('Caddell');
    const g = subject('“We are ready to respond,” said General Gregory Guillot, commander of U.S. Northern Command, on Friday.', 'said');
    expect(g).toMatchObject({ text: 'General Gregory Guillot', role: 'commander of U.S. Northern Command' });
  });

  it('gives a participle the subject of the sentence, or the name right before it', () => {
    expect(subject('Mexican President Claudia Sheinbaum rejected the offer on Friday, saying that sovereignty is not for sale.', 'saying').text).toBe(
      'Mexican President Claudia Sheinbaum',
    );
    expect(subject('The video shows footage of Trump saying he could shoot somebody.', 'saying').text).toBe('Trump');
  });

  it('gives a verb joined by "and" the subject of the bare verb before it, not of the clause before', () => {
    expect(subject('When reporters asked about the tariffs, Sheinbaum laughed and said it was too early to tell.', 'said').text).toBe('Sheinbaum');
  });

  it('passes over a dated prepositional phrase between the subject and the verb ("who in 2010 said")', () => {
    expect(subject('Jane Doe, who in 2010 said the plan was a fraud, is running again.', 'said').text).toBe('who');
    expect(subject('The mayor in 2016 said the bridge would stay open.', 'said').text).toBe('The mayor');
  });

  it('reads the subject before a relative clause set off by commas', () => {
    expect(subject('Mark Robinson, who has campaigned for governor since May, said the report was false.', 'said').text).toBe('Mark Robinson');
  });

  it('reads the subject before a prepositional or participial phrase set off by commas, not the object after the verb', () => {
    expect(subject('Trump, at a rally in Ohio, said the election was rigged.', 'said').text).toBe('Trump');
    expect(subject('Trump, speaking in Ohio on Friday, told the crowd that the election was rigged.', 'told').text).toBe('Trump');
    expect(subject('Sheinbaum, asked about the deal, said it was a disaster.', 'said', 0).text).toBe('Sheinbaum');
  });

  it('takes the head of a phrase, not the object of its preposition', () => {
    expect(subject('The head of research at the firm said demand had slowed.', 'said').text).toBe('The head of research');
    expect(subject('The book by Sunday Telegraph journalist Robert Peston said the pair had fallen out.', 'said').text).toBe('The book');
    expect(subject('Protesters marching through the streets chanted slogans.', 'chanted').text).toBe('Protesters');
  });

  it('is NOBODY for a lower-case phrase after a preposition ("in a box labeled")', () => {
    const { np } = subject('The sign was delivered in a box labeled “fragile.”', 'labeled');
    expect(np).toBe(NOBODY);
  });

  it('takes the noun after "told" as its object, never as an inverted subject', () => {
    expect(subject('Trump told the crowd that the election was rigged.', 'told').text).toBe('Trump');
    expect(subject('“The election was rigged,” told the crowd.', 'told').np).toBe(NOBODY);
    // a verb that inverts does take it
    expect(subject('“Lock her up,” chanted the crowd.', 'chanted').text).toBe('the crowd');
    expect(subject('“Stay indoors,” urged the mayor.', 'urged').text).toBe('the mayor');
    expect(subject('“He lied,” charged the prosecutor.', 'charged').text).toBe('the prosecutor');
    // but not a phrase an infinitive follows: "urged the council to act"
    expect(subject('Mr Hague, 43, urged the council to act.', 'urged').np).toBe(NOBODY);
    expect(subject('Mr Hague, 43, asked the council to act.', 'asked').np).toBe(NOBODY);
  });
});

describe('token predicates', () => {
  it('isSpeechVerbAt: a speech verb, also "reports" or "call them" tagged as a noun after a name, not a noun after "of"', () => {
    const s = tagged('Sheinbaum said Mexico would not accept foreign troops.');
    expect(isSpeechVerbAt(s.toks, s.at('said'))).toBe(true);
    expect(isSpeechVerbAt(s.toks, s.at('accept'))).toBe(false);
    const r = tagged('The Times reports: the talks have stalled.');
    expect(r.toks[r.at('reports')].pos).toBe('NOUN');
    expect(isSpeechVerbAt(r.toks, r.at('reports'))).toBe(true);
    // an object pronoun after a speech noun makes it the verb
    const o = tagged('When rebels attack the towns, Smith and Jones call them bandits.');
    expect(o.toks[o.at('call')].pos).toBe('NOUN');
    expect(isSpeechVerbAt(o.toks, o.at('call'))).toBe(true);
    expect(isSpeechVerbAt(tagged('Smith made a call to the office.').toks, tagged('Smith made a call to the office.').at('call'))).toBe(false);
    const c = tagged('Only 32% of Republican claims were rated true.');
    expect(c.toks[c.at('claims')].pos).toBe('NOUN');
    expect(isSpeechVerbAt(c.toks, c.at('claims'))).toBe(false);
  });

  it('isNameWord: a name wink tags as a verb is one, a weekday or a quote mark is none', () => {
    const n = tagged('Attorney General Loretta Lynch said the department would review the case.');
    expect(n.toks[n.at('Lynch')].pos).toBe('VERB');
    expect(isNameWord(n.toks[n.at('Lynch')])).toBe(true);
    expect(isNameWord(n.toks[n.at('department')])).toBe(false);
    const d = tagged('“We are ready to respond,” said General Gregory Guillot, commander of U.S. Northern Command, on Friday.');
    expect(isNameWord(d.toks[d.at('Guillot')])).toBe(true);
    expect(isNameWord(d.toks[d.at('Friday')])).toBe(false);
    expect(isNameWord(d.toks[d.at('“')])).toBe(false);
  });

  it('isFiniteAt: a verb or an auxiliary with a participle, not a bare participle or a name tagged as a verb', () => {
    const f = tagged('Following the meeting, Sheinbaum said the deal was off.');
    expect(isFiniteAt(f.toks, f.at('said'))).toBe(true);
    expect(isFiniteAt(f.toks, f.at('Following'))).toBe(false);
    const q = tagged('Sheinbaum is questioning the deal.');
    expect(isFiniteAt(q.toks, q.at('questioning'))).toBe(true);
    const o = tagged('Sheinbaum is once again questioning the deal.');
    expect(isFiniteAt(o.toks, o.at('questioning'))).toBe(true);
    const n = tagged('Attorney General Loretta Lynch said the department would review the case.');
    expect(isFiniteAt(n.toks, n.at('Lynch'))).toBe(false);
  });
});
