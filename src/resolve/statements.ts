// Statements: the quotes that report one utterance of one speaker, across articles and outlets. An utterance is
// one occasion's words (an answer, a passage of a speech, an interview, a written statement). Quotes join when
// one is a copy of the other (verbatim, trimmed, re-punctuated, or running over two quotes of another article),
// says the same in other words where the two articles are shown to report one passage (another translation), or
// when their articles tie them to one occasion (see groupByOccasion). Quotes are compared only within their
// speaker's block (and the blocks of speakers who speak for one another) and a time window, never across the
// corpus; the graph's statements (`known`) take part, so re-ingest keeps every id.
import { createHash } from 'node:crypto';
import * as fuzz from 'fuzzball';
import type { ArticleDoc, Occasion, Quote } from '../pipeline/doc.js';
import { groupByOccasion } from './by-occasion.js';
import { Groups } from './groups.js';
import { ANCHOR_WORDS, MIN_SHARED, meaningPair, passageOf, textLinks, type Passage } from './links.js';
import { statementOccasion, twoOfAKind, type StatementOccasion } from './occasions.js';
import { chooseReference } from './reference.js';
import { apartInTime, joinable, type Unit } from './units.js';
import {
  MIN_WORDS, SAME_MEANING, canon, contentWords, difference, dot, needsMeaning, sameWords, sharedCount, wording,
  type Difference, type Wording,
} from './wording.js';

export type { Difference } from './wording.js';
export type { StatementOccasion } from './occasions.js';

export interface StatementQuote {
  articleId: string;
  start: number;
  end: number;
  text: string;
  difference: Difference;
  /** The stored quote's id, for quotes read from the graph. */
  id?: string;
  outlet?: string | null;
  published?: string | null;
  /** A stored quote whose difference this resolution changed (the reference changed): to be written again. */
  changed?: boolean;
}

export interface ResolvedStatement {
  id: string;
  speakerId: string;
  /** The reference wording: the text of one report of it (see chooseReference), never several glued together. */
  canonical: string;
  /** Which quote that is. */
  reference: { articleId: string; start: number };
  saidOn: string | null;
  topics: string[];
  quotes: StatementQuote[];
  /** Where it was said, when an article names it. */
  occasion: StatementOccasion | null;
  /** Embedding of the reference wording, when one was computed (stored for later runs). */
  embedding?: number[];
}

/** A statement as read back from the graph (older graphs may lack its reference and occasion). */
export type KnownStatement = Omit<ResolvedStatement, 'reference' | 'occasion'> & {
  reference?: ResolvedStatement['reference'] | null;
  occasion?: StatementOccasion | null;
};
export type Embedder = (texts: string[]) => Promise<Float32Array[]>;

/** A quote with no speaker takes the speaker of a word-for-word copy this long or longer. */
const ORPHAN_WORDS = 6;

/**
 * The docs' quotes grouped into statements, joining the `known` ones (from the graph) where they are the same
 * utterance. Returns the statements the docs' quotes are in (with the stored wordings of the known ones they
 * joined), not the known statements they left alone.
 */
export async function groupStatements(
  docs: ArticleDoc[],
  known: KnownStatement[],
  embed: Embedder | null,
): Promise<{ docs: ArticleDoc[]; statements: ResolvedStatement[] }> {
  const units: Unit[] = [];
  const paragraphOf = (d: ArticleDoc, q: Quote) => d.article.paragraphs.findIndex((p) => q.start < p.end && p.start < q.end);
  const unitOf = (d: ArticleDoc, di: number, q: Quote, qi: number, speakerId: string): Unit => {
    const w = wording(q.text);
    const parent = q.kind === 'embedded' && q.parent != null ? d.quotes[q.parent] : null;
    return {
      ...w, content: contentWords(w), doc: di, quote: qi, articleId: d.article.id, speakerId, text: q.text,
      speakerName: q.speaker?.name ?? '', speakerType: q.speaker?.type ?? 'person', paragraph: paragraphOf(d, q),
      naming: [q.speaker?.mention?.text, q.speaker?.mention?.role, q.speaker?.role].filter(Boolean).join(' | '),
      saidOn: q.saidOn ?? null,
      order: `${q.saidOn ?? '~'}|${d.article.published ?? '~'}|${d.article.id}|${String(q.start).padStart(9, '0')}`,
      selfQuote: parent?.speaker?.id === speakerId, embedded: q.kind === 'embedded', partial: q.kind === 'partial', vector: null, topics: q.topics,
      occasion: q.occasion ?? null, outlet: d.article.outlet, published: d.article.published,
    };
  };
  // one text read from two files is one article (its id is its content's): grouped once, both copies get the result
  const firstDoc = new Map<string, number>();
  docs.forEach((d, di) => firstDoc.has(d.article.id) || firstDoc.set(d.article.id, di));
  const copy = (di: number) => firstDoc.get(docs[di].article.id) !== di;
  docs.forEach((d, di) =>
    copy(di) ||
    d.quotes.forEach((q, qi) => {
      if (q.speaker?.id) units.push(unitOf(d, di, q, qi, q.speaker.id));
    }),
  );
  const speakerOfOrphan = adoptOrphans(docs.map((d, di) => (copy(di) ? { ...d, quotes: [] } : d)), units);
  for (const [key, match] of speakerOfOrphan) {
    const [di, qi] = key.split(':').map(Number);
    units.push({ ...unitOf(docs[di], di, docs[di].quotes[qi], qi, match.speakerId), speakerName: match.speakerName, speakerType: match.speakerType });
  }
  units.sort((a, b) => a.doc - b.doc || a.quote - b.quote);

  // blocks: one speaker's quotes; embed only blocks where the speaker is quoted by several articles
  const blocks = new Map<string, number[]>();
  units.forEach((u, i) => {
    if (!blocks.has(u.speakerId)) blocks.set(u.speakerId, []);
    blocks.get(u.speakerId)!.push(i);
  });
  // a pair is compared by meaning only when the two share content words: embed only quotes in such a pair
  // the same for a known statement (its quotes' words, from articles other than its own): what is embedded, and
  // so the cost per batch, grows with the quotes that may match, not with all that the graph knows of a speaker
  const knownSide = known.map((s) => {
    const articles = new Set(s.quotes.map((kq) => kq.articleId));
    return { articles, content: contentWords(wording(s.quotes.map((kq) => kq.text).join(' '))) };
  });
  const meaningKnown = (u: Unit, k: (typeof knownSide)[number]) =>
    !k.articles.has(u.articleId) && u.count >= MIN_WORDS - 1 && sharedCount(u.content, k.content) >= MIN_SHARED;
  if (embed) {
    const need = new Set<number>();
    for (const idx of blocks.values())
      for (let x = 0; x < idx.length; x++)
        for (let y = x + 1; y < idx.length; y++)
          if (meaningPair(units[idx[x]], units[idx[y]])) need.add(idx[x]).add(idx[y]);
    known.forEach((s, k) => {
      if (s.embedding) for (const i of blocks.get(s.speakerId) ?? []) if (meaningKnown(units[i], knownSide[k])) need.add(i);
    });
    const list = [...need].sort((a, b) => a - b);
    const vectors = await embed(list.map((i) => units[i].text));
    list.forEach((i, k) => (units[i].vector = vectors[k]));
  }

  // statements already in the graph: a quote stored before keeps its statement (re-ingest changes nothing)
  const quoteKey = (articleId: string, start: number, end: number) => `${articleId}:${start}:${end}`;
  const unitByKey = new Map(units.map((u, i) => [quoteKey(u.articleId, docs[u.doc].quotes[u.quote].start, docs[u.doc].quotes[u.quote].end), i]));
  const storedIn = new Map<number, string>();
  for (const s of known)
    for (const kq of s.quotes) {
      const hit = unitByKey.get(quoteKey(kq.articleId, kq.start, kq.end));
      if (hit != null) storedIn.set(hit, s.id);
    }

  const groups = new Groups();
  units.forEach((u, i) => groups.make(storedIn.get(i) ?? null, u.occasion, u.saidOn));

  // one article's consecutive quotes of a speaker in one paragraph are one passage ("...," she continued. "...")
  const passages: Passage[] = [];
  let run: number[] = [];
  for (let i = 0; i <= units.length; i++) {
    const a = units[i - 1], b = units[i];
    const same = !!a && !!b && a.doc === b.doc && a.speakerId === b.speakerId && joinable(a) && joinable(b) &&
      a.paragraph === b.paragraph &&
      !twoOfAKind(a.occasion, b.occasion) && groups.union(i - 1, i);
    if (!same) {
      if (run.length > 1) passages.push(passageOf(units, run));
      run = [];
    }
    if (b && joinable(b)) run.push(i);
  }
  // copies and translations; the links resting on many words first, and only those anchor occasions
  const anchored = new Set<number>();
  for (const l of textLinks(units, blocks, passages).sort((x, y) => y.words - x.words))
    if (groups.union(l.i, l.j) && l.words >= ANCHOR_WORDS && units[l.i].articleId !== units[l.j].articleId) anchored.add(l.i);

  // new quotes join a known statement by the same tests: by meaning only from another article than the
  // statement's own quotes, by words from anywhere
  const knownNode = new Map<number, KnownStatement>();
  const nodeOf = new Map<string, number>();
  for (const k of known.map((_, k) => k).sort((a, b) => known[a].id.localeCompare(known[b].id))) {
    const s = known[k];
    const node = groups.make(s.id, s.occasion ? { ...s.occasion, cue: null } : null, s.saidOn);
    knownNode.set(node, s);
    nodeOf.set(s.id, node);
    const vector = s.embedding ? Float32Array.from(s.embedding) : null;
    let wordings: Wording[] | null = null;
    for (const i of blocks.get(s.speakerId) ?? []) {
      const u = units[i];
      if (storedIn.has(i) || apartInTime(s.saidOn, u.saidOn)) continue;
      const byMeaning = !!vector && !!u.vector && meaningKnown(u, knownSide[k]) && dot(u.vector, vector) >= SAME_MEANING;
      if (byMeaning || (wordings ??= s.quotes.map((kq) => wording(kq.text))).some((w) => sameWords(u, w))) groups.union(node, i);
    }
  }
  for (const [i, id] of storedIn) groups.union(nodeOf.get(id)!, i);
  groupByOccasion(units, groups, knownNode, anchored);

  const members = new Map<number, { units: number[]; known: KnownStatement[] }>();
  const member = (root: number) => {
    if (!members.has(root)) members.set(root, { units: [], known: [] });
    return members.get(root)!;
  };
  units.forEach((_, i) => member(groups.find(i)).units.push(i));
  for (const [node, s] of knownNode) member(groups.find(node)).known.push(s);

  const drafts: Draft[] = [];
  const statementOf = new Map<number, string>();
  // a new statement never takes the id of a stored one it did not join, left alone or not
  const usedIds = new Set<string>(known.map((k) => k.id));
  for (const { units: ui, known: ks } of members.values()) {
    // a stored statement no quote of the batch joined is as it was written: measuring it again (embedding its
    // wordings) would cost every batch the speaker's whole past
    if (!ui.length && ks.length === 1) continue;
    const us = ui.map((i) => units[i]).sort((a, b) => a.order.localeCompare(b.order));
    const speakerId = ks[0]?.speakerId ?? speakerOf(us);
    // the same words said on two occasions are two statements: the date, then the first quote's place, tell them apart
    const hash = (s: string) => `stmt:${createHash('sha256').update(s).digest('hex').slice(0, 12)}`;
    let id = ks.map((k) => k.id).sort()[0] ?? hash(`${speakerId}\n${us[0].words}\n${us[0].saidOn ?? ''}`);
    if (!ks.length && usedIds.has(id)) id = hash(`${id}\n${us[0].articleId}:${docs[us[0].doc].quotes[us[0].quote].start}`);
    usedIds.add(id);
    drafts.push(draft(id, speakerId, us, ks, docs));
    for (const i of ui) statementOf.set(i, id);
  }
  const statements = await measureWordings(drafts, embed);

  const out = docs.map((d, di) => ({
    ...d,
    quotes: d.quotes.map((q, qi) => {
      const i = unitByKey.get(quoteKey(d.article.id, q.start, q.end));
      const own = firstDoc.get(d.article.id)!;
      if (i == null || units[i].doc !== own || units[i].quote !== qi) return q;
      const from = speakerOfOrphan.get(`${own}:${qi}`);
      const speaker = from ? { ...docs[from.doc].quotes[from.quote].speaker!, mention: null, role: null } : q.speaker;
      return { ...q, speaker, statement: statementOf.get(i) ?? null };
    }),
  }));
  return { docs: out, statements: statements.sort((a, b) => a.id.localeCompare(b.id)) };
}

/**
 * A quote nobody was found to say, copied word for word from a quote another article attributes, gets that
 * speaker (`doc:quote` -> the unit it copies).
 */
function adoptOrphans(docs: ArticleDoc[], units: Unit[]): Map<string, Unit> {
  const orphans = docs.flatMap((d, di) => d.quotes.map((q, qi) => ({ d, di, q, qi })).filter(({ q }) => !q.speaker?.id && q.kind !== 'embedded'));
  const speakerOfOrphan = new Map<string, Unit>();
  if (!orphans.length || !units.length) return speakerOfOrphan;
  const index = new Map<string, number[]>();
  const grams = (w: string[]) => new Set(w.slice(0, -2).map((_, i) => w.slice(i, i + 3).join(' ')));
  units.forEach((u, i) => {
    for (const g of grams(u.words.split(' '))) {
      if (!index.has(g)) index.set(g, []);
      index.get(g)!.push(i);
    }
  });
  for (const o of orphans) {
    const ow = wording(o.q.text);
    if (ow.count < ORPHAN_WORDS) continue;
    const hits = new Map<number, number>();
    for (const g of grams(ow.words.split(' '))) for (const i of index.get(g) ?? []) hits.set(i, (hits.get(i) ?? 0) + 1);
    const matches = [...hits]
      .filter(([i, n]) => n >= 2 && units[i].articleId !== o.d.article.id && units[i].count >= ORPHAN_WORDS)
      .map(([i]) => units[i])
      // the copy must cover the orphan: an excerpt of it may be someone else's words it quotes
      .filter((u) => u.count >= 0.8 * ow.count && fuzz.partial_ratio(u.count <= ow.count ? u.words : ow.words, u.count <= ow.count ? ow.words : u.words) >= 95);
    const speakers = new Set(matches.map((u) => u.speakerId));
    if (speakers.size === 1) speakerOfOrphan.set(`${o.di}:${o.qi}`, matches[0]);
  }
  return speakerOfOrphan;
}

/** One wording of a statement, new or from the graph, before its difference to the reference is known. */
interface DraftQuote extends Omit<StatementQuote, 'difference' | 'outlet' | 'published'> {
  outlet: string | null;
  published: string | null;
  stored: Difference | null;
  vector: Float32Array | null;
}
interface Draft extends Omit<ResolvedStatement, 'quotes' | 'embedding' | 'canonical' | 'reference'> {
  quotes: DraftQuote[];
  reference: DraftQuote;
  knownEmbedding: number[] | null;
}

function draft(id: string, speakerId: string, us: Unit[], ks: KnownStatement[], docs: ArticleDoc[]): Draft {
  const quoteKey = (q: { articleId: string; start: number; end: number }) => `${q.articleId}:${q.start}:${q.end}`;
  const fresh: DraftQuote[] = us.map((u) => {
    const q = docs[u.doc].quotes[u.quote];
    return { articleId: u.articleId, start: q.start, end: q.end, text: q.text, outlet: u.outlet, published: u.published, stored: null, vector: u.vector };
  });
  const seen = new Set(fresh.map(quoteKey));
  const old: DraftQuote[] = ks
    .flatMap((k) => k.quotes)
    .filter((q) => !seen.has(quoteKey(q)))
    .map((q) => ({ ...q, outlet: q.outlet ?? null, published: q.published ?? null, stored: q.difference, vector: null }));
  const quotes = [...fresh, ...old];
  const dates = us.map((u) => u.saidOn).filter((d): d is string => !!d);
  const occasions = us.map((u) => u.occasion).filter((o): o is Occasion => !!o);
  for (const k of ks) if (k.occasion) occasions.push({ ...k.occasion, cue: null });
  const saidOn = mostCommon(dates) ?? ks.find((k) => k.saidOn)?.saidOn ?? null;
  return {
    id,
    speakerId,
    reference: chooseReference(quotes),
    saidOn,
    topics: [...new Set([...us.flatMap((u) => u.topics), ...ks.flatMap((k) => k.topics)])].sort(),
    quotes,
    occasion: statementOccasion(occasions, speakerId, id, saidOn),
    knownEmbedding: ks.find((k) => k.embedding)?.embedding ?? null,
  };
}

/**
 * Every wording's difference to its statement's reference, for the quotes from the graph too (a later, fuller
 * report may have become the reference). Telling a translation from a re-wording takes both vectors: the few
 * wordings that need one and have none are embedded, in one call.
 */
async function measureWordings(drafts: Draft[], embed: Embedder | null): Promise<ResolvedStatement[]> {
  if (embed) {
    const missing = new Set<DraftQuote>();
    for (const d of drafts)
      for (const q of d.quotes)
        if (q !== d.reference && q.articleId !== d.reference.articleId && needsMeaning(q.text, d.reference.text))
          for (const x of [q, d.reference]) if (!x.vector) missing.add(x);
    const list = [...missing];
    const vectors = list.length ? await embed(list.map((q) => q.text)) : [];
    list.forEach((q, i) => (q.vector = vectors[i]));
  }
  return drafts.map(({ quotes, reference, knownEmbedding, ...d }) => {
    const s: ResolvedStatement = {
      ...d,
      canonical: reference.text,
      reference: { articleId: reference.articleId, start: reference.start },
      quotes: quotes.map((dq) => {
        const { stored, vector, ...q } = dq;
        const diff: Difference =
          dq === reference ? 'canonical' : difference(q.text, reference.text, vector, reference.vector, q.articleId === reference.articleId);
        return stored && stored !== diff ? { ...q, difference: diff, changed: true } : { ...q, difference: diff };
      }),
    };
    const vector = reference.vector ? Array.from(reference.vector) : knownEmbedding;
    if (vector) s.embedding = vector;
    return s;
  });
}

/**
 * The one speaker of a statement whose quotes name several (a person and the body they speak for): the one most
 * of its quotes name, a person before an organization, then by id. Each quote keeps its own attribution.
 */
function speakerOf(us: Unit[]): string {
  const counts = new Map<string, { n: number; person: boolean }>();
  for (const u of us) counts.set(u.speakerId, { n: (counts.get(u.speakerId)?.n ?? 0) + 1, person: u.speakerType === 'person' });
  return [...counts].sort((a, b) => b[1].n - a[1].n || +b[1].person - +a[1].person || a[0].localeCompare(b[0]))[0][0];
}

function mostCommon(xs: string[]): string | null {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}
