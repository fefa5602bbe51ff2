// The evidence that two quotes in different articles report one utterance: the same words (a copy, an excerpt,
// a quote running over what another article splits in two), or the same meaning (another translation) where the
// two articles are shown to cover the same passage. Compared only within a speaker's block (and the blocks of
// speakers who speak for one another), never across the corpus.
import { SAME_MEANING, dot, sameWords, sharedCount, wording, type Wording } from './wording.js';
import { apartInTime, datedNear, joinable, type Unit } from './units.js';

export interface Link {
  i: number;
  j: number;
  /** Words of the shorter wording: how much the link rests on. */
  words: number;
}

/**
 * Links resting on fewer words join their two quotes but anchor nothing more (see groupByOccasion): a few words
 * recur on many occasions ("make America great again", "a hell of a lot worse"), a long passage seldom does.
 */
export const ANCHOR_WORDS = 8;
/** A re-wording this close in meaning, and this long, is a copy in other words on its own. */
const NEAR_COPY = { cosine: 0.9, words: 8 };
/** Content words shared by two wordings: a pair worth comparing by meaning needs at least this many. */
export const MIN_SHARED = 2;
const MIN_WORDS_BY_MEANING = 3;

/** A pair compared by meaning: other articles, and enough content words in common to be worth embedding. */
export const meaningPair = (a: Unit, b: Unit) =>
  a.articleId !== b.articleId && Math.min(a.count, b.count) >= MIN_WORDS_BY_MEANING && sharedCount(a.content, b.content) >= MIN_SHARED;

/** Consecutive quotes of a speaker in one paragraph of one article: one passage, its words run together. */
export interface Passage {
  first: number;
  wording: Wording;
}
export const passageOf = (units: Unit[], run: number[]): Passage => ({ first: run[0], wording: wording(run.map((i) => units[i].text).join(' ')) });

export function textLinks(units: Unit[], blocks: Map<string, number[]>, passages: Passage[]): Link[] {
  const links: Link[] = [];
  const byMeaning: Link[] = [];
  const comparable = (a: Unit, b: Unit) => a.selfQuote === b.selfQuote && !apartInTime(a.saidOn, b.saidOn);
  const compare = (i: number, j: number) => {
    const a = units[i], b = units[j];
    if (!comparable(a, b)) return;
    const words = Math.min(a.count, b.count);
    if (sameWords(a, b)) links.push({ i, j, words });
    else if (a.vector && b.vector && meaningPair(a, b) && dot(a.vector, b.vector) >= SAME_MEANING) byMeaning.push({ i, j, words });
  };
  for (const idx of blocks.values()) for (let x = 0; x < idx.length; x++) for (let y = x + 1; y < idx.length; y++) compare(idx[x], idx[y]);
  // a person and the body they speak for: one statement, reported under either name (by words only)
  for (const [p, o] of affiliated(units, blocks))
    for (const i of blocks.get(p)!)
      for (const j of blocks.get(o)!)
        if (units[i].articleId !== units[j].articleId && comparable(units[i], units[j]) && sameWords(units[i], units[j]))
          links.push({ i, j, words: Math.min(units[i].count, units[j].count) });

  // a quote that runs over what another article splits into two quotes of one passage ("..., he said. '...'")
  for (const p of passages) {
    const owner = units[p.first];
    for (const i of blocks.get(owner.speakerId) ?? []) {
      const u = units[i];
      if (u.articleId === owner.articleId || !joinable(u) || !comparable(u, owner) || u.count > p.wording.count) continue;
      if (sameWords(u, p.wording)) links.push({ i, j: p.first, words: u.count });
    }
  }
  return [...links, ...corroborated(units, blocks, byMeaning, links)];
}

const pairOf = (units: Unit[], l: Link) => {
  const [a, b] = [units[l.i].articleId, units[l.j].articleId].sort();
  return `${units[l.i].speakerId}\n${a}\n${b}`;
};

/**
 * Links by meaning alone that more than the likeness supports. A speaker says alike things on many occasions, so
 * a re-wording counts only where the two articles are shown to report the same passage: said or reported within
 * the window of each other; or sharing the speaker's words elsewhere; or aligning several of the speaker's quotes
 * (a translation of a passage comes with its neighbours, a refrain alone), or all of them in one article; or so
 * close and long that it is a copy in other words.
 */
function corroborated(units: Unit[], blocks: Map<string, number[]>, byMeaning: Link[], byWords: Link[]): Link[] {
  const sharing = new Set(byWords.map((l) => pairOf(units, l)));
  const sides = new Map<string, Map<string, Set<number>>>();
  for (const l of byMeaning) {
    const k = pairOf(units, l);
    const s = sides.get(k) ?? new Map<string, Set<number>>();
    sides.set(k, s);
    for (const i of [l.i, l.j]) s.set(units[i].articleId, (s.get(units[i].articleId) ?? new Set()).add(i));
  }
  const quotesIn = new Map<string, number>();
  for (const [speaker, idx] of blocks) for (const i of idx) quotesIn.set(`${speaker}\n${units[i].articleId}`, (quotesIn.get(`${speaker}\n${units[i].articleId}`) ?? 0) + 1);
  return byMeaning.filter((l) => {
    const a = units[l.i], b = units[l.j];
    const k = pairOf(units, l);
    const aligned = sides.get(k)!;
    const left = aligned.get(a.articleId)!.size, right = aligned.get(b.articleId)!.size;
    const all = left === quotesIn.get(`${a.speakerId}\n${a.articleId}`) || right === quotesIn.get(`${b.speakerId}\n${b.articleId}`);
    const nearCopy = l.words >= NEAR_COPY.words && dot(a.vector!, b.vector!) >= NEAR_COPY.cosine;
    return datedNear(a, b) || sharing.has(k) || Math.min(left, right) >= 2 || all || nearCopy;
  });
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[’']/g, "'").replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ').trim();
const NOT_A_NAME = new Set(['the', 'u s', 'us', 'u.s.']);

/**
 * Speaker pairs [person, organization] where the person may speak for the organization: the article names the
 * person by it ("FBI Director James Comey", "a State Department spokesman") or its initials ("NSC spokesperson");
 * and one name resolved once as a person and once as an organization ("Clinton's campaign", "Hillary Clinton").
 */
export function affiliated(units: Unit[], blocks: Map<string, number[]>): [string, string][] {
  const info = new Map<string, { type: string; name: string; naming: string[] }>();
  for (const [id, idx] of blocks) {
    const u = units[idx[0]];
    info.set(id, { type: u.speakerType, name: u.speakerName, naming: [...new Set(idx.map((i) => units[i].naming).filter(Boolean))] });
  }
  const keysOf = (name: string) => {
    const words = fold(name).split(' ').filter((w) => w && !NOT_A_NAME.has(w));
    const initials = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w) && !/^(?:The|U\.S\.)$/.test(w)).map((w) => w[0]).join('');
    return { phrase: words.join(' '), initials: initials.length >= 2 ? initials : null };
  };
  const orgs = [...info].filter(([, s]) => s.type === 'organization').map(([id, s]) => ({ id, ...s, ...keysOf(s.name) }));
  const byFirst = new Map<string, typeof orgs>();
  const byInitials = new Map<string, typeof orgs>();
  const byName = new Map<string, typeof orgs>();
  const push = (m: Map<string, typeof orgs>, k: string, o: (typeof orgs)[number]) => m.set(k, [...(m.get(k) ?? []), o]);
  for (const o of orgs) {
    if (o.phrase) push(byFirst, o.phrase.split(' ')[0], o);
    if (o.initials) push(byInitials, o.initials, o);
    push(byName, fold(o.name), o);
  }
  const out: [string, string][] = [];
  for (const [id, s] of info) {
    if (s.type !== 'person') continue;
    const found = new Set<string>();
    for (const text of s.naming) {
      const words = ` ${fold(text)} `;
      for (const w of new Set(words.trim().split(' ')))
        for (const o of byFirst.get(w) ?? []) if (words.includes(` ${o.phrase} `)) found.add(o.id);
      for (const w of text.match(/\b\p{Lu}{2,}\b/gu) ?? []) for (const o of byInitials.get(w) ?? []) found.add(o.id);
    }
    for (const o of byName.get(fold(s.name)) ?? []) found.add(o.id);
    for (const o of found) out.push([id, o]);
  }
  return out;
}
