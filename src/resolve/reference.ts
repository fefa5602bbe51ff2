// The reference wording of a statement: one real report of it, never a stitching of several, chosen by a rule
// a reader can check. Every other wording's `difference` is measured against it, so when a later report changes
// the reference, every quote of the statement is measured again (see groupStatements).
import { wordsOf } from './wording.js';

export interface ReportedWording {
  articleId: string;
  start: number;
  text: string;
  /** The outlet that ran the article, when the article names it. */
  outlet: string | null;
  /** When the article was published (ISO date), when known. */
  published: string | null;
}

/**
 * The reference among a statement's wordings: a report by a named outlet before one nobody can attribute; then
 * the fullest (most words: an excerpt of it is then "trimmed", never the other way round); then the earliest
 * published (Quotebank keeps the longest original form and the earliest date); then the article and offset, so
 * the choice never depends on input order.
 */
export function chooseReference<T extends ReportedWording>(wordings: T[]): T {
  const scored = wordings.map((w) => ({ w, named: w.outlet ? 1 : 0, words: wordsOf(w.text).length }));
  scored.sort(
    (a, b) =>
      b.named - a.named ||
      b.words - a.words ||
      (a.w.published ?? '9999').localeCompare(b.w.published ?? '9999') ||
      a.w.articleId.localeCompare(b.w.articleId) ||
      a.w.start - b.w.start,
  );
  return scored[0].w;
}
