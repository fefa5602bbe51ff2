// The foundation: neo4j-driver writes and reads through a real server, and the schema is in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/db/driver.js';
import { migrate, loadMigrations } from '../../src/db/migrate.js';
import { read } from '../../src/graph/queries/run.js';
import { testGraph } from '../support/graph.js';

let graph: Graph;
beforeAll(async () => {
  graph = await testGraph();
});
afterAll(async () => {
  await graph.driver.executeQuery("MATCH (n:DriverProbe) DETACH DELETE n", {}, { database: graph.database });
  await graph.close();
});

describe('real Neo4j', () => {
  it('writes in a transaction and reads the same data back', async () => {
    const id = `probe-${Date.now()}`;
    await graph.driver.executeQuery('CREATE (:DriverProbe {id: $id, words: $words})', { id, words: ['a', 'b'] }, { database: graph.database });
    const { records } = await graph.driver.executeQuery('MATCH (p:DriverProbe {id: $id}) RETURN p.words AS words', { id }, { database: graph.database });
    expect(records.map((r) => r.get('words'))).toEqual([['a', 'b']]);
  });

  it("answers' reads run read-only (auto-commit, READ mode): a write through them is refused by the server", async () => {
    await expect(read(graph, { cypher: "CREATE (:DriverProbe {id: 'through-read'})", params: {} })).rejects.toThrow(/read access mode/i);
    expect(await read(graph, { cypher: "MATCH (p:DriverProbe {id: 'through-read'}) RETURN count(p) AS n", params: {} })).toEqual([{ n: 0 }]);
  });

  it('rolls back a failed transaction whole', async () => {
    const session = graph.driver.session({ database: graph.database });
    await expect(
      session.executeWrite(async (tx) => {
        await tx.run("CREATE (:DriverProbe {id: 'rolled-back'})");
        await tx.run('RETURN 1/0');
      }),
    ).rejects.toThrow();
    await session.close();
    const { records } = await graph.driver.executeQuery("MATCH (p:DriverProbe {id: 'rolled-back'}) RETURN count(p) AS n", {}, { database: graph.database });
    expect(records[0].get('n')).toBe(0);
  });

  it('has every migration applied, and migrating again changes nothing', async () => {
    const again = await migrate(graph);
    expect(again.applied).toEqual([]);
    expect(again.version).toBe(Math.max(...loadMigrations().map((m) => m.version)));
    const { records } = await graph.driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names', {}, { database: graph.database });
    expect(records[0].get('names')).toEqual(expect.arrayContaining(['article_id', 'speaker_id', 'statement_id', 'quote_id']));
    const ft = await graph.driver.executeQuery("SHOW INDEXES YIELD name, type WHERE type = 'FULLTEXT' RETURN collect(name) AS names", {}, { database: graph.database });
    expect(ft.records[0].get('names')).toEqual(expect.arrayContaining(['quote_text', 'speaker_names']));
  });
});
