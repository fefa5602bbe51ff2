// Graph tests connect to the Neo4j the global setup provides, and wipe only what they made.
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connect, type Graph } from '../../src/db/driver.js';

export function testConfig() {
  return loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') });
}

export function testGraph(): Promise<Graph> {
  return connect(testConfig());
}

/** Removes every node but the schema bookkeeping, so each file starts from an empty graph. */
export async function clearGraph(graph: Graph): Promise<void> {
  await graph.driver.executeQuery(
    'MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
    {},
    { database: graph.database },
  );
}
