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

/**
 * Removes every node but the schema bookkeeping, so each file starts from an empty graph. An auto-commit
 * session.run: `CALL {} IN TRANSACTIONS` is refused inside the managed transaction executeQuery opens.
 */
export async function clearGraph(graph: Graph): Promise<void> {
  const session = graph.driver.session({ database: graph.database });
  try {
    await session.run('MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}
