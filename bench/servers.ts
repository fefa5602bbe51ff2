// The API servers the benchmarks load, each in a child process of its own (this file, run with `serve`), so the
// load generator never shares an event loop with the server it measures.
import { fork, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, loadConfig } from '../src/config.js';
import { connect } from '../src/db/driver.js';

export type Server = 'quotegraph' | 'neo4j-graphql';

/** Child process: one server on an ephemeral loopback port, over the configured Neo4j. */
async function serve(which: Server): Promise<void> {
  const cfg = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const graph = await connect(cfg);
  let server;
  if (which === 'quotegraph') {
    const { createServer } = await import('../src/api/server.js');
    server = createServer(graph, cfg, { production: true }).server;
  } else {
    const [{ Neo4jGraphQL }, { createYoga }, { createServer: http }] = await Promise.all([import('@neo4j/graphql'), import('graphql-yoga'), import('node:http')]);
    const typeDefs = readFileSync(join(ROOT, 'bench/neo4j-graphql.graphql'), 'utf8');
    const schema = await new Neo4jGraphQL({ typeDefs, driver: graph.driver }).getSchema();
    server = http(createYoga({ schema, graphqlEndpoint: '/graphql', graphiql: false, landingPage: false, context: { sessionConfig: { database: graph.database } } }));
  }
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port));
}

/**
 * The seeds ingested into the configured graph beside what it holds, by the CLI in a process of its own: an
 * ingest in the benchmark's process would leave its models' threads there, competing with the load generator.
 */
export function seed(): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/index.ts'), 'ingest', join(ROOT, 'test/fixtures/seeds')], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`ingesting the seeds failed (exit ${r.status})`);
}

/** Starts `which` in a child process (killed when this one exits); `env` overrides its settings. */
export async function start(which: Server, env: NodeJS.ProcessEnv = {}) {
  const child = fork(fileURLToPath(import.meta.url), ['serve', which], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } });
  process.once('exit', () => child.kill());
  const port = await new Promise<number>((done, fail) => child.once('message', (m) => done(m as number)).once('error', fail));
  return { child, url: `http://127.0.0.1:${port}/graphql` };
}

if (process.argv[2] === 'serve') await serve(process.argv[3] as Server);
