// News outlets: a curated lexicon (src/data/outlets.yaml) plus the shape of outlet names the lexicon
// lacks ("the Des Moines Register"). Matching is case-sensitive so "AP" and "The Hill" are not words.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Span } from './doc.js';

const OutletEntry = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  short: z.array(z.string()).default([]),
});
type OutletEntry = z.infer<typeof OutletEntry>;

export interface OutletMention extends Span {
  /** Canonical outlet name. */
  name: string;
  text: string;
}

interface Lexicon {
  /** Form (name or alias, lower-cased) -> canonical name. */
  byForm: Map<string, string>;
  /** Ambiguous short form -> the outlets it may stand for. */
  byShort: Map<string, string[]>;
  /**
   * First word of a form (its leading run of letters and digits, after a leading "the") -> the forms it starts,
   * longest first, as one sticky pattern. Looking up each word of a text (instead of trying one alternation of
   * every form at every position) keeps matching linear and cheap.
   */
  byWord: Map<string, RegExp>;
  /** The same for forms written with "the" ("The Hill"): tried at a "the" followed by the word. */
  byWordAfterThe: Map<string, RegExp>;
  /** Whether a character code (below 65536) begins some first word: only such words are worth looking up. */
  starts: Uint8Array;
}

const key = (form: string) => form.replace(/\s+/g, ' ').trim().toLowerCase();
/** The outlet a form names: as written, or without a leading "the" ("the Wall Street Journal"). */
const lookup = (map: Map<string, string>, form: string) => map.get(key(form)) ?? map.get(key(form.replace(/^the\s+/i, '')));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "The Hill" also matches "the Hill"; other forms match as written. */
function formPattern(form: string): string {
  const body = escape(form.replace(/^the\s+/i, '')).replace(/\s+/g, '\\s+');
  return /^the\s/i.test(form) ? `[Tt]he\\s+${body}` : body;
}

let lexicon: Lexicon | undefined;

function loadLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const raw = parse(readFileSync(new URL('../data/outlets.yaml', import.meta.url), 'utf8'));
  const entries: OutletEntry[] = z.array(OutletEntry).parse(raw);
  const byForm = new Map<string, string>();
  const byShort = new Map<string, string[]>();
  const forms: string[] = [];
  for (const e of entries) {
    for (const form of [e.name, ...e.aliases]) {
      if (!byForm.has(key(form))) byForm.set(key(form), e.name);
      forms.push(form);
    }
    for (const form of e.short) {
      byShort.set(key(form), [...(byShort.get(key(form)) ?? []), e.name]);
      forms.push(form);
    }
  }
  const byWord = new Map<string, string[]>();
  const byWordAfterThe = new Map<string, string[]>();
  // longest first, so at one position the longest form wins ("Fox News Channel" over "Fox News")
  for (const form of [...new Set(forms)].sort((a, b) => b.length - a.length)) {
    const map = /^the\s/i.test(form) ? byWordAfterThe : byWord;
    const word = FIRST_WORD.exec(form.replace(/^the\s+/i, ''))![0];
    map.set(word, [...(map.get(word) ?? []), formPattern(form)]);
  }
  const sticky = (map: Map<string, string[]>) =>
    new Map([...map].map(([word, patterns]) => [word, new RegExp(`(?:${patterns.join('|')})(?![\\p{L}\\p{N}])`, 'uy')]));
  const starts = new Uint8Array(65536);
  for (const w of [...byWord.keys(), ...byWordAfterThe.keys()]) starts[w.charCodeAt(0)] = 1;
  lexicon = { byForm, byShort, byWord: sticky(byWord), byWordAfterThe: sticky(byWordAfterThe), starts };
  return lexicon;
}

const FIRST_WORD = /[\p{L}\p{N}]+/u;
const WORD_AT = /[\p{L}\p{N}]+/uy;
const isAsciiWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** The run of letters and digits starting at `at` (ASCII by hand, the rest by regex). */
function wordAt(text: string, at: number): string {
  let end = at;
  while (end < text.length && isAsciiWordChar(text.charCodeAt(end))) end++;
  if (end < text.length && text.charCodeAt(end) >= 128) {
    WORD_AT.lastIndex = at;
    return WORD_AT.exec(text)![0];
  }
  return text.slice(at, end);
}
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;

/** Whether a letter or digit ends text.slice(0, at) (the lookbehind `(?<![\p{L}\p{N}])` fails there). */
function wordBefore(text: string, at: number): boolean {
  const c = at > 0 ? text.charCodeAt(at - 1) : 32;
  if (c < 128) return isAsciiWordChar(c);
  return ENDS_IN_WORD.test(text.slice(Math.max(0, at - 2), at));
}

/** Start of a "the"/"The" standing before `at` with only whitespace between, else -1. */
function theBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  const the = i - 3;
  if (i === at || the < 0 || (text.slice(the, i) !== 'the' && text.slice(the, i) !== 'The')) return -1;
  return wordBefore(text, the) ? -1 : the;
}

/** Canonical name of a known outlet written exactly as `text` ("AP", "the Wall Street Journal."), else null. */
export function outletByName(text: string): string | null {
  const { byForm } = loadLexicon();
  // one key, then its variants (key() is the costly part, and this runs on every short line)
  const form = key(text);
  const bare = form.endsWith('.') ? form.slice(0, -1).trim() : null;
  for (const k of bare === null ? [form] : [form, bare]) {
    const name = byForm.get(k) ?? (k.startsWith('the ') ? byForm.get(k.slice(4)) : undefined);
    if (name) return name;
  }
  return null;
}

// Words that end an outlet's name; the name is one to three capitalised words before one of them.
const OUTLET_HEADS =
  'Times|Post|Journal|News|Herald|Tribune|Gazette|Telegraph|Guardian|Observer|Chronicle|Standard|Express|Mirror|' +
  'Inquirer|Examiner|Dispatch|Courier|Bulletin|Register|Review|Monitor|Magazine|Daily|Weekly|Radio|Television|' +
  'Broadcasting|Network|Agency|Wire|Press';
const NOT_NAME_START = new Set(['A', 'An', 'The', 'In', 'On', 'At', 'For', 'But', 'And', 'When', 'As', 'Fake', 'Breaking']);
const SHAPE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:[Tt]he\\s+)?((?:\\p{Lu}[\\p{L}&.]*(?:-\\p{Lu}[\\p{L}]*)*\\s+){1,3}(?:${OUTLET_HEADS})(?:\\s+(?:Agency|Network|Service))?)(?![\\p{L}\\p{N}])`,
  'uy',
);
const HEADS = new RegExp(`(?:${OUTLET_HEADS})`, 'g');
const isSpace = (c: string) => /\s/.test(c);

/** Start of the four whitespace-separated tokens before `at` ("the" + three words), not going below `floor`. */
function windowStart(text: string, at: number, floor: number): number {
  let i = at;
  for (let token = 0; token < 4 && i > floor; token++) {
    while (i > floor && isSpace(text[i - 1])) i--;
    while (i > floor && !isSpace(text[i - 1])) i--;
  }
  return i;
}

/**
 * Outlet names shaped like one but missing from the lexicon. The shape is only tried in the few words before
 * a head word, each position once, so long texts cost little; the result is what a scan of the whole text finds.
 */
function shapedOutlets(text: string): OutletMention[] {
  const found: OutletMention[] = [];
  let next = 0; // positions before this are tried or inside a match
  for (const head of text.matchAll(HEADS)) {
    if (head.index === 0 || !isSpace(text[head.index - 1])) continue;
    for (let at = windowStart(text, head.index, next); at < head.index; at++) {
      SHAPE.lastIndex = at;
      const m = SHAPE.exec(text);
      if (!m) continue;
      const name = m[1];
      next = at + m[0].length;
      if (!NOT_NAME_START.has(name.split(/\s+/)[0])) {
        const start = next - name.length;
        found.push({ name, text: name, start, end: start + name.length });
      }
      break;
    }
    next = Math.max(next, head.index);
  }
  return found;
}

/** Where lexicon forms occur in `text`, leftmost first and not overlapping (as one alternation would find them). */
function lexiconHits(text: string): Span[] {
  const { byWord, byWordAfterThe, starts } = loadLexicon();
  const hits: Span[] = [];
  let free = 0; // the next hit starts here or later
  const tryAt = (pattern: RegExp | undefined, at: number) => {
    if (!pattern || at < free) return; // also when at is -1
    pattern.lastIndex = at;
    if (pattern.test(text)) {
      hits.push({ start: at, end: pattern.lastIndex });
      free = pattern.lastIndex;
    }
  };
  // every word that begins with a character some form begins with (a plain loop: far cheaper than a regex scan)
  for (let at = 0; at < text.length; at++) {
    if (!starts[text.charCodeAt(at)] || wordBefore(text, at)) continue;
    const word = wordAt(text, at);
    const afterThe = byWordAfterThe.get(word);
    if (afterThe) tryAt(afterThe, theBefore(text, at));
    tryAt(byWord.get(word), at);
    at += word.length - 1;
  }
  return hits;
}

/** Lexicon outlets in `text`; short forms ("the Journal") only where the text also names the outlet in full. */
function lexiconOutlets(text: string): OutletMention[] {
  const { byForm, byShort } = loadLexicon();
  const hits = lexiconHits(text).map(({ start, end }) => ({ text: text.slice(start, end), start, end }));
  const named = new Set(hits.map((h) => lookup(byForm, h.text)).filter((n): n is string => !!n));
  const found: OutletMention[] = [];
  for (const h of hits) {
    const candidates = byShort.get(key(h.text))?.filter((n) => named.has(n)) ?? [];
    const name = candidates.length === 1 ? candidates[0] : lookup(byForm, h.text);
    if (name) found.push({ ...h, name });
  }
  return found;
}

/** Every outlet mention in `text`, in order; lexicon matches win over shape matches they overlap. */
export function findOutlets(text: string): OutletMention[] {
  const known = lexiconOutlets(text);
  let k = 0; // both lists run in text order
  const overlaps = (s: Span) => {
    while (k < known.length && known[k].end <= s.start) k++;
    return k < known.length && known[k].start < s.end;
  };
  return [...known, ...shapedOutlets(text).filter((s) => !overlaps(s))].sort((a, b) => a.start - b.start);
}
