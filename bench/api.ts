// `npm run bench api`: latency and throughput of the headline, search and speaker queries over HTTP, with
// autocannon (concurrency 10, loopback only). The server runs in a child process (so the load generator does
// not share its event loop) over the configured Neo4j (NEO4J_URI, or the local one), with the seeds ingested.
// Env: QG_BENCH_SECONDS (per query, default 10), QG_BENCH_CONNECTIONS (default 10), QG_BENCH_TOPIC (default
// sovereignty; the topic with most statements is timed too). Target: headline p95 <= 20 ms.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/driver.js';

const SECONDS = Number(process.env.QG_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.QG_BENCH_CONNECTIONS ?? 10);

/** Child process: the API server on an ephemeral loopback port. */
async function serve(): Promise<void> {
  const { createServer } = await import('../src/api/server.js');
  const cfg = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const graph = await connect(cfg);
  const { server } = createServer(graph, cfg, { production: true });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port));
}

async function main(): Promise<void> {
  const cfg = loadConfig();
  const graph = await connect(cfg, { say: (l) => console.error(l) });
  // the seeds always (ingest is idempotent: present ones change nothing), beside whatever the graph holds already
  // (run after the ingest bench, that is the BBC corpus)
  const [{ ingestSources }, { readSources }, { SEEDS }] = await Promise.all([
    import('../src/graph/ingest.js'),
    import('../src/pipeline/read.js'),
    import('./corpus.js'),
  ]);
  await ingestSources(graph, readSources([SEEDS]));
  const size = await graphSize(graph);
  await graph.close();

  // the server as it ships (answers cached for QG_CACHE_TTL_MS), then with the cache off: every request to Neo4j
  const start = async (env: NodeJS.ProcessEnv) => {
    const child = fork(fileURLToPath(import.meta.url), ['serve'], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } });
    process.once('exit', () => child.kill());
    const port = await new Promise<number>((done, fail) => child.once('message', (m) => done(m as number)).once('error', fail));
    return { child, url: `http://127.0.0.1:${port}/graphql` };
  };
  let { child, url } = await start({});
  const post = (query: string, variables: object) => ({ query, variables });

  // the busiest topic and speaker of this graph, so the bench needs no names
  const pick = await request(url, post('{ topics(first: 1, sort: [{ statementCount: DESC }]) { edges { node { id name } } } speakers(first: 1, sort: [{ statementCount: DESC }]) { edges { node { id } } } }', {}));
  const busiest = pick.topics.edges[0].node;
  const topic = { id: process.env.QG_BENCH_TOPIC ?? 'sovereignty', name: process.env.QG_BENCH_TOPIC ?? 'sovereignty' };
  const speakerId = pick.speakers.edges[0].node.id;
  const whoSaid = (id: string) =>
    post(
      `query ($topic: String!) { whoSaid(topic: $topic) { topic { id } speakers { speaker { id name roles }
        statements { id canonical saidOn reports { date wording difference outlet { name } article { id title } } } } } }`,
      { topic: id },
    );
  const cases = {
    headline: whoSaid(topic.id),
    [`headline (${busiest.id})`]: whoSaid(busiest.id),
    search: post(
      `query ($text: String!) { search(text: $text, first: 20) { score kind node {
        ... on Quote { id text } ... on Statement { id canonical } ... on Speaker { id name } } } }`,
      { text: topic.name },
    ),
    speaker: post(
      `query ($id: ID) { speaker(id: $id) { name aliases roles statementCount statements(first: 20) { id canonical saidOn }
        topics { count topic { id } } quotedBy { count outlet { name } } } }`,
      { id: speakerId },
    ),
  };

  console.log(`graph: ${Object.entries(size).map(([k, v]) => `${v} ${k}`).join(', ')}; topics "${topic.id}" and the busiest, "${busiest.id}"`);
  console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per query\n`);
  const rows: string[][] = [['query', 'cache', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors']];
  for (const cache of ['on', 'off']) {
    if (cache === 'off') {
      child.kill();
      ({ child, url } = await start({ QG_CACHE_TTL_MS: '0' }));
    }
    for (const [name, body] of Object.entries(cases)) {
      await request(url, body); // fails loudly on a GraphQL error instead of timing error responses
      await run(url, body, 2); // warm-up: JIT, plan cache, page cache
      const { result: r, p50, p95, p99, max } = await run(url, body, SECONDS);
      rows.push([name, cache, String(r.requests.total), r.requests.average.toFixed(0), fmt(p50), fmt(p95), fmt(p99), fmt(max), String(r.errors + r.non2xx)]);
    }
  }
  printTable(rows);
  console.log(`\nheadline p95 ${rows[1][5]} ms as served, ${rows.find((r) => r[0] === 'headline' && r[1] === 'off')![5]} ms uncached (target <= 20 ms)`);
  child.kill();
}

/** One autocannon run; latencies are taken per response (autocannon's own summary has no p95). */
async function run(url: string, body: object, duration: number) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), connections: CONNECTIONS, duration },
      (err, res) => (err ? fail(err) : done(res)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  return { result, p50: at(50), p95: at(95), p99: at(99), max: times.at(-1) };
}

async function request(url: string, body: object): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
  if (json.errors) throw new Error(`query failed: ${json.errors.map((e) => e.message).join('; ')}`);
  return json.data;
}

async function graphSize(graph: Awaited<ReturnType<typeof connect>>): Promise<Record<string, number>> {
  const { records } = await graph.driver.executeQuery(
    `CALL () { MATCH (n:Article) RETURN count(n) AS articles }
     CALL () { MATCH (n:Quote) RETURN count(n) AS quotes }
     CALL () { MATCH (n:Statement) RETURN count(n) AS statements }
     CALL () { MATCH (n:Speaker) RETURN count(n) AS speakers }
     RETURN articles, quotes, statements, speakers`,
    {},
    { database: graph.database, routing: 'READ' },
  );
  return records[0].toObject();
}

const fmt = (ms: number | undefined) => (ms === undefined ? '-' : ms.toFixed(1));

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

if (process.argv[2] === 'serve') await serve();
else await main();
