// Issue 13's API additions over the seeds, ingested by the real ingest into the test Neo4j: provenance on quotes
// and articles (saidOnFrom, caption, opening), whoSaid totals and pages, search that answers "who said this?"
// (ranking, phrases, typos, article text, highlights, escaping), and the confidence filter.
import { describe, expect, it } from 'vitest';
import { seededApi } from '../support/api.js';

const { ok, request } = seededApi();

describe('provenance', () => {
  it('a dated quote says which words of the article its date was read from', async () => {
    const { quotes } = await ok('{ quotes(first: 100, where: { saidOn: { gte: "1900-01-01" } }) { totalCount edges { node { text saidOn saidOnFrom article { text } } } } }');
    expect(quotes.totalCount).toBeGreaterThan(0);
    for (const { node } of quotes.edges) {
      expect(node.saidOnFrom, node.text).toEqual(expect.any(String));
      expect(node.article.text).toContain(node.saidOnFrom);
    }
    const undated = await ok('{ quotes(first: 100) { edges { node { saidOn saidOnFrom } } } }');
    for (const { node } of undated.quotes.edges) if (!node.saidOn) expect(node.saidOnFrom).toBeNull();
  });

  it('every article has a caption and its opening words, so two without title or outlet can be told apart', async () => {
    const { articles } = await ok('{ articles(first: 100) { edges { node { id title file url caption opening outlet { name } } } } }');
    const unnamed = articles.edges.map((e: any) => e.node).filter((a: any) => !a.outlet);
    expect(unnamed.length).toBeGreaterThanOrEqual(2);
    for (const a of articles.edges.map((e: any) => e.node)) {
      expect(a.caption).toBe(a.title ?? a.file.split('/').pop());
      expect(a.opening.split(/\s+/).length).toBeGreaterThan(3);
    }
    expect(new Set(unnamed.map((a: any) => `${a.caption} ${a.opening}`)).size).toBe(unnamed.length);
  });
});

describe('whoSaid at scale: totals and pages', () => {
  const PAGE = `query ($topic: String!, $first: Int, $after: String, $where: StatementWhere) {
    whoSaid(topic: $topic, first: $first, after: $after, where: $where) {
      totalCount statementCount pageInfo { hasNextPage endCursor }
      speakers { speaker { id } statements { id } }
      outlets { outlet { name } count } } }`;

  it('pages through every speaker without gaps or repeats; totals count every page', async () => {
    const { topics } = await ok('{ topics(first: 100, sort: [{ statementCount: DESC }]) { edges { node { id } } } }');
    const topic = topics.edges[0].node.id;
    const all = (await ok(PAGE, { topic, first: 100 })).whoSaid;
    expect(all.totalCount).toBe(all.speakers.length);
    expect(all.statementCount).toBe(all.speakers.reduce((n: number, s: any) => n + s.statements.length, 0));
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(all.totalCount).toBeGreaterThan(2);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const { whoSaid } = await ok(PAGE, { topic, first: 2, after });
      expect(whoSaid.totalCount).toBe(all.totalCount);
      expect(whoSaid.speakers.length).toBeLessThanOrEqual(2);
      seen.push(...whoSaid.speakers.map((s: any) => s.speaker.id));
      if (!whoSaid.pageInfo.hasNextPage) break;
      after = whoSaid.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.speakers.map((s: any) => s.speaker.id));
    // the topic's outlets, most reports first, over every page
    const counts = all.outlets.map((o: any) => o.count);
    expect(counts.length).toBeGreaterThan(0);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
  });

  it('filters by attribution confidence through the statement’s quotes', async () => {
    const { quotes } = await ok('{ quotes(first: 100) { edges { node { confidence statement { id } } } } }');
    const confidences = quotes.edges.map((e: any) => e.node.confidence).sort();
    const mid = confidences[Math.floor(confidences.length / 2)];
    const sure = (await ok(PAGE, { topic: 'sovereignty', first: 100, where: { quote: { confidence: { gte: mid } } } })).whoSaid;
    const every = (await ok(PAGE, { topic: 'sovereignty', first: 100 })).whoSaid;
    expect(sure.statementCount).toBeLessThanOrEqual(every.statementCount);
    const ids = sure.speakers.flatMap((s: any) => s.statements.map((st: any) => st.id));
    for (const id of ids) {
      const { statement } = await ok('query ($id: ID!) { statement(id: $id) { reports { quote { confidence } } } }', { id });
      expect(Math.max(...statement.reports.map((r: any) => r.quote.confidence))).toBeGreaterThanOrEqual(mid);
    }
  });

  it('a speaker’s statements and an outlet’s articles page with after', async () => {
    const { speaker } = await ok('{ speaker(name: "Claudia Sheinbaum") { statementCount statements(first: 100) { id } } }');
    const cursor = Buffer.from('arrayconnection:0').toString('base64');
    const next = await ok('query ($after: String) { speaker(name: "Claudia Sheinbaum") { statements(first: 2, after: $after) { id } } }', { after: cursor });
    expect(next.speaker.statements.map((s: any) => s.id)).toEqual(speaker.statements.slice(1, 3).map((s: any) => s.id));
  });
});

describe('searchResults: who said this?', () => {
  const SEARCH = `query ($text: String!, $kinds: [SearchKind!], $after: String) {
    searchResults(text: $text, kinds: $kinds, first: 10, after: $after) {
      query { kinds phrases words lucene } totalCount totalIsLowerBound pageInfo { hasNextPage endCursor }
      edges { cursor node { kind score exact coverage text highlights { start end }
        node { __typename ... on Quote { id text speaker { name } statement { id } } ... on Statement { id canonical }
               ... on Speaker { name } ... on Article { id title } } } } } }`;
  const search = async (text: string, kinds?: string[]) => (await ok(SEARCH, { text, kinds })).searchResults;
  const marks = (hit: any) => hit.highlights.map((h: any) => hit.text.slice(h.start, h.end).toLowerCase());

  it('a whole pasted sentence finds its exact source first, highlighted, and not the whole graph', async () => {
    const { quotes } = await ok('{ quotes(first: 100, where: { speaker: { name: { eq: "Claudia Sheinbaum" } } }) { totalCount edges { node { id text } } } }');
    const all = await ok('{ quotes { totalCount } }');
    const long = quotes.edges.map((e: any) => e.node).sort((a: any, b: any) => b.text.length - a.text.length)[0];
    const sentence = long.text.split(/(?<=[.?!])\s/)[0];
    const r = await search(sentence, ['QUOTE']);
    const first = r.edges[0].node;
    expect(first.exact, JSON.stringify({ sentence, top: r.edges.slice(0, 3) }, null, 1)).toBe(true);
    expect(first.node.text).toContain(sentence);
    expect(marks(first).join(' ')).toContain(sentence.split(/\s+/)[0].toLowerCase().replace(/[^\p{L}\p{N}']/gu, ''));
    expect(r.totalCount).toBeLessThan(all.quotes.totalCount / 2);
    const scores = r.edges.map((e: any) => e.node.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
  });

  it('honours "exact phrases": every hit holds the phrase, highlighted', async () => {
    const loose = await search('sale not for');
    const exact = await search('"not for sale"');
    expect(exact.query.phrases).toEqual(['not for sale']);
    expect(exact.totalCount).toBeGreaterThan(0);
    expect(exact.totalCount).toBeLessThanOrEqual(loose.totalCount);
    for (const { node } of exact.edges) expect(marks(node)).toContain('not for sale');
  });

  it('tolerates typos: "sovreignty" finds sovereignty', async () => {
    const r = await search('sovreignty');
    expect(r.totalCount).toBeGreaterThan(0);
    expect(marks(r.edges[0].node)).toContain('sovereignty');
  });

  it('searches article text too, labelled as such, and says what it searched', async () => {
    const { articles } = await ok('{ articles(first: 100) { edges { node { id text quotes { start end } } } } }');
    // a word that an article uses only outside its quotes: quote search cannot find it, article search does
    let word: string | null = null;
    let articleId = '';
    for (const { node } of articles.edges) {
      let outside = node.text;
      for (const q of node.quotes) outside = outside.slice(0, q.start) + ' '.repeat(q.end - q.start) + outside.slice(q.end);
      const quoted = node.quotes.map((q: any) => node.text.slice(q.start, q.end).toLowerCase()).join(' ');
      word = outside.match(/\b[a-z]{9,}\b/g)?.find((w: string) => !quoted.includes(w.slice(0, 6))) ?? null;
      articleId = node.id;
      if (word) break;
    }
    expect(word).toBeTruthy();
    const r = await search(word!);
    expect(r.query.kinds).toEqual(['QUOTE', 'STATEMENT', 'SPEAKER', 'ARTICLE']);
    expect(r.query.words).toEqual([word]);
    const hit = r.edges.find((e: any) => e.node.kind === 'ARTICLE' && e.node.node.id === articleId);
    expect(hit, word!).toBeDefined();
    expect(marks(hit.node)).toContain(word);
    expect(hit.node.node.__typename).toBe('Article');
  });

  it('pages without gaps; Lucene syntax in the input stays text', async () => {
    const first = await search('sovereignty');
    if (first.pageInfo.hasNextPage) {
      const next = (await ok(SEARCH, { text: 'sovereignty', after: first.pageInfo.endCursor })).searchResults;
      const ids = (r: any) => r.edges.map((e: any) => `${e.node.kind}:${JSON.stringify(e.node.node)}`);
      expect(ids(next).some((id: string) => ids(first).includes(id))).toBe(false);
    }
    for (const text of ['"unbalanced', 'AND OR NOT', 'a:b~ (c) [d TO e] {f} ^g* h? \\ / && || !', '*', 'text:/.*/']) {
      const r = await request('query ($t: String!) { searchResults(text: $t) { totalCount } }', { t: text });
      expect(r.errors, text).toBeUndefined();
    }
    expect((await search('*')).totalCount).toBe(0);
  });
});
