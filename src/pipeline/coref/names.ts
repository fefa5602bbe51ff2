// Runs of capitalised words read as names: where the titles end and the name starts ("House Speaker Paul D.
// Ryan" -> "Paul D. Ryan"), whether it names a person or an organization, its surname, first name and gender.
// Evidence is name structure and compromise's lexicon (first names, honorifics, roles), never a list of names.
import { isOrganizationWord, lexTags, type Gender } from '../nlp.js';
import { ORG_HEADS } from '../speakers/words.js';
import { isPossessive, lex, stripPossessive, type Word } from './text.js';
import { isDate, isPlace, isSuffix, isTitle, NAME_JOINERS, PARTICLES, remembered, THING_HEADS, titleKey } from './words.js';

/** 'thing': a name of what never speaks (a place, an event, a law), kept apart from people and organizations. */
export type NameKind = 'person' | 'organization' | 'unknown' | 'thing';

export interface NameRun {
  /** Word indexes of the run, titles included: words[a..b]. */
  a: number;
  b: number;
  /** Index of the first word of the name proper (after the titles). */
  n: number;
  /** Text offsets of the run, titles included, and where the name proper starts. */
  start: number;
  end: number;
  nameStart: number;
  /** Whether its first word is inside a quotation. */
  quoted: boolean;
  kind: NameKind;
  /** The name as written, titles and a possessive 's left out. */
  text: string;
  /** Folded words of the name, possessive left out. */
  parts: string[];
  /** Folded surname (last word of a person's name that is no suffix); for an organization its whole name. */
  surname: string;
  /** Folded first name, when the name has one. */
  first: string | null;
  gender: Gender | null;
  genderSure: boolean;
  /** Title words before the name, as title keys ("senator" for "Sen."). */
  titles: string[];
  possessive: boolean;
  acronym: string | null;
}

/** Lower case, no diacritics, no dots or possessive: how names are compared. */
export const fold = (s: string) => {
  let w = stripPossessive(s).toLowerCase();
  // plain ASCII needs no decomposition
  if (!/^[a-z0-9 .'&-]*$/u.test(w)) w = w.normalize('NFD').replace(/[\u0300-\u036f]/gu, '');
  return w.includes('.') ? w.replace(/\./gu, '') : w;
};
const isOrgPhrase = remembered((phrase: string) => isOrganizationWord(phrase.toLowerCase()));

const isAcronym = (w: string) => w.length >= 2 && w.length <= 6 && /^[\p{Lu}&.]+$/u.test(w) && !isTitle(w);
const orgHead = (w: Word) => lex(w).orgHead;
const isMark = (w: Word | undefined) => !!w && /^["\u201c\u201d\u2018\u2019']$/u.test(w.text);
const startsName = (ws: Word[], k: number) => k < ws.length && ws[k].cap && !isDate(ws[k].text, ws[k + 1]?.text);

/** Where the run starting at word i ends (inclusive), or -1 when no run starts there. */
function runEnd(ws: Word[], i: number): number {
  if (!startsName(ws, i)) return -1;
  let j = i;
  let joined = false;
  while (j + 1 < ws.length && !isPossessive(ws[j])) {
    const next = ws[j + 1];
    if (next.sent !== ws[j].sent) break;
    if (startsName(ws, j + 1)) {
      j++;
      continue;
    }
    // a nickname in quotation marks: Marcia "Cia" Price
    if (isMark(next) && startsName(ws, j + 2) && isMark(ws[j + 3]) && startsName(ws, j + 4) && ws[j + 4].sent === ws[j].sent) {
      j += 4;
      continue;
    }
    // "Bill de Blasio"; "Department of Homeland Security", "Court of Appeals for the Sixth Circuit", "Bailey & Glasser"
    const skip = ws[j + 2]?.lower === 'the' ? 3 : 2;
    const canJoin = PARTICLES.has(next.text) ? startsName(ws, j + 2) :
      NAME_JOINERS.has(next.lower) && startsName(ws, j + skip) &&
      (next.lower === '&' || ((next.lower === 'of' || next.lower === 'for' || next.lower === 'on') && (orgHead(ws[j]) || lex(ws[j]).title || joined)) || (next.lower === 'and' && joined));
    if (!canJoin) break;
    joined = joined || next.lower !== '&';
    j += PARTICLES.has(next.text) ? 2 : skip;
  }
  return j;
}

/** All name runs of a stretch of words. */
export function nameRuns(ws: Word[]): NameRun[] {
  const out: NameRun[] = [];
  for (let i = 0; i < ws.length; i++) {
    const j = runEnd(ws, i);
    if (j < 0) continue;
    const run = readRun(ws, i, j);
    if (run) out.push(run);
    i = j;
  }
  return out;
}

const OPENING = new Set(['"', '\u201c', '\u2018', "'", '(', '\u2014', ':', '-']);
const sentenceStart = (ws: Word[], i: number) => i === 0 || ws[i - 1].sent !== ws[i].sent || OPENING.has(ws[i - 1].text);

/** The name a run of words names, or null when it names nothing (a capitalised "But", a month). */
export function readRun(ws: Word[], a: number, b: number): NameRun | null {
  // a capitalised sentence opener is no part of the name: "But Clinton", "When Trump"
  while (a <= b && sentenceStart(ws, a) && lex(ws[a]).func && !lex(ws[a]).first && !lex(ws[a]).title) a++;
  while (b >= a && RUN_TAIL.has(ws[b].lower)) b--;
  if (a > b) return null;
  // a capitalised common noun opening a sentence: "Officials said", "Protesters marched"
  if (a === b && sentenceStart(ws, a) && lex(ws[a]).common && !lex(ws[a]).first && !/^\p{Lu}+$/u.test(ws[a].text)) return null;
  if (a === b) return oneWord(ws, a);
  // titles end at the last title word that has a name after it
  let n = a;
  for (let k = b - 1; k >= a; k--)
    if (lex(ws[k]).title && !PARTICLES.has(ws[k].text)) {
      n = k + 1;
      break;
    }
  // titles alone ("Retired General", "the President") name no one; after an honorific the word is a name ("Mr. King")
  if (!(n > a && lex(ws[n - 1]).honorific) && every(ws, n, b + 1, (w) => lex(w).title && !lex(w).first)) return null;
  // "Speaker of the House Newt Gingrich", "Secretary of State John Kerry": the office's complement is no name
  if (n < b && NAME_JOINERS.has(ws[n].lower)) {
    while (n < b && (NAME_JOINERS.has(ws[n].lower) || ws[n].lower === 'the')) n++;
    while (n < b && (lex(ws[n]).orgHead || lex(ws[n]).common || lex(ws[n]).place) && !lex(ws[n]).first) n++;
  }
  // common words before a first name are no part of it: "Rival Hillary Clinton", "of State John Kerry"
  for (let k = n + 1; k < b; k++)
    if (lex(ws[k]).first !== null && !lex(ws[k]).title) {
      if (every(ws, n, k, (w) => lex(w).common || lex(w).place || lex(w).orgHead || lex(w).func)) n = k;
      break;
    }
  // the name's words: no quotation marks, and no nickname between them (Marcia "Cia" Price)
  const name: Word[] = [];
  for (let k = n; k <= b; k++) if (!isMark(ws[k]) && !(isMark(ws[k - 1]) && isMark(ws[k + 1]))) name.push(ws[k]);
  if (name.length === 0) return null;
  let text = name[0].text;
  const parts: string[] = [];
  const nameWords: Word[] = [];
  for (let k = 0; k < name.length; k++) {
    const w = name[k];
    if (k > 0) text += name[k - 1].end === w.start ? w.text : ` ${w.text}`;
    const f = fold(w.text);
    if (f) parts.push(f);
    if (!PARTICLES.has(w.text) && !NAME_JOINERS.has(w.lower)) nameWords.push(w);
  }
  text = stripPossessive(text);
  if (parts.length === 0 || nameWords.length === 0) return null;
  const titles: string[] = [];
  let gender: Gender | null = null;
  for (let k = a; k < n; k++)
    if (lex(ws[k]).title) {
      titles.push(titleKey(ws[k].text));
      // an honorific or a gendered title is sure; a first name's gender is only presumed ("Terry")
      gender ??= lex(ws[k]).gender;
    }
  const genderSure = gender !== null;
  let core = nameWords[nameWords.length - 1];
  for (let k = nameWords.length - 1; k >= 0; k--)
    if (!isSuffix(nameWords[k].text)) {
      core = nameWords[k];
      break;
    }
  const firstWord = nameWords.length > 1 && nameWords[0] !== core ? nameWords[0] : null;
  const lexFirst = firstWord ? lex(firstWord).first : null;
  gender ??= lexFirst?.gender ?? null;
  const one = name.length === 1;
  const phrase = one ? name[0].text : name.map((w) => w.text).join(' ');
  const last = name[name.length - 1];
  let kind: NameKind = 'unknown';
  if (THING_HEADS.has(parts[parts.length - 1]) || (one ? lex(last).place : isPlace(phrase)) || /^(\p{Lu}\.){2,3}$/u.test(stripPossessive(phrase))) kind = 'thing';
  else if (titles.length === 0 && (name.some(orgHead) || (one ? lex(last).org || isAcronym(stripPossessive(last.text)) : isOrgPhrase(phrase)))) kind = 'organization';
  else if (titles.length > 0 || lexFirst || (firstWord && /^\p{Lu}\.?$|^\p{Lu}\.\p{Lu}\.$/u.test(firstWord.text))) kind = 'person';
  else if (nameWords.length >= 2 && !lex(nameWords[0]).common && nameWords.every((w) => !lex(w).place)) kind = 'person';
  else if (nameWords.length === 1 && lex(core).person) kind = 'person';
  let acronym: string | null = null;
  if (ws[b + 1]?.text === '(' && isAcronym(ws[b + 2]?.text ?? '') && ws[b + 3]?.text === ')') acronym = fold(ws[b + 2].text);
  return {
    a, b, n, kind, text, parts, titles, possessive: isPossessive(ws[b]), acronym, gender, genderSure,
    start: ws[a].start, end: ws[b].end, nameStart: name[0].start, quoted: ws[a].quoted,
    surname: kind === 'organization' ? parts.join(' ') : fold(core.text),
    first: kind === 'organization' || !firstWord ? null : fold(firstWord.text),
  };
}

/** A name of one word ("Trump", "NATO", "Iraq"): most runs are, so it is read without the general machinery. */
function oneWord(ws: Word[], a: number): NameRun | null {
  const w = ws[a];
  const x = lex(w);
  if (isMark(w) || NAME_JOINERS.has(w.lower) || (x.title && !x.first)) return null;
  const text = stripPossessive(w.text);
  const f = fold(w.text);
  if (!f) return null;
  let kind: NameKind = 'unknown';
  if (THING_HEADS.has(f) || x.place || /^(\p{Lu}\.){2,3}$/u.test(text)) kind = 'thing';
  else if (x.orgHead || x.org || isAcronym(text)) kind = 'organization';
  else if (x.person) kind = 'person';
  let acronym: string | null = null;
  if (ws[a + 1]?.text === '(' && isAcronym(ws[a + 2]?.text ?? '') && ws[a + 3]?.text === ')') acronym = fold(ws[a + 2].text);
  return {
    a, b: a, n: a, kind, text, parts: [f], titles: [], possessive: isPossessive(w), acronym, gender: null, genderSure: false,
    start: w.start, end: w.end, nameStart: w.start, quoted: w.quoted, surname: f, first: null,
  };
}

const RUN_TAIL = new Set(['&', '-', 'of', 'for', 'and', 'on', 'the']);
function every(ws: Word[], from: number, to: number, ok: (w: Word) => boolean): boolean {
  for (let k = from; k < to; k++) if (!ok(ws[k])) return false;
  return true;
}
