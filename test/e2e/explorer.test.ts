// The explorer as a person uses it: a real Chromium on the real server over the seeds, ingested by the real
// ingest into the test Neo4j. Screenshots land in test/artifacts/ (git-ignored) for a human to look at.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/api/server.js';
import { ROOT } from '../../src/config.js';
import type { Graph } from '../../src/db/driver.js';
import { explorerResponse } from '../../src/web/assets.js';
import { ingestSeeds } from '../support/api.js';
import { launchBrowser, openPage } from '../support/browser.js';
import { clearGraph, testConfig, testGraph } from '../support/graph.js';

const ARTIFACTS = join(ROOT, 'test/artifacts');

let graph: Graph;
let server: ReturnType<typeof createServer>['server'];
let browser: Browser;
let page: Page;
let base: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  graph = await testGraph();
  await clearGraph(graph);
  // the real ingest (QG_API_TEST_PIPELINE=gold swaps in the seed gold, to tell page faults from extraction faults)
  const report = await ingestSeeds(graph);
  expect(report.errors).toEqual([]);

  server = createServer(graph, testConfig(), { handlers: [explorerResponse] }).server;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  browser = await launchBrowser();
  // the page must work offline: any request that leaves this server fails the test
  page = await openPage(browser, base, pageErrors);
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (server?.listening) await new Promise((done) => (server.close(done), server.closeAllConnections()));
  await graph?.close();
});

/** A full-page picture from the top (the header is sticky: a scrolled page would draw it mid-picture). */
async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.screenshot({ path: join(ARTIFACTS, `explorer-${name}.png`), fullPage: true, animations: 'disabled' });
}

describe('explorer in a real browser', () => {
  it('shows who spoke on sovereignty and each outlet’s wording of Sheinbaum’s statement', async () => {
    await page.goto(`${base}/`);
    await page.locator('body[data-ready="true"]').waitFor();

    await page.getByTestId('topic-sovereignty').click();
    await page.getByTestId('view-title').filter({ hasText: /sovereignty/i }).waitFor();
    expect(page.url()).toContain('topic=sovereignty');
    const sheinbaum = page.getByTestId('who-list').locator('.who-speaker', { hasText: 'Claudia Sheinbaum' });
    await sheinbaum.waitFor();

    // the graph drew her as a node among speakers, statements and outlets
    const nodes = await page.getByTestId('graph').evaluate((el) =>
      (el as HTMLElement & { cy: { nodes(): { map<T>(f: (n: { data(k: string): string }) => T): T[] } } }).cy
        .nodes()
        .map((n) => ({ kind: n.data('kind'), label: n.data('label') })),
    );
    expect(nodes).toContainEqual({ kind: 'speaker', label: 'Claudia Sheinbaum' });
    expect(new Set(nodes.map((n) => n.kind))).toEqual(new Set(['speaker', 'statement', 'outlet']));
    await shot('topic');

    // the statement of her speech: its reference is one outlet's full wording (the AP's), not a stitch of quotes
    await sheinbaum.locator('.statement-link', { hasText: /How can we help you fight drug trafficking/ }).first().click();
    const detail = page.getByTestId('statement-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('canonical').textContent()).toMatch(/^He said, .How can we help you fight drug trafficking\?/);
    expect(await detail.getByTestId('statement-speaker').textContent()).toBe('Claudia Sheinbaum');
    expect(await detail.getByTestId('statement-occasion').textContent()).toMatch(/^Said at: speech/);

    const hill = detail.getByTestId('wording-hill');
    const ap = detail.getByTestId('wording-associated-press');
    await hill.waitFor();
    await shot('statement'); // before the checks, so a failure leaves the picture to look at
    await ap.waitFor();
    for (const card of [hill, ap]) {
      expect((await card.getByTestId('wording-text').allTextContents()).join(' ')).toMatch(/sovereignty/i);
      // each wording is marked inside the article's text, at the API's offsets
      expect((await card.getByTestId('quote-mark').allTextContents()).join(' ')).toMatch(/sovereignty/i);
    }
    // wordings that differ from the canonical one show what changed
    expect(await detail.locator('.wordings ins, .wordings del, .wordings .elided').count()).toBeGreaterThan(0);

    await detail.getByTestId('statement-speaker').click();
    const speaker = page.getByTestId('speaker-detail');
    await speaker.waitFor();
    expect(await speaker.locator('h2').textContent()).toBe('Claudia Sheinbaum');
    expect(await speaker.getByTestId('speaker-statements').locator('li').count()).toBeGreaterThan(0);
    // her statements are grouped under the occasions the articles tie them to (a speech, remarks, a statement)
    expect((await speaker.getByTestId('speaker-occasion').allTextContents()).join(' | ')).toMatch(/speech/);
    expect(await speaker.getByTestId('speaker-outlets').textContent()).toMatch(/Hill/);
    await shot('speaker');

    expect(pageErrors).toEqual([]);
  });

  it('finds a statement by search', async () => {
    await page.goto(`${base}/`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByTestId('search-input').fill('not for sale');
    await page.getByTestId('search-submit').click();
    await page.getByTestId('view-title').filter({ hasText: 'not for sale' }).waitFor();
    expect(page.url()).toContain('q=not+for+sale');
    // hits best first, the matched words marked, her name beside the statement
    const first = page.getByTestId('hit').first();
    await first.waitFor();
    expect((await first.locator('mark.hit').allTextContents()).join(' ').toLowerCase()).toContain('not for sale');
    await page.getByTestId('hit').filter({ hasText: 'Claudia Sheinbaum' }).first().waitFor();
    await shot('search');

    // a click on her node in the graph (a canvas: find where cytoscape drew it) opens her page
    const graph = page.getByTestId('graph');
    const at = await graph.evaluate((el) => {
      type Node = { data(k: string): string; renderedPosition(): { x: number; y: number } };
      const cy = (el as HTMLElement & { cy: { nodes(): Node[] } }).cy;
      return cy.nodes().find((n) => n.data('label') === 'Claudia Sheinbaum')?.renderedPosition();
    });
    expect(at).toBeDefined();
    await graph.click({ position: at! });
    await page.getByTestId('speaker-detail').locator('h2', { hasText: 'Claudia Sheinbaum' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
