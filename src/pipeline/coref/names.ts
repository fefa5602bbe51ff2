// Runs of capitalised words read as names: where the titles end and the name starts ("House Speaker Paul D.
// Ryan" -> "Paul D. Ryan"), whether it names a person or an organization, its surname, first name and gender.
// Evidence is name structure and compromise's lexicon (first names, honorifics, roles), never a list of names.
import { firstName, honorific, isOrganizationWord, lexTags, type Gender } from '../nlp.js';
import { ORG_HEADS } from '../speakers/words.js';
import { isPossessive, stripPossessive, type Word } from './text.js';
import { genderOfWord, isCommonWord, isFunctionWord, isMonthOrDay, isPlace, isSuffix, isTitle, NAME_JOINERS, PARTICLES, THING_HEADS, titleKey } from './words.js';

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
export const fold = (s: string) =>
  stripPossessive(s).normalize('NFD').replace(/[\u0300-\u036f]/gu, '').toLowerCase().replace(/\./gu, '');

const isAcronym = (w: string) => /^[\p{Lu}&.]{2,6}$/u.test(w) && !isTitle(w);
const orgHead = (w: Word) => ORG_HEADS.has(w.lower.replace(/\.$/u, '')) || ORG_HEADS.has(w.lower.replace(/s$/u, ''));
const isMark = (w: Word | undefined) => !!w && /^["\u201c\u201d\u2018\u2019']$/u.test(w.text);
const startsName = (w: Word | undefined) => !!w && w.cap && !isMonthOrDay(w.text);

/** Where the run starting at word i ends (inclusive), or -1 when no run starts there. */
function runEnd(ws: Word[], i: number): number {
  if (!startsName(ws[i])) return -1;
  let j = i;
  let joined = false;
  while (j + 1 < ws.length && !isPossessive(ws[j])) {
    const next = ws[j + 1];
    if (next.sent !== ws[j].sent) break;
    if (startsName(next)) {
      j++;
      continue;
    }
    // a nickname in quotation marks: Marcia "Cia" Price
    if (isMark(next) && startsName(ws[j + 2]) && isMark(ws[j + 3]) && startsName(ws[j + 4]) && ws[j + 4].sent === ws[j].sent) {
      j += 4;
      continue;
    }
    // "Bill de Blasio"; "Department of Homeland Security", "Court of Appeals for the Sixth Circuit", "Bailey & Glasser"
    const after = ws[j + 2]?.lower === 'the' ? ws[j + 3] : ws[j + 2];
    const canJoin = PARTICLES.has(next.text) ? startsName(ws[j + 2]) :
      NAME_JOINERS.has(next.lower) && startsName(after) &&
      (next.lower === '&' || ((next.lower === 'of' || next.lower === 'for' || next.lower === 'on') && (orgHead(ws[j]) || isTitle(ws[j].text) || joined)) || (next.lower === 'and' && joined));
    if (!canJoin) break;
    joined = joined || next.lower !== '&';
    j = after === ws[j + 3] ? j + 3 : j + 2;
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

const sentenceStart = (ws: Word[], i: number) => i === 0 || ws[i - 1].sent !== ws[i].sent || /^["\u201c\u2018'(\u2014:-]$/u.test(ws[i - 1].text);

/** The name a run of words names, or null when it names nothing (a capitalised "But", a month). */
export function readRun(ws: Word[], a: number, b: number): NameRun | null {
  // a capitalised sentence opener is no part of the name: "But Clinton", "When Trump"
  while (a <= b && sentenceStart(ws, a) && isFunctionWord(ws[a].text) && !firstName(ws[a].text) && !isTitle(ws[a].text)) a++;
  while (b >= a && /^[&-]$|^(of|for|and|on|the)$/u.test(ws[b].lower)) b--;
  if (a > b) return null;
  // a capitalised common noun opening a sentence: "Officials said", "Protesters marched"
  if (a === b && sentenceStart(ws, a) && !/^\p{Lu}+$/u.test(ws[a].text) && isCommonWord(stripPossessive(ws[a].text)) && !firstName(ws[a].text)) return null;
  let acronym: string | null = null;
  if (ws[b + 1]?.text === '(' && isAcronym(ws[b + 2]?.text ?? '') && ws[b + 3]?.text === ')') acronym = fold(ws[b + 2].text);
  // titles end at the last title word that has a name after it
  let n = a;
  for (let k = b - 1; k >= a; k--)
    if (isTitle(ws[k].text) && !PARTICLES.has(ws[k].text)) {
      n = k + 1;
      break;
    }
  // titles alone ("Retired General", "the President") name no one; after an honorific the word is a name ("Mr. King")
  if (n > b || (!(n > a && honorific(ws[n - 1].text)) && ws.slice(n, b + 1).every((w) => isTitle(w.text) && !firstName(w.text)))) return null;
  // "Speaker of the House Newt Gingrich", "Secretary of State John Kerry": the office's complement is no name
  if (n < b && NAME_JOINERS.has(ws[n].lower)) {
    while (n < b && (NAME_JOINERS.has(ws[n].lower) || ws[n].lower === 'the')) n++;
    while (n < b && (orgHead(ws[n]) || isCommonWord(ws[n].text) || isPlace(ws[n].text)) && !firstName(ws[n].text)) n++;
  }
  // common words before a first name are no part of it: "Rival Hillary Clinton", "of State John Kerry"
  const f = ws.slice(n, b).findIndex((w, k) => k > 0 && firstName(w.text) !== null && !isTitle(w.text));
  if (f > 0 && ws.slice(n, n + f).every((w) => isCommonWord(w.text) || isPlace(w.text) || orgHead(w) || isFunctionWord(w.text))) n += f;
  const name = ws.slice(n, b + 1).filter((w, k, all) => !isMark(w) && !(isMark(all[k - 1]) && isMark(all[k + 1])));
  const titleWords = ws.slice(a, n).filter((w) => isTitle(w.text));
  const titles = titleWords.map((w) => titleKey(w.text));
  const possessive = isPossessive(ws[b]);
  const text = stripPossessive(name.map((w, k) => (k > 0 && name[k - 1].end === w.start ? w.text : ` ${w.text}`)).join('').trim());
  const parts = name.map((w) => fold(w.text)).filter(Boolean);
  if (parts.length === 0) return null;
  const words = name.map((w) => w.text);
  const phrase = words.join(' ');
  const org =
    titles.length === 0 &&
    (name.some(orgHead) || isOrganizationWord(phrase.toLowerCase()) || (name.length === 1 && isAcronym(stripPossessive(words[0]))));
  const nameWords = name.filter((w) => !PARTICLES.has(w.text) && !NAME_JOINERS.has(w.lower));
  const core = [...nameWords].reverse().find((w) => !isSuffix(w.text)) ?? nameWords[nameWords.length - 1];
  const firstWord = nameWords.length > 1 && nameWords[0] !== core ? nameWords[0] : null;
  const lexFirst = firstWord ? firstName(firstWord.text) : null;
  let kind: NameKind = 'unknown';
  const head = fold(words[words.length - 1]);
  if (THING_HEADS.has(head) || isPlace(phrase) || isPlace(phrase.toLowerCase()) || /^(\p{Lu}\.){2,3}$/u.test(stripPossessive(phrase))) kind = 'thing';
  else if (org) kind = 'organization';
  else if (titles.length > 0 || lexFirst || (firstWord && /^\p{Lu}\.?$|^\p{Lu}\.\p{Lu}\.$/u.test(firstWord.text))) kind = 'person';
  else if (nameWords.length >= 2 && !isCommonWord(nameWords[0].text) && nameWords.every((w) => !isPlace(w.text))) kind = 'person';
  else if (nameWords.length === 1 && lexTags(core.text).some((t) => /Person|LastName|Name/u.test(t))) kind = 'person';
  // an honorific or a gendered title is sure; a first name's gender is only presumed ("Terry")
  let gender: Gender | null = null;
  for (const w of titleWords) gender ??= genderOfWord(w.text);
  const genderSure = gender !== null;
  gender ??= lexFirst?.gender ?? null;
  return {
    a, b, n, kind, text, parts, titles, possessive, acronym, gender, genderSure,
    start: ws[a].start, end: ws[b].end, nameStart: name[0].start, quoted: ws[a].quoted,
    surname: kind === 'organization' ? parts.join(' ') : fold(core.text),
    first: kind === 'organization' || !firstWord ? null : fold(firstWord.text),
  };
}
