// How two wordings of a statement relate: the words they share, whether one is (nearly) a stretch of the other,
// and how a report's wording differs from the statement's reference wording.
import * as fuzz from 'fuzzball';

/**
 * How a report's wording relates to the statement's reference: it is the reference (canonical); the same words
 * (verbatim, repunctuated); a stretch of them (trimmed); mostly the same words (reworded); the same meaning in
 * few of the same words (translated); or another part of the statement, not a wording of the reference at all
 * (excerpt: another passage of the same answer, beside the reference in its article or quoted elsewhere).
 */
export type Difference = 'canonical' | 'verbatim' | 'trimmed' | 'repunctuated' | 'reworded' | 'translated' | 'excerpt';

/** Cosine of sentence embeddings above which two wordings say the same (MiniLM: translations ~0.75-0.87,
 * different sentences on one topic of one speaker at most ~0.6). */
export const SAME_MEANING = 0.65;
/** An excerpt that matches a stretch of another wording this well (fuzzball partial_ratio) is a copy. */
const SAME_WORDS = 90;
/** Fewer words than this are too common to identify an utterance ("true", "No, President Trump"). */
export const MIN_WORDS = 4;

export const canon = (s: string) =>
  s.normalize('NFKC').replace(/[\u2018\u2019\u201b]/g, "'").replace(/[\u201c\u201d\u201e]/g, '"').replace(/\s+/g, ' ').trim();
/** Words only: lower case, editorial insertions ("[the U.S.]") and punctuation gone. */
export const wordsOf = (s: string) =>
  canon(s).toLowerCase().replace(/\[[^\]]*\]/g, ' ').replace(/\u2026/g, ' ').match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];

export interface Wording {
  words: string;
  count: number;
  set: Set<string>;
}
export const wording = (text: string): Wording => {
  const w = wordsOf(text);
  return { words: w.join(' '), count: w.length, set: new Set(w) };
};

/** Same wording: one is (nearly) a stretch of the other. */
export function sameWords(a: Wording, b: Wording): boolean {
  const [short, long] = a.count <= b.count ? [a, b] : [b, a];
  if (short.count < MIN_WORDS) return false;
  // cheap test first: a copy has nearly all its words in the other
  let found = 0;
  for (const w of short.set) if (long.set.has(w)) found++;
  return found >= 0.8 * short.set.size && fuzz.partial_ratio(short.words, long.words) >= SAME_WORDS;
}

// Words too common to suggest that two wordings report the same utterance.
const STOP = new Set(
  ('the a an and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'we you they he she i me us our your their his her them not no do does did have has had will would can could should ' +
    'may might must shall there here what which who whom when where why how all any some more most very just also than ' +
    'then so about into over out up down said says say going get got one two people think know want').split(' '),
);
export const contentWords = (w: Wording) => new Set([...w.set].filter((x) => x.length > 2 && !STOP.has(x)));
export function sharedCount(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

export const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/**
 * How one outlet's wording differs from the reference wording. Few words in common: the same meaning (the vectors
 * close) is a translation; else it is another excerpt, and so is any such quote of the reference's own article
 * (`sameArticle`: two quotes of one article are two parts, never two translations).
 */
export function difference(
  text: string, reference: string, vector: Float32Array | null, referenceVector: Float32Array | null, sameArticle = false,
): Difference {
  const a = canon(text).replace(/^[\s"',.…]+|[\s"',.…]+$/g, '');
  const b = canon(reference).replace(/^[\s"',.…]+|[\s"',.…]+$/g, '');
  if (a === b) return 'verbatim';
  const wa = wordsOf(text).join(' '), wb = wordsOf(reference).join(' ');
  if (wa === wb) return 'repunctuated';
  if (` ${wb} `.includes(` ${wa} `)) return 'trimmed';
  // most words shared: reworded; few shared but the same meaning: translated differently
  if (lexicalShare(wa, wb) >= REWORDED) return 'reworded';
  if (sameArticle) return 'excerpt';
  if (!vector || !referenceVector) return 'reworded';
  return dot(vector, referenceVector) >= SAME_MEANING - 0.1 ? 'translated' : 'excerpt';
}

/** Share of the smaller wording's distinct words found in the other: at least this, a re-wording, not a translation. */
const REWORDED = 0.7;
export function lexicalShare(wa: string, wb: string): number {
  const sa = new Set(wa.split(' ')), sb = new Set(wb.split(' '));
  return [...sa].filter((w) => sb.has(w)).length / Math.min(sa.size, sb.size);
}

/** Whether `difference` needs the two vectors to tell a translation from a re-wording. */
export function needsMeaning(text: string, reference: string): boolean {
  const wa = wordsOf(text).join(' '), wb = wordsOf(reference).join(' ');
  return wa !== wb && !` ${wb} `.includes(` ${wa} `) && lexicalShare(wa, wb) < REWORDED;
}
