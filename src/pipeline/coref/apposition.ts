// The whole appositive group a speaker mention belongs to. A chooser may pick the piece of it nearest the cue
// ("House Speaker Paul Ryan, R-Wis., said" -> "R-Wis"; "Jane Doe, 59, of Ashton, Md., said" -> "Md.") or its
// head role without the name that follows ("Smith's niece, state Del. Jane Price, said"); what the group denotes
// is its person name, so coreference reads the group. Only commas join it, inside one sentence of narrative.
import type { Span } from '../doc.js';
import { readMention } from './mention.js';
import { isPunct, words, type Word } from './text.js';

/** How far around the mention its group is looked for (characters). */
const REACH = 160;
/** At most this many comma pieces between a name and the piece chosen, each at most this many words. */
const MAX_PIECES = 3;
const MAX_WORDS = 8;

/** The mention widened to the appositive group holding the person it denotes, or the mention as it is. */
export function appositiveGroup(text: string, m: Span, quoted: Span[], within: Span): Span {
  const ws = words(text, { start: Math.max(within.start, m.start - REACH), end: Math.min(within.end, m.end + REACH) }, quoted);
  // from the word the mention starts in: "old mother" cut from "34-year-old mother"
  const i = ws.findIndex((w) => w.end > m.start);
  let j = i;
  while (j + 1 < ws.length && ws[j + 1].end <= m.end) j++;
  if (i < 0 || ws[i].start >= m.end || ws.slice(i, j + 1).some((w) => w.quoted)) return m;
  const own = readMention(ws.slice(i, j + 1));
  // "Jane Doe, 59, of Ashton, Md., who said": a relative pronoun after a comma stands for the group before it
  const relative = own?.kind === 'pronoun' && i === j && RELATIVE.has(ws[i].lower) && ws[i - 1]?.text === ',';
  if (!own || (own.kind === 'pronoun' && !relative) || isPerson(own)) return m;
  // a role noun ("niece"), not a capitalised abbreviation read as one ("Md.")
  if (own.kind === 'role' && ws.slice(i, j + 1).some((w) => !w.cap && !isPunct(w))) {
    // "Smith's niece, state Del. Jane Price": the name after it
    const piece = pieceAt(ws, j + 2, 1, ws[i].sent);
    if (ws[j + 1]?.text === ',' && piece && namesPerson(ws, piece)) return { start: m.start, end: ws[piece[1]].end };
    const a = roleStart(ws, i);
    return ws[a].start === m.start ? m : { start: ws[a].start, end: m.end };
  }
  // "Paul Ryan, R-Wis.": a name before it, across short pieces ("59", "of Ashton")
  let k = i - 1;
  for (let n = 0; n <= MAX_PIECES && ws[k]?.text === ','; n++) {
    const piece = pieceAt(ws, k - 1, -1, ws[i].sent);
    if (!piece) return m;
    // "..., Patti LaBelle and Stevie Wonder, who joked": the last of a list, and nothing before it
    const and = relative ? ws.slice(piece[0], piece[1] + 1).findLastIndex((w) => w.lower === 'and') : -1;
    if (and >= 0) piece[0] += and + 1;
    const start = namesPerson(ws, piece);
    if (start !== null) return { start, end: m.end };
    if (and >= 0) return m;
    k = piece[0] - 1;
  }
  return m;
}

const RELATIVE = new Set(['who', 'which']);
const DETERMINER = /^(the|a|an)$/u;

/**
 * Where a role phrase starts: at its determiner ("the 34-year-old mother"), or for a second conjunct at the first
 * one's ("The former first lady and U.S. senator"), both one person.
 */
function roleStart(ws: Word[], i: number): number {
  const sent = ws[i].sent;
  const open = (k: number) => k >= 0 && ws[k].sent === sent && !ws[k].quoted;
  if (DETERMINER.test(ws[i].lower)) return i;
  if (open(i - 1) && DETERMINER.test(ws[i - 1].lower)) return i - 1;
  if (!open(i - 1) || ws[i - 1].lower !== 'and') return i;
  for (let k = i - 2; k >= i - 2 - MAX_WORDS && open(k) && !isPunct(ws[k]); k--) if (DETERMINER.test(ws[k].lower)) return k;
  return i;
}

const isPerson = (r: ReturnType<typeof readMention>) => r?.kind === 'name' && r.run.kind === 'person';

/** "of Ashton" says where someone is from, "who met Jane Price" is a clause: neither names the one speaking. */
const NOT_NAMING = new Set(['of', 'from', 'in', 'at', 'who', 'which', 'that', 'whose', 'whom', 'where', 'when']);

/** Where the person's name (its titles included) in the piece starts, when the piece is that name, at most one word before it. */
function namesPerson(ws: Word[], [a, b]: [number, number]): number | null {
  const r = readMention(ws.slice(a, b + 1));
  return r?.kind === 'name' && r.run.kind === 'person' && r.run.a <= 1 && !NOT_NAMING.has(ws[a].lower) ? r.run.start : null;
}

/** The comma piece from word k walking in direction d: word indexes [a, b], none quoted, in sentence `sent`. */
function pieceAt(ws: Word[], k: number, d: 1 | -1, sent: number): [number, number] | null {
  let e = k;
  while (ws[e] && !(isPunct(ws[e]) && /^[,;:!?\u2014\u2013]$/u.test(ws[e].text)) && !ws[e].quoted && ws[e].sent === sent) e += d;
  const [a, b] = d === 1 ? [k, e - 1] : [e + 1, k];
  if (b < a || ws.slice(a, b + 1).filter((w) => !isPunct(w)).length > MAX_WORDS) return null;
  // a piece ends at a comma (or the sentence): a verb after the name ("Price said") would make it a clause
  if (d === 1 && ws[e]?.text !== ',') return null;
  return [a, b];
}
