// When the quoted words were said (not when they were reported): date phrases in the quote's own sentence,
// outside any quotation marks, resolved with chrono-node against the publication date.
import * as chrono from 'chrono-node';
import type { Article, Quote, Span } from './doc.js';
import { tag } from './nlp.js';
import { firstNotBefore, firstOverlapping, overlappingRange } from './spans.js';

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** "at the time" points back to a date given earlier (same sentence, else the previous quote). */
const AT_THE_TIME = /\bat the time\b/i;

/** One resolved date phrase: where it starts and ends in the source text, and the day. */
interface Found {
  from: number;
  at: number;
  day: string;
  /** The phrase as written ("three months ago"). */
  text: string;
}

// chrono-node is the cost of this stage: a paragraph with no word chrono could read as a date skips it. Every
// English phrase chrono parses has a digit, a weekday or month name, or one of these words; without a publication
// date only a phrase naming its year counts, so a paragraph needs a four-digit number.
const DATE_WORD = new RegExp(
  '\\d|\\b(?:now|today|tonight|tomorrow|yesterday|noon|midnight|morning|afternoon|evening|night|weekend|' +
    '(?:sec(?:ond)?|min(?:ute)?|hour|day|week|fortnight|month|quarter|year|decade)s?|' +
    '(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|' +
    'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\b',
  'i',
);
const YEAR = /\b\d{4}\b/;

/** Date phrases in `text` (offset `offset`), resolved against `published` (null: only full dates). */
function findDates(text: string, offset: number, published: Date | null): Found[] {
  const found: Found[] = [];
  if (!(published ? DATE_WORD : YEAR).test(text)) return found;
  for (const r of chrono.parse(text, { instant: published ?? new Date(0), timezone: 0 })) {
    const s = r.start;
    // with no publication date only a date that names its year stands ("April 22", "last month" cannot be placed)
    if (!published && !/\b\d{4}\b/.test(r.text)) continue;
    let d = s.date();
    if (published && d > published) {
      // a reported utterance lies in the past: "on Sunday" in Saturday's paper is last Sunday
      if (!s.isCertain('month') && !s.isCertain('day')) d = new Date(d.getTime() - 7 * DAY);
      else if (!s.isCertain('year')) d = new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate()));
      if (d.getTime() - published.getTime() >= DAY) continue; // still later than publication: not when it was said
    }
    found.push({ from: offset + r.index, at: offset + r.index + r.text.length, day: iso(d), text: r.text });
  }
  return found;
}

export function resolveTime(article: Article, quotes: Quote[]): Quote[] {
  const text = article.source.text;
  const published = article.published ? new Date(`${article.published}T12:00:00Z`) : null;
  const paragraphs = article.paragraphs.length ? article.paragraphs : [article.span];
  const paragraphOf = quotes.map((q) => firstOverlapping(paragraphs, q));
  const quotesIn = new Map<number, Quote[]>();
  quotes.forEach((q, k) => {
    if (!quotesIn.has(paragraphOf[k])) quotesIn.set(paragraphOf[k], []);
    quotesIn.get(paragraphOf[k])!.push(q);
  });
  // words inside any quotation belong to the speaker ("last month we agreed"), not to the report's timeline
  const blank = (s: Span, pi: number) => {
    let out = '';
    let at = s.start;
    // quotes come in text order; an embedded one lies inside its parent, already blanked
    for (const q of quotesIn.get(pi) ?? []) {
      if (q.end <= at || q.start >= s.end) continue;
      const a = Math.max(q.start, at), b = Math.min(q.end, s.end);
      out += text.slice(at, a) + ' '.repeat(b - a);
      at = b;
    }
    return out + text.slice(at, s.end);
  };
  // chrono reads the whole paragraph first; only a paragraph with a date in it is tagged for its sentences
  const perParagraph = new Map<number, { blanked: string; dates: Found[]; sentences: Span[] | null }>();
  const readParagraph = (pi: number) => {
    let r = perParagraph.get(pi);
    if (!r) {
      const p = paragraphs[pi] ?? article.span;
      const blanked = blank(p, pi);
      const dates = findDates(blanked, p.start, published);
      let sentences: Span[] | null = null;
      if (dates.length || AT_THE_TIME.test(blanked)) {
        const { tokens, sentences: s } = tag(text, p.start, p.end);
        sentences = s.filter(([a, b]) => b > a).map(([a, b]) => ({ start: tokens[a].start, end: tokens[b - 1].end }));
      }
      perParagraph.set(pi, (r = { blanked, dates, sentences }));
    }
    return r;
  };

  const out: Quote[] = [];
  interface Previous {
    quote: Quote;
    paragraph: number;
    day: string | null;
    phrase: string | null;
  }
  let previous = null as Previous | null;
  quotes.forEach((q, k) => {
    const pi = paragraphOf[k];
    const paragraph = paragraphs[pi] ?? article.span;
    let day: string | null = null;
    let phrase: string | null = null;
    if (q.kind !== 'embedded') {
      // an embedded quote was said on an earlier occasion the text seldom dates: unknown
      const { blanked, dates: inParagraph, sentences: all } = readParagraph(pi);
      // (searched, not filtered: a paragraph may hold thousands of quotes, sentences and dates)
      const [first, last] = overlappingRange(all ?? [], q);
      const span = last > first ? { start: all![first].start, end: all![last - 1].end } : paragraph;
      const context = all ? blanked.slice(span.start - paragraph.start, span.end - paragraph.start) : '';
      const dates: Found[] = [];
      for (let d = firstNotBefore(inParagraph, (x) => x.from < span.start); d < inParagraph.length && inParagraph[d].from < span.end; d++)
        if (inParagraph[d].at <= span.end) dates.push(inParagraph[d]);
      const atTheTime = AT_THE_TIME.exec(context);
      if (atTheTime) {
        const before = dates.filter((d) => d.at <= span.start + atTheTime.index);
        const earlier = before.length ? before[before.length - 1] : null;
        day = earlier ? earlier.day : (previous?.day ?? null);
        phrase = earlier ? earlier.text : (previous?.phrase ?? null);
      } else if (dates.length) {
        // the phrase nearest the quote
        const dist = (d: Found) => (d.at <= q.start ? q.start - d.at : d.at - q.end);
        const nearest = [...dates].sort((a, b) => dist(a) - dist(b))[0];
        day = nearest.day;
        phrase = nearest.text;
      } else if (
        previous &&
        previous.quote.speaker?.name === q.speaker?.name &&
        q.speaker != null &&
        pi - previous.paragraph <= 1
      ) {
        // "... ," she continued: same speaker, same or next paragraph, same occasion
        day = previous.day;
        phrase = previous.phrase;
      }
      previous = { quote: q, paragraph: pi, day, phrase };
    }
    out.push({ ...q, saidOn: day, saidOnFrom: phrase });
  });
  return out;
}
