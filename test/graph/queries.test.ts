// Every analyst query in cypher/queries.cypher runs as written (with its :param values, evaluated by Cypher as
// the Browser does) against the ingested seeds; the headline one finds Sheinbaum's sovereignty statements and
// the outlets that reported them.
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/db/driver.js';
import { loadQueries } from '../../src/graph/analyst.js';
import { ingestSources } from '../../src/graph/ingest.js';
import { readSources } from '../../src/pipeline/read.js';
import { loadGold, SEEDS } from '../unit/gold-docs.js';
import { clearGraph, testConfig, testGraph } from '../support/graph.js';

const queries = loadQueries();
let graph: Graph;
// the Browser's integers stay integers (LIMIT needs one): a driver with the default lossless integers
let browser: Driver;

beforeAll(async () => {
  graph = await testGraph();
  await clearGraph(graph);
  const report = await ingestSources(graph, readSources([SEEDS]));
  expect(report.errors).toEqual([]);
  const cfg = testConfig();
  browser = neo4j.driver(cfg.NEO4J_URI!, neo4j.auth.basic(cfg.NEO4J_USER, cfg.NEO4J_PASSWORD));
});
afterAll(async () => {
  await browser.close();
  await graph.close();
});

async function runAsBrowser(q: (typeof queries)[number]) {
  const session = browser.session({ database: graph.database });
  try {
    const params: Record<string, unknown> = {};
    for (const p of q.params) params[p.name] = (await session.run(`RETURN ${p.expression} AS v`)).records[0].get('v');
    return (await session.run(q.cypher, params)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

describe('cypher/queries.cypher', () => {
  it('has at least ten queries', () => {
    expect(queries.length).toBeGreaterThanOrEqual(10);
  });

  it.each(queries.map((q) => [q.title, q] as const))('%s: runs without error', async (_, q) => {
    await expect(runAsBrowser(q)).resolves.toBeInstanceOf(Array);
  });

  it("the headline query returns Claudia Sheinbaum's sovereignty statements with the outlets that reported each", async () => {
    const rows = await runAsBrowser(queries[0]);
    expect(queries[0].params).toEqual([{ name: 'topic', expression: "'sovereignty'" }]);
    const hers = rows.filter((r) => r.speaker === 'Claudia Sheinbaum');
    expect(hers.length).toBeGreaterThan(0);
    // the outlets the gold says carried her sovereignty quotes
    const gold = loadGold();
    const outlets = new Set(
      gold.quotes
        .filter((q) => q.speaker === 'Claudia Sheinbaum' && q.topics.includes('sovereignty') && !q.notAQuote)
        .map((q) => gold.articles.find((a) => a.id === q.article)!.outlet)
        .filter((o): o is string => !!o),
    );
    expect(outlets.size).toBeGreaterThan(0);
    expect(new Set(hers.flatMap((r) => r.outlets as string[]))).toEqual(outlets);
    for (const r of hers) expect(r.statement).toEqual(expect.any(String));
  });
});
