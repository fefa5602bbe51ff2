// Chromium for the explorer tests: Debian's build through playwright-core, offline (any request that leaves
// the server under test is recorded as an error), with page errors recorded too.
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.QG_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A page of `width` x `height` whose errors and off-server requests land in `errors`. */
export async function openPage(browser: Browser, base: string, errors: string[], width = 1440, height = 1000): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1, acceptDownloads: true });
  // generous: two shared cores, with Neo4j and the NLP models beside the browser
  page.setDefaultTimeout(45_000);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) errors.push(`left the server: ${r.url()}`);
  });
  return page;
}
