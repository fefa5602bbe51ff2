// Answers' reads (src/graph/queries/run.ts): a transient failure is retried briefly, any other reported at once.
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/db/driver.js';
import { read } from '../../src/graph/queries/run.js';

/** A graph whose sessions fail with `failures` in turn, then answer one record; it counts runs and closes. */
function flaky(failures: Error[]) {
  const seen = { runs: 0, closed: 0, modes: [] as string[] };
  const graph = {
    database: 'neo4j',
    txConfig: { timeout: 1000 },
    driver: {
      session: (config: { defaultAccessMode: string }) => {
        seen.modes.push(config.defaultAccessMode);
        return {
          run: async () => {
            const failure = failures[seen.runs++];
            if (failure) throw failure;
            return { records: [{ toObject: () => ({ n: neo4j.int(7) }) }] };
          },
          close: async () => void seen.closed++,
        };
      },
    },
  } as unknown as Graph;
  return { graph, seen };
}

const deadlock = () => new neo4j.Neo4jError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', '50N42', 'error');

describe('read', () => {
  it('retries a transient failure, in a READ session each time, and closes every session', async () => {
    const { graph, seen } = flaky([deadlock(), deadlock()]);
    expect(await read(graph, { cypher: 'RETURN 7 AS n', params: {} })).toEqual([{ n: 7 }]);
    expect(seen).toEqual({ runs: 3, closed: 3, modes: ['READ', 'READ', 'READ'] });
  });

  it('reports a transient failure that persists after two retries, and any other failure at once', async () => {
    const stuck = flaky([deadlock(), deadlock(), deadlock()]);
    await expect(read(stuck.graph, { cypher: 'RETURN 7 AS n', params: {} })).rejects.toThrow('deadlock');
    expect(stuck.seen.runs).toBe(3);
    const wrong = flaky([new neo4j.Neo4jError('/ by zero', 'Neo.ClientError.Statement.ArithmeticError', '22012', 'error')]);
    await expect(read(wrong.graph, { cypher: 'RETURN 1/0', params: {} })).rejects.toThrow('/ by zero');
    expect(wrong.seen).toMatchObject({ runs: 1, closed: 1 });
  });
});
