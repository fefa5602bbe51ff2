// Running the read-side Cypher: every builder in this folder is pure and returns a Query; `read` runs one in a
// READ transaction (a write is refused by the server) with the graph's transaction timeout.
import neo4j from 'neo4j-driver';
import type { Graph } from '../../db/driver.js';

export type Row = Record<string, any>;
export type Params = Record<string, unknown>;

/** One Cypher statement and its parameters, built apart from running it (and snapshot-tested so). */
export interface Query {
  cypher: string;
  params: Params;
}

/** The pause before each retry of a read that failed with an error the driver calls retryable (a cluster member gone, a deadlock): two retries, then the error. */
const READ_RETRIES_MS = [50, 250];

/**
 * One round trip: an auto-commit READ transaction with the configured timeout, records as plain objects. Auto-commit,
 * not a managed transaction (executeQuery): that sends its COMMIT in a second round trip, about 0.4 of a 1.1 ms read
 * here; a read has nothing to commit. Transient failures are retried briefly, then reported, not retried for 30 s.
 */
export async function read(graph: Graph, query: Query): Promise<Row[]> {
  for (let attempt = 0; ; attempt++) {
    const session = graph.driver.session({ database: graph.database, defaultAccessMode: neo4j.session.READ });
    try {
      const res = await session.run(query.cypher, query.params, graph.txConfig);
      return res.records.map((r) => plain(r.toObject()) as Row);
    } catch (e) {
      if (attempt >= READ_RETRIES_MS.length || !neo4j.Neo4jError.isRetryable(e)) throw e;
      await new Promise((done) => setTimeout(done, READ_RETRIES_MS[attempt]));
    } finally {
      await session.close();
    }
  }
}

/** Temporal values to ISO strings, so resolvers and JSON see plain data (loops, not entries: a page holds thousands). */
function plain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = plain(v[i]);
    return out;
  }
  if (neo4j.isInt(v)) return v.toNumber();
  if (neo4j.isDate(v) || neo4j.isDateTime(v) || neo4j.isLocalDateTime(v)) return v.toString();
  const out: Row = {};
  for (const k of Object.keys(v)) out[k] = plain((v as Row)[k]);
  return out;
}

/** Whole numbers go over Bolt as Integer (SKIP and LIMIT refuse floats). */
export const int = (n: number) => neo4j.int(n);
