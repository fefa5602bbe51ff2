// `npm run bench api`: QuoteGraph's API beside @neo4j/graphql 7 (the library a Neo4j user would pick instead,
// bench/neo4j-graphql.graphql mapping the same graph) over the same Neo4j, uncached, over HTTP with autocannon
// (loopback only): the headline, the busiest topic's first page, a speaker and a search, at 1 and at 10
// connections, the two servers' runs interleaved (QuoteGraph, library, QuoteGraph, ...), medians compared.
// Then QuoteGraph as it ships (answer cache on) for reference. Each server runs in a child process, over the
// configured Neo4j (NEO4J_URI, or the local one) with the seeds ingested beside what it holds (the BBC corpus,
// after `npm run bench ingest`). Env: QG_BENCH_SECONDS (per run, default 5), QG_BENCH_ROUNDS (default 3).
import { availableParallelism, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/driver.js';
import { pickCases, quantile } from './cases.js';
import { answerSize } from './profile.js';
import { seed, start } from './servers.js';

const SECONDS = Number(process.env.QG_BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.QG_BENCH_ROUNDS ?? 3);

/**
 * The library's nearest equivalents, answering the same questions. The headline: the topic's speakers most
 * prolific first off the graph's rank index (a @cypher field, bench/neo4j-graphql.graphql), each with their
 * statements on the topic and its direct narrower topics (the library has no hierarchy walk; the benchmarked
 * topics have none deeper) and every report. Search: quotes whose wording has the words, the first 20 with their
 * speakers (the library's @cypher full-text field); QuoteGraph is asked the same question (`OURS`), not its
 * four-kind default (the growth benchmark times that one).
 */
const inScope = `{ about: { some: { OR: [{ id: { eq: $topic } }, { broader: { some: { id: { eq: $topic } } } }] } } }`;
const LIBRARY = {
  whoSaid: `query ($topic: ID!) { whoSaid(topic: $topic, limit: 20) { id name roles
    said(where: ${inScope}, sort: [{ saidOn: ASC }]) { id canonical saidOn reports { text difference article { id title published outlet { name } } } } } }`,
  // the library has no tallies: what the client needs to count topics and outlets itself
  speaker: `query ($id: ID!) { speakers(where: { id: { eq: $id } }) { name aliases roles said(limit: 20, sort: [{ saidOn: ASC }]) { id canonical saidOn }
    topics: said { id about { id } } quotes { id article { outlet { name } } } } }`,
  search: `query ($text: String!) { searchQuotes(text: $text, limit: 20) { id text speaker { name } } }`,
};

/** QuoteGraph's side where the shared query (cases.ts) asks more than the library can answer. */
const OURS: Record<string, string> = {
  search: `query ($text: String!) { search(text: $text, kinds: [QUOTE], first: 20) { node { ... on Quote { id text speaker { name } } } } }`,
};

/** Why QuoteGraph's answer costs more where it does. */
const WHY: Record<string, string> = {
  speaker: 'it ranks the topics and outlets of every statement and quote (the library query fetches them for the client to count), in five round trips to one',
  search: 'to choose the 20 it ranks 80 candidates itself (exact phrase first, then most words found, misspellings within an edit or two counted, then Lucene) and highlights them; the library returns Lucene\'s first 20 as they come',
};

async function load(url: string, body: object, connections: number, duration: number) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), connections, duration },
      (err, res) => (err ? fail(err) : done(res)),
    );
    instance.on('response', (_c, _s, _b, ms) => times.push(ms));
  });
  if (result.errors + result.non2xx) throw new Error(`${url}: ${result.errors + result.non2xx} failed requests`);
  return { rps: result.requests.total / duration, p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

async function request(url: string, body: object): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
  if (json.errors) throw new Error(`query failed at ${url}: ${json.errors.map((e) => e.message).join('; ')}`);
  return json.data;
}

const median = (xs: number[]) => quantile(xs, 0.5);
const f1 = (x: number) => x.toFixed(1);

async function main(): Promise<void> {
  const graph = await connect(loadConfig(), { say: (l) => console.error(l) });
  seed();
  const cases = await pickCases(graph);
  await graph.close();
  const lib = (c: { variables: Record<string, unknown> }, name: string) =>
    name === 'speaker' ? { query: LIBRARY.speaker, variables: c.variables } : name === 'search' ? { query: LIBRARY.search, variables: c.variables } : { query: LIBRARY.whoSaid, variables: c.variables };

  const ours = await start('quotegraph', { QG_CACHE_TTL_MS: '0' });
  const theirs = await start('neo4j-graphql');
  console.log(`load average ${loadavg().map(f1).join(' ')} on ${availableParallelism()} cores; ${ROUNDS} interleaved rounds of ${SECONDS} s per server, query and connection count; cases ${JSON.stringify(Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, c.variables])))}\n`);
  const rows: string[][] = [['query', 'conns', 'QG req/s', 'QG p50', 'QG p95', 'lib req/s', 'lib p50', 'lib p95', 'ratio (QG/lib req/s)', 'answer objects (QG/lib)']];
  const ratios: { name: string; connections: number; ratio: number }[] = [];
  for (const [name, c] of Object.entries(cases)) {
    const mine = { query: OURS[name] ?? c.query, variables: c.variables };
    const other = lib(c, name);
    const sizes = `${answerSize(await request(ours.url, mine))}/${answerSize(await request(theirs.url, other))}`;
    for (const connections of [1, 10]) {
      await load(ours.url, mine, connections, 1); // warm-up: JIT, plan cache, page cache
      await load(theirs.url, other, connections, 1);
      const a: Awaited<ReturnType<typeof load>>[] = [];
      const b: typeof a = [];
      for (let r = 0; r < ROUNDS; r++) {
        a.push(await load(ours.url, mine, connections, SECONDS));
        b.push(await load(theirs.url, other, connections, SECONDS));
      }
      const m = (xs: typeof a, k: 'rps' | 'p50' | 'p95') => median(xs.map((x) => x[k]));
      const ratio = m(a, 'rps') / m(b, 'rps');
      ratios.push({ name, connections, ratio });
      rows.push([name, String(connections), f1(m(a, 'rps')), f1(m(a, 'p50')), f1(m(a, 'p95')), f1(m(b, 'rps')), f1(m(b, 'p50')), f1(m(b, 'p95')), `${ratio.toFixed(2)}x`, sizes]);
    }
  }
  theirs.child.kill();
  ours.child.kill();
  table(rows);
  console.log('\ntarget: every query uncached ahead of @neo4j/graphql (ratio > 1) at 1 and 10 connections');
  for (const r of ratios)
    console.log(r.ratio > 1 ? `  MET     ${r.name} at ${r.connections}: ${r.ratio.toFixed(2)}x` : `  MISSED  ${r.name} at ${r.connections}: ${r.ratio.toFixed(2)}x: ${WHY[r.name] ?? 'see the answer sizes'}`);

  const served = await start('quotegraph', {});
  const cached: string[][] = [['query (QuoteGraph as served, cache on, 10 conns)', 'req/s', 'p50 ms', 'p95 ms']];
  for (const [name, c] of Object.entries(cases)) {
    await load(served.url, c, 10, 1);
    const x = await load(served.url, c, 10, SECONDS);
    cached.push([name, f1(x.rps), f1(x.p50), f1(x.p95)]);
  }
  served.child.kill();
  console.log('');
  table(cached);
}

function table(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

await main();
