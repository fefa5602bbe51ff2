// One oversized value must not cost a batch: a record whose outlet is 10,000 characters long (over what Neo4j's
// index takes) is refused with one line, and every other record and file of its batch is written.
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/db/driver.js';
import { ingestSources } from '../../src/graph/ingest.js';
import { FIELD_LIMITS } from '../../src/graph/validate.js';
import { readSources } from '../../src/pipeline/read.js';
import { SEEDS } from '../support/api.js';
import { clearGraph, testGraph } from '../support/graph.js';
import { orphans } from '../support/ingest.js';

let graph: Graph;
let dir: string;
const record = (n: number, outlet: string) =>
  JSON.stringify({ text: `Mayor Ana Ortiz said: "We will open the ${n} new clinics this spring."`, title: `Clinics ${n}`, outlet });

beforeAll(async () => {
  graph = await testGraph();
  await clearGraph(graph);
  dir = mkdtempSync(join(tmpdir(), 'qg-bounds-'));
  for (const f of readdirSync(SEEDS)) copyFileSync(join(SEEDS, f), join(dir, f));
  writeFileSync(join(dir, 'feed.jsonl'), [record(1, 'City Desk'), record(2, 'x'.repeat(10_000)), record(3, 'City Desk')].join('\n'));
});

afterAll(async () => {
  await graph?.close();
});

describe('field bounds', () => {
  it('refuses the one oversized record with one line, and writes the rest of its batch', async () => {
    const report = await ingestSources(graph, readSources([dir]), { batchSize: 1000 });
    expect(report.errors).toEqual([
      {
        stage: 'validate',
        files: [join(dir, 'feed.jsonl')],
        problem: `article 1: outlet is 10,000 characters long (at most ${FIELD_LIMITS.outlet})`,
      },
    ]);
    const titles = (await graph.driver.executeQuery('MATCH (a:Article) RETURN a.title AS t', {}, { database: graph.database })).records.map((r) => r.get('t'));
    expect(titles).toEqual(expect.arrayContaining(['Clinics 1', 'Clinics 3']));
    expect(titles).not.toContain('Clinics 2');
    expect(report.articles.filter((a) => a.written)).toHaveLength(titles.length);
    expect(titles.length).toBeGreaterThan(5); // the seeds landed too
    expect(await orphans(graph)).toEqual({ quotes: 0, statements: 0, speakers: 0, outlets: 0 });
  });

  it('keeps what the graph holds of a file with a refused record, and adds its good ones', async () => {
    // the feed's first record is fixed later; its refused one stays out, nothing of the file is replaced
    writeFileSync(join(dir, 'feed.jsonl'), [record(4, 'City Desk'), record(2, 'x'.repeat(10_000))].join('\n'));
    const report = await ingestSources(graph, readSources([join(dir, 'feed.jsonl')]));
    expect(report.errors.map((e) => e.stage)).toEqual(['validate']);
    expect(report.changes.replacedArticles).toEqual([]);
    const titles = (await graph.driver.executeQuery("MATCH (a:Article) WHERE a.title STARTS WITH 'Clinics' RETURN a.title AS t ORDER BY t", {}, { database: graph.database })).records.map((r) => r.get('t'));
    expect(titles).toEqual(['Clinics 1', 'Clinics 3', 'Clinics 4']);
  });
});
