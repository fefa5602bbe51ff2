// One quote as statement grouping sees it: its words, speaker, article, day and occasion.
import type { Occasion } from '../pipeline/doc.js';
import type { Wording } from './wording.js';

export interface Unit extends Wording {
  doc: number;
  quote: number;
  articleId: string;
  speakerId: string;
  speakerName: string;
  speakerType: string;
  text: string;
  content: Set<string>;
  saidOn: string | null;
  order: string;
  /** An embedded quote of the speaker quoting themselves: an earlier occasion than the words around it. */
  selfQuote: boolean;
  embedded: boolean;
  /** A fragment inside the reporter's sentence ("called it 'true... but not as described'"), not a whole quote. */
  partial: boolean;
  vector: Float32Array | null;
  topics: string[];
  occasion: Occasion | null;
  outlet: string | null;
  published: string | null;
  /** Index of its paragraph in the article. */
  paragraph: number;
  /** How the article names the speaker here (mention and role): what ties a person to the body they speak for. */
  naming: string;
}

/** Two quotes dated further apart than this are different utterances. */
export const WINDOW_DAYS = 7;
const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
export const apartInTime = (a: string | null, b: string | null) => !!a && !!b && days(a, b) > WINDOW_DAYS;
/** Said, or at least reported, within the window of each other: known to be close, not only not known apart. */
export const datedNear = (a: Unit, b: Unit) => {
  const da = a.saidOn ?? a.published, db = b.saidOn ?? b.published;
  return !!da && !!db && !apartInTime(da, db);
};
/** Quotes that may join others: not words said on an earlier occasion and quoted inside another quote. */
export const joinable = (u: Unit) => !u.selfQuote && !u.embedded;

/** Each article's units, per speaker, in text order. */
export function byArticleAndSpeaker(units: Unit[]): number[][] {
  const lists = new Map<string, number[]>();
  units.forEach((u, i) => {
    const k = `${u.doc}\n${u.speakerId}`;
    lists.set(k, [...(lists.get(k) ?? []), i]);
  });
  return [...lists.values()];
}
