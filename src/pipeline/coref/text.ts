// A light tokenizer for the coreference stage: words, sentences and paragraphs by regular expressions and the
// lexicon, with no tagging (wink costs about 1 µs a character; this is a single pass of one regex).
import type { Span } from '../doc.js';
import { lexTags } from '../nlp.js';
import { isTitleAbbreviation, lexOf, type Lex } from './words.js';

export interface Word {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Starts with a capital letter. */
  cap: boolean;
  /** Sentence index within the tokenized stretch. */
  sent: number;
  /** Inside a quotation of the article (its words are not narrative). */
  quoted: boolean;
  /** What the lexicon knows of it, looked up on first use: see `lex`. */
  known?: Lex;
}

/** The lexicon's knowledge of a word (asked once, and only of the words a rule looks at). */
export const lex = (w: Word): Lex => (w.known ??= lexOf(w.text));

const OPENERS = new Set('He She It They We I The But And In On At A An This That His Her Their'.split(' '));

/** A word whose trailing period is part of it: an initial, "Mr.", "Sen.", "U.S.", "Md.", "Jr.". */
function takesPeriod(w: string): boolean {
  if (/^\p{Lu}$/u.test(w) || /\./u.test(w)) return true;
  if (!/^\p{Lu}\p{Ll}{0,4}$/u.test(w)) return false;
  return lexTags(w).includes('Abbreviation') || isTitleAbbreviation(w);
}

/** "Mr.", "Sen.", "Gen.", an initial: never the end of a sentence. */
const beforeName = (w: string) => /^\p{Lu}\.$/u.test(w) || lexTags(w).includes('Honorific') || isTitleAbbreviation(w.replace(/\.$/u, ''));

/**
 * Words of text[start, end) with sentences numbered from `firstSentence`; `quoted` spans (sorted) mark the words
 * inside quotations.
 */
export function words(text: string, span: Span, quoted: Span[] = [], firstSentence = 0): Word[] {
  const out: Word[] = [];
  let sent = firstSentence;
  let q = 0;
  let newSentence = false;
  // a scan by character codes (several times faster than a Unicode regex here): a word is letters and digits,
  // joined by an apostrophe, hyphen, period or ampersand between them; any other visible character is a token
  for (let i = span.start; i < span.end; ) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    let curly = false;
    if (isWordChar(text, i)) {
      i++;
      for (;;) {
        while (i < span.end && isWordChar(text, i)) i++;
        const j = text.charCodeAt(i);
        if (i + 1 < span.end && isJoiner(j) && isWordChar(text, i + 1)) {
          curly ||= j === 0x2019;
          i += 2;
        } else break;
      }
    } else i += c >= 0xd800 && c <= 0xdbff && i + 1 < span.end ? 2 : 1;
    let t = text.slice(start, i);
    const prev = out[out.length - 1];
    const single = i - start === 1 ? c : -1;
    if (single === 46 && prev !== undefined && prev.end === start && takesPeriod(prev.text)) {
      prev.text += '.';
      prev.end++;
      prev.lower += '.';
      continue;
    }
    // "... in Ashton, Md. She said": an abbreviation ends a sentence when a capitalised function word follows
    if (!newSentence && prev !== undefined && prev.text.charCodeAt(prev.text.length - 1) === 46 && OPENERS.has(t) && !beforeName(prev.text)) newSentence = true;
    if (newSentence) {
      // a closing mark or parenthesis right after the period still ends that sentence: 'said so."'
      const closing = prev !== undefined && prev.end === start && (single === 34 || single === 39 || single === 41 || single === 0x201d || single === 0x2019);
      if (!closing) {
        if (opensSentence(t, c)) sent++;
        newSentence = false;
      }
    }
    if (single === 46 || single === 63 || single === 33) newSentence = true;
    while (q < quoted.length && quoted[q].end <= start) q++;
    const inQuote = q < quoted.length && quoted[q].start <= start && i <= quoted[q].end;
    if (curly) t = t.replace(/\u2019/gu, "'");
    const cap = c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(t);
    out.push({ start, end: i, text: t, lower: t.toLowerCase(), cap, sent, quoted: inQuote });
  }
  return out;
}

/** A capital, a digit, an opening mark or parenthesis: what a new sentence starts with. */
const opensSentence = (t: string, c: number) =>
  c < 128 ? (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 34 || c === 39 || c === 40 : c === 0x201c || c === 0x2018 || /^\p{Lu}/u.test(t);

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  // curly quotes, dashes and the like (General Punctuation) are frequent in news and no letters
  if (c >= 0x2000 && c <= 0x206f) return false;
  return LETTER_OR_DIGIT.test(text[i]);
}
/** ' ’ - . & */
const isJoiner = (c: number) => c === 39 || c === 0x2019 || c === 45 || c === 46 || c === 38;
const isSpace = (c: number) => c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

export const isPunct = (w: Word) => !/[\p{L}\p{N}]/u.test(w.text);
/** "Trump's" -> "Trump" */
export const stripPossessive = (s: string) => (s.endsWith("'s") ? s.slice(0, -2) : s.endsWith("'") ? s.slice(0, -1) : s);
export const isPossessive = (w: Word) => w.text.length > 2 && (w.text.endsWith("'s") || (w.text.endsWith("'") && /\p{L}'$/u.test(w.text)));
