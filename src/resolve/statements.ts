// Statements: the quotes that report one utterance of one speaker, across articles and outlets. Quotes are
// compared only within their speaker's block (and a time window), lexically for verbatim and trimmed copies,
// by sentence embeddings for re-wordings and different translations.
import { createHash } from 'node:crypto';
import * as fuzz from 'fuzzball';
import type { ArticleDoc, Quote } from '../pipeline/doc.js';

export type Difference = 'canonical' | 'verbatim' | 'trimmed' | 'repunctuated' | 'reworded' | 'translated';

export interface StatementQuote {
  articleId: string;
  start: number;
  end: number;
  text: string;
  difference: Difference;
}

export interface ResolvedStatement {
  id: string;
  speakerId: string;
  /** The fullest wording: one article's quotes of the statement, in text order. */
  canonical: string;
  saidOn: string | null;
  topics: string[];
  quotes: StatementQuote[];
  /** Embedding of the canonical wording's longest quote, when one was computed (stored for later runs). */
  embedding?: number[];
}

export type KnownStatement = ResolvedStatement & { embedding?: number[] };
export type Embedder = (texts: string[]) => Promise<Float32Array[]>;

/** Cosine of sentence embeddings above which two wordings say the same (MiniLM: translations ~0.75-0.87,
 * different sentences on one topic of one speaker at most ~0.6). */
export const SAME_MEANING = 0.65;
/** An excerpt that matches a stretch of another wording this well (fuzzball partial_ratio) is a copy. */
const SAME_WORDS = 90;
/** Fewer words than this are too common to identify an utterance ("true", "No, President Trump"). */
const MIN_WORDS = 4;
/** A quote with no speaker takes the speaker of a word-for-word copy this long or longer. */
const ORPHAN_WORDS = 6;
/** Two quotes dated further apart than this are different utterances. */
export const WINDOW_DAYS = 7;

const canon = (s: string) =>
  s.normalize('NFKC').replace(/[\u2018\u2019\u201b]/g, "'").replace(/[\u201c\u201d\u201e]/g, '"').replace(/\s+/g, ' ').trim();
/** Words only: lower case, editorial insertions ("[the U.S.]") and punctuation gone. */
export const wordsOf = (s: string) =>
  canon(s).toLowerCase().replace(/\[[^\]]*\]/g, ' ').replace(/\u2026/g, ' ').match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];

interface Unit extends Wording {
  doc: number;
  quote: number;
  articleId: string;
  speakerId: string;
  text: string;
  content: Set<string>;
  saidOn: string | null;
  order: string;
  /** An embedded quote of the speaker quoting themselves: an earlier occasion than the words around it. */
  selfQuote: boolean;
  vector: Float32Array | null;
  topics: string[];
}

class UnionFind {
  private parent: number[] = [];
  make(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    while (this.parent[x] !== x) x = this.parent[x] = this.parent[this.parent[x]];
    return x;
  }
  union(a: number, b: number) {
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Same wording: one is (nearly) a stretch of the other. */
interface Wording {
  words: string;
  count: number;
  set: Set<string>;
}
const wording = (text: string): Wording => {
  const w = wordsOf(text);
  return { words: w.join(' '), count: w.length, set: new Set(w) };
};
function sameWords(a: Wording, b: Wording): boolean {
  const [short, long] = a.count <= b.count ? [a, b] : [b, a];
  if (short.count < MIN_WORDS) return false;
  // cheap test first: a copy has nearly all its words in the other
  let found = 0;
  for (const w of short.set) if (long.set.has(w)) found++;
  return found >= 0.8 * short.set.size && fuzz.partial_ratio(short.words, long.words) >= SAME_WORDS;
}

// Words too common to suggest that two wordings report the same utterance.
const STOP = new Set(
  ('the a an and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'we you they he she i me us our your their his her them not no do does did have has had will would can could should ' +
    'may might must shall there here what which who whom when where why how all any some more most very just also than ' +
    'then so about into over out up down said says say going get got one two people think know want').split(' '),
);
/** Content words shared by two wordings: a pair worth comparing by meaning needs at least MIN_SHARED. */
const MIN_SHARED = 2;
const content = (w: Wording) => new Set([...w.set].filter((x) => x.length > 2 && !STOP.has(x)));
function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

export async function groupStatements(
  docs: ArticleDoc[],
  known: KnownStatement[],
  embed: Embedder | null,
): Promise<{ docs: ArticleDoc[]; statements: ResolvedStatement[] }> {
  const units: Unit[] = [];
  const unitOf = (d: ArticleDoc, di: number, q: Quote, qi: number, speakerId: string): Unit => {
    const w = wording(q.text);
    const parent = q.kind === 'embedded' && q.parent != null ? d.quotes[q.parent] : null;
    return {
      ...w, content: content(w), doc: di, quote: qi, articleId: d.article.id, speakerId, text: q.text,
      saidOn: q.saidOn ?? null,
      order: `${q.saidOn ?? '~'}|${d.article.published ?? '~'}|${d.article.id}|${String(q.start).padStart(9, '0')}`,
      selfQuote: parent?.speaker?.id === speakerId, vector: null, topics: q.topics,
    };
  };
  const paragraphOf = (d: ArticleDoc, q: Quote) => d.article.paragraphs.findIndex((p) => q.start < p.end && p.start < q.end);
  docs.forEach((d, di) =>
    d.quotes.forEach((q, qi) => {
      if (q.speaker?.id) units.push(unitOf(d, di, q, qi, q.speaker.id));
    }),
  );
  // a quote nobody was found to say, copied word for word from a quote another article attributes: same speaker
  const orphans = docs.flatMap((d, di) => d.quotes.map((q, qi) => ({ d, di, q, qi })).filter(({ q }) => !q.speaker?.id && q.kind !== 'embedded'));
  const speakerOfOrphan = new Map<string, Unit>();
  if (orphans.length && units.length) {
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
    for (const [key, match] of speakerOfOrphan) {
      const [di, qi] = key.split(':').map(Number);
      units.push(unitOf(docs[di], di, docs[di].quotes[qi], qi, match.speakerId));
    }
    units.sort((a, b) => a.doc - b.doc || a.quote - b.quote);
  }

  // blocks: one speaker's quotes; embed only blocks where the speaker is quoted by several articles
  const blocks = new Map<string, number[]>();
  units.forEach((u, i) => {
    if (!blocks.has(u.speakerId)) blocks.set(u.speakerId, []);
    blocks.get(u.speakerId)!.push(i);
  });
  // a pair is compared by meaning only when the two share content words: embed only quotes in such a pair
  const meaningPair = (a: Unit, b: Unit) =>
    a.articleId !== b.articleId && Math.min(a.count, b.count) >= MIN_WORDS - 1 && shared(a.content, b.content) >= MIN_SHARED;
  // the same for a known statement (its quotes' words, from articles other than its own): what is embedded, and
  // so the cost per batch, grows with the quotes that may match, not with all that the graph knows of a speaker
  const knownSide = known.map((s) => {
    const articles = new Set(s.quotes.map((kq) => kq.articleId));
    return { articles, content: content(wording(s.quotes.map((kq) => kq.text).join(' '))) };
  });
  const meaningKnown = (u: Unit, k: (typeof knownSide)[number]) =>
    !k.articles.has(u.articleId) && u.count >= MIN_WORDS - 1 && shared(u.content, k.content) >= MIN_SHARED;
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

  // statements already in the graph: a quote stored before keeps its statement (re-ingest changes nothing), so
  // no link, of any kind, joins two quotes stored under different statements
  const quoteKey = (articleId: string, start: number, end: number) => `${articleId}:${start}:${end}`;
  const unitByKey = new Map(units.map((u, i) => [quoteKey(u.articleId, docs[u.doc].quotes[u.quote].start, docs[u.doc].quotes[u.quote].end), i]));
  const storedIn = new Map<number, string>();
  for (const s of known)
    for (const kq of s.quotes) {
      const hit = unitByKey.get(quoteKey(kq.articleId, kq.start, kq.end));
      if (hit != null) storedIn.set(hit, s.id);
    }
  const keptApart = (i: number, j: number) => storedIn.has(i) && storedIn.has(j) && storedIn.get(i) !== storedIn.get(j);

  const uf = new UnionFind();
  units.forEach(() => uf.make());
  // one article's consecutive quotes of a speaker in one paragraph are one passage ("...," she continued. "...")
  for (let i = 1; i < units.length; i++) {
    const a = units[i - 1], b = units[i];
    if (a.doc !== b.doc || a.speakerId !== b.speakerId || a.selfQuote || b.selfQuote || keptApart(i - 1, i)) continue;
    const d = docs[a.doc];
    const qa = d.quotes[a.quote], qb = d.quotes[b.quote];
    if (qa.kind === 'embedded' || qb.kind === 'embedded') continue;
    if (paragraphOf(d, qa) === paragraphOf(d, qb) && (!a.saidOn || !b.saidOn || a.saidOn === b.saidOn)) uf.union(i - 1, i);
  }

  // across articles by words or meaning; within one article (other paragraphs) only as copies of the same words
  const linked = (a: Unit, b: Unit) => {
    if (a.selfQuote !== b.selfQuote) return false;
    if (a.saidOn && b.saidOn && days(a.saidOn, b.saidOn) > WINDOW_DAYS) return false;
    if (sameWords(a, b)) return true;
    return !!a.vector && !!b.vector && meaningPair(a, b) && dot(a.vector, b.vector) >= SAME_MEANING;
  };
  for (const idx of blocks.values())
    for (let x = 0; x < idx.length; x++)
      for (let y = x + 1; y < idx.length; y++) {
        const i = idx[x], j = idx[y];
        if (uf.find(i) !== uf.find(j) && !keptApart(i, j) && linked(units[i], units[j])) uf.union(i, j);
      }

  // new quotes join a known statement by the same tests as above: by meaning only from another article than
  // the statement's own quotes, by words from anywhere
  const knownNode = new Map<number, KnownStatement>();
  const nodeOf = new Map<string, number>();
  for (const k of known.map((_, k) => k).sort((a, b) => known[a].id.localeCompare(known[b].id))) {
    const s = known[k];
    const node = uf.make();
    knownNode.set(node, s);
    nodeOf.set(s.id, node);
    const vector = s.embedding ? Float32Array.from(s.embedding) : null;
    let wordings: Wording[] | null = null;
    for (const i of blocks.get(s.speakerId) ?? []) {
      const u = units[i];
      if (storedIn.has(i) || (s.saidOn && u.saidOn && days(s.saidOn, u.saidOn) > WINDOW_DAYS)) continue;
      const byMeaning = !!vector && !!u.vector && meaningKnown(u, knownSide[k]) && dot(u.vector, vector) >= SAME_MEANING;
      if (byMeaning || (wordings ??= s.quotes.map((kq) => wording(kq.text))).some((w) => sameWords(u, w))) uf.union(node, i);
    }
  }
  for (const [i, id] of storedIn) uf.union(nodeOf.get(id)!, i);

  const members = new Map<number, { units: number[]; known: KnownStatement[] }>();
  const member = (root: number) => {
    if (!members.has(root)) members.set(root, { units: [], known: [] });
    return members.get(root)!;
  };
  units.forEach((_, i) => member(uf.find(i)).units.push(i));
  for (const [node, s] of knownNode) member(uf.find(node)).known.push(s);

  const statements: ResolvedStatement[] = [];
  const statementOf = new Map<number, string>();
  const usedIds = new Set<string>();
  for (const { units: ui, known: ks } of members.values()) {
    const us = ui.map((i) => units[i]).sort((a, b) => a.order.localeCompare(b.order));
    const speakerId = us[0]?.speakerId ?? ks[0].speakerId;
    // the same words said on two occasions are two statements: the date, then the first quote's place, tell them apart
    const hash = (s: string) => `stmt:${createHash('sha256').update(s).digest('hex').slice(0, 12)}`;
    let id = ks.map((k) => k.id).sort()[0] ?? hash(`${speakerId}\n${us[0].words}\n${us[0].saidOn ?? ''}`);
    if (!ks.length && usedIds.has(id)) id = hash(`${id}\n${us[0].articleId}:${docs[us[0].doc].quotes[us[0].quote].start}`);
    usedIds.add(id);
    const fresh = us.map((u) => {
      const q = docs[u.doc].quotes[u.quote];
      return { articleId: u.articleId, start: q.start, end: q.end, text: q.text, unit: u as Unit | null };
    });
    const seen = new Set(fresh.map((q) => quoteKey(q.articleId, q.start, q.end)));
    const old = ks.flatMap((k) => k.quotes)
      .filter((q) => !seen.has(quoteKey(q.articleId, q.start, q.end)))
      .map((q) => ({ articleId: q.articleId, start: q.start, end: q.end, text: q.text, unit: null as Unit | null }));
    const all = [...fresh, ...old];
    // canonical: the article whose quotes of it hold the most words
    const byArticle = new Map<string, typeof all>();
    for (const q of all) byArticle.set(q.articleId, [...(byArticle.get(q.articleId) ?? []), q]);
    const passages = [...byArticle].map(([articleId, qs]) => {
      const sorted = [...qs].sort((a, b) => a.start - b.start);
      const text = sorted.map((q) => canon(q.text)).join(' ');
      return { articleId, text, count: wordsOf(text).length, first: sorted };
    });
    passages.sort((a, b) => b.count - a.count || a.articleId.localeCompare(b.articleId));
    const top = passages[0];
    const topVector = top.first.map((q) => q.unit?.vector).find((v) => v) ?? null;
    const dates = us.map((u) => u.saidOn).filter((d): d is string => !!d);
    const saidOn = mostCommon(dates) ?? ks.find((k) => k.saidOn)?.saidOn ?? null;
    const topics = [...new Set([...us.flatMap((u) => u.topics), ...ks.flatMap((k) => k.topics)])].sort();
    const s: ResolvedStatement = {
      id,
      speakerId,
      canonical: top.text,
      saidOn,
      topics,
      quotes: all.map((q) => ({
        articleId: q.articleId, start: q.start, end: q.end, text: q.text,
        difference: q.articleId === top.articleId ? 'canonical' : difference(q.text, top.text, q.unit?.vector ?? null, topVector),
      })),
    };
    const vector = topVector ?? (ks[0]?.embedding ? Float32Array.from(ks[0].embedding) : null);
    if (vector) s.embedding = Array.from(vector);
    statements.push(s);
    for (const i of ui) statementOf.set(i, id);
  }

  const out = docs.map((d, di) => ({
    ...d,
    quotes: d.quotes.map((q, qi) => {
      const i = unitByKey.get(quoteKey(d.article.id, q.start, q.end));
      if (i == null || units[i].doc !== di || units[i].quote !== qi) return q;
      const from = speakerOfOrphan.get(`${di}:${qi}`);
      const speaker = from ? { ...docs[from.doc].quotes[from.quote].speaker!, mention: null, role: null } : q.speaker;
      return { ...q, speaker, statement: statementOf.get(i) ?? null };
    }),
  }));
  return { docs: out, statements: statements.sort((a, b) => a.id.localeCompare(b.id)) };
}

function mostCommon(xs: string[]): string | null {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/** How one outlet's wording differs from the canonical one. */
export function difference(text: string, canonical: string, vector: Float32Array | null, canonicalVector: Float32Array | null): Difference {
  const a = canon(text).replace(/^[\s"',.…]+|[\s"',.…]+$/g, '');
  const b = canon(canonical).replace(/^[\s"',.…]+|[\s"',.…]+$/g, '');
  if (a === b) return 'verbatim';
  const wa = wordsOf(text).join(' '), wb = wordsOf(canonical).join(' ');
  if (wa === wb) return 'repunctuated';
  if (` ${wb} `.includes(` ${wa} `)) return 'trimmed';
  // most words shared: reworded; few shared but the same meaning: translated differently
  const sa = new Set(wa.split(' ')), sb = new Set(wb.split(' '));
  const shared = [...sa].filter((w) => sb.has(w)).length / Math.min(sa.size, sb.size);
  if (shared >= 0.7) return 'reworded';
  return vector && canonicalVector && dot(vector, canonicalVector) >= SAME_MEANING - 0.1 ? 'translated' : 'reworded';
}
