// Issue 13 in a real Chromium: provenance on every wording, search that answers "who said this?", a busy topic
// that stays readable with totals and pages, filters and downloads, a phone-sized screen and the keyboard.
// The seeds go through the real ingest into the test Neo4j; a simulated busy topic (24 speakers, 64 statements)
// is written beside them with Cypher, as an ingest of that many articles would leave it.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/api/server.js';
import { ROOT } from '../../src/config.js';
import type { Graph } from '../../src/db/driver.js';
import { REFRESH_SPOKE_ON, REFRESH_TOPIC_COUNTS } from '../../src/graph/cypher.js';
import { explorerResponse } from '../../src/web/assets.js';
import { gql, ingestSeeds } from '../support/api.js';
import { launchBrowser, openPage } from '../support/browser.js';
import { clearGraph, testConfig, testGraph } from '../support/graph.js';

const ARTIFACTS = join(ROOT, 'test/artifacts');

let graph: Graph;
let server: ReturnType<typeof createServer>['server'];
let api: (r: Request) => Promise<Response>;
let browser: Browser;
let base: string;
const errors: string[] = [];

const BUSY = `
MERGE (t:Topic {id: 'simulated-busy'})
SET t.name = 'simulated busy', t.keywords = [], t.description = 'Made by the test: 24 speakers, 64 statements.'
WITH t
UNWIND range(0, 63) AS i
WITH t, i, i % 24 AS k
MERGE (sp:Speaker {id: 'person:simulated-' + k})
SET sp:Person, sp.name = 'Simulated Speaker Number ' + k, sp.aliases = [], sp.roles = ['Minister of Simulated Affairs']
MERGE (o:Outlet {key: 'simulated outlet ' + (i % 8)}) SET o.name = 'Simulated Outlet ' + (i % 8)
CREATE (st:Statement {id: 'statement:simulated-' + i, canonical: 'Simulated statement ' + i + ' on a busy topic, long enough to need a second line',
                      saidOn: date('2025-01-01') + duration({days: i})})
CREATE (sp)-[:SAID]->(st)-[:ABOUT]->(t)
CREATE (a:Article {id: 'simulated#' + i, title: 'Simulated article ' + i, text: 'Simulated statement ' + i + ' was said.',
                   published: date('2025-02-01') + duration({days: i}), file: '/simulated/' + i + '.txt', caption: 'Simulated article ' + i})
CREATE (a)-[:PUBLISHED_BY]->(o)
CREATE (a)-[:QUOTES]->(q:Quote {id: 'simulated#' + i + ':0', text: 'Simulated statement ' + i, kind: 'direct', start: 0, end: 19 + size(toString(i)), confidence: 0.9})
CREATE (q)-[:REPORTS]->(st)
CREATE (q)-[:ATTRIBUTED_TO {mention: 'Number ' + k}]->(sp)`;

beforeAll(async () => {
  graph = await testGraph();
  await clearGraph(graph);
  const report = await ingestSeeds(graph);
  expect(report.errors).toEqual([]);
  await graph.driver.executeQuery(BUSY, {}, { database: graph.database });
  // written past the ingest: the tallies the ingest keeps (what whoSaid ranks by) are refreshed as a batch write does
  const speakerIds = Array.from({ length: 24 }, (_, k) => `person:simulated-${k}`);
  const { records } = await graph.driver.executeQuery(REFRESH_SPOKE_ON, { speakerIds }, { database: graph.database });
  await graph.driver.executeQuery(REFRESH_TOPIC_COUNTS, { ids: records[0].get('topics') }, { database: graph.database });
  const app = createServer(graph, { ...testConfig(), QG_CACHE_TTL_MS: 0 }, { handlers: [explorerResponse] });
  server = app.server;
  api = app.fetch;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (server?.listening) await new Promise((done) => (server.close(done), server.closeAllConnections()));
  await graph?.close();
});

async function open(hash: string, width = 1440, height = 1000): Promise<Page> {
  const page = await openPage(browser, base, errors, width, height);
  await page.goto(`${base}/#${hash}`);
  await page.locator('body[data-ready="true"]').waitFor();
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `answers-${name}.png`), fullPage: true, animations: 'disabled' });
const subtitle = (page: Page) => page.getByTestId('view-subtitle').textContent();

/** The one statement of the seeds reported in the most articles, with its reports (the API's answer). */
async function widelyReported() {
  const r = await gql(api, `{ statements(first: 1, sort: [{ reportCount: DESC }]) { edges { node { id canonical speaker { name }
    reports { date wording outlet { name } quote { confidence saidOn saidOnFrom mention { text } } article { url file caption } } } } } }`);
  return r.data.statements.edges[0].node;
}

describe('provenance on every wording', () => {
  it('shows outlet, headline, date, source, confidence and the mention; unnamed sources are told apart', async () => {
    const st = await widelyReported();
    const page = await open(`topic=sovereignty&statement=${encodeURIComponent(st.id)}`);
    const detail = page.getByTestId('statement-detail');
    await detail.waitFor();
    const cards = detail.locator('.wording-card');
    expect(await cards.count()).toBeGreaterThan(1);
    for (let i = 0; i < (await cards.count()); i++) {
      const card = cards.nth(i);
      const source = await card.getByTestId('source').textContent();
      // the source: a link to its URL, else the file it came from
      const link = card.locator('.source-link');
      if (await link.count()) expect(st.reports.map((r: any) => r.article.url)).toContain(await link.getAttribute('href'));
      else expect(source).toMatch(/file \S+/);
      expect(await card.getByTestId('confidence').first().textContent()).toMatch(/attribution \d+ %/);
      expect(await card.locator('header').textContent()).toMatch(/\d{4}|no date/);
    }
    // every mention the API knows is on the page
    for (const r of st.reports) if (r.quote.mention) expect(await detail.getByTestId('mention').allTextContents()).toContain(`“${r.quote.mention.text}”`);
    // two articles without an outlet: file names and first words differ
    const unnamed = cards.filter({ has: page.locator('.outlet-name.none') });
    const n = await unnamed.count();
    const labels = new Set<string>();
    for (let i = 0; i < n; i++) labels.add(`${await unnamed.nth(i).getByTestId('source').textContent()} ${await unnamed.nth(i).getByTestId('opening').textContent()}`);
    expect(labels.size).toBe(n);
    await shot(page, 'provenance');
    await page.close();
  });

  it('marks an inferred date with the phrase it came from', async () => {
    const r = await gql(api, '{ quotes(first: 100, where: { saidOn: { gte: "1900-01-01" } }) { edges { node { saidOnFrom statement { id } } } } }');
    const dated = r.data.quotes.edges.map((e: any) => e.node).find((q: any) => q.statement && q.saidOnFrom && !/\d{4}/.test(q.saidOnFrom));
    expect(dated, 'a quote dated from a relative phrase').toBeDefined();
    const page = await open(`statement=${encodeURIComponent(dated.statement.id)}`);
    await page.getByTestId('statement-detail').waitFor();
    expect(await page.getByTestId('said-on').allTextContents()).toContainEqual(expect.stringContaining(`≈`));
    expect((await page.getByTestId('said-on').allTextContents()).join(' ')).toContain(`from ‘${dated.saidOnFrom}’`);
    await page.close();
  });
});

describe('search that answers "who said this?"', () => {
  it('a pasted sentence: its exact source first, the words marked, and what was searched', async () => {
    const st = await widelyReported();
    const sentence = st.reports[0].wording.split(/(?<=[.?!])\s/)[0];
    const page = await open(`q=${encodeURIComponent(sentence)}`);
    const first = page.getByTestId('hit').first();
    await first.waitFor();
    expect(await first.locator('.hit-kind').textContent()).toMatch(/exact/);
    const firstWord = sentence.toLowerCase().match(/[\p{L}\p{N}]+/u)![0];
    expect((await first.locator('mark.hit').allTextContents()).join(' ').toLowerCase()).toContain(firstWord);
    expect(await page.getByTestId('searched').textContent()).toMatch(/quote wordings, statements, speaker names and article text/);
    const total = Number((await page.getByTestId('showing').textContent())!.match(/of (\d+)/)![1]);
    const { data } = await gql(api, '{ quotes { totalCount } }');
    expect(total).toBeLessThan(data.quotes.totalCount / 2);
    await page.close();
  });

  it('an "exact phrase", a misspelt word, and words only the article text holds', async () => {
    const page = await open('q=%22not%20for%20sale%22');
    await page.getByTestId('hit').first().waitFor();
    expect(await page.getByTestId('searched').textContent()).toContain('the exact phrase “not for sale”');
    for (const text of await page.getByTestId('hit').locator('mark.hit').allTextContents()) expect(text.toLowerCase()).toBe('not for sale');

    await page.goto(`${base}/#q=sovreignty`);
    await page.getByTestId('view-title').filter({ hasText: 'sovreignty' }).waitFor();
    await page.getByTestId('hit').first().waitFor();
    expect((await page.getByTestId('hit').first().locator('mark.hit').allTextContents()).map((t) => t.toLowerCase())).toContain('sovereignty');

    // a word of an article's own prose, outside every quote
    const { data } = await gql(api, '{ articles(first: 100) { edges { node { text quotes { start end } } } } }');
    let word = '';
    for (const { node } of data.articles.edges) {
      let outside = node.text;
      for (const q of node.quotes) outside = outside.slice(0, q.start) + ' '.repeat(q.end - q.start) + outside.slice(q.end);
      const quoted = node.quotes.map((q: any) => node.text.slice(q.start, q.end).toLowerCase()).join(' ');
      word = outside.match(/\b[a-z]{9,}\b/g)?.find((w: string) => !quoted.includes(w.slice(0, 6))) ?? '';
      if (word) break;
    }
    await page.goto(`${base}/#q=${word}`);
    await page.getByTestId('view-title').filter({ hasText: word }).waitFor();
    const hit = page.getByTestId('hit').filter({ has: page.locator('.hit-kind', { hasText: 'Article text' }) }).first();
    await hit.waitFor();
    expect((await hit.locator('mark.hit').allTextContents()).map((t) => t.toLowerCase())).toContain(word);
    await hit.locator('a').click();
    await page.getByTestId('article-detail').waitFor();
    await shot(page, 'search-article');
    await page.close();
  });
});

describe('a busy topic', () => {
  it('says how many, pages, and draws the top speakers and outlets with readable labels', async () => {
    const page = await open('topic=simulated-busy');
    await page.getByTestId('view-title').filter({ hasText: /simulated busy/i }).waitFor();
    expect(await subtitle(page)).toContain('24 speakers, 64 statements');
    expect(await page.getByTestId('showing').textContent()).toBe('Showing 20 of 24 speakers');
    const g = page.getByTestId('graph');
    const drawn = await g.evaluate((el: any) => {
      const cy = el.cy;
      return {
        kinds: cy.nodes().map((n: any) => n.data('kind')),
        // what a reader sees: the label's font size times the zoom
        smallest: Math.min(...cy.nodes().map((n: any) => parseFloat(n.style('font-size')) * cy.zoom())),
        edges: cy.edges().map((e: any) => e.data('weight')),
      };
    });
    expect(drawn.kinds.filter((k: string) => k === 'speaker').length).toBeLessThanOrEqual(12);
    expect(drawn.kinds.filter((k: string) => k === 'outlet').length).toBeLessThanOrEqual(10);
    expect(drawn.kinds).not.toContain('statement');
    expect(drawn.smallest).toBeGreaterThanOrEqual(10);
    expect(drawn.edges.length).toBeGreaterThan(0);
    expect(await page.getByTestId('graph-caption').textContent()).toMatch(/Top 12 of 24 speakers/);
    // full text on hover of a node, and on focus of its list item
    const at = await g.evaluate((el: any) => el.cy.nodes('[kind = "speaker"]')[0].renderedPosition());
    await g.hover({ position: at });
    await page.getByTestId('graph-tip').filter({ hasText: /Simulated Speaker Number \d+: \d statements/ }).waitFor();
    await page.mouse.move(0, 0);
    await page.locator('.speaker-link').first().focus();
    expect(await page.getByTestId('graph-tip').isVisible()).toBe(true);
    await shot(page, 'busy');

    await page.getByTestId('more').click();
    await page.getByTestId('showing').filter({ hasText: 'Showing 24 of 24 speakers' }).waitFor();
    expect(await page.getByTestId('more').isHidden()).toBe(true);
    expect(await page.locator('.who-speaker').count()).toBe(24);
    await page.close();
  });
});

describe('filters and downloads', () => {
  it('filters by outlet, date, speaker and type, and says why a view is empty', async () => {
    const page = await open('topic=sovereignty');
    await page.locator('.who-speaker').first().waitFor();
    const all = await page.locator('.statement-link').count();
    await page.getByTestId('filter-outlet').selectOption('The Hill');
    await page.waitForURL(/via=The\+Hill/);
    await page.getByTestId('view-subtitle').filter({ hasText: 'matching the filters' }).waitFor();
    for (const meta of await page.locator('.who-statements .meta').allTextContents()) expect(meta).toContain('The Hill');
    expect(await page.locator('.statement-link').count()).toBeLessThanOrEqual(all);

    await page.getByTestId('filter-type').selectOption('ORGANIZATION');
    await page.waitForURL(/type=ORGANIZATION/);
    await page.getByTestId('graph-empty').filter({ hasText: 'matches these filters' }).waitFor();

    await page.getByTestId('filter-clear').click();
    await page.waitForURL((u) => !u.hash.includes('via='));
    await page.getByTestId('filter-from').fill('2099-01-01');
    await page.getByTestId('filter-from').dispatchEvent('change');
    await page.getByTestId('graph-empty').filter({ hasText: 'matches these filters' }).waitFor();
    await page.getByTestId('filter-clear').click();
    await page.getByTestId('filter-speaker').fill('sheinbaum');
    await page.getByTestId('filter-speaker').press('Enter');
    await page.waitForURL(/who=sheinbaum/);
    await page.getByTestId('view-subtitle').filter({ hasText: /^1 speaker/ }).waitFor();
    await page.close();
  });

  it('downloads the view as CSV and JSON: every report with its provenance, CSV safe for spreadsheets', async () => {
    const page = await open('topic=sovereignty');
    await page.locator('.who-speaker').first().waitFor();
    const ids = await page.locator('.statement-link').evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.id));
    const { data } = await gql(api, 'query ($ids: [ID!]) { statements(where: { id: { in: $ids } }, first: 100) { edges { node { reportCount } } } }', { ids });
    const reports = data.statements.edges.reduce((n: number, e: any) => n + e.node.reportCount, 0);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csvDownload.suggestedFilename()).toBe('quotegraph-sovereignty.csv');
    const csv = await readFile((await csvDownload.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFspeaker,statement,outlet,date,wording,confidence,source,')).toBe(true);
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const rows = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8'));
    expect(rows.length).toBe(reports);
    expect(rows[0]).toEqual(expect.objectContaining({ speaker: expect.any(String), wording: expect.any(String), source: expect.any(String) }));
    for (const r of rows) expect(r.source).toBeTruthy();
    // the CSV holds the same rows: parse it as a spreadsheet would (RFC 4180)
    const parsed = parseCsv(csv.slice(1));
    expect(parsed.length).toBe(rows.length + 1);
    expect(parsed[1][4]).toBe(rows[0].wording);

    // the shipped module, in the browser: quoting and formula injection
    // (a string, not a function: the test runner would rewrite a function's import())
    const out = await page.evaluate(`import('${base}/export.js').then((m) => m.toCsv(
      [{ a: '=HYPERLINK("http://x")', b: '+1', c: '-2', d: '@SUM(A1)', e: 'a, "b"\\nc', f: 0.9 }], ['a', 'b', 'c', 'd', 'e', 'f']))`);
    expect(out).toBe('\uFEFFa,b,c,d,e,f\r\n"\'=HYPERLINK(""http://x"")","\'+1","\'-2","\'@SUM(A1)","a, ""b""\nc",0.9\r\n');

    // hiding unsure attributions leaves them out of the download too
    await page.getByTestId('filter-sure').check();
    await page.waitForURL(/sure=1/);
    await page.getByTestId('view-subtitle').filter({ hasText: 'matching the filters' }).waitFor();
    const [sure] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    for (const r of JSON.parse(await readFile((await sure.path())!, 'utf8'))) expect(r.confidence).toBeGreaterThanOrEqual(0.6);
    await page.close();
  });
});

describe('phone and keyboard', () => {
  it('at 390 px nothing runs off the screen; a narrowed window narrows the graph', async () => {
    const st = await widelyReported();
    const page = await open(`topic=sovereignty&statement=${encodeURIComponent(st.id)}`, 390, 844);
    await page.getByTestId('statement-detail').waitFor();
    const sizes = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      search: document.getElementById('search-input')!.getBoundingClientRect().right,
      graph: document.getElementById('graph')!.getBoundingClientRect().width,
      cards: Math.max(...[...document.querySelectorAll('.wording-card')].map((c) => c.getBoundingClientRect().right)),
    }));
    expect(sizes.scroll).toBeLessThanOrEqual(390);
    expect(sizes.search).toBeLessThanOrEqual(390);
    expect(sizes.graph).toBeLessThanOrEqual(390);
    expect(sizes.cards).toBeLessThanOrEqual(390);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'phone');
    await page.close();

    const wide = await open('topic=sovereignty', 1440, 900);
    await wide.locator('.who-speaker').first().waitFor();
    await wide.setViewportSize({ width: 700, height: 900 });
    await wide.waitForTimeout(300);
    const narrowed = await wide.evaluate(() => ({
      graph: document.getElementById('graph')!.getBoundingClientRect().width,
      canvas: Math.max(...[...document.querySelectorAll('#graph canvas')].map((c) => c.getBoundingClientRect().width)),
      scroll: document.documentElement.scrollWidth,
    }));
    expect(narrowed.graph).toBeLessThanOrEqual(700);
    expect(narrowed.canvas).toBeLessThanOrEqual(700);
    expect(narrowed.scroll).toBeLessThanOrEqual(700);
    await wide.close();
  });

  it('Enter opens a detail with focus in it, Escape closes it and gives focus back; a summary is announced', async () => {
    const page = await open('topic=sovereignty');
    const link = page.locator('.statement-link').first();
    await link.waitFor();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('statement-detail').waitFor();
    await page.waitForFunction(() => document.getElementById('detail')!.contains(document.activeElement));
    const said = await page.getByTestId('announce').textContent();
    expect(said).toMatch(/^Statement by .+: \d+ wordings? in \d+ articles?/);
    expect(said!.length).toBeLessThan(160);
    expect(await page.getByTestId('detail').getAttribute('aria-live')).toBeNull();
    // added words are underlined, not only coloured
    const ins = page.locator('.wordings ins').first();
    if (await ins.count()) expect(await ins.evaluate((e) => getComputedStyle(e).textDecorationLine)).toContain('underline');
    await page.keyboard.press('Escape');
    await page.getByTestId('detail').waitFor({ state: 'hidden' });
    expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
    expect(page.url()).not.toContain('statement=');
    await page.close();
  });

  it('an error clears when the view changes; an empty graph says why', async () => {
    const page = await open('topic=no-such-topic');
    await page.getByTestId('status').filter({ hasText: 'Could not load' }).waitFor();
    await page.goto(`${base}/#topic=sovereignty`);
    await page.locator('.who-speaker').first().waitFor();
    expect(await page.getByTestId('status').isHidden()).toBe(true);
    await page.goto(`${base}/#q=zzqxv`);
    await page.getByTestId('graph-empty').filter({ hasText: 'Nothing matches “zzqxv”' }).waitFor();
    await page.close();
    expect(errors.filter((e) => !/Failed to load resource|no topic/.test(e))).toEqual([]);
  });
});

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}
