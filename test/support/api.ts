// Helpers of the API tests: the seeds ingested, GraphQL requests through the server's fetch handler, a count
// of database round trips, and a checksum of the whole graph.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { createServer } from '../../src/api/server.js';
import type { Graph } from '../../src/db/driver.js';
import { ingestSources } from '../../src/graph/ingest.js';
import { goldPipeline } from './gold-pipeline.js';
import { clearGraph, testConfig, testGraph } from './graph.js';
import { textSources } from './ingest.js';

export const SEEDS = new URL('../fixtures/seeds/', import.meta.url).pathname;

/**
 * The seeds through the real ingest. QG_API_TEST_PIPELINE=gold swaps the NLP stages for the seed gold
 * (test/support/gold-pipeline.ts), to tell API faults from extraction faults.
 */
export function ingestSeeds(graph: Graph) {
  const gold = process.env.QG_API_TEST_PIPELINE === 'gold';
  return ingestSources(graph, textSources(SEEDS), gold ? { pipeline: goldPipeline() } : {});
}

export interface GqlResult {
  status: number;
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export type Fetch = (request: Request) => Promise<Response>;

export async function gql(fetch: Fetch, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GqlResult> {
  const res = await fetch(
    new Request('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    }),
  );
  return { status: res.status, ...(await res.json()) };
}

/** The same graph whose driver counts the statements it runs (the API reads with `run` on sessions; executeQuery counted too). */
export function countingGraph(graph: Graph): { graph: Graph; calls: () => number; reset: () => void } {
  let n = 0;
  const own = <T extends object>(target: T, prop: string | symbol) => {
    const v = Reflect.get(target, prop);
    return typeof v === 'function' ? v.bind(target) : v;
  };
  const counted = <T extends object>(target: T, method: string) =>
    new Proxy(target, {
      get(t, prop) {
        if (prop !== method) return own(t, prop);
        return (...args: unknown[]) => {
          n++;
          return (t as any)[method](...args);
        };
      },
    });
  const driver = new Proxy(graph.driver, {
    get(target, prop) {
      if (prop === 'executeQuery') return counted(target, 'executeQuery').executeQuery;
      if (prop === 'session') return (...args: Parameters<typeof target.session>) => counted(target.session(...args), 'run');
      return own(target, prop);
    },
  });
  return { graph: { ...graph, driver }, calls: () => n, reset: () => (n = 0) };
}

/** The graph with a driver whose every statement fails with `error`, however it is run (an internal failure). */
export function failingGraph(graph: Graph, error: Error): Graph {
  const fail = () => Promise.reject(error);
  return { ...graph, driver: { executeQuery: fail, session: () => ({ run: fail, close: async () => {} }) } as unknown as Graph['driver'] };
}

/** Every node (labels, properties) and relationship (type, properties, ends), serialised, sorted and hashed. */
export async function graphChecksum(graph: Graph): Promise<string> {
  const { records } = await graph.driver.executeQuery(
    `CALL () { MATCH (n) WHERE NOT n:SchemaMigration RETURN [labels(n), properties(n)] AS item }
     RETURN item
     UNION ALL
     CALL () { MATCH (a)-[r]->(b) RETURN [type(r), properties(r), elementId(a), elementId(b)] AS item }
     RETURN item`,
    {},
    { database: graph.database },
  );
  const lines = records.map((r) => stable(r.get('item'))).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** JSON with sorted keys (property maps come back in any order). */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object' && v.constructor === Object) {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v === undefined ? null : String(v));
}

/**
 * The seeds in a cleared test graph and the API over it (uncached), set up before a file's tests and closed after:
 * `ok` runs an operation and expects no errors, `request` returns the whole result, `graph` the graph itself.
 */
export function seededApi() {
  let graph: Graph;
  let api: Fetch;
  beforeAll(async () => {
    graph = await testGraph();
    await clearGraph(graph);
    expect((await ingestSeeds(graph)).errors).toEqual([]);
    api = createServer(graph, { ...testConfig(), QG_CACHE_TTL_MS: 0 }).fetch;
  });
  afterAll(async () => {
    await graph?.close();
  });
  const request = (query: string, variables?: Record<string, unknown>) => gql(api, query, variables);
  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const r = await request(query, variables);
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  return { ok, request, graph: () => graph };
}
