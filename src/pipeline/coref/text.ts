// A light tokenizer for the coreference stage: words, sentences and paragraphs by regular expressions and the
// lexicon, with no tagging (wink costs about 1 µs a character; this is a single pass of one regex).
import type { Span } from '../doc.js';
import { lexTags } from '../nlp.js';
import { isTitleAbbreviation } from './words.js';

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
}

const TOKEN = /[\p{L}\p{N}]+(?:['\u2019\-.&][\p{L}\p{N}]+)*|\S/gu;
const ENDS = new Set(['.', '?', '!']);

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
  const slice = text.slice(span.start, span.end);
  let sent = firstSentence;
  let q = 0;
  let newSentence = false;
  for (const m of slice.matchAll(TOKEN)) {
    let t = m[0];
    const start = span.start + m.index!;
    if (t === '.' && out.length > 0 && out[out.length - 1].end === start && takesPeriod(out[out.length - 1].text)) {
      const prev = out[out.length - 1];
      prev.text += '.';
      prev.end++;
      continue;
    }
    // "... in Ashton, Md. She said": an abbreviation ends a sentence when a capitalised function word follows
    const prev = out[out.length - 1];
    if (!newSentence && prev && prev.text.endsWith('.') && !beforeName(prev.text) && /^(He|She|It|They|We|I|The|But|And|In|On|At|A|An|This|That|His|Her|Their)$/u.test(t)) newSentence = true;
    // a closing mark or parenthesis right after the period still ends that sentence: 'said so."'
    const closing = newSentence && prev !== undefined && prev.end === start && /^["\u201d\u2019')]$/u.test(t);
    if (newSentence && !closing) {
      if (/^[\p{Lu}\p{N}"\u201c\u2018'(]/u.test(t)) sent++;
      newSentence = false;
    }
    if (ENDS.has(t)) newSentence = true;
    const end = start + t.length;
    while (q < quoted.length && quoted[q].end <= start) q++;
    const inQuote = q < quoted.length && quoted[q].start <= start && end <= quoted[q].end;
    t = t.replace(/\u2019/gu, "'");
    out.push({ start, end, text: t, lower: t.toLowerCase(), cap: /^\p{Lu}/u.test(t), sent, quoted: inQuote });
  }
  return out;
}

export const isPunct = (w: Word) => !/[\p{L}\p{N}]/u.test(w.text);
/** "Trump's" -> "Trump" */
export const stripPossessive = (s: string) => s.replace(/'s$|'$/u, '');
export const isPossessive = (w: Word) => /\p{L}'s?$/u.test(w.text);
