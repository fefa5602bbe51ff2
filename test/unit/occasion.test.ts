import { describe, expect, it } from 'vitest';
import { findOccasions } from '../../src/pipeline/occasion.js';
import type { Quote } from '../../src/pipeline/doc.js';
import { article, quote } from './pipeline-fixtures.js';

/** The occasion of each quote (`words`) of `text`, as [kind, place, medium] or null. */
function occasions(text: string, words: string[], extra: (q: Quote, k: number) => Partial<Quote> = () => ({})) {
  const a = article(text, '2016-08-10');
  const qs = words.map((w, k) => {
    const q = quote(a, w, 'Jane Doe');
    return { ...q, ...extra(q, k) };
  });
  return findOccasions(a, qs).map((q) => q.occasion && [q.occasion.kind, q.occasion.place, q.occasion.medium]);
}

describe('findOccasions', () => {
  it('finds the kind of event and its place: "at a rally in Wilmington, North Carolina"', () => {
    expect(occasions('"We will win," Doe said at a rally in Wilmington, North Carolina, on Tuesday.', ['We will win,'])).toEqual([
      ['rally', 'Wilmington, North Carolina', null],
    ]);
    expect(occasions('In a speech to the Economic Club of Detroit, Doe said: "Jobs first."', ['Jobs first.'])).toEqual([
      ['speech', 'Economic Club of Detroit', null],
    ]);
    expect(occasions('"No deal," Doe said during Sunday\'s debate.', ['No deal,'])).toEqual([['debate', null, null]]);
  });

  it('a place is no weekday after it, no title and name after a comma, and no person addressed', () => {
    expect(occasions('"We will win," Doe said at a rally in Miami Wednesday.', ['We will win,'])).toEqual([['rally', 'Miami', null]]);
    expect(occasions('At a news conference at Mar-a-Lago, Mr. Doe said: "We will win."', ['We will win.'])).toEqual([
      ['press conference', 'Mar-a-Lago', null],
    ]);
    expect(occasions('In the passage of his speech to Mrs. Roe, Doe said: "She is ready."', ['She is ready.'])).toEqual([['speech', null, null]]);
  });

  it('names the medium: "told CNN\'s Jake Tapper", "on Fox News Sunday", an interview with an outlet', () => {
    expect(occasions('"I am not ready," Doe told CNN\'s Jake Tapper.', ['I am not ready,'])).toEqual([['interview', null, 'CNN']]);
    expect(occasions('"It was wrong," Doe said on Fox News Sunday.', ['It was wrong,'])).toEqual([['interview', null, 'Fox News']]);
    expect(occasions('Doe said in an interview with The New York Times that it was "a mistake."', ['a mistake.'])).toEqual([
      ['interview', null, 'The New York Times'],
    ]);
    expect(occasions('"I meant it," Doe said on Hugh Hewitt\'s radio show.', ['I meant it,'])).toEqual([['interview', null, 'Hugh Hewitt']]);
  });

  it('reads written statements, tweets and posts, from the words or the cue', () => {
    expect(occasions('"We are disappointed," Doe said in a statement.', ['We are disappointed,'])).toEqual([['statement', null, null]]);
    expect(occasions('"Crooked!" Doe wrote on Twitter.', ['Crooked!'])).toEqual([['tweet', null, null]]);
    expect(occasions('"Sad!" Doe tweeted.', ['Sad!'], () => ({ cue: 'tweeted' }))).toEqual([['tweet', null, null]]);
  });

  it('does not take a source for a medium: "according to CNN"', () => {
    expect(occasions('"He is wrong," Doe said, according to CNN.', ['He is wrong,'])).toEqual([null]);
  });

  it('does not take a topic for an occasion: "the debate over trade", "her email server"', () => {
    expect(occasions('"It is a scandal," Doe said of the debate over trade.', ['It is a scandal,'])).toEqual([null]);
    expect(occasions('"Nothing classified," Doe said of her email server.', ['Nothing classified,'])).toEqual([null]);
    expect(occasions('"He is wrong," Doe said.', ['He is wrong,'])).toEqual([null]);
  });

  it('never reads the occasion from the quoted words themselves', () => {
    expect(occasions('"At the rally last night I was on CNN," Doe said.', ['At the rally last night I was on CNN,'])).toEqual([null]);
  });

  it('a quote that names none continues the previous quote of the same speaker, nearby', () => {
    const text = '"First," Doe said in a statement.\n"Second," Doe added.\nUnrelated paragraph.\nMore.\n"Third," Doe said.';
    const got = occasions(text, ['First,', 'Second,', 'Third,']);
    expect(got).toEqual([['statement', null, null], ['statement', null, null], null]);
  });

  it('dates the occasion by the time stage and keeps the cue words with their offsets', () => {
    const a = article('"We will win," Doe said at a rally in Miami.', '2016-08-10');
    const q = { ...quote(a, 'We will win,', 'Jane Doe'), saidOn: '2016-08-09' };
    const [o] = findOccasions(a, [q]).map((x) => x.occasion!);
    expect(o.date).toBe('2016-08-09');
    expect(a.source.text.slice(o.cue!.start, o.cue!.end)).toBe(o.cue!.text);
    expect(o.cue!.text).toBe('at a rally in Miami');
  });

  it('gives an embedded quote (said on an earlier occasion) no occasion', () => {
    const got = occasions('"I told him \'never\' at the rally," Doe said in an interview.', ["I told him 'never' at the rally,", 'never'], (_q, k) =>
      k === 1 ? { kind: 'embedded', parent: 0 } : {},
    );
    expect(got).toEqual([['interview', null, null], null]);
  });
});
