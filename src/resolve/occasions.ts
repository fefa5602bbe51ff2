// Occasions across quotes: whether two quotes' occasions can be one event, whether they are shown to be one (a
// shared date, place or medium, not only a kind), and the one occasion of a statement, with an id from its content.
import { createHash } from 'node:crypto';
import type { Occasion, OccasionKind } from '../pipeline/doc.js';

/** Kinds one event may be called by: a speech at a rally is one occasion, a tweet and an interview are two. */
const FAMILY: Record<OccasionKind, string> = {
  speech: 'address', rally: 'address', 'campaign event': 'address', convention: 'address', remarks: 'address',
  'press conference': 'press', debate: 'debate', 'town hall': 'town hall', interview: 'interview', hearing: 'hearing',
  statement: 'written', email: 'written', letter: 'written', memo: 'written', 'op-ed': 'written', post: 'post',
  tweet: 'tweet', ad: 'ad', video: 'ad', book: 'book', ruling: 'ruling', report: 'report',
};
/** Kinds a speaker produces many of on one day: one of them is identified only by its words, never by the day. */
const MANY_A_DAY = new Set<OccasionKind>(['tweet', 'post', 'remarks', 'interview']);
/** Each one its own occasion (one tweet, one post): never shared by two statements. */
const SINGLE = new Set<OccasionKind>(['tweet', 'post']);
/** Events with many speakers (an occasion node shared by them); the others belong to their speaker. */
const SHARED = new Set<OccasionKind>(['debate', 'hearing', 'convention', 'town hall']);

const placeKey = (p: string) => p.split(',')[0].trim().toLowerCase().replace(/^the\s+/, '');
const agree = (a: string | null, b: string | null, key = (s: string) => s.toLowerCase()) => !a || !b || key(a) === key(b);

/** Nothing tells them apart: kinds of one family, and no date, place or medium that differs. */
export function compatible(a: Occasion, b: Occasion): boolean {
  return FAMILY[a.kind] === FAMILY[b.kind] && agree(a.date, b.date) && agree(a.place, b.place, placeKey) && agree(a.medium, b.medium);
}

/**
 * Shown to be one event without a word in common: compatible, on the same day, and, for kinds a speaker has
 * several of in a day (interviews, remarks), in the same medium or place. Never undated: a speaker gives many
 * CNN interviews and many speeches in Washington. A tweet or a post is one of many: only its words identify it.
 */
export function sameOccasion(a: Occasion, b: Occasion): boolean {
  if (!compatible(a, b) || !a.date || !b.date || SINGLE.has(a.kind) || SINGLE.has(b.kind)) return false;
  if (!MANY_A_DAY.has(a.kind) && !MANY_A_DAY.has(b.kind)) return true;
  return (!!a.medium && !!b.medium) || (!!a.place && !!b.place);
}

/** Two quotes of one article each tied to a tweet (or post) of its own: "tweeted ..., then tweeted ...". */
export function twoOfAKind(a: Occasion | null, b: Occasion | null): boolean {
  return !!a?.cue && !!b?.cue && SINGLE.has(a.kind) && SINGLE.has(b.kind) && a.cue.start !== b.cue.start;
}

export interface StatementOccasion {
  /** From the content: kind and date (with the medium of an interview, the speaker of a one-speaker event). */
  id: string;
  kind: OccasionKind;
  date: string | null;
  place: string | null;
  medium: string | null;
}

function mostCommon<T>(xs: T[], key: (x: T) => string = String): T | null {
  const counts = new Map<string, { x: T; n: number }>();
  for (const x of xs) {
    const k = key(x);
    counts.set(k, { x, n: (counts.get(k)?.n ?? 0) + 1 });
  }
  return [...counts].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))[0]?.[1].x ?? null;
}

/**
 * One occasion for the quotes of a statement: the most named kind, then the most named date, place and medium among
 * the quotes of that kind's family (the statement's own day when none dates it). A dated event is shared by every statement made there: its id is its kind and
 * day (and the medium, for kinds a speaker has several of a day; the speaker, unless it is a debate, hearing,
 * convention or town hall). An undated one, or a tweet, is told apart only by its statement, whose id it takes.
 */
export function statementOccasion(
  occasions: Occasion[], speakerId: string, statementId: string, saidOn: string | null = null,
): StatementOccasion | null {
  const kind = mostCommon(occasions.map((o) => o.kind));
  if (!kind) return null;
  const same = occasions.filter((o) => FAMILY[o.kind] === FAMILY[kind]);
  const pick = (f: (o: Occasion) => string | null) => mostCommon(same.map(f).filter((x): x is string => !!x));
  // the day the statement was said is its occasion's, when no quote naming the occasion dates it
  const date = pick((o) => o.date) ?? saidOn, place = pick((o) => o.place), medium = pick((o) => o.medium);
  const identity =
    date && !SINGLE.has(kind)
      ? [kind, date, MANY_A_DAY.has(kind) ? (medium?.toLowerCase() ?? '') : '', SHARED.has(kind) ? '' : speakerId]
      : [kind, statementId];
  const id = `occasion:${createHash('sha256').update(identity.join('\n')).digest('hex').slice(0, 12)}`;
  return { id, kind, date, place, medium };
}
