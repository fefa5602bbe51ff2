// Global setup of the graph tests: a real Neo4j, never a double. NEO4J_URI wins; otherwise a local test
// instance (its own data folder and ports, so the demo's data is never touched) is started once and stopped after.
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { LocalNeo4j } from '../../src/db/local.js';
import { connect } from '../../src/db/driver.js';
import { migrate } from '../../src/db/migrate.js';

let started: LocalNeo4j | null = null;

export async function setup(project: TestProject): Promise<void> {
  if (!process.env.NEO4J_URI) {
    const bolt = Number(process.env.QG_TEST_BOLT_PORT ?? 17687);
    const http = Number(process.env.QG_TEST_HTTP_PORT ?? bolt - 213);
    const cfg = loadConfig({ ...process.env, QG_BOLT_PORT: String(bolt), QG_HTTP_PORT: String(http), QG_NEO4J_PAGECACHE: '256m' });
    const local = new LocalNeo4j(cfg, `test-${bolt}`);
    if (!(await local.start((l) => console.log(l))).alreadyRunning) started = local;
    process.env.NEO4J_URI = local.boltUri;
  }
  const graph = await connect(loadConfig());
  await migrate(graph);
  await graph.close();
  project.provide('neo4jUri', process.env.NEO4J_URI!);
}

export async function teardown(): Promise<void> {
  if (started && !process.env.QG_TEST_KEEP_NEO4J) await started.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}
