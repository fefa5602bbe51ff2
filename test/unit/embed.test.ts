import { describe, expect, it } from 'vitest';
import { cosine, embed } from '../../src/embed/index.js';

const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('embed', () => {
  it('returns one 384-d unit vector per text, in input order', async () => {
    const texts = ['Sovereignty is not for sale', 'The cat sat on the mat.', ''];
    const vectors = await embed(texts);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(384);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('returns nothing for no texts', async () => {
    expect(await embed([])).toEqual([]);
  });

  // Reference values computed from the published fp32 all-MiniLM-L6-v2 (numpy, float64).
  it('scores a paraphrase high and unrelated sentences low', async () => {
    const [a, b, c, d] = await embed([
      'Sovereignty is not for sale',
      'Sovereignty cannot be sold',
      'The cat sat on the mat.',
      'Stock markets fell sharply on Monday.',
    ]);
    expect(cosine(a, b)).toBeCloseTo(0.8923, 3);
    expect(cosine(a, b)).toBeGreaterThan(0.8);
    expect(cosine(a, c)).toBeLessThan(0.3);
    expect(cosine(a, d)).toBeLessThan(0.3);
  });

  // The sentence-transformers README example for this model: 0.6660, 0.1046, 0.1411.
  it('reproduces the sentence-transformers reference similarities', async () => {
    const [a, b, c] = await embed(['The weather is lovely today.', "It's so sunny outside!", 'He drove to the stadium.']);
    expect(cosine(a, b)).toBeCloseTo(0.666, 3);
    expect(cosine(a, c)).toBeCloseTo(0.1046, 3);
    expect(cosine(b, c)).toBeCloseTo(0.1411, 3);
  });

  it('is deterministic and independent of batching, padding and order', async () => {
    const texts = [
      'A short one.',
      'The minister said the government would not negotiate over the future of the territory under any circumstances.',
      'Prices rose.',
      ...Array.from({ length: 12 }, (_, i) => `Sentence number ${i} is about ${i % 2 ? 'football' : 'the economy'}.`),
    ];
    const batched = await embed(texts);
    const again = await embed([...texts].reverse());
    for (const [i, text] of texts.entries()) {
      const [single] = await embed([text]);
      for (let k = 0; k < 384; k++) {
        expect(Math.abs(batched[i][k] - single[k])).toBeLessThan(1e-4);
        expect(Math.abs(again[texts.length - 1 - i][k] - single[k])).toBeLessThan(1e-4);
      }
    }
  });

  it('truncates long texts to 128 tokens instead of failing', async () => {
    const long = 'word '.repeat(600);
    const [v, w] = await embed([long, `${long} and then something else entirely`]);
    expect(norm(v)).toBeCloseTo(1, 5);
    expect(cosine(v, w)).toBeCloseTo(1, 5);
  });
});

describe('cosine', () => {
  it('is 1 for parallel, 0 for orthogonal and for zero vectors', () => {
    expect(cosine(Float32Array.of(1, 2), Float32Array.of(2, 4))).toBeCloseTo(1, 10);
    expect(cosine(Float32Array.of(1, 0), Float32Array.of(0, 3))).toBe(0);
    expect(cosine(Float32Array.of(0, 0), Float32Array.of(1, 1))).toBe(0);
  });

  it('rejects vectors of different lengths', () => {
    expect(() => cosine(Float32Array.of(1), Float32Array.of(1, 2))).toThrow(/lengths differ/);
  });
});
