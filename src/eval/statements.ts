// Statement grouping judged pair by pair, as ../shared/eval/score.mjs judges it (two matched quotes of different
// articles share a predicted statement exactly when they share a gold one), with the pairs behind the numbers:
// which gold pairs are split (and why: a quote not found, two speakers, or the grouping itself) and which pairs
// are joined that the gold keeps apart. Articles that are one text published twice can be left out, since
// grouping their quotes is a copy test, not a test of recognising one utterance in two reports.
import { basename } from 'node:path';
import type { ArticleDoc } from '../pipeline/doc.js';
import { isOrganizationWord } from '../pipeline/nlp.js';
import { tokenDice, type Gold, type GoldQuote, type PredArticle, type PredQuote } from './score.js';

export interface Aligned {
  g: GoldQuote;
  p: PredQuote;
  file: string;
}

const fold = (s: unknown) =>
  String(s ?? '').normalize('NFKC').replace(/[\u2018\u2019\u201b\u2032]/gu, "'").replace(/[\u201c\u201d\u201e\u2033]/gu, '"').toLowerCase();
const words = (s: unknown) => fold(s).match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];

/** Predicted quotes matched to gold quotes one to one, best token Dice first, per file (the scorer's matching). */
export function alignQuotes(gold: Gold, preds: PredArticle[], threshold = 0.5): Aligned[] {
  const fileOf = new Map(gold.articles.map((a) => [a.id, a.file]));
  const goldByFile = new Map<string, GoldQuote[]>();
  for (const q of gold.quotes) {
    const f = fileOf.get(q.article)!;
    goldByFile.set(f, [...(goldByFile.get(f) ?? []), q]);
  }
  const predByFile = new Map<string, PredQuote[]>();
  for (const a of preds) {
    const f = basename(String(a.file ?? ''));
    predByFile.set(f, [...(predByFile.get(f) ?? []), ...(a.quotes ?? [])]);
  }
  const out: Aligned[] = [];
  for (const [file, golds] of goldByFile) {
    const pq = predByFile.get(file) ?? [];
    const gt = golds.map((g) => words(g.text));
    const candidates: [number, number, number][] = [];
    pq.forEach((p, i) => {
      const pt = words(p.text);
      gt.forEach((t, j) => {
        const d = tokenDice(pt, t);
        if (d >= threshold) candidates.push([d, i, j]);
      });
    });
    candidates.sort((x, y) => y[0] - x[0]);
    const usedP = new Set<number>(), usedG = new Set<number>();
    for (const [, i, j] of candidates) {
      if (usedP.has(i) || usedG.has(j)) continue;
      usedP.add(i);
      usedG.add(j);
      if (!golds[j].notAQuote && !golds[j].repeatedBlock) out.push({ g: golds[j], p: pq[i], file });
    }
  }
  return out;
}

/** Why a gold pair came apart. */
export type SplitCause = 'quote not found' | 'speakers differ' | 'grouping';

export interface StatementPair {
  a: GoldQuote;
  b: GoldQuote;
  /** Predicted statement and speaker id of each side (null: quote not found). */
  pa: PredQuote | null;
  pb: PredQuote | null;
  cause?: SplitCause;
}

export interface StatementScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold pairs whose two quotes were both found (the recall's denominator, as in the scorer). */
  goldPairs: number;
  predictedPairs: number;
  split: StatementPair[];
  joined: StatementPair[];
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const speakerId = (p: PredQuote | null) => {
  const s = p?.speaker;
  return s && typeof s === 'object' ? ((s as { id?: string | null }).id ?? s.name) : (s ?? null);
};
const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/**
 * Pairwise statement scores over the aligned quotes. `apart`: article pairs left out (republished copies), both
 * from the gold pairs and the predicted ones.
 */
export function scoreStatements(gold: Gold, aligned: Aligned[], apart: Set<string> = new Set()): StatementScores {
  const predOf = new Map(aligned.map((x) => [x.g, x.p]));
  const counted = (a: GoldQuote, b: GoldQuote) => a.article !== b.article && !apart.has(pairKey(a.article, b.article));
  const split: StatementPair[] = [];
  let goldPairs = 0, hit = 0;
  const grouped = gold.quotes.filter((q) => q.statement && !q.notAQuote && !q.repeatedBlock);
  const byStatement = new Map<string, GoldQuote[]>();
  for (const q of grouped) byStatement.set(q.statement!, [...(byStatement.get(q.statement!) ?? []), q]);
  for (const qs of byStatement.values())
    for (let i = 0; i < qs.length; i++)
      for (let j = i + 1; j < qs.length; j++) {
        const a = qs[i], b = qs[j];
        if (!counted(a, b)) continue;
        const pa = predOf.get(a) ?? null, pb = predOf.get(b) ?? null;
        // as the scorer counts: a pair with a quote not found is no pair of matched quotes (listed, not counted)
        if (pa && pb) goldPairs++;
        if (pa?.statement != null && pa.statement === pb?.statement) {
          hit++;
          continue;
        }
        const cause: SplitCause = !pa || !pb ? 'quote not found' : speakerId(pa) !== speakerId(pb) || !speakerId(pa) ? 'speakers differ' : 'grouping';
        split.push({ a, b, pa, pb, cause });
      }
  // predicted pairs: within each predicted statement, the aligned quotes of different articles
  const joined: StatementPair[] = [];
  let predictedPairs = 0;
  const byPred = new Map<string, Aligned[]>();
  for (const x of aligned) if (x.p.statement != null) byPred.set(x.p.statement, [...(byPred.get(x.p.statement) ?? []), x]);
  for (const xs of byPred.values())
    for (let i = 0; i < xs.length; i++)
      for (let j = i + 1; j < xs.length; j++) {
        const a = xs[i], b = xs[j];
        if (!counted(a.g, b.g)) continue;
        predictedPairs++;
        if (!(a.g.statement && a.g.statement === b.g.statement)) joined.push({ a: a.g, b: b.g, pa: a.p, pb: b.p });
      }
  const precision = ratio(hit, predictedPairs), recall = ratio(hit, goldPairs);
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, goldPairs, predictedPairs, split, joined };
}

/** Word 5-grams shared with the other text, over the shorter text's: above this, one article is a copy of the other. */
export const COPY_CONTAINMENT = 0.6;
const SHINGLE = 5;
/** Shingles found in more articles than this are boilerplate (a section footer), not evidence of a copy. */
const COMMON_SHINGLE = 5;

/**
 * Pairs of articles that are one text published twice (a wire story under two ids, a live blog updated):
 * word 5-gram containment, found through an inverted index of the shingles (no all-pairs over the articles).
 */
export function republishedPairs(articles: { id: string; text: string }[], containment = COPY_CONTAINMENT): Set<string> {
  const shingles = articles.map(({ text }) => {
    const w = words(text);
    return new Set(w.slice(0, Math.max(0, w.length - SHINGLE + 1)).map((_, i) => w.slice(i, i + SHINGLE).join(' ')));
  });
  const index = new Map<string, number[]>();
  shingles.forEach((s, i) => s.forEach((g) => index.set(g, [...(index.get(g) ?? []), i])));
  const shared = new Map<string, number>();
  for (const ids of index.values()) {
    if (ids.length > COMMON_SHINGLE) continue;
    for (let x = 0; x < ids.length; x++)
      for (let y = x + 1; y < ids.length; y++) {
        const k = `${ids[x]}:${ids[y]}`;
        shared.set(k, (shared.get(k) ?? 0) + 1);
      }
  }
  const out = new Set<string>();
  for (const [k, n] of shared) {
    const [i, j] = k.split(':').map(Number);
    if (n >= containment * Math.min(shingles[i].size, shingles[j].size)) out.add(pairKey(articles[i].id, articles[j].id));
  }
  return out;
}

const pct = (x: number) => `${(100 * x).toFixed(1).padStart(5)}%`;
const clip = (s: string) => s.replace(/\s+/g, ' ').slice(0, 80);
const offset = (q: GoldQuote) => (q as { offset?: number }).offset ?? '?';
const side = (q: GoldQuote, p: PredQuote | null) =>
  `[${q.article}@${offset(q)}] (${p ? `${speakerId(p) ?? '?'} ${p.statement ?? '-'}` : 'not found'}) ${clip(q.text)}`;

/** The statement lines of `eval --verbose`: scores with and without republished copies, then every wrong pair. */
export function formatStatements({ all, withoutCopies, copies }: ReturnType<typeof evaluateStatements>): string {
  const causes = (s: StatementScores) =>
    (['quote not found', 'speakers differ', 'grouping'] as SplitCause[]).map((c) => `${s.split.filter((p) => p.cause === c).length} ${c}`).join(', ');
  const line = (label: string, s: StatementScores) =>
    `${label} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (${s.goldPairs} gold pairs, ${s.predictedPairs} predicted; ` +
    `split: ${causes(s)}; joined wrongly: ${s.joined.length})`;
  const lines = [line('statement pairs        ', all)];
  lines.push(line(`without ${String(copies).padStart(2)} republished`, withoutCopies));
  for (const p of all.split) lines.push(`SPLIT   ${p.cause}: ${p.a.statement}\n        ${side(p.a, p.pa)}\n        ${side(p.b, p.pb)}`);
  for (const p of all.joined) lines.push(`JOINED  ${p.a.statement} / ${p.b.statement}\n        ${side(p.a, p.pa)}\n        ${side(p.b, p.pb)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The documents with every quote of a gold statement given that statement's speaker (by name, for resolution to
 * identify as it identifies any name): scores the grouping apart from the attribution of speakers.
 */
export function goldSpeakers(gold: Gold & { statements?: { id: string; speaker: string }[] }, docs: ArticleDoc[]): ArticleDoc[] {
  const speakerOf = new Map((gold.statements ?? []).map((s) => [s.id, s.speaker]));
  const where = new Map<PredQuote, [number, number]>();
  const preds: PredArticle[] = docs.map((d, di) => ({
    file: d.article.source.file,
    quotes: d.quotes.map((q, qi) => {
      const p: PredQuote = { text: q.text };
      where.set(p, [di, qi]);
      return p;
    }),
  }));
  const given = new Map<string, string>();
  for (const { g, p } of alignQuotes(gold, preds)) {
    const name = g.statement ? speakerOf.get(g.statement) : undefined;
    if (name) given.set(where.get(p)!.join(':'), name);
  }
  return docs.map((d, di) => ({
    ...d,
    quotes: d.quotes.map((q, qi) => {
      const name = given.get(`${di}:${qi}`);
      return name ? { ...q, speaker: { name, type: isOrganizationWord(name) ? 'organization' : 'person', mention: q.speaker?.mention ?? null, role: q.speaker?.role ?? null } } : q;
    }),
  }));
}

/** Gold article ids of the extracted documents: the gold article at the same position in the same file. */
function goldArticleIds(gold: Gold, docs: ArticleDoc[]): { id: string; text: string }[] {
  const byFile = new Map<string, string[]>();
  for (const a of gold.articles) byFile.set(a.file, [...(byFile.get(a.file) ?? []), a.id]);
  const seen = new Map<string, number>();
  return docs.map((d) => {
    const file = basename(d.article.source.file);
    const n = seen.get(file) ?? 0;
    seen.set(file, n + 1);
    return { id: byFile.get(file)?.[n] ?? d.article.id, text: d.article.source.text.slice(d.article.span.start, d.article.span.end) };
  });
}

/**
 * Statement scores of resolved documents against a gold file: over all articles and without the pairs of articles
 * republished under two ids (found by their texts), each with the pairs split and joined wrongly.
 */
export function evaluateStatements(gold: Gold, docs: ArticleDoc[], preds: PredArticle[], threshold = 0.5) {
  const aligned = alignQuotes(gold, preds, threshold);
  const copies = republishedPairs(goldArticleIds(gold, docs));
  return { all: scoreStatements(gold, aligned), withoutCopies: scoreStatements(gold, aligned, copies), copies: copies.size };
}
