// What a search box's text means, as Lucene sees it and as the answer shows it. Pure: the Lucene query string
// for Neo4j's full-text indexes (always passed as a parameter), and the matching that ranks candidates, keeps
// only those that answer the question and highlights the words found.
//
// Words are tokens of letters and digits, lower-cased, as the indexes' standard analyzer makes them; "quoted
// text" is an exact phrase (required); other words may be misspelt (fuzzy, edit distance as Elasticsearch's
// AUTO: none up to 2 letters, 1 up to 5, else 2) and need not all occur.

/** A token of text: letters or digits, with inner apostrophes ("don't") kept, as Lucene's standard tokenizer does. */
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
/** At most this many words reach Lucene (a pasted paragraph stays one bounded query). */
const MAX_WORDS = 32;

/** Function words: they are searched and highlighted, but a hit matching only these does not count as an answer. */
const FUNCTION_WORDS = new Set(
  ('a an and are as at be been but by can could did do does for from had has have he her his i if in into is it its ' +
    'me my no not of on or our she so such that the their them then there these they this to was we were what when ' +
    'which who will with would you your').split(' '),
);

export interface SearchTerms {
  /** Exact phrases the user put in double quotes, as token lists. */
  phrases: string[][];
  /** The other words, each once, in order. */
  words: string[];
  /** The other words as written, repeats included: several of them are also tried as one phrase. */
  sequence: string[];
}

export interface Token {
  text: string;
  start: number;
  end: number;
}

export function tokens(text: string): Token[] {
  const normal = text.normalize('NFC');
  // lower-cased whole (one native call, not one per token), unless that moves offsets ("İ" becomes two characters)
  const lower = normal.toLowerCase();
  const whole = lower.length === normal.length;
  const source = whole ? lower.replaceAll('’', "'") : normal;
  const out: Token[] = [];
  for (const m of source.matchAll(TOKEN)) {
    const t = whole ? m[0] : m[0].toLowerCase().replaceAll('’', "'");
    out.push({ text: t, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Phrases in double quotes ("…" or “…”) and the other words; an unclosed quote runs to the end. */
export function parseSearch(text: string): SearchTerms {
  const phrases: string[][] = [];
  const words: string[] = [];
  const sequence: string[] = [];
  const parts = text.normalize('NFC').split(/["“”]/);
  parts.forEach((part, i) => {
    const toks = tokens(part).map((t) => t.text);
    if (i % 2 === 1 && toks.length > 1) phrases.push(toks);
    else {
      sequence.push(...toks);
      for (const w of toks) if (!words.includes(w)) words.push(w);
    }
  });
  let budget = MAX_WORDS;
  const bounded: string[][] = [];
  for (const p of phrases) {
    const kept = p.slice(0, budget);
    budget -= kept.length;
    if (kept.length) bounded.push(kept);
  }
  return { phrases: bounded, words: words.slice(0, budget), sequence: sequence.slice(0, MAX_WORDS) };
}

/** Edits a misspelt word may have: Elasticsearch's AUTO fuzziness; none for numbers and function words ("for" is not "or"). */
export const maxEdits = (word: string): number =>
  word.length <= 2 || /\d/.test(word) || FUNCTION_WORDS.has(word) ? 0 : word.length <= 5 ? 1 : 2;

/** Every Lucene query-syntax character escaped (tokens hold none but apostrophes; this is the guarantee). */
const escape = (s: string) => s.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&');

/**
 * The Lucene query: each phrase required, each word optional (exact, or within its edit distance, exact
 * ranked higher), and several words also as one boosted phrase, so a pasted sentence finds its exact source first.
 * Empty when the text holds no word. `fuzzy: false` keeps words exact (name lookups).
 */
export function luceneQuery(text: string, { fuzzy = true } = {}): string {
  const { phrases, words, sequence } = parseSearch(text);
  const clauses = phrases.map((p) => `+"${p.map(escape).join(' ')}"`);
  for (const w of words) {
    const edits = fuzzy ? maxEdits(w) : 0;
    clauses.push(edits ? `(${escape(w)}^2 ${escape(w)}~${edits})` : escape(w));
  }
  if (!phrases.length && sequence.length > 1) clauses.unshift(`"${sequence.map(escape).join(' ')}"^4`);
  return clauses.join(' ');
}

/** Rolling rows of editDistance, reused across calls (it runs for many token pairs per search). */
let rows = [new Uint16Array(64), new Uint16Array(64), new Uint16Array(64)];

/**
 * Restricted Damerau-Levenshtein distance (Lucene's fuzzy queries count a transposition as one edit), capped:
 * three rolling rows, given up as soon as a whole row exceeds the cap.
 */
export function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  if (rows[0].length <= b.length) rows = rows.map(() => new Uint16Array(b.length + 1));
  let [prev2, prev, row] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, prev2[j - 2] + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > cap) return cap + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[b.length];
}

export interface Range {
  start: number;
  end: number;
}

export interface Match {
  /** Where the phrases and words occur in the text, in order, not overlapping. */
  highlights: Range[];
  /** Every phrase occurs (the whole query as a phrase, when it has several words and no quotes). */
  exact: boolean;
  /** Share of the query's content words found (function words count only when the query has nothing else). */
  coverage: number;
  /** Every phrase occurs and enough words do: the hit answers the query. */
  answers: boolean;
}

/** Which query words a token of a text matches (bit i: the i-th word, the same or misspelt within its edits). */
export type WordMatcher = (token: string) => number;

/** A WordMatcher for `words` that remembers each token it decided: the candidates of one search share most of their words. */
export function wordMatcher(words: readonly string[]): WordMatcher {
  const edits = words.map(maxEdits);
  const memo = new Map<string, number>();
  // a token too short or too long for every word is decided by its length (most function words), without the memo
  const shortest = Math.min(...words.map((w, i) => w.length - edits[i]));
  const longest = Math.max(...words.map((w, i) => w.length + edits[i]));
  return (token) => {
    if (token.length < shortest || token.length > longest) return 0;
    let bits = memo.get(token);
    if (bits === undefined) {
      bits = 0;
      for (let i = 0; i < words.length; i++) {
        const w = words[i];
        if (w === token || (edits[i] && Math.abs(w.length - token.length) <= edits[i] && editDistance(w, token, edits[i]) <= edits[i])) bits |= 1 << i;
      }
      memo.set(token, bits);
    }
    return bits;
  };
}

/** Where the terms occur in `text`, and whether that makes the text an answer. */
export function matchTerms(terms: SearchTerms, text: string, sameWord: WordMatcher = wordMatcher(terms.words)): Match {
  const toks = tokens(text);
  const ranges: Range[] = [];
  const phraseAt = (p: string[]) => {
    let any = false;
    for (let i = 0; i + p.length <= toks.length; i++) {
      let k = 0;
      while (k < p.length && toks[i + k].text === p[k]) k++;
      if (k < p.length) continue;
      ranges.push({ start: toks[i].start, end: toks[i + p.length - 1].end });
      any = true;
    }
    return any;
  };
  const phrasesFound = terms.phrases.map(phraseAt);
  const whole = !terms.phrases.length && terms.sequence.length > 1 ? phraseAt(terms.sequence) : false;
  let foundBits = 0;
  for (const t of toks) {
    const bits = sameWord(t.text);
    if (!bits) continue;
    foundBits |= bits;
    ranges.push({ start: t.start, end: t.end });
  }
  const found = terms.words.map((_, i) => (foundBits & (1 << i)) !== 0);
  const content = terms.words.map((w, i) => ({ w, found: found[i] })).filter(({ w }) => !FUNCTION_WORDS.has(w));
  const counted = content.length ? content : terms.words.map((w, i) => ({ w, found: found[i] }));
  const coverage = counted.length ? counted.filter((c) => c.found).length / counted.length : 1;
  const phrasesOk = phrasesFound.every(Boolean);
  const need = Math.ceil(counted.length / 2);
  return {
    highlights: merge(ranges),
    exact: terms.phrases.length ? phrasesOk : whole,
    coverage,
    answers: phrasesOk && (whole || counted.filter((c) => c.found).length >= need) && (phrasesFound.length > 0 || counted.length > 0),
  };
}

function merge(ranges: Range[]): Range[] {
  const out: Range[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = out.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/**
 * A passage of a long text around its best cluster of highlights (at most `size` characters, cut at word
 * boundaries, "…" where cut), with the highlights moved into it.
 */
export function passage(text: string, highlights: Range[], size = 280): { text: string; highlights: Range[] } {
  if (text.length <= size) return { text, highlights };
  // the window holding the most highlighted characters: a phrase outweighs scattered single words
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < highlights.length; i++) {
    const inside = highlights.filter((h) => h.start >= highlights[i].start && h.end <= highlights[i].start + size * 0.8);
    const n = inside.reduce((sum, h) => sum + h.end - h.start, 0);
    if (n > bestCount) [best, bestCount] = [i, n];
  }
  const anchor = highlights[best]?.start ?? 0;
  let start = Math.max(0, anchor - Math.floor(size * 0.25));
  let end = Math.min(text.length, start + size);
  start = Math.max(0, end - size);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = Math.max(text.lastIndexOf(' ', end), anchor + 1);
  const lead = start > 0 ? '…' : '';
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  // whitespace runs folded to one space: map each highlight through the same folding
  const fold = (i: number) => lead.length + text.slice(start, i).replace(/\s+/g, ' ').length;
  const inside = highlights.filter((h) => h.start >= start && h.end <= end).map((h) => ({ start: fold(h.start), end: fold(h.end) }));
  return { text: `${lead}${body}${end < text.length ? '…' : ''}`, highlights: inside };
}

export interface Candidate {
  kind: string;
  id: string;
  /** The node's searched texts (a speaker: name and aliases; an article: title and text). */
  texts: string[];
  /** Lucene's relevance score within its index. */
  score: number;
}

export interface RankedHit {
  kind: string;
  id: string;
  /** The matched text (a long one cut to a passage around the match), and where the query occurs in it. */
  text: string;
  highlights: Range[];
  exact: boolean;
  coverage: number;
  /** 2 for the exact phrase, plus the share of words found (0-1), plus up to 0.5 of Lucene's score within its index. */
  score: number;
}

/**
 * Ranks a search's candidate sets: of each set, the candidates that answer the query, best first (exact phrase,
 * then most words found, then Lucene's relevance). Each candidate (kind and id) is matched once, however many of
 * the sets hold it (the fuzzy query's candidates are mostly the exact query's again).
 */
export function ranker(terms: SearchTerms): (candidates: Candidate[]) => RankedHit[] {
  const same = wordMatcher(terms.words);
  const matched = new Map<string, { hit: Omit<RankedHit, 'score'>; rank: number } | null>();
  const match = (c: Candidate) => {
    const matches = c.texts.filter((t) => t).map((t) => ({ t, m: matchTerms(terms, t, same) }));
    const best = matches.sort((a, b) => rankOf(b.m) - rankOf(a.m) || b.m.highlights.length - a.m.highlights.length)[0];
    if (!best?.m.answers) return null;
    const cut = passage(best.t, best.m.highlights);
    return { hit: { kind: c.kind, id: c.id, text: cut.text, highlights: cut.highlights, exact: best.m.exact, coverage: best.m.coverage }, rank: rankOf(best.m) };
  };
  return (candidates) => {
    const top = new Map<string, number>();
    for (const c of candidates) top.set(c.kind, Math.max(top.get(c.kind) ?? 0, c.score));
    const out: RankedHit[] = [];
    for (const c of candidates) {
      const key = `${c.kind} ${c.id}`;
      if (!matched.has(key)) matched.set(key, match(c));
      const m = matched.get(key);
      if (m) out.push({ ...m.hit, score: m.rank + (0.5 * c.score) / (top.get(c.kind) || 1) });
    }
    // on a tie, what someone said comes before a speaker's name or an article's prose
    return out.sort((a, b) => b.score - a.score || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id));
  };
}

const KIND_ORDER = ['QUOTE', 'STATEMENT', 'SPEAKER', 'ARTICLE'];

const rankOf = (m: Match) => (m.exact ? 2 : 0) + m.coverage;
