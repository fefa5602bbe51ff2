import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../src/pipeline/quotes.js';
import { attributeSpeakers } from '../../src/pipeline/speakers/index.js';
import { articleOf } from '../support/article.js';

const attribute = (text: string) => {
  const a = articleOf(text);
  return attributeSpeakers(a, findQuotes(a));
};
const who = (text: string) => attribute(text).map((q) => q.speaker?.name ?? null);

describe('attributeSpeakers', () => {
  it('reads cue verbs after the quote, both orders', () => {
    expect(who('“We will win,” Jane Doe said.')).toEqual(['Jane Doe']);
    expect(who('“We will win,” said Mr. Burman.')).toEqual(['Burman']);
    expect(who('“It was a mistake,” the mayor warned on Monday.')).toEqual(['mayor']);
  });

  it('reads cue verbs before the quote, a colon, and participles sharing the subject', () => {
    expect(who('Maria Lopez emphasized, “We will never accept it.”')).toEqual(['Maria Lopez']);
    expect(who('In a statement on Monday, Maria Lopez stated: “We do not accept it.”')).toEqual(['Maria Lopez']);
    expect(who('General Gregory Guillot, commander of U.S. Northern Command, praised the troops, saying, “This increases our reach.”')).toEqual([
      'Gregory Guillot',
    ]);
  });

  it('gives the mention as written, with title and appositive roles', () => {
    const [q] = attribute('General Gregory Guillot, commander of U.S. Northern Command, praised the troops, saying, “This increases our reach.”');
    expect(q.speaker?.role).toBe('commander of U.S. Northern Command');
    expect(q.speaker?.mention?.text).toContain('Gregory Guillot');
    const [p] = attribute('Mexican President Claudia Sheinbaum said, “Sovereignty is not for sale.”');
    expect(p.speaker).toMatchObject({ name: 'Claudia Sheinbaum', type: 'person', role: 'President' });
  });

  it('attributes partial quotes to the subject of the governing clause', () => {
    const [q] = attribute('Mexican President Claudia Sheinbaum rejected the offer, declaring at an event that "sovereignty is not for sale."');
    expect(q.kind).toBe('partial');
    expect(q.speaker?.name).toBe('Claudia Sheinbaum');
    expect(who('The Acme Council claimed that the deal was "the best in history."')).toEqual(['Acme Council']);
  });

  it('resolves pronouns by gender and recency, keeping the pronoun as the mention', () => {
    const qs = attribute('Claudia Sheinbaum met Donald Trump on Friday.\n“We will not accept troops,” she said.\n“They need our help,” he said.');
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Claudia Sheinbaum', 'Donald Trump']);
    expect(qs[0].speaker?.mention?.text).toBe('she');
    expect(qs[0].speaker?.mentionKind).toBe('pronoun');
    // a calibrated probability
    for (const q of qs) expect(q.confidence).toBeGreaterThan(0), expect(q.confidence).toBeLessThanOrEqual(1);
  });

  it('continues the last speaker in quote-only paragraphs and split quotes', () => {
    const qs = attribute('“The first part,” Jane Doe said. “The second part.”\n“A paragraph of quote only, with no cue at all.”');
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Jane Doe', 'Jane Doe', 'Jane Doe']);
    expect(qs[2].confidence).toBeLessThan(qs[0].confidence);
  });

  it('makes organizations speak, also through a spokesperson', () => {
    const qs = attribute(
      'A spokesperson for the National Security Council (NSC) mentioned the talks. The spokesperson added that they built the "safest border ever."',
    );
    expect(qs[0].speaker).toMatchObject({ name: 'National Security Council (NSC)', type: 'organization' });
    expect(who('“No comment,” the White House said.')).toEqual(['White House']);
  });

  it('resolves role phrases to the latest matching person', () => {
    const qs = attribute('Mexican President Claudia Sheinbaum spoke on Friday.\n“We are ready,” the Mexican president said.');
    expect(qs[0].speaker?.name).toBe('Claudia Sheinbaum');
  });

  it('attributes "X quoted Y as saying" to X or Y (the model has too few such quotes to prefer Y)', () => {
    const [q] = attribute('Claudia Sheinbaum spoke to Donald Trump. "How can we help you?" she quoted Trump as saying.');
    expect(['Donald Trump', 'Claudia Sheinbaum']).toContain(q.speaker?.name);
  });

  it('attributes embedded quotes to who the outer speaker reports, relayed by the outer speaker', () => {
    const qs = attribute(
      'Claudia Sheinbaum spoke after a call with Donald Trump.\n"He said, \'How can we help you?\' And you know what I said to him? \'No, President Trump,\'" Sheinbaum stated.',
    );
    expect(qs.map((q) => [q.kind, q.speaker?.name, q.relayedBy])).toEqual([
      ['direct', 'Claudia Sheinbaum', null],
      ['embedded', 'Donald Trump', 'Claudia Sheinbaum'],
      ['embedded', 'Claudia Sheinbaum', 'Claudia Sheinbaum'],
    ]);
  });

  it('reads transcripts, dashes and "according to"', () => {
    expect(who('"WALLACE: Let us start with the news of the day."')).toEqual(['WALLACE']);
    expect(who('“I would rather live anywhere else than here.” ― Adriana Rodarte')).toEqual(['Adriana Rodarte']);
    expect(who('According to Jane Doe, the plan was "a total failure from start to end."')).toEqual(['Jane Doe']);
  });

  it('drops a quoted title nobody is said to have said', () => {
    expect(attribute('He appeared on “Fox News Sunday” this week.')).toEqual([]);
  });

  it('looks past a prepositional phrase for the subject; its object is no speaker', () => {
    expect(who('The teachers marching through the town chanted “No more cuts!” all afternoon.')).toEqual(['teachers']);
    const qs = attribute('“On the form, in a box labeled ‘next of kin,’ she wrote nothing at all,” Jane Doe said.');
    expect(qs.map((q) => [q.kind, q.speaker?.name ?? null])).toEqual([['direct', 'Jane Doe'], ['embedded', null]]);
  });

  it('keeps a weekday or a month before a name out of the name', () => {
    expect(who('On Monday Smith said, “We will not sign it as it stands.”')).toEqual(['Smith']);
    expect(who('In January Smith told reporters, “We will not sign it as it stands.”')).toEqual(['Smith']);
  });

  it('takes no inverted subject that has a verb of its own or is the object of the cue verb', () => {
    expect(who('Later that week, said the memo, the program would “pay for itself.”')).toEqual(['memo']);
    expect(who('Says the new plan would “pay for itself.”')).toEqual([null]);
  });

  it('reads an inverted subject after "urged" and "charged", but no phrase before an infinitive', () => {
    expect(who('“Stay indoors,” urged the mayor.')).toEqual(['mayor']);
    expect(who('“He lied,” charged the prosecutor.')).toEqual(['prosecutor']);
    // the council is asked, it does not speak
    expect(who('Mr Hague, 43, asked the council to act: “We cannot wait any longer for this.”')).toEqual(['Hague']);
  });

  it('reads the subject before a relative clause set off by commas', () => {
    expect(who('Tom Reyes, who watched the parade from a bench near the river, said it brought back “the summers we spent there.”')).toEqual(['Tom Reyes']);
    expect(who('Mayor Ana Ruiz, who has led the city since 2019 and who ran unopposed in the last election, told reporters the budget was “a disgrace.”')).toEqual([
      'Ana Ruiz',
    ]);
  });

  it('reads the subject before a prepositional or participial phrase set off by commas', () => {
    expect(who('Trump, speaking in Ohio on Friday, told the crowd: “The election was rigged.”')).toEqual(['Trump']);
    expect(who('Trump, at a rally in Ohio, said the election was “rigged.”')).toEqual(['Trump']);
    expect(who('Sheinbaum, in a press conference on Friday, told reporters that sovereignty is “not for sale.”')).toEqual(['Sheinbaum']);
    expect(who('Trump, speaking in Ohio, at a rally on Friday, said the election was “rigged.”')).toEqual(['Trump']);
    // the aside after a relative clause: the name before the clause
    expect(who('Tom Reyes, who grew up in Leeds, in the north of England, said the city had “changed beyond recognition.”')).toEqual(['Tom Reyes']);
  });

  it('gives a verb joined by a conjunction the subject of the bare verb right before it', () => {
    expect(who('When the coach asked about the loss, Tom Reyes laughed and said “we will be fine.”')).toEqual(['Tom Reyes']);
    expect(who('Jane Doe said Friday that she thinks the report should be published but said “the question is when.”')).toEqual(['Jane Doe']);
    expect(who('Sheinbaum is once again questioning the deal and said, “We will not sign it as it stands.”')).toEqual(['Sheinbaum']);
  });

  it('reads a plural noun after a preposition and a name as a noun, not a cue ("of Senate claims")', () => {
    expect(who('The FactWatch Institute rated 40% of Senate claims as “misleading” and 12% as “false.”')).toEqual([
      'FactWatch Institute',
      'FactWatch Institute',
    ]);
    expect(who('The Daily Ledger reports: “The mill will close in May.”')).toEqual(['Daily Ledger']);
  });

  it('keeps embedded parent indexes valid after dropping', () => {
    const qs = attribute('A “label” here.\n"He said, \'We are ready,\'" Jane Doe said.');
    qs.forEach((q) => q.parent != null && expect(qs[q.parent].kind).not.toBe('embedded'));
  });
});
