// What one line (paragraph) of a news text is: header parts (headline, byline, date, outlet), page furniture
// (captions, copyright, blog boilerplate, credits) or body. Each test looks at the line alone; context
// (a name next to a date line is a byline) is applied by the article splitter.
import * as chrono from 'chrono-node';
import { outletByName, findOutlets } from './outlets.js';

/** ISO date (YYYY-MM-DD) of a date written in `text`, only when the year is written too. */
export function isoDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const hit = chrono.parse(text)[0];
  if (!hit || !hit.start.isCertain('year') || !hit.start.isCertain('day')) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${hit.start.get('year')}-${pad(hit.start.get('month')!)}-${pad(hit.start.get('day')!)}`;
}

// What may surround the date on a date line: "Published: ...", "Updated 3:12 PM ET |".
const DATE_LINE_REST = /^[\s,.|·•:()\-–—]*(?:(?:published|updated|posted|last|modified|on|at|date|first)\b[\s,.|·•:()\-–—]*)*$/i;

// chrono is slow (tens of µs a line), so it only sees lines that could be a date line. A date's day is certain only
// with a digit, a month, or a casual or relative word (today, last night, a week ago; units may be abbreviated), and
// every longer word of a date line must be one chrono reads or a label. Both tests only ever let more lines through.
const DAY_CUE =
  /\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|now|tod|tom|tmr|overm|yest|night|morn|noon|midday|even|afternoon|sec|min|hour|hr|day|week|month|mo|qtr|quarter|year|yr|\b[dwhmsy]\b/i;
const LONG_WORD = /\p{L}{6,}/gu;
const LONG_DATE_WORDS = new Set(
  ('january february august september october november december monday tuesday wednesday thursday friday saturday ' +
    'sunday second seconds minute minutes millisecond milliseconds months quarter quarters eleven twelve twenty thirty ' +
    'fourth seventh eighth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth ' +
    'nineteenth twentieth thirtieth yesterday tomorrow tonight overmorrow morning afternoon evening midnight midday ' +
    'weekend around before earlier forward henceforth through within several couple approximately roughly following ' +
    'published updated posted modified').split(' '),
);
const mayBeDateLine = (line: string): boolean =>
  DAY_CUE.test(line) && (line.match(LONG_WORD) ?? []).every((w) => LONG_DATE_WORDS.has(w.toLowerCase()));

/** A short line that is just a date, with or without a time and a "Published" label. */
export function isDateLine(line: string): boolean {
  if (line.length > 80 || !mayBeDateLine(line)) return false;
  const hits = chrono.parse(line);
  if (hits.length === 0) return false;
  const rest = hits.reduce((s, h) => s.replace(h.text, ' '), line);
  return DATE_LINE_REST.test(rest) && hits.some((h) => h.start.isCertain('day'));
}

/** A line naming only a known outlet ("The Hill.", "Reuters"). */
export function outletLine(line: string): string | null {
  return line.length <= 60 ? outletByName(line) : null;
}

const PARTICLES = new Set(['de', 'del', 'della', 'da', 'das', 'do', 'dos', 'van', 'von', 'der', 'den', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'y']);
const NOT_NAMES = new Set(
  ('Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August ' +
    'September October November December Staff Reporter Editor Correspondent News Updated Published Posted Comments ' +
    'Share Home Menu Search Subscribe Opinion Analysis Live Video Photos Park Road Stadium Arena Street Avenue Hall ' +
    'Centre Center Square House Ground Field Court').split(' '),
);
/** "Lee", "O’Roe", "Jean-Pierre", "MADHANI", or an initial ("J.", "J.R."). */
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’-]*|\p{Lu}\.(?:\p{Lu}\.)*)$/u;

/** One person's name: two to five words, capitalised (or all capitals), particles allowed. */
function personName(text: string): string | null {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 5) return null;
  if (!words.every((w) => NAME_WORD.test(w) || PARTICLES.has(w.toLowerCase()))) return null;
  if (words.some((w) => NOT_NAMES.has(w.replace(/[.,]$/, ''))) || outletByName(text)) return null;
  if (!NAME_WORD.test(words[0]) || !NAME_WORD.test(words[words.length - 1])) return null;
  return words.map(unshout).join(' ');
}

/** "MADHANI" -> "Madhani", "O'BRIEN" -> "O'Brien", "JEAN-PIERRE" -> "Jean-Pierre"; mixed case stays. */
function unshout(word: string): string {
  if (word !== word.toUpperCase() || !/\p{Lu}{2}/u.test(word)) return word;
  return word.toLowerCase().replace(/(^|['’-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

export interface Byline {
  names: string[];
  /** Outlet written with the names: "By Jane Doe, Reuters". */
  outlet: string | null;
  /** Written with "By": a byline even without a date line next to it. */
  marked: boolean;
}

/** Names in a byline ("By Jane Doe and JOHN ROE | CNN"), or null when the line is not one. */
export function parseByline(line: string): Byline | null {
  if (line.length > 120) return null;
  const marked = /^by\s/i.test(line);
  const parts = line
    .replace(/^by\s+/i, '')
    .split(/\s*(?:,|\band\b|&|\||;|\s[-–—]\s)\s*/)
    .filter((p) => p.trim() !== '');
  if (parts.length === 0) return null;
  const names: string[] = [];
  let outlet: string | null = null;
  for (const part of parts.flatMap(splitOutletSuffix)) {
    const name = personName(part);
    const known = name ? null : outletByName(part);
    if (name) names.push(name);
    else if (known && names.length > 0 && !outlet) outlet = known;
    else return null;
  }
  return names.length > 0 ? { names, outlet, marked } : null;
}

/** "AAMER MADHANI Associated Press" -> the name and the outlet. */
function splitOutletSuffix(part: string): string[] {
  const last = findOutlets(part).at(-1);
  return last && last.start > 0 && last.end === part.trimEnd().length
    ? [part.slice(0, last.start).trim(), part.slice(last.start).trim()]
    : [part];
}

const CAPTION = [
  /\((?:[A-Z]{2,}\s+)?Photos?\b[^)]*\)/, // (AP Photo/Jane Doe), (Photo by ...)
  /(?:^|[.)|]\s*)(?:Photo(?:graph)?s?|PHOTO|Image|Picture)(?:\s+(?:credit|courtesy|by|source))?\s*:\s*\p{Lu}/u, // Photo: Jane Doe
  /(?:\/|\bvia\s+|\bfor\s+)Getty\s+Images\b|\bGetty\s+Images\s*\)?\s*$/,
  /\b(?:REUTERS|AFP|EPA)\/\s?\p{Lu}/u, // REUTERS/Jonathan Ernst
  /^(?:Image|Photo|Picture|Video)\s+(?:caption|copyright|source)\b/i,
  /^FILE\s*[-–—]\s/,
];

/** A photo caption or credit line. */
export const isCaption = (line: string): boolean => line.length <= 600 && CAPTION.some((re) => re.test(line));

/** A copyright notice: page furniture at the end of an article, never body or byline. */
export const isCopyright = (line: string): boolean =>
  line.length <= 200 && (/^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}|by\b)/i.test(line) || /all rights reserved\.?$/i.test(line));

const BOILERPLATE = [
  /^no comments?:?$/i,
  /^(?:post|leave|add|write) a (?:comment|reply)\b/i,
  /^(?:\d+\s+)?comments?:?$/i,
  /^(?:newer|older) posts?\b/i,
  /^subscribe to\b/i,
  /^(?:share|email|tweet|print)(?: this(?: (?:article|story|page))?| on \w+| via \w+)?:?$/i,
  /^(?:click|tap) (?:here|to)\b/i,
  /^advertisement$/i,
  /^(?:read|see) (?:more|also|the rest|the full (?:story|article))\b/i,
  /^related(?: (?:articles?|stories|coverage|content|posts|topics))?:?$/i,
  /^sign up\b/i,
  /^follow (?:us|@)/i,
  /^this (?:material|article|story) may not be (?:published|reproduced)/i,
  /^(?:labels?|tags?|filed under|posted by|posted in)\s*:/i,
  /^skip to (?:main )?content$/i,
  /^\d+\s*min(?:ute)?s?\s+read$/i,
  /^(?:listen to (?:this )?article|audio)\b.{0,30}$/i,
];

/** Blog and page furniture: "No comments:", "Post a Comment", "Share this". */
export const isBoilerplate = (line: string): boolean => line.length <= 150 && BOILERPLATE.some((re) => re.test(line));

// Credit lines: what the article is based on. Group 1 lists who is credited.
const CREDITS = [
  /^(?:references?|sources?|via)\s*:\s*(.+)$/i,
  /^(.+?)\s+contributed(?:\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article))?(?:\s+reporting)?$/i,
  /^(?:based on|adapted from)\s+(?:(?:a\s+)?(?:reporting|reports?|story|stories|article)\s+(?:by|from|in)\s+)?(.+)$/i,
  /^(?:with\s+)?(?:additional\s+)?(?:reporting|inputs?|information|files|wires?)\s+(?:by|from)\s+(.+)$/i,
];
/** What precedes a credited name inside a list: "Additional reporting by", "Editing by", "writers from the". */
const CREDIT_ROLE = /^(?:(?:additional\s+)?(?:reporting|editing|writing|research|graphics)\s+by|(?:writers?|staff)\s+(?:from|of))\s+/i;

/**
 * Outlets a credit line names ("(Reference: Reuters)", "Reuters contributed to this report."), [] for a credit
 * naming only reporters ("(Reporting by Jane Doe; Editing by John Roe)"), null when the text is no credit:
 * everything credited must be an outlet or a person, so a sentence ("Many factors contributed.") is not one.
 */
export function parseCredit(text: string): string[] | null {
  if (text.length > 200) return null;
  const inner = text.trim().replace(/^\((.*)\)\.?$/s, '$1').replace(/\.$/, '').trim();
  for (const re of CREDITS) {
    const m = re.exec(inner);
    if (!m) continue;
    const parts = m[1].split(/\s*(?:,|;|\band\b|&)\s*/).map((p) => p.replace(CREDIT_ROLE, '').trim()).filter(Boolean);
    const outlets = parts.map((p) => outletByName(p) ?? shapedName(p));
    if (parts.every((p, i) => outlets[i] || personName(p))) return [...new Set(outlets.filter((o): o is string => !!o))];
  }
  return null;
}

/** A name that is all one outlet-shaped phrase ("the Des Moines Register"). */
function shapedName(text: string): string | null {
  const hit = findOutlets(text)[0];
  return hit && hit.text.length >= text.replace(/^the\s+/i, '').trim().length ? hit.name : null;
}

/** "(Reuters contributed)" at the end of a body paragraph. */
export function trailingCredit(paragraph: string): string[] | null {
  const m = /\(([^()]{2,120})\)\s*$/.exec(paragraph);
  return m ? parseCredit(m[1]) : null;
}

export interface Dateline {
  place: string | null;
  outlet: string | null;
}

// "WEST PALM BEACH, Fla. (AP) —", "LONDON, May 3 (Reuters) -", "(CNN) —", "WASHINGTON —"
const DATELINE =
  /^(?:(\p{Lu}[\p{Lu}.'’ -]*\p{Lu}\.?(?:,\s*\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?)?(?:,\s*\p{Lu}[a-z]{2,8}\.?\s\d{1,2})?)\s*)?(?:\(([^()]{1,40})\)\s*)?[—–-]{1,2}\s/u;

/** The dateline opening a body paragraph, or null. */
export function parseDateline(paragraph: string): Dateline | null {
  const m = DATELINE.exec(paragraph);
  if (!m || (!m[1] && !m[2])) return null;
  const place = m[1] ? m[1].replace(/,\s*\p{Lu}[a-z]{2,8}\.?\s\d{1,2}$/u, '').trim() : null;
  if (place && !/\p{Lu}{2}/u.test(place.split(/[ ,]/)[0])) return null;
  return { place, outlet: m[2] ? outletByName(m[2]) : null };
}

/** Capital, digit, currency or quote mark; or a brand like "iTunes". */
const HEADLINE_START = /^(?:[\p{Lu}\p{N}\p{Sc}&‘“'"]|\p{Ll}+\p{Lu})/u;
/** A sentence ending inside the text ("history. Again"), not an abbreviation ("Trump vs. Clinton"). */
const SENTENCE_BREAK =
  /\p{Ll}{2,}(?<!\b(?:vs|Mrs|Jr|Sr|Gov|Sen|Rep|Gen|Col|Sgt|Prof|Inc|Corp|Ltd|Bros|etc|approx|Dept|Ave|Blvd))[.!?]["”’']?\s+[\p{Lu}“"]/u;

/**
 * A short line that reads as a headline: capitalised, not ending like a clause. Where `periodOk` (a first line
 * standing alone), it may end with a period and hold a second short sentence ("Virginian could make history. Again.").
 */
export function isHeadline(line: string, { periodOk }: { periodOk: boolean }): boolean {
  const words = line.split(/\s+/);
  if (line.length > 200 || words.length < 2 || words.length > 30) return false;
  if (!HEADLINE_START.test(line) || /,$/.test(line) || parseDateline(line)) return false;
  const sentences = SENTENCE_BREAK.test(line);
  if (periodOk) return !sentences || line.length <= 160;
  return !sentences && !/\p{Ll}\.$|[:;]$/u.test(line);
}

/** A headline's deck on the next line: "Candidates vie for vets' support;" / "Trump and Clinton ...". */
export const continuesHeadline = (line: string): boolean => /[;:]$/.test(line);

/** The headline as a title: a one-sentence headline loses its final period, also inside quotes ("'Terrifying.'"). */
export function titleOf(lines: string[]): string {
  const title = lines.join(' ').trim();
  return SENTENCE_BREAK.test(title) ? title : title.replace(/(?<!\b\p{Lu})\.(['’"”]?)$/u, '$1');
}
