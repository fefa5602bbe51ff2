// One source text -> its articles, with metadata read from their headers and page furniture left out.
// A file may hold several pieces pasted one after another (each opening with a byline/date header), and a
// scraped page may repeat its own body after a repeated header: such a repeat is folded into the article
// it repeats and its paragraphs are dropped, so no quote is counted twice.
import type { Article, Source, Span } from './doc.js';
import { findCites } from './cites.js';
import { outletByName } from './outlets.js';
import {
  isBoilerplate, isCaption, isCopyright, isDateLine, isHeadline, isoDate, outletLine, parseByline,
  parseCredit, parseDateline, titleOf, trailingCredit, continuesHeadline,
} from './lines.js';

type Kind = 'text' | 'byline' | 'date' | 'outlet' | 'caption' | 'copyright' | 'boilerplate' | 'credit';

/** A paragraph of the source: one non-blank line (or a block, in hard-wrapped text), trimmed. */
interface Unit extends Span {
  text: string;
  kind: Kind;
}

/** A run of units forming one article. */
interface Group {
  first: number;
  last: number;
  /** Units of the headline (a headline and its deck may take two lines). */
  headline: number[];
}

const HEADER_KINDS: ReadonlySet<Kind> = new Set(['byline', 'date', 'outlet']);

export function splitArticles(source: Source): Article[] {
  const units = classify(paragraphUnits(source.text));
  if (units.length === 0) return [];
  const seen = new Set<string>();
  const kept: { group: Group; body: number[] }[] = [];
  const groups = groupUnits(units, source);
  for (const group of groups) {
    const texts = range(group).filter((i) => units[i].kind === 'text' && !group.headline.includes(i));
    // (a lone article repeats nothing: skip normalising its paragraphs)
    const keys = groups.length > 1 ? texts.map((i) => normalise(units[i].text)) : [];
    const fresh = texts.filter((_i, k) => !seen.has(keys[k]));
    for (const key of keys) seen.add(key);
    const previous = kept.at(-1);
    if (previous && fresh.length * 2 <= texts.length) {
      // mostly (or only) a repeat of what came before: part of that article, not a new one
      previous.group.last = group.last;
      for (const i of fresh) previous.body.push(i);
    } else kept.push({ group, body: fresh });
  }
  return kept.map(({ group, body }, k) => buildArticle(source, units, group, body, k + 1));
}

const range = ({ first, last }: Group) => Array.from({ length: last - first + 1 }, (_, k) => first + k);

// ---------------------------------------------------------------------------------------------- units

/** Text with most lines 40-100 characters inside blank-line separated blocks: paragraphs are the blocks. */
function isHardWrapped(text: string): boolean {
  const inner = text.split(/\r?\n[ \t]*\r?\n/).flatMap((block) => block.split(/\r?\n/).slice(0, -1));
  const wrapped = inner.filter((l) => l.trim().length >= 40 && l.length <= 100);
  return wrapped.length >= 5 && wrapped.length >= 0.8 * inner.length;
}

/** A block's lines joined by single spaces (split and trim: a regex over long runs of spaces is quadratic). */
const oneLine = (block: string) =>
  block.includes('\n') ? block.split('\n').map((l) => l.trim()).filter(Boolean).join(' ') : block;

/**
 * The longest paragraph kept whole. News paragraphs run to about 2,600 characters (BBC, PolNeAR); a longer one is
 * unsplit text (a file on one line, a feed without breaks) and is cut into pieces at sentence ends, so that every
 * later stage works on bounded stretches whatever the input.
 */
export const MAX_PARAGRAPH = 4000;
const isSpaceAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/u.test(text[i]));
};
const CLOSING = '"\'\u2019\u201d)]';

/** Where to end a piece starting at `from`: after the last sentence in reach, else at a space, else anywhere. */
function cutPoint(text: string, from: number): number {
  const limit = from + MAX_PARAGRAPH;
  let space = -1;
  for (let i = limit; i > from + MAX_PARAGRAPH / 2; i--) {
    if (!isSpaceAt(text, i)) continue;
    if (space < 0) space = i;
    let j = i - 1;
    while (j > from && CLOSING.includes(text[j])) j--;
    if (text[j] === '.' || text[j] === '!' || text[j] === '?') return i;
  }
  if (space >= 0) return space;
  const high = text.charCodeAt(limit - 1);
  return high >= 0xd800 && high <= 0xdbff ? limit - 1 : limit; // never between the halves of a surrogate pair
}

/** text[start, end) without the whitespace around it (null when blank). */
function trimmed(text: string, start: number, end: number): Span | null {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const length = raw.trim().length;
  return length ? { start: start + lead, end: start + lead + length } : null;
}

function paragraphUnits(text: string): Omit<Unit, 'kind'>[] {
  const separator = isHardWrapped(text) ? /(?:\r?\n[ \t]*){2,}/g : /\r?\n/g;
  const units: Omit<Unit, 'kind'>[] = [];
  const push = (span: Span | null) => span && units.push({ ...span, text: oneLine(text.slice(span.start, span.end)) });
  let from = 0;
  for (const m of [...text.matchAll(separator), { index: text.length, 0: '' }]) {
    const block = trimmed(text, from, m.index);
    let at = block?.start ?? m.index;
    while (block && block.end - at > MAX_PARAGRAPH) {
      const cut = cutPoint(text, at);
      push(trimmed(text, at, cut));
      at = cut;
    }
    if (block) push(trimmed(text, at, block.end));
    from = m.index + m[0].length;
  }
  return units;
}

function baseKind(line: string): Kind {
  if (isCopyright(line)) return 'copyright';
  if (isBoilerplate(line)) return 'boilerplate';
  if (parseCredit(line)) return 'credit';
  if (isCaption(line)) return 'caption';
  if (outletLine(line)) return 'outlet';
  if (isDateLine(line)) return 'date';
  if (/^by\s/i.test(line) && parseByline(line)) return 'byline'; // unmarked bylines need a date line next to them
  return 'text';
}

/** Kinds from the line itself, then: a bare name next to a date or outlet line is a byline. */
function classify(raw: Omit<Unit, 'kind'>[]): Unit[] {
  const known = new Map<string, Kind>(); // a line repeated many times is classified once
  const kindOf = (text: string) => known.get(text) ?? known.set(text, baseKind(text)).get(text)!;
  const units = raw.map((u) => ({ ...u, kind: kindOf(u.text) }));
  units.forEach((u, i) => {
    const near = [units[i - 1]?.kind, units[i + 1]?.kind];
    if (u.kind === 'text' && near.some((k) => k === 'date' || k === 'outlet') && parseByline(u.text)) u.kind = 'byline';
  });
  return units;
}

// ---------------------------------------------------------------------------------------------- groups

/** The header run at i and whether it opens a new article: it does with a byline, or a date and an outlet line. */
function headerRun(units: Unit[], i: number): { end: number; opens: boolean } {
  let end = i;
  while (end < units.length && HEADER_KINDS.has(units[end].kind)) end++;
  const kinds = new Set(units.slice(i, end).map((u) => u.kind));
  return { end, opens: kinds.has('byline') || (kinds.has('date') && kinds.has('outlet')) };
}

/**
 * Headline of the first article: its first line (with its deck, after "x;"), when short; one ending in a
 * period only when a blank line sets it apart. A given title wins.
 */
function firstHeadline(units: Unit[], source: Source): number[] {
  const deck = continuesHeadline(units[0].text) && units[1]?.kind === 'text' ? 1 : 0;
  const next = units[deck + 1];
  if (!next || units[0].kind !== 'text') return [];
  const lines = deck ? [0, 1] : [0];
  const text = lines.map((i) => units[i].text).join(' ');
  const standsAlone = /\n[ \t\r]*\n/.test(source.text.slice(units[deck].end, next.start));
  if (!isHeadline(text, { periodOk: standsAlone })) return [];
  const given = source.given.title;
  return !given || normalise(given) === normalise(text) ? lines : [];
}

function groupUnits(units: Unit[], source: Source): Group[] {
  const groups: Group[] = [{ first: 0, last: units.length - 1, headline: firstHeadline(units, source) }];
  let hasBody = false;
  for (let i = 0; i < units.length; i++) {
    const current = groups[groups.length - 1];
    if (!hasBody || !HEADER_KINDS.has(units[i].kind)) {
      hasBody ||= units[i].kind === 'text' && !current.headline.includes(i);
      continue;
    }
    const { end, opens } = headerRun(units, i);
    if (!opens) {
      i = end - 1; // no later start inside this run opens one either: it holds fewer kinds
      continue;
    }
    // a headline-like last line of the previous article is this article's headline
    const prev = units[i - 1];
    const pulled = prev.kind === 'text' && isHeadline(prev.text, { periodOk: false }) && i - 1 > current.first + 1;
    const first = pulled ? i - 1 : i;
    current.last = first - 1;
    groups.push({ first, last: units.length - 1, headline: pulled ? [first] : [] });
    hasBody = false;
    i = end - 1;
  }
  return groups;
}

/**
 * The headline as an article of its own for the quote stages (headlines quote people too: "Doe: Plan Is 'a
 * Disgrace'"), or null. Read apart from the body, so that its capitalised words are never taken for names there.
 */
export function headlineView(article: Article): Article | null {
  return article.headline?.length ? { ...article, paragraphs: article.headline } : null;
}

// ---------------------------------------------------------------------------------------------- metadata

const normalise = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function buildArticle(source: Source, units: Unit[], group: Group, body: number[], index: number): Article {
  const mine = units.slice(group.first, group.last + 1);
  const of = (kind: Kind) => mine.filter((u) => u.kind === kind);
  const paragraphs = body.map((i) => units[i]);
  const bylines = of('byline').map((u) => parseByline(u.text)!);
  const dateline = paragraphs.length > 0 ? parseDateline(paragraphs[0].text) : null;
  const given = index === 1 ? source.given : { outlet: source.given.outlet, url: source.given.url };
  const outlet =
    canonical(given.outlet) ??
    outletLine(of('outlet')[0]?.text ?? '') ??
    bylines.find((b) => b.outlet)?.outlet ??
    dateline?.outlet ??
    null;
  const basedOn = [...of('credit').map((u) => parseCredit(u.text)!), ...paragraphs.map((p) => trailingCredit(p.text) ?? [])];
  return {
    id: `${source.id}#${index}`,
    index,
    source,
    span: { start: mine[0].start, end: mine[mine.length - 1].end },
    paragraphs: paragraphs.map(({ start, end }) => ({ start, end })),
    headline: group.headline.map((i) => ({ start: units[i].start, end: units[i].end })),
    title: given.title?.trim() || (group.headline.length > 0 ? titleOf(group.headline.map((i) => units[i].text)) : null),
    outlet,
    byline: given.byline?.length ? given.byline : [...new Set(bylines.flatMap((b) => b.names))],
    published: isoDate(given.published) ?? firstDate(of('date')),
    dateline: dateline?.place ?? null,
    url: given.url ?? null,
    basedOn: [...new Set(basedOn.flat())],
    cites: findCites(paragraphs.map((p) => p.text), outlet),
  };
}

/** The first date line's date that has a year (chrono only until one does). */
function firstDate(lines: Unit[]): string | null {
  for (const u of lines) {
    const date = isoDate(u.text);
    if (date) return date;
  }
  return null;
}

/** A given outlet in its canonical form when the lexicon knows it ("AP" -> "Associated Press"). */
const canonical = (outlet: string | null | undefined): string | null =>
  outlet?.trim() ? (outletByName(outlet) ?? outlet.trim()) : null;
