// The trained speaker model: a linear ranker over each quote's candidates (softmax over them), a logistic keep
// decision for the quoted stretch, and an isotonic map from the ranker's probability to the calibrated chance the
// attribution is right. Weights are plain JSON (model.json, written by train.ts), compiled once into Float32Arrays
// over the feature ids of space.ts; scoring is sparse sums, so extraction loads no ML runtime.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Span } from '../doc.js';
import { FEATURE_VERSION, SpeakerSettings, type Candidate, type QuoteCase } from './features.js';
import { OVERFLOW, SPACE } from './space.js';

const Weights = z.record(z.string(), z.number());

export const ModelFile = z
  .object({
    featureVersion: z.number().int(),
    settings: SpeakerSettings,
    /** Where the weights came from: data, counts, date, seed, cross-validated scores. */
    provenance: z.record(z.string(), z.unknown()),
    ranker: z.object({ weights: Weights }).strict(),
    keep: z.object({ bias: z.number(), weights: Weights, threshold: z.number().min(0).max(1) }).strict(),
    /** Isotonic calibration: increasing knots, linear between them. */
    calibration: z.object({ x: z.array(z.number()), y: z.array(z.number().min(0).max(1)) }).strict(),
  })
  .strict();
export type ModelFile = z.infer<typeof ModelFile>;

export const MODEL_PATH = fileURLToPath(new URL('./model.json', import.meta.url));

/** Reads and checks a model file; a model of other features refuses to load, naming both versions. */
export function parseModel(json: unknown, source = MODEL_PATH): ModelFile {
  const version = (json as { featureVersion?: unknown } | null)?.featureVersion;
  if (version !== FEATURE_VERSION) {
    throw new Error(`${source}: speaker model has feature version ${String(version)}, this code computes version ${FEATURE_VERSION}: retrain it with \`quotegraph train speakers\``);
  }
  const r = ModelFile.safeParse(json);
  if (!r.success) throw new Error(`${source}: not a speaker model: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (r.data.calibration.x.length !== r.data.calibration.y.length) throw new Error(`${source}: calibration knots and values differ in number`);
  return r.data;
}

let loaded: ModelFile | null = null;
/** The committed model, read once. */
export function speakerModel(): ModelFile {
  if (!loaded) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(MODEL_PATH, 'utf8'));
    } catch (e) {
      throw new Error(`${MODEL_PATH}: cannot read the speaker model: ${(e as Error).message}`);
    }
    loaded = parseModel(json);
  }
  return loaded;
}

/** A model's weights over SPACE's ids, compiled once per model (ids past the compiled size weigh 0). */
interface Compiled {
  ranker: Float32Array;
  keep: Float32Array;
}
const compiledModels = new WeakMap<ModelFile, Compiled>();

function table(weights: Record<string, number>): Float32Array {
  const ids = Object.keys(weights).map((f) => SPACE.id(f));
  const w = new Float32Array(Math.max(0, ...ids) + 1);
  Object.values(weights).forEach((x, k) => { if (ids[k] !== OVERFLOW) w[ids[k]] = x; });
  return w;
}

function compiled(model: ModelFile): Compiled {
  let c = compiledModels.get(model);
  if (!c) compiledModels.set(model, (c = { ranker: table(model.ranker.weights), keep: table(model.keep.weights) }));
  return c;
}

/** A sum of weights over feature ids (a sparse dot product with a binary vector). */
export function dot(w: Float32Array, feats: readonly number[], bias = 0): number {
  let s = bias;
  const n = w.length;
  for (let k = 0; k < feats.length; k++) {
    const f = feats[k];
    if (f < n) s += w[f];
  }
  return s;
}


/** Softmax probabilities of candidates from their scores (-Infinity: not available). */
export function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const e = scores.map((s) => (s === -Infinity ? 0 : Math.exp(s - max)));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

/** The calibrated probability for a raw one (piecewise linear through the isotonic knots). */
export function calibrate(cal: ModelFile['calibration'], p: number): number {
  const { x, y } = cal;
  if (x.length === 0) return p;
  if (p <= x[0]) return y[0];
  if (p >= x[x.length - 1]) return y[y.length - 1];
  let lo = 0, hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= p) lo = mid;
    else hi = mid;
  }
  const t = x[hi] === x[lo] ? 0 : (p - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}

export interface Decision {
  /** Index of the chosen candidate in its case. */
  choice: number;
  /** The mention the choice stands for (a continuation's is the previous quote's); null for nobody. */
  span: Span | null;
  /** The ranker's probability of the choice, and the calibrated chance it is right. */
  prob: number;
  /** The ranker's probabilities of every candidate. */
  probs: number[];
  confidence: number;
  /** Probability that the stretch is a quotation, and whether it is kept. */
  keepProb: number;
  keep: boolean;
}

const BEST = SPACE.template('best'), BESTP = SPACE.template('bestp'), NOBODYP = SPACE.template('nobodyp');
const BANDS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const band = (p: number) => BANDS[Math.max(0, Math.min(9, Math.floor(p * 10)))];
const isRule = SPACE.matcher(/^rule=[^&]*$/u);
const bestRule: number[] = [];

/** Features of the keep decision: the quote's, and what the ranker made of it. */
export function keepFeatures(c: QuoteCase, chosen: Candidate, prob: number, probs: number[]): number[] {
  const pNobody = probs[c.candidates.findIndex((x) => x.kind === 'nobody')] ?? 0;
  const f = [...c.quoteFeats, BEST(chosen.kind), BESTP(band(prob)), NOBODYP(band(pNobody))];
  for (const x of chosen.feats) if (isRule(x)) f.push((bestRule[x] ??= SPACE.id(`best-${SPACE.names[x]}`)));
  return f;
}

/**
 * Decisions for an article's cases in text order: a continuation takes the mention chosen for the previous
 * quote, so cases are decided one after another.
 */
export function decide(model: ModelFile, cases: QuoteCase[]): Decision[] {
  const m = compiled(model);
  const out: Decision[] = [];
  for (const c of cases) {
    const prev = c.prev >= 0 ? out[c.prev] : null;
    const scores = c.candidates.map((cand) => (cand.kind === 'continuation' && !prev?.span ? -Infinity : dot(m.ranker, cand.feats)));
    const probs = softmax(scores);
    let choice = 0;
    for (let k = 1; k < probs.length; k++) if (probs[k] > probs[choice]) choice = k;
    const chosen = c.candidates[choice];
    const span = chosen.kind === 'continuation' ? prev!.span : chosen.span;
    const keepProb = 1 / (1 + Math.exp(-dot(m.keep, keepFeatures(c, chosen, probs[choice], probs), model.keep.bias)));
    out.push({
      choice,
      span,
      prob: probs[choice],
      probs,
      confidence: calibrate(model.calibration, probs[choice]),
      keepProb,
      keep: !c.term && keepProb >= model.keep.threshold,
    });
  }
  return out;
}
