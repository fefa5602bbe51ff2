// Global setup of the graph tests: a real Neo4j, never a double. NEO4J_URI wins; otherwise a local test
// instance (its own data folder and ports, so the demo's data is never touched) is started once and stopped after.
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { LocalNeo4j } from '../../src/db/local.js';
import { connect } from '../../src/db/driver.js';
import { migrate } from '../../src/db/migrate.js';

let started: LocalNeo4j | null = null;

/** The local test instance's settings (its own ports and data folder), also for tests that stop and restart it. */
export function testInstance(env: NodeJS.ProcessEnv = process.env): { cfg: ReturnType<typeof loadConfig>; name: string } {
  const bolt = Number(env.QG_TEST_BOLT_PORT ?? 17687);
  const http = Number(env.QG_TEST_HTTP_PORT ?? bolt - 213);
  const cfg = loadConfig({ ...env, NEO4J_URI: undefined, QG_BOLT_PORT: String(bolt), QG_HTTP_PORT: String(http), QG_NEO4J_PAGECACHE: '256m' });
  return { cfg, name: `test-${bolt}` };
}

export async function setup(project: TestProject): Promise<void> {
  let local = false;
  if (!process.env.NEO4J_URI) {
    const { cfg, name } = testInstance();
    const server = new LocalNeo4j(cfg, name);
    if (!(await server.start((l) => console.log(l))).alreadyRunning) started = server;
    process.env.NEO4J_URI = server.boltUri;
    local = true;
  }
  const graph = await connect(loadConfig());
  await migrate(graph);
  await graph.close();
  project.provide('neo4jUri', process.env.NEO4J_URI!);
  project.provide('neo4jLocal', local);
}

export async function teardown(): Promise<void> {
  if (started && !process.env.QG_TEST_KEEP_NEO4J) await started.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    /** True when the tests run on the local test instance this setup manages (it may be stopped and restarted). */
    neo4jLocal: boolean;
  }
}
