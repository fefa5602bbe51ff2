// What the graph benchmarks share: an emptied graph to start from (the schema and its migrations kept).
import type { Graph } from '../src/db/driver.js';

/** Deletes every node but the migration records, in transactions of 10,000 (the whole BBC graph in one would not fit the heap). */
export async function emptyGraph(graph: Graph): Promise<void> {
  const session = graph.driver.session({ database: graph.database });
  try {
    await session.run('MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}
