// Checks over an ingested graph, shared by the ingest and query tests.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Graph } from '../../src/db/driver.js';
import type { Source } from '../../src/pipeline/doc.js';

/** Every node's label and key, sorted, hashed: equal checksums mean the same nodes with the same ids. */
export async function idChecksum(graph: Graph): Promise<string> {
  const { records } = await graph.driver.executeQuery(
    `MATCH (n) WHERE NOT n:SchemaMigration
     RETURN [l IN ['Article', 'Quote', 'Statement', 'Speaker', 'Outlet', 'Topic'] WHERE l IN labels(n)][0] + ':' + coalesce(n.id, n.key) AS k
     ORDER BY k`,
    {},
    { database: graph.database },
  );
  return createHash('sha256').update(records.map((r) => r.get('k')).join('\n')).digest('hex');
}

/** Nodes that the model says must hang off something: quotes without article, statements without quote, etc. */
export async function orphans(graph: Graph): Promise<Record<string, number>> {
  const { records } = await graph.driver.executeQuery(
    `CALL () { MATCH (q:Quote) WHERE NOT ()-[:QUOTES]->(q) RETURN count(q) AS quotes }
     CALL () { MATCH (s:Statement) WHERE NOT ()-[:REPORTS]->(s) OR NOT ()-[:SAID]->(s) RETURN count(s) AS statements }
     CALL () { MATCH (s:Speaker) WHERE NOT (s)-[:SAID]->() AND NOT ()-[:ATTRIBUTED_TO|RELAYED_BY]->(s) RETURN count(s) AS speakers }
     CALL () { MATCH (o:Outlet) WHERE NOT ()-->(o) RETURN count(o) AS outlets }
     RETURN quotes, statements, speakers, outlets`,
    {},
    { database: graph.database },
  );
  return records[0].toObject();
}

/** Node counts per label the ingest writes. */
export async function counts(graph: Graph): Promise<Record<string, number>> {
  const { records } = await graph.driver.executeQuery(
    `UNWIND ['Article', 'Quote', 'Statement', 'Speaker', 'Outlet', 'Topic'] AS label
     CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS n }
     RETURN label, n`,
    {},
    { database: graph.database },
  );
  return Object.fromEntries(records.map((r) => [r.get('label'), r.get('n')]));
}

/** Text files under `dir` as Sources (id as read.ts makes it: sha256 of the text, 16 hex). */
export function textSources(dir: string): Source[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return { file: join(dir, f), id: createHash('sha256').update(text).digest('hex').slice(0, 16), text, given: {} };
    });
}
