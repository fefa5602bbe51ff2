import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';
import type { Tensor } from './safetensors.js';

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;
const MS = 'com.microsoft';

/** The BERT hyper-parameters the graph needs (names as in the Hugging Face config.json). */
export interface BertConfig {
  hidden_size: number;
  num_attention_heads: number;
  num_hidden_layers: number;
  layer_norm_eps: number;
  hidden_act: string;
}

/** Collects nodes and initializers; node outputs get generated names, so a build is deterministic. */
class GraphBuilder {
  readonly nodes: Onnx.INodeProto[] = [];
  readonly initializers: Onnx.ITensorProto[] = [];
  private count = 0;

  op(opType: string, inputs: string[], attrs: Record<string, number | number[]> = {}, domain = ''): string {
    const output = `${opType.toLowerCase()}_${this.count++}`;
    const attribute = Object.entries(attrs).map(([name, v]) =>
      Array.isArray(v) ? { name, type: AttributeType.INTS, ints: v }
      : Number.isInteger(v) ? { name, type: AttributeType.INT, i: v }
      : { name, type: AttributeType.FLOAT, f: v },
    );
    this.nodes.push({ name: output, opType, domain, input: inputs, output: [output], attribute });
    return output;
  }

  floats(name: string, data: Float32Array, dims = [data.length]): string {
    const rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.initializers.push({ name, dims, dataType: DataType.FLOAT, rawData });
    return name;
  }

  int64s(name: string, values: number[]): string {
    const rawData = new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer);
    this.initializers.push({ name, dims: [values.length], dataType: DataType.INT64, rawData });
    return name;
  }
}

/** PyTorch Linear stores [out, in]; MatMul wants [in, out]. */
function transposed(t: Tensor): Float32Array {
  const [rows, cols] = t.shape;
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = t.data[r * cols + c];
  return out;
}

/** Side-by-side concatenation of [rows, n_i] matrices into [rows, sum n_i]. */
function concatColumns(rows: number, parts: Float32Array[]): Float32Array {
  const widths = parts.map((p) => p.length / rows);
  const total = widths.reduce((a, b) => a + b, 0);
  const out = new Float32Array(rows * total);
  for (let r = 0; r < rows; r++) {
    let at = r * total;
    parts.forEach((p, i) => {
      out.set(p.subarray(r * widths[i], (r + 1) * widths[i]), at);
      at += widths[i];
    });
  }
  return out;
}

/**
 * Builds an ONNX model of a BERT encoder with sentence-transformers pooling.
 * Inputs input_ids and attention_mask (int32, [batch, seq]); output `embedding` (float, [batch, hidden]):
 * the last hidden state mean-pooled over the attention mask, L2-normalised.
 * Each layer uses onnxruntime's CPU contrib ops (com.microsoft Attention, SkipLayerNormalization, BiasGelu),
 * the fused forms its BERT optimiser would produce, so no graph rewriting is left to chance.
 * token_type_ids are always 0 for single sentences, so token type row 0 is folded into the position table.
 */
export function buildBertOnnx(weights: Map<string, Tensor>, config: BertConfig): Uint8Array {
  if (config.hidden_act !== 'gelu') throw new Error(`unsupported hidden_act ${config.hidden_act}`);
  const tensor = (name: string): Tensor => {
    const t = weights.get(name);
    if (!t) throw new Error(`missing weight ${name}`);
    return t;
  };
  const w = (name: string): Float32Array => tensor(name).data;
  const H = config.hidden_size;
  const eps = config.layer_norm_eps;
  const g = new GraphBuilder();
  const axes0 = g.int64s('axes_0', [0]);
  const axes1 = g.int64s('axes_1', [1]);

  // Embeddings: word + (position + token type 0) for positions 0..seq-1, then LayerNorm.
  const typeRow = w('embeddings.token_type_embeddings.weight').subarray(0, H);
  const positionType = w('embeddings.position_embeddings.weight').map((v, i) => v + typeRow[i % H]);
  const seqLen = g.op('Slice', [g.op('Shape', ['input_ids']), axes1, g.int64s('two', [2]), axes0]);
  const positions = g.op('Slice', [g.floats('position_type_embeddings', positionType, [positionType.length / H, H]), g.int64s('zero', [0]), seqLen, axes0]);
  const words = g.op('Gather', [g.floats('word_embeddings', w('embeddings.word_embeddings.weight'), [w('embeddings.word_embeddings.weight').length / H, H]), 'input_ids']);
  const norm = (prefix: string): string[] => [g.floats(`${prefix}.weight`, w(`${prefix}.weight`)), g.floats(`${prefix}.bias`, w(`${prefix}.bias`))];
  let hidden = g.op('LayerNormalization', [g.op('Add', [words, positions]), ...norm('embeddings.LayerNorm')], { axis: -1, epsilon: eps });

  const matmul = (x: string, dense: string): string => {
    const t = tensor(`${dense}.weight`);
    return g.op('MatMul', [x, g.floats(`${dense}.weight_t`, transposed(t), [t.shape[1], t.shape[0]])]);
  };
  // SkipLayerNormalization = LayerNorm(x + residual + bias): the dense layer's bias, the residual and the norm in one pass.
  const addNorm = (x: string, residual: string, dense: string, normPrefix: string): string =>
    g.op('SkipLayerNormalization', [x, residual, ...norm(normPrefix), g.floats(`${dense}.bias`, w(`${dense}.bias`))], { epsilon: eps }, MS);

  for (let l = 0; l < config.num_hidden_layers; l++) {
    const p = `encoder.layer.${l}`;
    // Attention: one packed Q|K|V projection [hidden, 3 * hidden]; it scales by 1/sqrt(head size) and
    // masks padding itself from the raw 0/1 mask.
    const qkv = ['query', 'key', 'value'].map((m) => `${p}.attention.self.${m}`);
    const qkvWeight = concatColumns(H, qkv.map((m) => transposed(tensor(`${m}.weight`))));
    const qkvBias = concatColumns(1, qkv.map((m) => w(`${m}.bias`)));
    const context = g.op('Attention', [hidden, g.floats(`${p}.attention.qkv.weight_t`, qkvWeight, [H, 3 * H]), g.floats(`${p}.attention.qkv.bias`, qkvBias), 'attention_mask'], { num_heads: config.num_attention_heads }, MS);
    hidden = addNorm(matmul(context, `${p}.attention.output.dense`), hidden, `${p}.attention.output.dense`, `${p}.attention.output.LayerNorm`);
    // BiasGelu: the exact (erf) GELU of x + bias.
    const inner = g.op('BiasGelu', [matmul(hidden, `${p}.intermediate.dense`), g.floats(`${p}.intermediate.dense.bias`, w(`${p}.intermediate.dense.bias`))], {}, MS);
    hidden = addNorm(matmul(inner, `${p}.output.dense`), hidden, `${p}.output.dense`, `${p}.output.LayerNorm`);
  }

  // sentence-transformers pooling: mean over unmasked tokens, then L2 normalisation.
  const mask = g.op('Cast', ['attention_mask'], { to: DataType.FLOAT });
  const summed = g.op('ReduceSum', [g.op('Mul', [hidden, g.op('Unsqueeze', [mask, g.int64s('axes_2', [2])])]), axes1], { keepdims: 0 });
  const counts = g.op('Max', [g.op('ReduceSum', [mask, axes1], { keepdims: 1 }), g.floats('count_floor', Float32Array.of(1e-9), [])]);
  const mean = g.op('Div', [summed, counts]);
  const length = g.op('Max', [g.op('ReduceL2', [mean], { axes: [1], keepdims: 1 }), g.floats('norm_floor', Float32Array.of(1e-12), [])]);
  g.nodes.push({ name: 'output', opType: 'Div', input: [mean, length], output: ['embedding'] });

  const tensorType = (elemType: number, dims: (string | number)[]): Onnx.ITypeProto => ({
    tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }, { domain: MS, version: 1 }],
    producerName: 'quotegraph',
    graph: {
      name: 'bert_sentence_embedding',
      node: g.nodes,
      initializer: g.initializers,
      input: [
        { name: 'input_ids', type: tensorType(DataType.INT32, ['batch', 'seq']) },
        { name: 'attention_mask', type: tensorType(DataType.INT32, ['batch', 'seq']) },
      ],
      output: [{ name: 'embedding', type: tensorType(DataType.FLOAT, ['batch', H]) }],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
