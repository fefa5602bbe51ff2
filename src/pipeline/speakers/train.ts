// `quotegraph train speakers`: learns the speaker model from a gold corpus (PolNeAR's train split as converted
// in ../shared/eval/polnear-train: gold.json + texts/). The pipeline never imports this module (it loads
// TensorFlow.js): extraction reads only the JSON it writes.
//   1. every article through articles -> quotes -> candidates (features.ts), labelled from the gold: a quote is
//      a quotation when it matches a gold quote (the scorer's Dice matching), a candidate is right when its span
//      overlaps the gold speaker's mention (nobody: the gold has no speaker; continuation: the previous quote's
//      gold mention is this one's).
//   2. a softmax ranker over each quote's candidates (TensorFlow.js, Adam, L2), k-fold cross-validated by
//      article; out-of-fold predictions give the keep classifier's inputs and the isotonic calibration.
//   3. the final ranker and keep classifier on all articles, written with settings, feature version and provenance.
// Seeded: the same data and seed give the same file, byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { score, words, matchQuotes, type Gold, type GoldQuote, type PredArticle } from '../../eval/score.js';
import { headlineView, splitArticles } from '../articles.js';
import type { Span } from '../doc.js';
import { findQuotes } from '../quotes.js';
import { readSources } from '../read.js';
import { candidates, DEFAULT_SETTINGS, FEATURE_VERSION, type QuoteCase, type SpeakerSettings } from './features.js';
import { decide, dot, keepFeatures, type Decision, type ModelFile } from './model.js';
import { OVERFLOW, SPACE } from './space.js';

export interface TrainOptions {
  /** Folder with gold.json and texts/. */
  data: string;
  folds: number;
  seed: number;
  /** Where the model is written (null: not written, for ablations). */
  out: string | null;
  /** Feature groups left out (ablation). */
  without?: string[];
  log?: (line: string) => void;
}

/** Feature groups by name, for ablations (a cross belongs to the groups of its parts). */
export const FEATURE_GROUPS: Record<string, RegExp> = {
  rules: /(^|&)(rule=|rules=|rule-role|best-rule|kind=\w+&ruled)/u,
  position: /(^|&)(rel=|rank=|dist=|between=|adjacent|verb-between|one-verb-between)/u,
  clause: /(^|&)(subj-|clause-initial|after-|before-|possessive|has-appositive)/u,
  phrase: /(^|&)(ntok=|pron=|spokes|role-word|has-of|date-word|number|det=|plural|first-name|honorific)/u,
  layout: /(^|&)(headline|opens-para|runs-on|quote-only-para|sent-initial|continues-prev|prev-in-para|next-in-para|in-parens|cont&gap)/u,
  history: /(^|&)(spoke-|freq=|pron-agree|pron-clash|pron-plural-org)/u,
  quote: /(^|&)(qk=|qlen=|qtitle|qcap|qend=|pw=|pp=|np=|no-rule|cue-no-subject|transcript)/u,
};

const overlaps = (a: Span | null, b: [number, number] | null | undefined) => !!a && !!b && a.start < b[1] && b[0] < a.end;

interface Labelled {
  file: string;
  /** The article, as file and index (its headline and its body are two Labelled, as the pipeline reads them apart; two files may share an id). */
  article: string;
  cases: QuoteCase[];
  /** Per case: the matched gold quote, or null (the stretch is no gold quotation). */
  gold: (GoldQuote | null)[];
}

/** mulberry32: a small seeded generator, so folds and batches are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle<T>(xs: T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

async function label(data: string, settings: SpeakerSettings, log: (s: string) => void): Promise<{ gold: Gold; docs: Labelled[] }> {
  const gold = JSON.parse(readFileSync(join(data, 'gold.json'), 'utf8')) as Gold;
  const fileOf = new Map(gold.articles.map((a) => [a.id, a.file]));
  const goldByFile = new Map<string, GoldQuote[]>();
  for (const q of gold.quotes) {
    const f = fileOf.get(q.article)!;
    goldByFile.set(f, [...(goldByFile.get(f) ?? []), q]);
  }
  const docs: Labelled[] = [];
  for await (const item of readSources([join(data, 'texts')])) {
    if ('error' in item) throw new Error(`${item.error.file}: ${item.error.problem}`);
    const file = basename(item.source.file);
    const all = splitArticles(item.source)
      .flatMap((a) => [headlineView(a), a].filter((v) => v !== null))
      .map((a) => ({ file, article: `${file}#${a.index}`, ...candidates(a, findQuotes(a), settings) }));
    const golds = (goldByFile.get(file) ?? []).filter((g) => !g.repeatedBlock);
    const flat = all.flatMap((d) => d.cases);
    const match = new Map(matchQuotes(flat.map((c) => words(c.quote.text)), golds.map((g) => words(g.text))));
    let k = 0;
    for (const d of all) docs.push({ file, article: d.article, cases: d.cases, gold: d.cases.map(() => { const j = match.get(k++); return j === undefined || golds[j].notAQuote ? null : golds[j]; }) });
    if (docs.length % 200 === 0) log(`  ${docs.length} articles read`);
  }
  return { gold, docs };
}

/** One quote as the ranker sees it in training: candidates' features and which are right. */
interface Row {
  feats: number[][];
  right: boolean[];
}

function rowsOf(d: Labelled, cases: QuoteCase[]): Row[] {
  const rows: Row[] = [];
  cases.forEach((c, n) => {
    const g = d.gold[n];
    if (!g) return;
    const prevGold = c.prev >= 0 ? d.gold[c.prev] : null;
    const feats: number[][] = [];
    const right: boolean[] = [];
    for (const cand of c.candidates) {
      // the continuation stands for the previous quote's mention (its gold one: teacher forcing)
      if (cand.kind === 'continuation' && !prevGold?.speakerSpan) continue;
      const ok =
        cand.kind === 'nobody' ? g.speaker == null
        : cand.kind === 'continuation' ? overlaps({ start: prevGold!.speakerSpan![0], end: prevGold!.speakerSpan![1] }, g.speakerSpan)
        : overlaps(cand.span, g.speakerSpan);
      feats.push(cand.feats);
      right.push(ok);
    }
    if (right.some(Boolean)) rows.push({ feats, right });
  });
  return rows;
}

type TF = typeof import('@tensorflow/tfjs');
let tfjs: TF | null = null;
async function tf(): Promise<TF> {
  if (!tfjs) {
    tfjs = await import('@tensorflow/tfjs');
    tfjs.enableProdMode(); // no banner, no debug checks
    await tfjs.setBackend('cpu');
  }
  return tfjs;
}

/** Features seen at least `min` times: the columns of the model (ordered by name, so files do not depend on ids). */
function vocabulary(lists: Iterable<readonly number[]>, min: number): Map<number, number> {
  const count = new Map<number, number>();
  for (const fs of lists) for (const f of fs) if (f !== OVERFLOW) count.set(f, (count.get(f) ?? 0) + 1);
  const kept = [...count].filter(([, n]) => n >= min).map(([f]) => f);
  kept.sort((a, b) => (SPACE.names[a] < SPACE.names[b] ? -1 : 1));
  return new Map(kept.map((f, col) => [f, col]));
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
function toWeights(vocab: Map<number, number>, w: Float32Array): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [f, i] of vocab) if (Math.abs(w[i]) >= 5e-4) out[SPACE.names[f]] = round(w[i]);
  return out;
}

export const HYPER = { minCount: 3, l2: 3e-4, epochs: 16, batch: 128, lr: 0.04, keepEpochs: 200, keepLr: 0.05, keepL2: 1e-3 };

/**
 * Minibatches of quotes with about as many candidates each (a batch is padded to its longest): shuffled, sorted by
 * length within runs of 16 batches, cut, and the batches shuffled.
 */
function batches(rows: Row[], rand: () => number): Row[][] {
  const order = shuffle(rows, rand);
  const run = 16 * HYPER.batch;
  const out: Row[][] = [];
  for (let r = 0; r < order.length; r += run) {
    const chunk = order.slice(r, r + run).sort((a, b) => a.feats.length - b.feats.length);
    for (let b = 0; b < chunk.length; b += HYPER.batch) out.push(chunk.slice(b, b + HYPER.batch));
  }
  return shuffle(out, rand);
}

/** The softmax ranker: minibatches of quotes, each a [candidates x features] block, padding masked out. */
async function fitRanker(rows: Row[], seed: number, log: (s: string) => void): Promise<Record<string, number>> {
  const t = await tf();
  const vocab = vocabulary(rows.flatMap((r) => r.feats), HYPER.minCount);
  const F = vocab.size;
  const w = t.variable(t.zeros([F, 1]));
  const opt = t.train.adam(HYPER.lr);
  const rand = rng(seed);
  const t0 = Date.now();
  for (let epoch = 0; epoch < HYPER.epochs; epoch++) {
    if (epoch % 5 === 0) log(`  ranker: epoch ${epoch + 1}/${HYPER.epochs}, ${rows.length} quotes, ${F} features, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    for (const batch of batches(rows, rand)) {
      const K = Math.max(...batch.map((r) => r.feats.length));
      const x = new Float32Array(batch.length * K * F);
      const valid = new Float32Array(batch.length * K);
      const right = new Float32Array(batch.length * K);
      batch.forEach((r, i) =>
        r.feats.forEach((fs, k) => {
          const row = (i * K + k) * F;
          for (const f of fs) {
            const c = vocab.get(f);
            if (c !== undefined) x[row + c] = 1;
          }
          valid[i * K + k] = 1;
          right[i * K + k] = r.right[k] ? 1 : 0;
        }),
      );
      t.tidy(() => {
        const X = t.tensor2d(x, [batch.length * K, F]);
        const off = (m: Float32Array) => t.mul(t.sub(t.tensor2d(m, [batch.length, K]), 1), 1e9);
        const offAll = off(valid), offRight = off(right);
        opt.minimize(() => {
          const s = t.reshape(t.matMul(X, w), [batch.length, K]);
          const nll = t.mean(t.sub(t.logSumExp(t.add(s, offAll), 1), t.logSumExp(t.add(s, offRight), 1)));
          return t.add(nll, t.mul(HYPER.l2, t.sum(t.square(w)))) as import('@tensorflow/tfjs').Scalar;
        });
      });
    }
  }
  const out = toWeights(vocab, w.dataSync() as Float32Array);
  w.dispose();
  opt.dispose();
  return out;
}

/** The keep classifier: logistic regression, full batch. */
async function fitKeep(lists: number[][], labels: boolean[]): Promise<{ bias: number; weights: Record<string, number> }> {
  const t = await tf();
  const vocab = vocabulary(lists, HYPER.minCount);
  const F = vocab.size;
  const x = new Float32Array(lists.length * F);
  lists.forEach((fs, i) => fs.forEach((f) => { const c = vocab.get(f); if (c !== undefined) x[i * F + c] = 1; }));
  const X = t.tensor2d(x, [lists.length, F]);
  const y = t.tensor2d(Float32Array.from(labels, (l) => (l ? 1 : 0)), [lists.length, 1]);
  const w = t.variable(t.zeros([F, 1]));
  const b = t.variable(t.zeros([1]));
  const opt = t.train.adam(HYPER.keepLr);
  for (let i = 0; i < HYPER.keepEpochs; i++) {
    opt.minimize(() => t.add(t.losses.sigmoidCrossEntropy(y, t.add(t.matMul(X, w), b)), t.mul(HYPER.keepL2, t.sum(t.square(w)))) as import('@tensorflow/tfjs').Scalar);
  }
  const out = { bias: round(b.dataSync()[0]), weights: toWeights(vocab, w.dataSync() as Float32Array) };
  t.dispose([X, y, w, b]);
  opt.dispose();
  return out;
}

/** Pool-adjacent-violators: the increasing step function closest to the outcomes, as knots. */
export function isotonic(points: [number, boolean][]): { x: number[]; y: number[] } {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const blocks: { sx: number; sy: number; n: number }[] = [];
  for (const [p, ok] of sorted) {
    blocks.push({ sx: p, sy: ok ? 1 : 0, n: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2].sy / blocks[blocks.length - 2].n >= blocks[blocks.length - 1].sy / blocks[blocks.length - 1].n) {
      const top = blocks.pop()!;
      const under = blocks[blocks.length - 1];
      under.sx += top.sx;
      under.sy += top.sy;
      under.n += top.n;
    }
  }
  return { x: blocks.map((b) => round(b.sx / b.n)), y: blocks.map((b) => round(b.sy / b.n)) };
}

interface FoldResult {
  fold: number;
  articles: number;
  speaker: number;
  attribution: number;
  quoteF1: number;
}

/** Model-file shape for decoding with a ranker only (everything kept). */
const rankerOnly = (weights: Record<string, number>, settings: SpeakerSettings): ModelFile => ({
  featureVersion: FEATURE_VERSION, settings, provenance: {}, ranker: { weights }, keep: { bias: 10, weights: {}, threshold: 0 }, calibration: { x: [], y: [] },
});

/** What the scorer reads, for a set of articles and their decisions. */
function predictions(docs: Labelled[], decisions: Decision[][], kept: (d: number, n: number) => boolean): PredArticle[] {
  return docs.map((d, di) => ({
    file: d.file,
    quotes: d.cases.flatMap((c, n) => {
      if (!kept(di, n)) return [];
      const span = decisions[di][n].span;
      return [{ text: c.quote.text, speaker: span ? { name: '', mention: span } : null }];
    }),
  }));
}

const subGold = (gold: Gold, files: Set<string>): Gold => {
  const arts = gold.articles.filter((a) => files.has(a.file));
  const ids = new Set(arts.map((a) => a.id));
  return { ...gold, articles: arts, quotes: gold.quotes.filter((q) => ids.has(q.article)) };
};

export interface TrainReport {
  folds: FoldResult[];
  mean: { speaker: number; attribution: number; quoteF1: number };
  model: ModelFile | null;
}

export async function trainSpeakers(opts: TrainOptions): Promise<TrainReport> {
  const log = opts.log ?? (() => {});
  const settings = DEFAULT_SETTINGS;
  const drop = opts.without?.length ? SPACE.matcher(new RegExp(opts.without.map((g) => { const r = FEATURE_GROUPS[g]; if (!r) throw new Error(`unknown feature group "${g}" (one of ${Object.keys(FEATURE_GROUPS).join(', ')})`); return r.source; }).join('|'), 'u')) : null;
  log(`reading ${opts.data}`);
  const { gold, docs } = await label(opts.data, settings, log);
  const quotes = docs.reduce((s, d) => s + d.cases.length, 0);
  const articleCount = new Set(docs.map((d) => d.article)).size;
  log(`${articleCount} articles, ${gold.quotes.length} gold quotes, ${quotes} quoted stretches`);
  const dropped = (fs: number[]) => (drop ? fs.filter((f) => !drop(f)) : fs);
  // an ablation leaves a group out of every candidate and quote
  const seen: QuoteCase[][] = drop
    ? docs.map((d) => d.cases.map((c) => ({ ...c, quoteFeats: dropped(c.quoteFeats), candidates: c.candidates.map((x) => ({ ...x, feats: dropped(x.feats) })) })))
    : docs.map((d) => d.cases);

  // folds by article (articles of one file stay together)
  const rand = rng(opts.seed);
  const files = shuffle([...new Set(docs.map((d) => d.file))].sort(), rand);
  const foldOf = new Map(files.map((f, i) => [f, i % opts.folds]));
  const oof: Decision[][] = docs.map(() => []);
  const results: FoldResult[] = [];
  for (let k = 0; k < opts.folds; k++) {
    const ranker = await fitRanker(docs.flatMap((d, di) => (foldOf.get(d.file) !== k ? rowsOf(d, seen[di]) : [])), opts.seed + k + 1, log);
    const model = rankerOnly(ranker, settings);
    docs.forEach((d, di) => { if (foldOf.get(d.file) === k) oof[di] = decide(model, seen[di]); });
  }
  // the keep classifier, cross-validated on the out-of-fold rankings
  const keepRows = docs.map((d, di) => d.cases.map((_, n) => {
    const c = seen[di][n], dec = oof[di][n];
    return dropped(keepFeatures(c, c.candidates[dec.choice], dec.prob, dec.probs));
  }));
  const keepProb: number[][] = docs.map((d) => d.cases.map(() => 0));
  for (let k = 0; k < opts.folds; k++) {
    const idx = docs.flatMap((d, di) => (foldOf.get(d.file) !== k ? d.cases.map((_, n) => [di, n] as const) : []));
    const fit = await fitKeep(idx.map(([di, n]) => keepRows[di][n]), idx.map(([di, n]) => docs[di].gold[n] !== null));
    const w = new Float32Array(SPACE.size);
    for (const [f, x] of Object.entries(fit.weights)) w[SPACE.id(f)] = x;
    docs.forEach((d, di) => {
      if (foldOf.get(d.file) !== k) return;
      d.cases.forEach((_, n) => { keepProb[di][n] = 1 / (1 + Math.exp(-dot(w, keepRows[di][n], fit.bias))); });
    });
  }
  const threshold = bestThreshold(docs, keepProb, gold);
  for (let k = 0; k < opts.folds; k++) {
    const idx = docs.map((d, di) => di).filter((di) => foldOf.get(docs[di].file) === k);
    const fd = idx.map((di) => docs[di]);
    const s = score(subGold(gold, new Set(fd.map((d) => d.file))), predictions(fd, idx.map((di) => oof[di]), (d, n) => keepProb[idx[d]][n] >= threshold)).scores;
    const articles = new Set(fd.map((d) => d.article)).size;
    results.push({ fold: k + 1, articles, speaker: s.speaker_accuracy, attribution: s.attribution_f1, quoteF1: s.quote_f1 });
    log(`fold ${k + 1}: ${articles} articles, speaker ${pct(s.speaker_accuracy)}, attribution F1 ${pct(s.attribution_f1)}, quote F1 ${pct(s.quote_f1)}`);
  }
  const mean = {
    speaker: results.reduce((s, r) => s + r.speaker, 0) / results.length,
    attribution: results.reduce((s, r) => s + r.attribution, 0) / results.length,
    quoteF1: results.reduce((s, r) => s + r.quoteF1, 0) / results.length,
  };
  log(`mean: speaker ${pct(mean.speaker)}, attribution F1 ${pct(mean.attribution)}, quote F1 ${pct(mean.quoteF1)} (keep threshold ${threshold})`);
  if (!opts.out) return { folds: results, mean, model: null };

  // calibration on the out-of-fold choices of matched quotes: was the chosen mention right?
  const points: [number, boolean][] = [];
  docs.forEach((d, di) => d.cases.forEach((_, n) => {
    const g = d.gold[n];
    if (!g) return;
    const span = oof[di][n].span;
    points.push([oof[di][n].prob, span ? overlaps(span, g.speakerSpan) : g.speaker == null]);
  }));
  const calibration = isotonic(points);
  log('fitting the final model on every article');
  const ranker = await fitRanker(docs.flatMap((d, di) => rowsOf(d, seen[di])), opts.seed, log);
  const keep = await fitKeep(keepRows.flat(), docs.flatMap((d) => d.gold.map((g) => g !== null)));
  const model: ModelFile = {
    featureVersion: FEATURE_VERSION,
    settings,
    provenance: {
      data: relative(process.cwd(), opts.data) || '.',
      articles: articleCount,
      goldQuotes: gold.quotes.length,
      quotedStretches: quotes,
      date: trainingDate(),
      seed: opts.seed,
      folds: opts.folds,
      hyper: HYPER,
      cv: { folds: results.map((r) => ({ ...r, speaker: round(r.speaker), attribution: round(r.attribution), quoteF1: round(r.quoteF1) })), mean: { speaker: round(mean.speaker), attribution: round(mean.attribution), quoteF1: round(mean.quoteF1) } },
    },
    ranker: { weights: ranker },
    keep: { ...keep, threshold },
    calibration,
  };
  writeFileSync(opts.out, `${JSON.stringify(model, null, 0)}\n`);
  log(`wrote ${opts.out}: ${Object.keys(ranker).length} ranker and ${Object.keys(keep.weights).length} keep weights`);
  return { folds: results, mean, model };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The day of training (SOURCE_DATE_EPOCH when set, for reproducible builds). */
function trainingDate(): string {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return new Date(Number.isFinite(epoch) && process.env.SOURCE_DATE_EPOCH ? epoch * 1000 : Date.now()).toISOString().slice(0, 10);
}

/** The keep threshold with the best quote F1 over the out-of-fold probabilities. */
function bestThreshold(docs: Labelled[], keepProb: number[][], gold: Gold): number {
  const goldCount = gold.quotes.filter((q) => !q.notAQuote && !q.repeatedBlock).length;
  let best = 0.5, bestF1 = -1;
  for (let t = 0.05; t < 0.951; t += 0.01) {
    let kept = 0, hit = 0;
    docs.forEach((d, di) => d.cases.forEach((_, n) => { if (keepProb[di][n] >= t) { kept++; if (d.gold[n]) hit++; } }));
    const f1 = (2 * hit) / (kept + goldCount);
    if (f1 > bestF1 + 1e-9) { bestF1 = f1; best = round(t); }
  }
  return best;
}
