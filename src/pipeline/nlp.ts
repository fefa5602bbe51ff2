// The NLP the extraction stands on: wink-nlp for sentences, tokens, POS and lemmas (created once, on first
// use) and compromise's lexicon for first names, their presumed gender, honorifics, roles and organizations.
// Tagging costs about 1 µs a character, so callers tag only the paragraphs that hold quotes, never whole articles.
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import nlp from 'compromise';
import type { Span } from './doc.js';

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Universal POS tag (PROPN, NOUN, VERB, PRON, PUNCT, ...). */
  pos: string;
  lemma: string;
  /** Index of the token's sentence within its Tagged. */
  sentence: number;
}

export interface Tagged {
  tokens: Token[];
  /** Sentences as token index ranges [from, to). */
  sentences: [number, number][];
}

// wink adds every word it does not know to its lexicon, and its tokenizer then reads a word it has met as one
// token: after some article had "Trump's" unsplit, every later "Trump's" stayed one token, so an article's
// quotes depended on what the process had read before (a worker thread's earlier articles, where an interrupted
// ingest resumed). The words a reading added are forgotten after it (`forget`), so a text always reads the same;
// wink's own lists keep growing, and the engine is built anew (about 60 ms) once they hold REBUILD such words
// (at 200,000 they held about 12 MB more of the heap after 10x the BBC corpus than after 1x; at 50,000 the
// rebuilds cost no measurable time in `npm run bench extract`).
interface Lexemes { hash: Record<string, number>; list: string[]; intrinsicSize: number }
type Model = typeof model & { core(): { features: { lexeme: Lexemes } }; metaCER(): unknown };
let wink: WinkMethods | null = null;
let lexemes: Lexemes | null = null;
const REBUILD = 50_000;

// wink's CER loader stringifies its machines anew on every call, escaping the last call's string once more: an
// engine built from it each time would find that string grown (20 MB by the 16th), and the 21st would fail with
// "Invalid string length" (a long ingest rebuilds it). It is loaded once, as the first engine got it.
let cer: unknown = null;

/** A fresh engine: the same model, its core captured as wink unpacks it, to reach the lexicon readings add to. */
export function buildEngine(): WinkMethods {
  const m = model as Model;
  const core = () => {
    const c = m.core();
    lexemes = c.features.lexeme;
    return c;
  };
  cer ??= m.metaCER();
  const metaCER = () => cer;
  return (wink = winkNLP({ ...m, core, metaCER } as typeof model, ['sbd', 'pos']));
}

function engine(): WinkMethods {
  return wink && lexemes!.list.length - lexemes!.intrinsicSize <= REBUILD ? wink : buildEngine();
}

/** Drops from wink's lexicon the words added since it held `from` of them. */
function forget(from: number): void {
  const { hash, list } = lexemes!;
  for (let i = from; i < list.length; i++) if (hash[list[i]] === i) delete hash[list[i]];
}

// Stages read the same paragraphs (topics and time both want a quote's paragraph): the taggings of the
// latest text are kept, so each stretch is tagged once per article. Callers must not mutate a Tagged.
let memoText: string | null = null;
const memo = new Map<string, Tagged>();
const MEMO_MAX = 2000;

/** Tokens, POS, lemmas and sentences of text[start, end), with offsets into text. */
export function tag(text: string, start: number, end: number): Tagged {
  // a new text, or a huge one with thousands of stretches: start over (memory stays bounded)
  if (text !== memoText || memo.size >= MEMO_MAX) {
    memo.clear();
    memoText = text;
  }
  const key = `${start}:${end}`;
  let t = memo.get(key);
  if (!t) memo.set(key, (t = tagNow(text, start, end)));
  return t;
}

/**
 * The tokens of text[start, end) as tagged within the larger stretch `outer` (tagged once and shared by every
 * stretch inside it), sentence indexes renumbered from 0. Tokens that cross start or end are left out.
 */
export function tagWithin(text: string, outer: Span, start: number, end: number): Tagged {
  const all = tag(text, outer.start, outer.end).tokens;
  let lo = 0;
  for (let hi = all.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (all[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  const tokens: Token[] = [];
  const sentences: [number, number][] = [];
  for (let k = lo, last = -1; k < all.length && all[k].end <= end; k++) {
    if (all[k].sentence !== last) {
      last = all[k].sentence;
      sentences.push([tokens.length, tokens.length]);
    }
    sentences[sentences.length - 1][1] = tokens.length + 1;
    tokens.push({ ...all[k], sentence: sentences.length - 1 });
  }
  return { tokens, sentences };
}

/**
 * The longest run without whitespace wink reads whole. Its tokenizer takes time quadratic in a run's length (8,000
 * characters of "it's" on end: 0.4 s; of letters: 50 ms), and no word of news is half as long. In a longer run a
 * character is read as a space every so often; offsets stay those of the text.
 */
const MAX_RUN = 200;
const isSpaceCode = (s: string, i: number, c: number) => c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/u.test(s[i]));
const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

function cutRuns(slice: string): string {
  const parts: string[] = [];
  let [run, from] = [0, 0];
  for (let i = 0; i < slice.length; i++) {
    const c = slice.charCodeAt(i);
    if (isSpaceCode(slice, i, c)) run = 0;
    else if (++run > MAX_RUN && !isSurrogate(c)) {
      parts.push(slice.slice(from, i), ' ');
      [run, from] = [0, i + 1];
    }
  }
  return parts.length ? parts.join('') + slice.slice(from) : slice;
}

function tagNow(text: string, start: number, end: number): Tagged {
  const w = engine();
  const known = lexemes!.list.length;
  try {
    return read(w, text, start, end);
  } finally {
    forget(known);
  }
}

function read(w: WinkMethods, text: string, start: number, end: number): Tagged {
  const its = w.its;
  // (its tokens are found again in what wink read: a character read as a space belongs to no token)
  const slice = cutRuns(text.slice(start, end));
  const doc = w.readDoc(slice);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  // its.lemma is typed as an add-on helper, but out() accepts it like any other its.* property
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const tokens: Token[] = [];
  const sentences: [number, number][] = [];
  const sentenceOf = new Int32Array(values.length);
  doc.sentences().each((s: { out(f: unknown): unknown }) => {
    const [from, to] = s.out(its.span) as [number, number];
    // no sentence opens in lower case: "Rep. Gwen Moore (D-Wis.) said Friday." is one sentence
    const first = from < values.length ? values[from] : '';
    const prev = sentences[sentences.length - 1];
    if (prev && /^\p{Ll}/u.test(first)) {
      prev[1] = to + 1;
      for (let k = from; k <= to; k++) sentenceOf[k] = sentences.length - 1;
      return;
    }
    for (let k = from; k <= to; k++) sentenceOf[k] = sentences.length;
    sentences.push([from, to + 1]);
  });
  let cursor = 0;
  values.forEach((value, k) => {
    // wink keeps the characters of each token; find it from where the last one ended
    const at = slice.indexOf(value, cursor);
    const s = at < 0 ? cursor : at;
    const e = at < 0 ? cursor : at + value.length;
    cursor = e;
    tokens.push({
      start: start + s,
      end: start + e,
      text: value,
      lower: value.toLowerCase(),
      pos: pos[k],
      lemma: String(lemmas[k]).toLowerCase(),
      sentence: sentenceOf[k],
    });
  });
  return { tokens, sentences };
}

type Lexicon = Record<string, string | string[]>;
let lexicon: Lexicon | null = null;
const lex = (): Lexicon => (lexicon ??= (nlp as unknown as { model(): { one: { lexicon: Lexicon } } }).model().one.lexicon);

/** compromise's tags for one word (lower case, trailing period dropped), e.g. ['Abbreviation', 'Honorific']. */
export function lexTags(word: string): readonly string[] {
  const w = word.toLowerCase();
  const l = lex();
  const t = l[w] ?? (w.endsWith('.') ? l[w.slice(0, -1)] : undefined);
  if (t == null) return NO_TAGS;
  if (Array.isArray(t)) return t;
  // (asked about every token of every tagged stretch, often several times: no new array per answer)
  let one = oneTag.get(t);
  if (!one) oneTag.set(t, (one = [t]));
  return one;
}
const NO_TAGS: readonly string[] = [];
const oneTag = new Map<string, readonly string[]>();

export type Gender = 'male' | 'female';
const GENDERED_HONORIFICS: Record<string, Gender> = {
  mr: 'male', sir: 'male', lord: 'male', mrs: 'female', ms: 'female', miss: 'female', madam: 'female', dame: 'female', lady: 'female',
};

/** A first name as compromise knows it, with its presumed gender (null when unisex). */
export function firstName(word: string): { gender: Gender | null } | null {
  const tags = lexTags(word);
  if (tags.includes('MaleName')) return { gender: 'male' };
  if (tags.includes('FemaleName')) return { gender: 'female' };
  if (tags.includes('FirstName')) return { gender: null };
  return null;
}

export function honorific(word: string): { gender: Gender | null } | null {
  const w = word.toLowerCase().replace(/\.$/u, '');
  if (w in GENDERED_HONORIFICS) return { gender: GENDERED_HONORIFICS[w] };
  return lexTags(w).includes('Honorific') ? { gender: null } : null;
}

/** A word naming a role or title: president, spokesperson, Gen., Mexican, former. */
export function isRoleWord(word: string): boolean {
  const tags = lexTags(word);
  return tags.includes('Actor') || tags.includes('Honorific') || tags.includes('Demonym') || tags.includes('Country');
}

export function isOrganizationWord(phrase: string): boolean {
  return lexTags(phrase).includes('Organization');
}
