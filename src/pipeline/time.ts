// When the quoted words were said (not when they were reported): date phrases in the quote's own sentence,
// outside any quotation marks, resolved with chrono-node against the publication date.
import * as chrono from 'chrono-node';
import type { Article, Quote, Span } from './doc.js';
import { tag } from './nlp.js';

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** "at the time" points back to a date given earlier (same sentence, else the previous quote). */
const AT_THE_TIME = /\bat the time\b/i;

/** One resolved date phrase: where it ends in the source text, and the day. */
interface Found {
  at: number;
  day: string;
}

/** Date phrases in `text` (offset `offset`), resolved against `published` (null: only full dates). */
function findDates(text: string, offset: number, published: Date | null): Found[] {
  const found: Found[] = [];
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
    found.push({ at: offset + r.index + r.text.length, day: iso(d) });
  }
  return found;
}

export function resolveTime(article: Article, quotes: Quote[]): Quote[] {
  const text = article.source.text;
  const published = article.published ? new Date(`${article.published}T12:00:00Z`) : null;
  const paragraphs = article.paragraphs.length ? article.paragraphs : [article.span];
  // words inside any quotation belong to the speaker ("last month we agreed"), not to the report's timeline
  const blank = (s: Span) => {
    let t = text.slice(s.start, s.end);
    for (const q of quotes)
      if (q.start < s.end && s.start < q.end) {
        const a = Math.max(q.start, s.start) - s.start, b = Math.min(q.end, s.end) - s.start;
        t = t.slice(0, a) + ' '.repeat(b - a) + t.slice(b);
      }
    return t;
  };
  const sentenceCache = new Map<Span, Span[]>();
  const sentencesOf = (p: Span): Span[] => {
    if (!sentenceCache.has(p)) {
      const { tokens, sentences } = tag(text, p.start, p.end);
      sentenceCache.set(
        p,
        sentences.filter(([a, b]) => b > a).map(([a, b]) => ({ start: tokens[a].start, end: tokens[b - 1].end })),
      );
    }
    return sentenceCache.get(p)!;
  };

  const out: Quote[] = [];
  interface Previous {
    quote: Quote;
    paragraph: number;
    day: string | null;
  }
  let previous = null as Previous | null;
  for (const q of quotes) {
    const pi = paragraphs.findIndex((p) => q.start < p.end && p.start < q.end);
    const paragraph = paragraphs[pi] ?? article.span;
    let day: string | null = null;
    if (q.kind !== 'embedded') {
      // an embedded quote was said on an earlier occasion the text seldom dates: unknown
      const sentences = sentencesOf(paragraph).filter((s) => s.start < q.end && q.start < s.end);
      const span = sentences.length ? { start: sentences[0].start, end: sentences[sentences.length - 1].end } : paragraph;
      const context = blank(span);
      const dates = findDates(context, span.start, published);
      const atTheTime = AT_THE_TIME.exec(context);
      if (atTheTime) {
        const before = dates.filter((d) => d.at <= span.start + atTheTime.index);
        day = before.length ? before[before.length - 1].day : (previous?.day ?? null);
      } else if (dates.length) {
        // the phrase nearest the quote
        const dist = (d: Found) => (d.at <= q.start ? q.start - d.at : d.at - q.end);
        day = [...dates].sort((a, b) => dist(a) - dist(b))[0].day;
      } else if (
        previous &&
        previous.quote.speaker?.name === q.speaker?.name &&
        q.speaker != null &&
        pi - previous.paragraph <= 1
      ) {
        // "... ," she continued: same speaker, same or next paragraph, same occasion
        day = previous.day;
      }
      previous = { quote: q, paragraph: pi, day };
    }
    out.push({ ...q, saidOn: day });
  }
  return out;
}
