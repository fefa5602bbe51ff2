import { readFile } from 'node:fs/promises';

/** One tensor of a safetensors file, widened to fp32. */
export interface Tensor {
  shape: number[];
  data: Float32Array;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

// Node 20 has no Float16Array: decode IEEE half floats through a 64k lookup table (exact, all 2^16 patterns).
let halfTable: Float32Array | undefined;
function halfToFloatTable(): Float32Array {
  if (halfTable) return halfTable;
  halfTable = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    halfTable[h] =
      exp === 0 ? sign * frac * 2 ** -24
      : exp === 31 ? (frac ? NaN : sign * Infinity)
      : sign * (1 + frac / 1024) * 2 ** (exp - 15);
  }
  return halfTable;
}

/**
 * Reads the F16 and F32 tensors of a safetensors file (8-byte little-endian header length, JSON header,
 * then the raw little-endian data). Other dtypes (e.g. BERT's I64 position_ids buffer) are skipped.
 */
export async function readSafetensors(path: string): Promise<Map<string, Tensor>> {
  const file = await readFile(path);
  const headerLength = Number(file.readBigUInt64LE(0));
  const header = JSON.parse(file.toString('utf8', 8, 8 + headerLength)) as Record<string, HeaderEntry>;
  const base = 8 + headerLength;
  const table = halfToFloatTable();
  const tensors = new Map<string, Tensor>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    // slice() copies into a fresh, aligned buffer; typed arrays read it in the host's (little-endian) order.
    const bytes = file.buffer.slice(file.byteOffset + base + entry.data_offsets[0], file.byteOffset + base + entry.data_offsets[1]);
    let data: Float32Array;
    if (entry.dtype === 'F16') {
      const half = new Uint16Array(bytes);
      data = new Float32Array(half.length);
      for (let i = 0; i < half.length; i++) data[i] = table[half[i]];
    } else if (entry.dtype === 'F32') {
      data = new Float32Array(bytes);
    } else {
      continue;
    }
    tensors.set(name, { shape: entry.shape, data });
  }
  return tensors;
}
