// `quotegraph start` (npm start): the whole demo in one command. Neo4j (the local one unless NEO4J_URI is set),
// the schema, the seed articles on an empty graph, then GraphQL and the explorer on one port. SIGINT/SIGTERM stop
// what this process started, in reverse order: the HTTP server, the driver, the local Neo4j (if started here).
import type { Server } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { loadConfig, ROOT, type Config } from '../config.js';
import { connect, type Graph } from '../db/driver.js';
import { LocalNeo4j } from '../db/local.js';
import { migrate } from '../db/migrate.js';
import { run, say } from './run.js';
import type { Registrar } from './registrar.js';

const SEEDS = join(ROOT, 'test/fixtures/seeds');
const DEFAULT_PASSWORD = loadConfig({}).NEO4J_PASSWORD;

export const register: Registrar = (program: Command) => {
  program
    .command('start')
    .description('start Neo4j, load the seed articles into an empty graph, serve GraphQL and the explorer')
    .option('--no-seed', 'do not ingest the seed articles, even into an empty graph')
    .action((opts: { seed: boolean }) => run(() => start(loadConfig(), opts.seed)));
};

async function start(cfg: Config, seed: boolean): Promise<void> {
  const t0 = performance.now();
  // imported here, not at the top: every other CLI command would pay for the server and ingest modules
  const [{ createServer, listen }, { ingestSources }, { readSources }, { explorerResponse }] = await Promise.all([
    import('../api/server.js'),
    import('../graph/ingest.js'),
    import('../pipeline/read.js'),
    import('../web/assets.js'),
  ]);
  const secs = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  let connecting: Promise<Graph> | null = null;
  let graph: Graph | null = null;
  let server: Server | null = null;
  let stopping: Promise<void> | null = null;

  // Also used mid-start: a Ctrl-C while Neo4j boots or the seeds ingest must not leave a server behind.
  const stop = () =>
    (stopping ??= (async () => {
      if (server?.listening) {
        const closed = new Promise((done) => server!.close(done));
        server.closeAllConnections();
        await closed;
      }
      await (graph ?? (await connecting?.catch(() => null)))?.close();
    })());

  // A terminal's Ctrl-C reaches npm, tsx and this process at once, and npm and tsx pass it on too: repeats are
  // expected, so they do not cut the shutdown short (it is bounded: Neo4j is killed if it takes over a minute).
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    say(`\n${signal}: stopping…`);
    stop().then(
      () => say('stopped.'),
      (e) => (say(`quotegraph: while stopping: ${(e as Error).message}`), (process.exitCode = 1)),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    say(cfg.NEO4J_URI ? `connecting to ${cfg.NEO4J_URI}…` : 'starting the local Neo4j…');
    connecting = connect(cfg, { say, stopOnClose: true });
    graph = await connecting;
    if (stopping) return;
    const { applied, version } = await migrate(graph);
    say(`Neo4j ready (${secs()}), schema version ${version}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`);

    if (seed && !(await hasArticles(graph))) {
      say(`empty graph: ingesting the seed articles from ${SEEDS}…`);
      const report = await ingestSources(graph, readSources([SEEDS]));
      if (stopping) return;
      for (const e of report.errors) say(`quotegraph: ${e.files.join(', ')}: ${e.problem}`);
      const g = report.graph;
      if (g) say(`seeded (${secs()}): ${g.articles} articles, ${g.quotes} quotes, ${g.statements} statements, ${g.speakers} speakers, ${g.outlets} outlets`);
    }

    const api = createServer(graph, cfg, { handlers: [explorerResponse] });
    server = api.server;
    await listen(server, cfg);
    // a cold Neo4j plans and pages in on its first queries: pay that here, not on the first visitor's request
    const warm = await warmUp(api.fetch, cfg);
    if (stopping) return;
    if (warm) say(`quotegraph: warning: the API's first query failed: ${warm}`);
    printWelcome(cfg, secs());
  } catch (e) {
    if (stopping) return; // the failure is the shutdown interrupting a step
    await stop();
    throw e;
  }
}

async function hasArticles(graph: Graph): Promise<boolean> {
  const { records } = await graph.driver.executeQuery(
    'MATCH (a:Article) RETURN count(a) > 0 AS any',
    {},
    { database: graph.database, routing: 'READ' },
  );
  return records[0].get('any') as boolean;
}

/** The explorer's first two questions (the topics, then who spoke on the busiest one); a problem, or null. */
async function warmUp(fetch: (r: Request) => Promise<Response>, cfg: Config): Promise<string | null> {
  const ask = async (query: string, variables = {}) => {
    const res = await fetch(
      new Request(`http://${cfg.HOST}:${cfg.PORT}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      }),
    );
    const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors[0].message);
    return body.data;
  };
  try {
    const { topics } = await ask('{ topics(first: 1, sort: [{ statementCount: DESC }]) { edges { node { id } } } }');
    const topic = topics.edges[0]?.node.id;
    if (topic) await ask('query($t: String!) { whoSaid(topic: $t) { speakers { statements { reports { wording } } } } }', { t: topic });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function printWelcome(cfg: Config, took: string): void {
  // 0.0.0.0 and 127.0.0.1 are both reachable as localhost from this machine
  const host = ['0.0.0.0', '127.0.0.1', '::'].includes(cfg.HOST) ? 'localhost' : cfg.HOST;
  const base = `http://${host}:${cfg.PORT}`;
  const password = cfg.NEO4J_PASSWORD === DEFAULT_PASSWORD ? cfg.NEO4J_PASSWORD : 'your NEO4J_PASSWORD';
  const neo4j = cfg.NEO4J_URI
    ? [`  Neo4j:          ${cfg.NEO4J_URI}`]
    : [`  Neo4j Browser:  ${new LocalNeo4j(cfg).browserUrl}`, `                  log in as ${cfg.NEO4J_USER} / ${password}`];
  const lines = [
    '',
    `QuoteGraph is ready (${took}).`,
    `  Explorer:       ${base}/`,
    `  GraphQL:        ${base}/graphql`,
    ...neo4j,
    `  Guide:          in Neo4j Browser run  :play ${base}/guide`,
    `  Style:          in Neo4j Browser run  :style ${base}/style.grass`,
    '',
    'Ctrl-C stops everything started here.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
