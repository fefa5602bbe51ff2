// Bounds on what one article may bring into the graph, checked before anything is written: an indexed value
// over Neo4j's key size (about 8 KB) fails the whole transaction it is in, so one bad record would roll back
// hundreds of good ones. A record over a bound is refused with one line naming the field; the rest are written.
import type { ArticleDoc } from '../pipeline/doc.js';

/** Longest accepted values, in characters (well inside Neo4j's index key limit for the indexed ones). */
export const FIELD_LIMITS = {
  title: 1_000,
  outlet: 200,
  url: 2_048,
  file: 2_048,
  bylineNames: 50,
  bylineName: 200,
  dateline: 200,
  speakerName: 300,
  cue: 200,
  mention: 1_000,
} as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const count = (n: number) => n.toLocaleString('en-US');

/** The first problem with a document's values, or null when every value is within its bound. */
export function fieldProblem(doc: ArticleDoc, file: string): string | null {
  const a = doc.article;
  const over = (field: string, value: string | null | undefined, max: number) =>
    value != null && value.length > max ? `${field} is ${count(value.length)} characters long (at most ${count(max)})` : null;
  const problem =
    over('title', a.title, FIELD_LIMITS.title) ??
    over('outlet', a.outlet, FIELD_LIMITS.outlet) ??
    over('url', a.url, FIELD_LIMITS.url) ??
    over('file path', file, FIELD_LIMITS.file) ??
    over('dateline', a.dateline, FIELD_LIMITS.dateline) ??
    (a.byline.length > FIELD_LIMITS.bylineNames ? `byline has ${count(a.byline.length)} names (at most ${FIELD_LIMITS.bylineNames})` : null) ??
    a.byline.map((n) => over('a byline name', n, FIELD_LIMITS.bylineName)).find(Boolean) ??
    [...a.basedOn, ...a.cites].map((o) => over('a cited outlet', o, FIELD_LIMITS.outlet)).find(Boolean) ??
    (a.published != null && (!ISO_DATE.test(a.published) || Number.isNaN(Date.parse(a.published)))
      ? `published is not a date (YYYY-MM-DD): ${JSON.stringify(a.published.slice(0, 40))}`
      : null);
  if (problem) return problem;
  for (const q of doc.quotes) {
    const p =
      over('a speaker name', q.speaker?.name, FIELD_LIMITS.speakerName) ??
      over('a speaker mention', q.speaker?.mention?.text, FIELD_LIMITS.mention) ??
      over('a cue', q.cue, FIELD_LIMITS.cue) ??
      over('a relayer name', q.relayedBy, FIELD_LIMITS.speakerName);
    if (p) return p;
  }
  return null;
}
