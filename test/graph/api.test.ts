// The GraphQL API over the seeds, ingested by the real ingest: the headline question, connections and filters,
// search, single lookups, a constant number of round trips per page, limits, masked errors, injection-proof
// arguments, and the token-guarded ingest mutation (last: it changes the graph).
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/api/server.js';
import { createDriver, type Graph } from '../../src/db/driver.js';
import { countingGraph, failingGraph, gql, graphChecksum, ingestSeeds, type Fetch } from '../support/api.js';
import { clearGraph, testConfig, testGraph } from '../support/graph.js';

const TOKEN = 'api-test-token-0123456789';
let graph: Graph;
let api: Fetch;

beforeAll(async () => {
  graph = await testGraph();
  await clearGraph(graph);
  const report = await ingestSeeds(graph);
  expect(report.errors).toEqual([]);
  api = createServer(graph, { ...testConfig(), QG_API_TOKEN: TOKEN }).fetch;
});
afterAll(async () => {
  await graph?.close();
});

const ok = async (query: string, variables?: Record<string, unknown>) => {
  const r = await gql(api, query, variables);
  expect(r.errors).toBeUndefined();
  return r.data;
};

const HEADLINE = `query ($topic: String!) {
  whoSaid(topic: $topic) {
    topic { id statementCount } covers { id }
    speakers {
      speaker { id name }
      statements { id canonical saidOn reports { quote { speaker { name } } outlet { name } article { id } date wording difference changes { op value } } }
    }
  }
}`;

describe('whoSaid: the headline', () => {
  it('sovereignty: Claudia Sheinbaum, her statements reported by The Hill and the Associated Press in different words', async () => {
    const { whoSaid } = await ok(HEADLINE, { topic: 'sovereignty' });
    expect(whoSaid.topic.id).toBe('sovereignty');
    const sheinbaum = whoSaid.speakers.find((s: any) => s.speaker.name === 'Claudia Sheinbaum');
    expect(sheinbaum).toBeDefined();
    expect(sheinbaum.statements.length).toBeGreaterThan(1);
    for (const st of sheinbaum.statements) {
      expect(st.reports.length).toBeGreaterThan(0);
      for (const r of st.reports) {
        expect(r.article.id).toBeTruthy();
        expect(r.wording.length).toBeGreaterThan(0);
        expect(r.quote.speaker.name).toBe('Claudia Sheinbaum');
      }
    }
    // the answer's topic carries the same count as the topic itself
    const { topic } = await ok('{ topic(id: "sovereignty") { statementCount } }');
    expect(whoSaid.topic.statementCount).toBe(topic.statementCount);
    expect(topic.statementCount).toBeGreaterThanOrEqual(sheinbaum.statements.length);
    const outletsOf = (st: any) => new Set(st.reports.map((r: any) => r.outlet?.name));
    // one statement carried by both outlets, each in its own words
    const both = sheinbaum.statements.find((st: any) => outletsOf(st).has('The Hill') && outletsOf(st).has('Associated Press'));
    expect(both, 'a statement reported by The Hill and the Associated Press').toBeDefined();
    const wordings = (name: string) => both.reports.filter((r: any) => r.outlet?.name === name).map((r: any) => r.wording);
    expect(wordings('The Hill')).not.toEqual(wordings('Associated Press'));
    // other sources too ("among others"), and the changes spell out a rewording
    expect(both.reports.length).toBeGreaterThan(2);
    const reworded = both.reports.find((r: any) => r.changes.some((c: any) => c.op !== 'SAME'));
    expect(reworded).toBeDefined();
  });

  it("military intervention: Donald Trump's statements", async () => {
    const { whoSaid } = await ok(HEADLINE, { topic: 'Military Intervention' });
    const trump = whoSaid.speakers.find((s: any) => s.speaker.name === 'Donald Trump');
    expect(trump?.statements.length).toBeGreaterThan(0);
  });

  it('counts narrower topics: a broader topic of sovereignty finds what was said on sovereignty', async () => {
    const { topic } = await ok('{ topic(id: "sovereignty") { broader { id } } }');
    const broader = topic.broader[0].id;
    const { whoSaid } = await ok(HEADLINE, { topic: broader });
    expect(whoSaid.covers.map((t: any) => t.id)).toContain('sovereignty');
    expect(whoSaid.speakers.map((s: any) => s.speaker.name)).toContain('Claudia Sheinbaum');
  });

  it('projects for the selection: a statement or article asked for few fields, through a fragment, answers as the whole node does', async () => {
    const slim = `query ($topic: String!) { whoSaid(topic: $topic) { speakers { statements { ...S } } } }
      fragment S on Statement { id topics { id } occasion { id } reportCount reports { article { id caption opening } outlet { name } } }`;
    const { whoSaid } = await ok(slim, { topic: 'sovereignty' });
    const statements = whoSaid.speakers.flatMap((s: any) => s.statements);
    expect(statements.some((st: any) => st.topics.length > 0)).toBe(true);
    for (const st of statements.slice(0, 5)) {
      const whole = `query ($id: ID!) { statement(id: $id) { id topics { id } occasion { id } reportCount reports { article { id caption opening } outlet { name } } } }`;
      expect(st).toEqual((await ok(whole, { id: st.id })).statement);
    }
  });

  it('an unknown topic is a user error', async () => {
    const r = await gql(api, HEADLINE, { topic: 'no such topic' });
    expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('connections', () => {
  it('pages through every quote without gaps or repeats', async () => {
    const q = `query ($after: String) { quotes(first: 7, after: $after, sort: [{ saidOn: ASC }]) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 50; i++) {
      const { quotes } = await ok(q, { after });
      total = quotes.totalCount;
      seen.push(...quotes.edges.map((e: any) => e.node.id));
      if (!quotes.pageInfo.hasNextPage) break;
      after = quotes.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    const all = await ok('{ quotes(first: 100, sort: [{ saidOn: ASC }]) { edges { node { id } } } }');
    expect(all.quotes.edges.map((e: any) => e.node.id)).toEqual(seen);
  });

  it('filters in the @neo4j/graphql style: text, said date, speaker, outlet, kind', async () => {
    const { quotes } = await ok(`{ quotes(first: 100, where: {
        text: { contains: "SOVEREIGNTY" }, saidOn: { gte: "2025-05-01" },
        speaker: { name: { eq: "Claudia Sheinbaum" } }, outlet: { name: { eq: "The Hill" } }, kind: { in: [direct, partial] } }) {
      totalCount edges { node { text saidOn kind speaker { name } outlet { name } } } } }`);
    expect(quotes.totalCount).toBe(quotes.edges.length);
    expect(quotes.edges.length).toBeGreaterThan(0);
    for (const { node } of quotes.edges) {
      expect(node.text.toLowerCase()).toContain('sovereignty');
      expect(node.saidOn >= '2025-05-01').toBe(true);
      expect(node.speaker.name).toBe('Claudia Sheinbaum');
      expect(node.outlet.name).toBe('The Hill');
    }
  });

  it('statements, speakers, outlets, topics, articles: sorted and filtered', async () => {
    const data = await ok(`{
      statements(first: 100, where: { speaker: { name: { contains: "trump" } }, topic: { id: { eq: "military intervention" } } }) {
        totalCount edges { node { speaker { name } topics { id } } } }
      speakers(sort: [{ statementCount: DESC }], first: 2) { edges { node { name statementCount } } }
      outlets(where: { NOT: { name: { eq: "Reuters" } } }) { edges { node { name } } }
      topics(where: { id: { in: ["sovereignty", "cartels"] } }) { totalCount edges { node { id statementCount } } }
      articles(where: { published: { gte: "2025-05-04" } }) { edges { node { published outlet { name } } } }
    }`);
    expect(data.statements.totalCount).toBeGreaterThan(0);
    for (const { node } of data.statements.edges) expect(node.speaker.name).toBe('Donald Trump');
    const counts = data.speakers.edges.map((e: any) => e.node.statementCount);
    expect(counts[0]).toBeGreaterThanOrEqual(counts[1]);
    expect(data.outlets.edges.map((e: any) => e.node.name)).not.toContain('Reuters');
    expect(data.topics.totalCount).toBe(2);
    for (const { node } of data.articles.edges) expect(node.published >= '2025-05-04').toBe(true);
  });

  it('a page of 50 quotes with speakers, articles and outlets costs a constant number of round trips', async () => {
    const counting = countingGraph(graph);
    const fetch = createServer(counting.graph, testConfig()).fetch;
    const q = `query ($n: Int) { quotes(first: $n) { edges { node { text speaker { name } article { title outlet { name } } outlet { name } } } } }`;
    const trips = async (n: number) => {
      counting.reset();
      const r = await gql(fetch, q, { n });
      expect(r.errors).toBeUndefined();
      return counting.calls();
    };
    const page = await trips(50);
    expect(page).toBeGreaterThan(0); // the count sees the reads
    expect(page).toBeLessThanOrEqual(4); // quotes, speakers, articles, outlets
    expect(await trips(100)).toBe(page);
  });
});

describe('search and lookups', () => {
  it('full-text search over quotes and speakers, best first; Lucene syntax in the input is just text', async () => {
    const { search } = await ok(`{ search(text: "sovereignty is not for sale") { score kind node { ... on Quote { text } } } }`);
    expect(search[0].kind).toBe('QUOTE');
    expect(search[0].node.text.toLowerCase()).toContain('not for sale');
    const scores = search.map((h: any) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const people = await ok(`{ search(text: "Sheinbaum", kinds: [SPEAKER]) { node { ... on Speaker { name } } } }`);
    expect(people.search[0].node.name).toBe('Claudia Sheinbaum');
    for (const text of ['"unbalanced', 'AND OR NOT', 'a:b~ (c) [d TO e] {f} ^g* h? \\ / && || !', '*']) {
      const r = await gql(api, 'query ($t: String!) { search(text: $t) { score } }', { t: text });
      expect(r.errors, text).toBeUndefined();
    }
  });

  it('hits come projected for the selection, as the whole nodes answer, without a query per hit', async () => {
    const QUOTE = 'id text kind cue confidence speaker { name } article { id caption } outlet { name } statement { id } topics { id }';
    const hitsQuery = `query ($t: String!) { search(text: $t, first: 10) { node { ...Q ... on Statement { id canonical topics { id } speaker { name } } } } }
      fragment Q on Quote { ${QUOTE} }`;
    const counting = countingGraph(graph);
    const fetch = createServer(counting.graph, testConfig()).fetch;
    const hitsOnly = await gql(fetch, `{ search(text: "sovereignty", kinds: [QUOTE]) { node { ... on Quote { id text speaker { name } } } } }`);
    expect(hitsOnly.errors).toBeUndefined();
    // the exact words' candidates, then the misspelt ones when those leave the page short: never a query per hit
    expect(counting.calls()).toBeGreaterThan(0);
    expect(counting.calls()).toBeLessThanOrEqual(2);
    const { search } = await ok(hitsQuery, { t: 'sovereignty' });
    const quotes = search.map((h: any) => h.node).filter((n: any) => n.text);
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes.slice(0, 4)) {
      const whole = await ok(`query ($id: ID!) { quotes(where: { id: { eq: $id } }) { edges { node { ${QUOTE} } } } }`, { id: quote.id });
      expect(quote).toEqual(whole.quotes.edges[0].node);
    }
  });

  it('speaker by alias: statements, topics, outlets that quote them', async () => {
    const { speaker } = await ok(`{ speaker(name: "sheinbaum") { id name aliases roles type statementCount
      statements(first: 3) { id } topics { topic { id } count } quotedBy { outlet { name } count } } }`);
    expect(speaker.name).toBe('Claudia Sheinbaum');
    expect(speaker.type).toBe('PERSON');
    expect(speaker.statements.length).toBe(Math.min(3, speaker.statementCount));
    expect(speaker.topics.map((t: any) => t.topic.id)).toContain('sovereignty');
    expect(speaker.quotedBy.map((o: any) => o.outlet.name)).toContain('The Hill');
    const byId = await ok('query ($id: ID) { speaker(id: $id) { name } }', { id: speaker.id });
    expect(byId.speaker.name).toBe('Claudia Sheinbaum');
  });

  it('outlet: what it reported, whom it quotes and cites, what only it carried', async () => {
    const { outlet } = await ok(`{ outlet(name: "the hill") { key name articleCount articles { id }
      quotes { speaker { name } count } cites { outlet { name } count } exclusives { id reports { outlet { name } } } } }`);
    expect(outlet.name).toBe('The Hill');
    expect(outlet.articles.length).toBe(outlet.articleCount);
    expect(outlet.quotes[0].speaker.name).toBe('Claudia Sheinbaum');
    expect(outlet.cites.map((c: any) => c.outlet.name)).toContain('The Wall Street Journal');
    for (const st of outlet.exclusives) for (const r of st.reports) expect(r.outlet?.name).toBe('The Hill');
  });

  it('article: its text with quote offsets for highlighting; statement: wordings side by side', async () => {
    const { articles } = await ok('{ articles(first: 100) { edges { node { id text quotes { start end text statement { id } } } } } }');
    let statementId: string | null = null;
    for (const { node } of articles.edges) {
      for (const quote of node.quotes) {
        expect(node.text.slice(quote.start, quote.end)).toBe(quote.text);
        statementId ??= quote.statement?.id ?? null;
      }
    }
    const one = await ok('query ($id: ID!) { article(id: $id) { id } }', { id: articles.edges[0].node.id });
    expect(one.article.id).toBe(articles.edges[0].node.id);
    const { statement } = await ok('query ($id: ID!) { statement(id: $id) { canonical reportCount reports { wording difference article { id } } } }', {
      id: statementId,
    });
    expect(statement.reports.length).toBe(statement.reportCount);
  });
});

describe('safe by default', () => {
  it('rejects pages over 100, deep, wide and costly queries with clear errors', async () => {
    const page = await gql(api, '{ quotes(first: 101) { totalCount } }');
    expect(page.errors?.[0]).toMatchObject({ message: expect.stringContaining('first must be between 0 and 100'), extensions: { code: 'BAD_USER_INPUT' } });
    const nested = await gql(api, '{ quotes { edges { node { article { quotes { statement { reports { article { quotes { speaker { name } } } } } } } } } } }');
    expect(nested.errors?.[0].message).toMatch(/depth limit of \d+ exceeded/i);
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: topics { totalCount }`).join(' ');
    expect((await gql(api, `{ ${aliases} }`)).errors?.[0].message).toMatch(/aliases limit of \d+ exceeded/i);
    const wide = Array.from({ length: 15 }, (_, i) => `w${i}: whoSaid(topic: "sovereignty") { ...all }`).join(' ');
    const costly = await gql(
      api,
      `{ ${wide} } fragment all on WhoSaid { topic { id name description keywords } covers { id name }
        speakers { speaker { id name aliases roles statementCount topics { count topic { id name } } quotedBy { count outlet { name key } } }
        statements { id canonical saidOn reportCount topics { id name } reports { date wording difference changes { op value }
        outlet { name key } article { id title published url byline text } quote { id kind start end cue confidence } } } } }`,
    );
    expect(costly.errors?.[0].message).toMatch(/cost limit of \d+ exceeded/i);
  });

  it('blocks field suggestions in production', async () => {
    const dev = await gql(api, '{ quotez { totalCount } }');
    expect(dev.errors?.[0].message).toContain('Did you mean');
    const prod = createServer(graph, testConfig(), { production: true }).fetch;
    const r = await gql(prod, '{ quotez { totalCount } }');
    expect(r.errors?.[0].message).not.toContain('Did you mean');
  });

  it('masks internal errors', async () => {
    const broken = failingGraph(graph, new Error('secret: bolt://db:7687 password'));
    const r = await gql(createServer(broken, testConfig()).fetch, '{ topics { totalCount } }');
    expect(r.errors?.[0].message).toBe('Unexpected error.');
    expect(JSON.stringify(r)).not.toContain('secret');
  });

  it("answers a 503 in one plain sentence while Neo4j does not answer, without the driver's words", async () => {
    const gone: Graph = { ...graph, driver: createDriver('bolt://127.0.0.1:9', testConfig()) };
    try {
      const started = performance.now();
      const r = await gql(createServer(gone, testConfig()).fetch, '{ topics { totalCount } speakers(first: 1) { totalCount } }');
      expect(r.status).toBe(503);
      expect(r.errors?.[0]).toMatchObject({ message: 'the graph database does not answer: try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } });
      expect(JSON.stringify(r)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|encryption/);
      // a couple of quick retries, not the driver's 30 s of them
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await gone.driver.close();
    }
  });

  it('runs every string argument as a parameter: injection attempts leave the graph unchanged', async () => {
    const before = await graphChecksum(graph);
    const attacks = [
      `x' }) DETACH DELETE n //`,
      `") MATCH (n) DETACH DELETE n RETURN 1 AS x //`,
      `'; CALL db.index.fulltext.drop('quote_text'); //`,
      `\\' OR 1=1 } RETURN 1 UNION MATCH (n) SET n.pwned = true //`,
      `*) OR (*`,
    ];
    const { __schema } = await ok(INTROSPECT);
    const types = new Map<string, IType>(__schema.types.map((t: IType) => [t.name, t]));
    let sent = 0;
    for (const field of types.get('Query')!.fields!) {
      const selection = types.get(named(field.type).name!)!.kind === 'SCALAR' ? '' : '{ __typename }';
      // one request per argument (per field of a filter, within the input limits), with the required ones, so
      // each reaches its Cypher
      for (const arg of field.args) {
        const type = types.get(named(arg.type).name!)!;
        const parts = type.kind === 'INPUT_OBJECT' ? type.inputFields!.filter((f) => !['AND', 'OR', 'NOT'].includes(f.name)) : [null];
        for (const part of parts) {
          for (const attack of attacks) {
            const value = (a: { type: ITypeRef }) => {
              if (a !== arg || !part) return literal(types, a.type, attack, 0);
              const inner = literal(types, part.type, attack, 1);
              return inner === 'null' ? 'null' : `{ ${part.name}: ${inner} }`;
            };
            const args = field.args
              .filter((a) => a === arg || a.type.kind === 'NON_NULL')
              .map((a) => `${a.name}: ${value(a)}`)
              .filter((x) => !x.endsWith(': null'));
            if (!args.length) continue;
            const r = await gql(api, `{ ${field.name}(${args.join(', ')}) ${selection} }`);
            sent++;
            for (const e of r.errors ?? []) {
              expect(['BAD_USER_INPUT', 'NOT_FOUND'], `${field.name}: ${e.message}`).toContain(e.extensions?.code);
              expect(e.message, `${field.name}(${arg.name}${part ? `.${part.name}` : ''})`).not.toContain('input over a limit');
            }
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(30);
    expect(await graphChecksum(graph)).toBe(before);
  });

  it('limits the request body size', async () => {
    const { server } = createServer(graph, testConfig(), { maxBodyBytes: 1000 });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      const big = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ search(text: "${'x'.repeat(2000)}") { score } }` }),
      });
      expect(big.status).toBe(413);
      const small = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ topics(first: 1) { totalCount } }' }),
      });
      expect(small.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('serves a static folder and extra handlers, never a file outside the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qg-static-'));
    writeFileSync(join(dir, 'index.html'), '<h1>explorer</h1>');
    const { fetch: serve } = createServer(graph, testConfig(), {
      staticDir: dir,
      handlers: [(req) => (new URL(req.url).pathname === '/extra' ? new Response('extra') : null)],
    });
    expect(await (await serve(new Request('http://localhost/'))).text()).toBe('<h1>explorer</h1>');
    expect(await (await serve(new Request('http://localhost/extra'))).text()).toBe('extra');
    expect((await serve(new Request('http://localhost/%2e%2e/%2e%2e/etc/passwd'))).status).toBe(404);
    expect((await serve(new Request('http://localhost/healthz'))).status).toBe(200);
  });
});

describe('ingestArticles', () => {
  const MUTATION = `mutation ($input: [ArticleInput!]!) { ingestArticles(input: $input) {
    articles { input id title status quotes written } errors { inputs stage message } } }`;
  const article = {
    title: 'Harbour mayor promises new bridges',
    outlet: 'Associated Press',
    published: '2025-06-02',
    text:
      'Harbour mayor promises new bridges\n' +
      'PORTVILLE (AP) — The mayor of Portville, Jane Alder, said on Monday that the city would build two bridges. ' +
      '"We will build two new bridges before the winter, and nobody will pay a toll on them," Alder told reporters.\n',
  };

  it('is disabled without a configured token, and needs the token when there is one', async () => {
    const off = createServer(graph, { ...testConfig(), QG_API_TOKEN: undefined }).fetch;
    const disabled = await gql(off, MUTATION, { input: [article] }, { authorization: `Bearer ${TOKEN}` });
    expect(disabled.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const wrong = await gql(api, MUTATION, { input: [article] }, { authorization: 'Bearer not-the-token-at-all' });
    expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.status).toBe(401);
  });

  it('ingests through the shared ingest and reports per article', async () => {
    const count = async () => (await ok('{ articles { totalCount } }')).articles.totalCount;
    const before = await count(); // now a cached answer, which the ingest must forget
    const r = await gql(api, MUTATION, { input: [article] }, { authorization: `Bearer ${TOKEN}` });
    expect(r.errors).toBeUndefined();
    const { articles, errors } = r.data.ingestArticles;
    expect(errors).toEqual([]);
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ input: 0, status: 'new', written: true });
    const { article: stored } = await ok('query ($id: ID!) { article(id: $id) { title published outlet { name } } }', { id: articles[0].id });
    expect(stored).toMatchObject({ title: article.title, published: '2025-06-02', outlet: { name: 'Associated Press' } });
    expect(await count()).toBe(before + 1);
  });
});

interface ITypeRef {
  kind: string;
  name: string | null;
  ofType: ITypeRef | null;
}
interface IType {
  kind: string;
  name: string;
  fields: { name: string; type: ITypeRef; args: { name: string; type: ITypeRef }[] }[] | null;
  inputFields: { name: string; type: ITypeRef }[] | null;
  enumValues: { name: string }[] | null;
}
const REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INTROSPECT = `{ __schema { types { kind name enumValues { name } inputFields { name type { ${REF} } }
  fields { name type { ${REF} } args { name type { ${REF} } } } } } }`;

const named = (t: ITypeRef): ITypeRef => (t.ofType ? named(t.ofType) : t);
const isList = (t: ITypeRef): boolean => t.kind === 'LIST' || (t.kind === 'NON_NULL' && isList(t.ofType!));

/** A GraphQL literal for an argument type with `attack` in every string leaf (input objects two levels deep). */
function literal(types: Map<string, IType>, ref: ITypeRef, attack: string, depth: number): string {
  const type = types.get(named(ref).name!)!;
  let value: string;
  if (type.name === 'String' || type.name === 'ID') value = JSON.stringify(attack);
  else if (type.name === 'Int') value = '5';
  else if (type.kind === 'ENUM') value = type.enumValues![0].name;
  else if (type.kind === 'INPUT_OBJECT' && depth < 2) {
    const fields = type
      .inputFields!.filter((f) => !['AND', 'OR', 'NOT'].includes(f.name))
      .map((f) => `${f.name}: ${literal(types, f.type, attack, depth + 1)}`)
      .filter((x) => !x.endsWith(': null'));
    if (!fields.length) return 'null';
    value = `{ ${fields.join(', ')} }`;
  } else return 'null';
  return isList(ref) ? `[${value}]` : value;
}
