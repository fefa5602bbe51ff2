// Retakes the README's pictures from a running `npm start` (same environment, so the same ports and password):
//   npx tsx test/e2e/docs-pictures.ts
// docs/img/explorer.png: the explorer on Sheinbaum's "sovereignty is not for sale" statement; explorer-phone.png
// the same at 390 px; explorer-search.png a pasted sentence's hits; with the BBC corpus ingested
// (`quotegraph ingest ../shared/corpora/bbc-news`), explorer-busy.png and explorer-busy-phone.png: its busiest
// topic (QG_PICTURE_BUSY, default economy). QG_PICTURE_BROWSER=0 skips the Neo4j Browser picture.
// docs/img/neo4j-browser.png: Neo4j Browser logged in, cypher/style.grass applied (`:style <server>/style.grass`),
// showing the headline path for the topic. Only the local Neo4j has a Browser this script knows the address of.
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { loadConfig, ROOT } from '../../src/config.js';
import { LocalNeo4j } from '../../src/db/local.js';

const cfg = loadConfig();
// "localhost", not 127.0.0.1: Neo4j Browser loads styles only from hosts on its allowlist, which has localhost
const app = `http://localhost:${cfg.PORT}`;
const OUT = join(ROOT, 'docs/img');
const TOPIC = process.env.QG_PICTURE_TOPIC ?? 'sovereignty';
const WORDS = process.env.QG_PICTURE_WORDS ?? 'not for sale';
const BUSY = process.env.QG_PICTURE_BUSY ?? 'economy';
const SENTENCE = process.env.QG_PICTURE_SENTENCE ?? 'Sovereignty is not for sale. Sovereignty is loved and defended.';

// The headline path of cypher/MODEL.md for one topic: who said it, and which article (and outlet) reported it.
const HEADLINE = `MATCH h = (:Speaker)-[:SAID]->(st:Statement)-[:ABOUT]->(:Topic {id: '${TOPIC}'})
MATCH r = (st)<-[:REPORTS]-(:Quote)<-[:QUOTES]-(a:Article)
OPTIONAL MATCH o = (a)-[:PUBLISHED_BY]->(:Outlet)
RETURN h, r, o`;

const browser = await chromium.launch({
  executablePath: process.env.QG_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  await explorer(await browser.newPage({ viewport: { width: 1440, height: 1240 } }), 'explorer.png');
  await explorer(await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true }), 'explorer-phone.png', true);
  await search(await browser.newPage({ viewport: { width: 1440, height: 1000 } }));
  await busy(await browser.newPage({ viewport: { width: 1440, height: 1100 } }), 'explorer-busy.png');
  await busy(await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true }), 'explorer-busy-phone.png', true);
  if (process.env.QG_PICTURE_BROWSER === '0') process.stderr.write('QG_PICTURE_BROWSER=0: Neo4j Browser picture kept as it is.\n');
  else if (cfg.NEO4J_URI) process.stderr.write('NEO4J_URI is set: no local Neo4j Browser to picture.\n');
  else await neo4jBrowser(await browser.newPage({ viewport: { width: 1600, height: 1000 } }));
} finally {
  await browser.close();
}

async function explorer(page: Page, name: string, full = false): Promise<void> {
  page.setDefaultTimeout(60_000);
  await page.goto(`${app}/#topic=${encodeURIComponent(TOPIC)}`);
  await page.locator('.who-speaker').first().waitFor();
  await page.locator('.statement-link', { hasText: WORDS }).first().click();
  await page.getByTestId('statement-detail').waitFor();
  await picture(page, name, full); // desktop: the graph and the first row of wordings, what fits a README
}

async function search(page: Page): Promise<void> {
  page.setDefaultTimeout(60_000);
  await page.goto(`${app}/#q=${encodeURIComponent(SENTENCE)}`);
  await page.getByTestId('hit').first().waitFor();
  await picture(page, 'explorer-search.png');
}

async function busy(page: Page, name: string, full = false): Promise<void> {
  page.setDefaultTimeout(120_000);
  await page.goto(`${app}/#topic=${encodeURIComponent(BUSY)}`);
  await page.locator('.who-speaker, .who-list .empty, [data-testid="status"].error').first().waitFor();
  if (!(await page.locator('.who-speaker').count())) {
    process.stderr.write(`no speakers on ${BUSY}: ingest ../shared/corpora/bbc-news for ${name}\n`);
    return;
  }
  await picture(page, name, full);
}

async function picture(page: Page, name: string, full = false): Promise<void> {
  await page.mouse.move(0, 0); // no hover highlight in the picture
  await page.waitForTimeout(1000);
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.waitForTimeout(300);
  const path = join(OUT, name);
  await page.screenshot({ path, fullPage: full });
  process.stderr.write(`${path}\n`);
  await page.close();
}

async function neo4jBrowser(page: Page): Promise<void> {
  page.setDefaultTimeout(120_000);
  // Browser asks for web fonts and telemetry on the internet: refuse anything that is not this machine
  await page.route((url) => !/^(http|ws):\/\/(127\.0\.0\.1|localhost)[:/]/.test(url.href), (route) => route.abort());
  await page.goto(new LocalNeo4j(cfg).browserUrl);
  await page.getByTestId('bolt-scheme-select').selectOption('bolt://');
  await page.getByTestId('boltaddress').fill(`127.0.0.1:${cfg.QG_BOLT_PORT}`);
  await page.getByTestId('username').fill(cfg.NEO4J_USER);
  await page.getByTestId('password').fill(cfg.NEO4J_PASSWORD);
  await page.getByTestId('connect').click();
  await page.getByText('Getting started with Neo4j Browser').waitFor();

  const run = async (command: string) => {
    await page.locator('#monaco-main-editor, .monaco-editor').first().click();
    // insertText, not type: the editor would auto-close every bracket and quote typed key by key
    await page.keyboard.insertText(command.replace(/\s*\n\s*/g, ' '));
    await page.keyboard.press('Control+Enter');
    await page.waitForTimeout(1500);
  };
  await run(`:style ${app}/style.grass`);
  await page.getByTestId('styleResetButton').waitFor();
  await run(':config autoComplete: false'); // "connect result nodes" would add every relationship among them
  await run(':clear');
  await run(HEADLINE);
  await page.locator('svg .node').first().waitFor();
  const named = (name: string) => page.locator(`[title="${name}"], [aria-label="${name}"]`).first();
  await page.getByTestId('frame').first().locator('[title="Fullscreen"]').click();
  await named('Collapse the node properties display').click();
  await page.waitForTimeout(4000); // the force layout settles
  await named('zoom-to-fit').click();
  await page.waitForTimeout(1500);
  const path = join(OUT, 'neo4j-browser.png');
  await page.screenshot({ path });
  process.stderr.write(`${path}\n`);
}
