import onnxProto from 'onnx-proto';
import type { Tensor } from './safetensors.js';

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

/** The BERT hyper-parameters the graph needs (names as in the Hugging Face config.json). */
export interface BertConfig {
  hidden_size: number;
  num_attention_heads: number;
  num_hidden_layers: number;
  layer_norm_eps: number;
  hidden_act: string;
}

type Attr = number | number[];

/** Collects nodes and initializers with generated, deterministic names. */
class GraphBuilder {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  private count = 0;

  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}): string {
    const output = `${opType.toLowerCase()}_${this.count++}`;
    const attribute = Object.entries(attrs).map(([name, v]) =>
      Array.isArray(v) ? { name, type: AttributeType.INTS, ints: v }
      : Number.isInteger(v) ? { name, type: AttributeType.INT, i: v }
      : { name, type: AttributeType.FLOAT, f: v },
    );
    this.nodes.push({ name: output, opType, input: inputs, output: [output], attribute });
    return output;
  }

  floats(name: string, dims: number[], data: Float32Array): string {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.initializers.push({ name, dims, dataType: DataType.FLOAT, rawData: bytes });
    return name;
  }

  int64s(name: string, values: number[]): string {
    const data = BigInt64Array.from(values.map(BigInt));
    this.initializers.push({ name, dims: [values.length], dataType: DataType.INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  scalar(name: string, value: number): string {
    return this.floats(name, [], Float32Array.of(value));
  }
}

/** PyTorch Linear stores [out, in]; MatMul wants [in, out]. Optionally scales every element. */
function transposed(t: Tensor, scale = 1): Float32Array {
  const [rows, cols] = t.shape;
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = t.data[r * cols + c] * scale;
  return out;
}

function scaled(data: Float32Array, scale: number): Float32Array {
  return data.map((v) => v * scale);
}

/**
 * Builds an ONNX model (opset 17) of a BERT encoder with sentence-transformers pooling:
 * inputs input_ids and attention_mask (int32, [batch, seq]); output `embedding` ([batch, hidden]):
 * the last hidden state mean-pooled over the attention mask, L2-normalised.
 * token_type_ids are always 0 for single sentences, so token type row 0 is folded into the position table.
 * Plain ONNX ops in the shapes PyTorch exports produce, so onnxruntime's optimiser fuses them (Gelu,
 * SkipLayerNormalization, MatMul+bias).
 */
export function buildBertOnnx(weights: Map<string, Tensor>, config: BertConfig): Uint8Array {
  if (config.hidden_act !== 'gelu') throw new Error(`unsupported hidden_act ${config.hidden_act}`);
  const w = (name: string): Tensor => {
    const t = weights.get(name);
    if (!t) throw new Error(`missing weight ${name}`);
    return t;
  };
  const H = config.hidden_size;
  const heads = config.num_attention_heads;
  const headSize = H / heads;
  const eps = config.layer_norm_eps;
  const g = new GraphBuilder();

  // Constants shared by every layer.
  const axes0 = g.int64s('axes_0', [0]);
  const axes1 = g.int64s('axes_1', [1]);
  const axes12 = g.int64s('axes_1_2', [1, 2]);
  const axes2 = g.int64s('axes_2', [2]);
  const zero1d = g.int64s('zero_1d', [0]);
  const headShape = g.int64s('head_shape', [0, 0, heads, headSize]);
  const hiddenShape = g.int64s('hidden_shape', [0, 0, H]);
  const qkvSplit = g.int64s('qkv_split', [H, H, H]);
  const one = g.scalar('one', 1);
  const half = g.scalar('half', 0.5);
  const sqrt2 = g.scalar('sqrt2', Math.SQRT2);
  const maskFill = g.scalar('mask_fill', -10000);
  const tiny = g.scalar('tiny', 1e-9);

  // Embeddings: word + (position + token type 0), then LayerNorm.
  const positionTable = w('embeddings.position_embeddings.weight');
  const typeRow = w('embeddings.token_type_embeddings.weight').data.subarray(0, H);
  const posType = positionTable.data.map((v, i) => v + typeRow[i % H]);
  const wordEmb = g.floats('word_embeddings', w('embeddings.word_embeddings.weight').shape, w('embeddings.word_embeddings.weight').data);
  const posEmb = g.floats('position_type_embeddings', positionTable.shape, posType);
  const seqLen = g.op('Slice', [g.op('Shape', ['input_ids']), axes1, g.int64s('two_1d', [2]), axes0]);
  const positions = g.op('Slice', [posEmb, zero1d, seqLen, axes0]);
  const embedded = g.op('Add', [g.op('Gather', [wordEmb, 'input_ids']), positions]);
  const layerNorm = (x: string, prefix: string): string =>
    g.op('LayerNormalization', [x, g.floats(`${prefix}.weight`, [H], w(`${prefix}.weight`).data), g.floats(`${prefix}.bias`, [H], w(`${prefix}.bias`).data)], { axis: -1, epsilon: eps });
  let hidden = layerNorm(embedded, 'embeddings.LayerNorm');

  // Additive attention mask [batch, 1, 1, seq]: 0 for tokens, -10000 for padding.
  const mask = g.op('Cast', ['attention_mask'], { to: DataType.FLOAT });
  const maskBias = g.op('Unsqueeze', [g.op('Mul', [g.op('Sub', [one, mask]), maskFill]), axes12]);

  const linear = (x: string, name: string, weight: Float32Array, outDim: number, bias: Float32Array): string =>
    g.op('Add', [g.op('MatMul', [x, g.floats(`${name}.weight_t`, [weight.length / outDim, outDim], weight)]), g.floats(`${name}.bias`, [outDim], bias)]);

  for (let l = 0; l < config.num_hidden_layers; l++) {
    const p = `encoder.layer.${l}`;
    // One packed Q|K|V projection; 1/sqrt(head size) is folded into the query weights.
    const scale = 1 / Math.sqrt(headSize);
    const qT = transposed(w(`${p}.attention.self.query.weight`), scale);
    const kT = transposed(w(`${p}.attention.self.key.weight`));
    const vT = transposed(w(`${p}.attention.self.value.weight`));
    const qkvWeight = new Float32Array(H * 3 * H);
    for (let r = 0; r < H; r++) {
      qkvWeight.set(qT.subarray(r * H, (r + 1) * H), r * 3 * H);
      qkvWeight.set(kT.subarray(r * H, (r + 1) * H), r * 3 * H + H);
      qkvWeight.set(vT.subarray(r * H, (r + 1) * H), r * 3 * H + 2 * H);
    }
    const qkvBias = new Float32Array(3 * H);
    qkvBias.set(scaled(w(`${p}.attention.self.query.bias`).data, scale), 0);
    qkvBias.set(w(`${p}.attention.self.key.bias`).data, H);
    qkvBias.set(w(`${p}.attention.self.value.bias`).data, 2 * H);
    const qkv = linear(hidden, `${p}.attention.qkv`, qkvWeight, 3 * H, qkvBias);
    const split = `${p}.split`;
    g.nodes.push({ name: split, opType: 'Split', input: [qkv, qkvSplit], output: [`${split}.q`, `${split}.k`, `${split}.v`], attribute: [{ name: 'axis', type: AttributeType.INT, i: 2 }] });
    const toHeads = (x: string, perm: number[]): string => g.op('Transpose', [g.op('Reshape', [x, headShape])], { perm });
    const q = toHeads(`${split}.q`, [0, 2, 1, 3]);
    const k = toHeads(`${split}.k`, [0, 2, 3, 1]);
    const v = toHeads(`${split}.v`, [0, 2, 1, 3]);
    const probs = g.op('Softmax', [g.op('Add', [g.op('MatMul', [q, k]), maskBias])], { axis: -1 });
    const context = g.op('Reshape', [g.op('Transpose', [g.op('MatMul', [probs, v])], { perm: [0, 2, 1, 3] }), hiddenShape]);
    const attnOut = linear(context, `${p}.attention.output.dense`, transposed(w(`${p}.attention.output.dense.weight`)), H, w(`${p}.attention.output.dense.bias`).data);
    hidden = layerNorm(g.op('Add', [attnOut, hidden]), `${p}.attention.output.LayerNorm`);

    const inner = w(`${p}.intermediate.dense.bias`).data.length;
    const pre = linear(hidden, `${p}.intermediate.dense`, transposed(w(`${p}.intermediate.dense.weight`)), inner, w(`${p}.intermediate.dense.bias`).data);
    // Exact (erf) GELU: x * 0.5 * (1 + erf(x / sqrt 2)), in the form onnxruntime's GeluFusion recognises.
    const gelu = g.op('Mul', [g.op('Mul', [pre, g.op('Add', [g.op('Erf', [g.op('Div', [pre, sqrt2])]), one])]), half]);
    const ffnOut = linear(gelu, `${p}.output.dense`, transposed(w(`${p}.output.dense.weight`)), H, w(`${p}.output.dense.bias`).data);
    hidden = layerNorm(g.op('Add', [ffnOut, hidden]), `${p}.output.LayerNorm`);
  }

  // sentence-transformers pooling: mean over unmasked tokens, then L2 normalisation.
  const summed = g.op('ReduceSum', [g.op('Mul', [hidden, g.op('Unsqueeze', [mask, axes2])]), axes1], { keepdims: 0 });
  const counts = g.op('Max', [g.op('ReduceSum', [mask, axes1], { keepdims: 1 }), tiny]);
  const mean = g.op('Div', [summed, counts]);
  const norm = g.op('Max', [g.op('ReduceL2', [mean], { axes: [1], keepdims: 1 }), g.scalar('norm_floor', 1e-12)]);
  const embedding = g.op('Div', [mean, norm]);
  g.nodes.push({ name: 'output', opType: 'Identity', input: [embedding], output: ['embedding'] });

  const tensorType = (elemType: number, dims: (string | number)[]): onnx.ITypeProto => ({
    tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
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
