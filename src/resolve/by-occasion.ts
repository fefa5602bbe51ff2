// Statement grouping by occasion, after the words have spoken: quotes that no other article reports in words of
// their own join by the occasion their article ties them to.
import type { KnownStatement } from './statements.js';
import type { Groups } from './groups.js';
import { sameOccasion } from './occasions.js';
import { byArticleAndSpeaker, joinable, type Unit } from './units.js';

/** A quote this many paragraphs from an excerpt of the same speaker continues it, in the article's telling. */
const NEAR_PARAGRAPHS = 2;
/** As far, where that excerpt names the one occasion the article gives its speaker (chosen on polnear-train: 4, 6, 10 tried). */
const ONE_OCCASION_PARAGRAPHS = 6;

/**
 * In each article, per speaker:
 * - excerpts that a copy of the article (a wire story, a republished piece) carries word for word, each of them,
 *   are one source's interview or passage: one statement; the copy is known by COPY_TWINS or more of the
 *   speaker's wordings found in both, and then even a two-word fragment is the same quote in both;
 * - a whole quote (not a fragment) found in no other article joins the excerpt of a compatible occasion
 *   that other articles also report, in words resting on at least ANCHOR_WORDS (`anchored`: a short refrain
 *   anchors nothing), where the article ties the two: both name their occasion, or they stand at most
 *   NEAR_PARAGRAPHS apart (ONE_OCCASION_PARAGRAPHS where the excerpt names the only occasion the article gives
 *   that speaker); tied to several, the one fewest paragraphs away (equally near: none);
 * - a group found in one article only joins the one group of other articles on the same dated occasion.
 * Quotes of one article that no other reports stay apart (an article may quote a speaker from several occasions),
 * and so do two excerpts that other articles each report on its own: a statement is one passage, an answer, not
 * the whole speech; the Occasion node is what the passages of one event share.
 */
export function groupByOccasion(units: Unit[], groups: Groups, knownNode: Map<number, KnownStatement>, anchored: Set<number>): void {
  const where = new Map<number, Set<string>>();
  const add = (node: number, articleId: string) => {
    const root = groups.find(node);
    where.set(root, (where.get(root) ?? new Set()).add(articleId));
  };
  units.forEach((u, i) => add(i, u.articleId));
  for (const [node, s] of knownNode) for (const q of s.quotes) add(node, q.articleId);
  const spread = (node: number) => where.get(groups.find(node)) ?? new Set<string>();
  const reportedElsewhere = (node: number) => spread(node).size > 1;
  const anchors = new Set([...anchored, ...knownNode.keys()].map((n) => groups.find(n)));
  const join = (a: number, b: number) => {
    const merged = new Set([...spread(a), ...spread(b)]);
    const anchor = anchors.has(groups.find(a)) || anchors.has(groups.find(b));
    if (!groups.union(a, b)) return;
    where.set(groups.find(a), merged);
    if (anchor) anchors.add(groups.find(a));
  };
  const isCore = (node: number) => reportedElsewhere(node) && anchors.has(groups.find(node));
  // a copy of the article carries the speaker's words word for word, the shortest fragments too: each is one quote
  for (const [a, b] of copyTwins(units)) {
    join(a, b);
    anchors.add(groups.find(a));
  }

  const members = new Map<number, number[]>();
  units.forEach((u, i) => joinable(u) && members.set(groups.find(i), [...(members.get(groups.find(i)) ?? []), i]));
  const copiedTo = (root: number, articleId: string) => {
    const mine = members.get(root) ?? [];
    const here = new Set(mine.filter((i) => units[i].articleId === articleId).map((i) => units[i].words));
    return new Set(mine.filter((i) => units[i].articleId !== articleId && here.has(units[i].words)).map((i) => units[i].articleId));
  };
  const lists = byArticleAndSpeaker(units);
  for (const idx of lists) {
    const cores = [...new Set(idx.filter((i) => joinable(units[i])).map((i) => groups.find(i)))].filter(isCore);
    const copies = cores.map((c) => copiedTo(c, units[idx[0]].articleId));
    for (let x = 0; x < cores.length; x++)
      for (let y = x + 1; y < cores.length; y++) if ([...copies[x]].some((a) => copies[y].has(a))) join(cores[x], cores[y]);
  }
  for (const idx of lists) {
    const roots = [...new Set(idx.filter((i) => joinable(units[i])).map((i) => groups.find(i)))];
    const cores = roots.filter(isCore);
    // the article ties a whole quote (not a fragment) to that excerpt (as the article reports it, not to what
    // joined it here since): both name their occasion, or they stand a paragraph or two apart
    const excerpt = new Map(cores.map((c) => [c, idx.filter((i) => groups.find(i) === c)]));
    const tied = (c: number, g: number) => {
      const gi = idx.filter((i) => groups.find(i) === groups.find(g)), ci = excerpt.get(c)!;
      // a fragment in the reporter's sentence ("called it 'a disgrace'") is as often a word from elsewhere
      if (gi.every((i) => units[i].partial)) return false;
      const named = gi.some((i) => units[i].occasion) && ci.some((i) => units[i].occasion);
      // the excerpt names the only occasion the article gives this speaker: a whole story about it reaches further
      const only = ci.some((i) => units[i].occasion) && idx.every((i) => !units[i].occasion || groups.canJoin(c, i));
      const reach = only ? ONE_OCCASION_PARAGRAPHS : NEAR_PARAGRAPHS;
      return named || gi.some((i) => ci.some((j) => Math.abs(units[i].paragraph - units[j].paragraph) <= reach));
    };
    const gap = (c: number, g: number) => {
      const gi = idx.filter((i) => groups.find(i) === groups.find(g)), ci = excerpt.get(c)!;
      return Math.min(...gi.flatMap((i) => ci.map((j) => Math.abs(units[i].paragraph - units[j].paragraph))));
    };
    for (const g of roots.filter((r) => !reportedElsewhere(r))) {
      const fits = cores.filter((c) => groups.canJoin(c, g) && tied(c, g)).map((c) => ({ c, d: gap(c, g) })).sort((a, b) => a.d - b.d);
      if (fits.length === 1 || (fits.length > 1 && fits[0].d < fits[1].d)) join(fits[0].c, g);
    }
  }

  const dated = new Map<string, number[]>();
  const addDated = (node: number, speakerId: string) => {
    if (groups.occasionOf(node)?.date) dated.set(speakerId, [...(dated.get(speakerId) ?? []), node]);
  };
  units.forEach((u, i) => joinable(u) && addDated(i, u.speakerId));
  for (const [node, s] of knownNode) addDated(node, s.speakerId);
  for (const nodes of dated.values())
    for (const g of nodes) {
      if (reportedElsewhere(g)) continue;
      const mine = spread(g), og = groups.occasionOf(g)!;
      const matches = new Set(
        nodes
          .map((t) => groups.find(t))
          .filter((t) => t !== groups.find(g) && ![...spread(t)].some((a) => mine.has(a)) && sameOccasion(og, groups.occasionOf(t)!)),
      );
      if (matches.size === 1) join(g, [...matches][0]);
    }
}

/** Quotes that articles copying one another carry with the same words twice or more. */
const COPY_TWINS = 2;
/** Words found in more articles than this are a refrain or a slogan, no sign that two articles copy each other. */
const COPY_SPREAD = 3;

/**
 * Pairs of one speaker's quotes with the same words in two articles that share COPY_TWINS or more of that
 * speaker's wordings found in at most COPY_SPREAD articles (a wire story, a republished piece, two versions of a
 * live blog): copies, however short. Each wording pairs at most COPY_SPREAD articles, so the cost stays linear.
 */
function copyTwins(units: Unit[]): [number, number][] {
  const byWords = new Map<string, number[]>();
  units.forEach((u, i) => {
    if (!joinable(u) || !u.words) return;
    const k = `${u.speakerId}\n${u.words}`;
    byWords.set(k, [...(byWords.get(k) ?? []), i]);
  });
  const twins = new Map<string, [number, number][]>();
  for (const idx of byWords.values()) {
    const first = new Map<string, number>();
    for (const i of idx) if (!first.has(units[i].articleId)) first.set(units[i].articleId, i);
    const arts = [...first.keys()].sort();
    if (arts.length > COPY_SPREAD) continue;
    for (let x = 0; x < arts.length; x++)
      for (let y = x + 1; y < arts.length; y++) {
        const k = `${units[idx[0]].speakerId}\n${arts[x]}\n${arts[y]}`;
        twins.set(k, [...(twins.get(k) ?? []), [first.get(arts[x])!, first.get(arts[y])!]]);
      }
  }
  return [...twins.values()].filter((ps) => ps.length >= COPY_TWINS).flat();
}
