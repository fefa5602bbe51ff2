// An ingest with extraction on two worker threads writes the graph one thread writes: the same fingerprint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/db/driver.js';
import { fingerprint } from '../../src/graph/checksum.js';
import { ingestSources } from '../../src/graph/ingest.js';
import { readSources } from '../../src/pipeline/read.js';
import { SEEDS } from '../unit/gold-docs.js';
import { clearGraph, testGraph } from '../support/graph.js';

let graph: Graph;
beforeAll(async () => {
  graph = await testGraph();
});
afterAll(async () => {
  await graph.close();
});

describe('ingest with extraction workers', () => {
  it('gives the same graph with 1 and 2 workers (batches of 2 articles, so several are cut)', async () => {
    const run = async (workers: number) => {
      await clearGraph(graph);
      const report = await ingestSources(graph, readSources([SEEDS]), { workers, batchSize: 2 });
      expect(report.errors).toEqual([]);
      return fingerprint(graph);
    };
    const one = await run(1);
    expect(await run(2)).toEqual(one);
  }, 300_000);
});
