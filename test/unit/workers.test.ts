// Extraction on worker threads gives what one thread gives, in the same order: the JSONL contract byte for byte.
import { describe, expect, it } from 'vitest';
import { extractDocs } from '../../src/cli/extract.js';
import { toJsonLine } from '../../src/pipeline/jsonl.js';
import { loadTaxonomy } from '../../src/pipeline/topics.js';
import { inOrder } from '../../src/workers/extract-pool.js';
import { SEEDS } from './gold-docs.js';

describe('extraction workers', () => {
  it('extract prints the same JSONL with 1 and 2 workers', async () => {
    const ctx = { taxonomy: loadTaxonomy() };
    const jsonl = async (workers: number) => (await extractDocs([SEEDS], ctx, { workers })).docs.map((d) => `${toJsonLine(d)}\n`).join('');
    const one = await jsonl(1);
    expect(one.split('\n').length).toBeGreaterThan(5);
    expect(await jsonl(2)).toBe(one);
  }, 120_000);

  it('inOrder yields in input order however long each item takes, with failures in place', async () => {
    const delays = [30, 1, 20, 0, 10];
    const work = (i: number) =>
      i === 3 ? Promise.reject(new Error('three')) : new Promise<number>((done) => setTimeout(() => done(i * 10), delays[i]));
    const seen = [];
    for await (const { item, result } of inOrder([0, 1, 2, 3, 4], work, 3)) seen.push([item, result?.status === 'fulfilled' ? result.value : (result?.reason as Error).message]);
    expect(seen).toEqual([[0, 0], [1, 10], [2, 20], [3, 'three'], [4, 40]]);
  });
});
