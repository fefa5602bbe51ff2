// Predicates on single tagged tokens, as wink tags news text (some names as verbs, some speech verbs as nouns).
import { lexTags, type Token } from '../nlp.js';
import { QUOTE_CHARS, SPEECH } from './words.js';

export const isMarkToken = (t: Token) => QUOTE_CHARS.test(t.text);
export const isCap = (t: Token) => /^\p{Lu}/u.test(t.text);
/** A participle, present or past, as a verb ("speaking in Ohio", "asked about it"). */
export const isParticipial = (t: Token) => t.pos === 'VERB' && /(ing|ed)$/u.test(t.lower);
/** wink tags some capitalised names as verbs ("Lynch said", "Josh Earnest"); an inflected or speech verb is none. */
const isCapVerbName = (t: Token) => t.pos === 'VERB' && isCap(t) && t.lemma === t.lower && !SPEECH.has(t.lemma) && !isParticipial(t);
export const isNounish = (t: Token) =>
  t.pos === 'PROPN' || t.pos === 'NOUN' || ((t.pos === 'ADJ' || t.pos === 'NUM') && isCap(t)) || isCapVerbName(t);
/** The possessive "'s" as wink splits it off a name ("MSNBC 's"). */
export const isPossessiveS = (t: Token) => t.pos === 'PART' && /^['\u2019]s$/u.test(t.text);
/** Object pronouns: a noun is never followed by one, a verb is ("call them"). */
const OBJECT_PRONOUNS = new Set(['them', 'him', 'us', 'me']);

/**
 * A speech verb at toks[k]; wink sometimes tags "reports" in "The Times reports:" as a plural noun (but after a
 * preposition the name is a modifier and the word a noun: "32% of Republican claims"), and "call" in "Obama and
 * Clinton call them" as a noun (an object pronoun after it makes it the verb).
 */
export const isSpeechVerbAt = (toks: Token[], k: number) => {
  const t = toks[k];
  if (!SPEECH.has(t.lemma)) return false;
  if (t.pos === 'VERB') return true;
  const prev = toks[k - 1];
  if (t.pos !== 'NOUN' || prev === undefined || !(prev.pos === 'PROPN' || prev.pos === 'PRON') || toks[k - 2]?.pos === 'ADP') return false;
  return (/s$/u.test(t.lower) && t.lemma !== t.lower) || OBJECT_PRONOUNS.has(toks[k + 1]?.lower ?? '');
};
/** A weekday or a month, which wink tags as a proper noun. */
export const isDateWord = (t: Token) => lexTags(t.lower).some((x) => x === 'WeekDay' || x === 'Month');
/** A word of a person's or organization's name (not a date: "early Friday saying"). */
export const isNameWord = (t: Token) => (t.pos === 'PROPN' || isCapVerbName(t)) && !isMarkToken(t) && !isDateWord(t);
export const isParticiple = (t: Token) => /ing$/u.test(t.lower);

/** An auxiliary before token k, past adverbs: "is once again questioning". */
export const auxBefore = (toks: Token[], k: number) => {
  let j = k - 1;
  while (j >= 0 && toks[j].pos === 'ADV') j--;
  return toks[j]?.pos === 'AUX';
};

/** A finite verb: not a bare participle ("Following", "swiftly called"), but "is (once again) questioning" is. */
export const isFiniteAt = (toks: Token[], k: number) =>
  toks[k].pos === 'VERB' && !isCapVerbName(toks[k]) && (!isParticiple(toks[k]) || auxBefore(toks, k));

/** Whether token j carries on the name run that ends at j-1 ("Holtz-Eakin", "Department of Agriculture", "(NSC)"). */
export function joinsName(toks: Token[], j: number): boolean {
  const t = toks[j];
  const prev = toks[j - 1];
  if (t.pos === 'PROPN' && !isMarkToken(t)) return true;
  if (isCap(t) && isNounish(t) && prev.pos === 'PROPN') return true;
  const next = toks[j + 1];
  if (!next) return false;
  if ((t.text === '-' || t.text === '.') && t.start === prev.end && next.start === t.end && isCap(next)) return true;
  if ((t.lower === 'of' || t.lower === 'for' || t.lower === '&') && isCap(next) && next.pos === 'PROPN') return true;
  if (t.text === '(' && /^[\p{Lu}.&]{2,8}$/u.test(next.text) && toks[j + 2]?.text === ')' && prev.pos === 'PROPN') return true;
  if (/^[\p{Lu}.&]{2,8}$/u.test(t.text) && prev.text === '(' && next.text === ')') return true;
  if (t.text === ')' && prev.pos === 'PROPN' && toks[j - 2]?.text === '(') return true;
  return false;
}
