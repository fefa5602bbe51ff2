// A saved news page -> its article text (body paragraphs, one a line) and the metadata the page declares.
import * as cheerio from 'cheerio';
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { GivenMeta } from './doc.js';
import { parseByline } from './lines.js';

export interface HtmlArticle {
  text: string;
  given: GivenMeta;
}

/** Page furniture that never holds article text. */
const NOISE = 'script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, figure, figcaption, button';
const BLOCKS = 'p, h2, h3, h4, blockquote, li, pre';

const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

function meta($: CheerioAPI, ...selectors: string[]): string | null {
  for (const sel of selectors) {
    const el = $(sel).first();
    const value = clean(el.attr('content') ?? el.attr('datetime') ?? el.text());
    if (value) return value;
  }
  return null;
}

/** Objects in the page's JSON-LD blocks (arrays and @graph flattened); broken blocks are skipped. */
function jsonLd($: CheerioAPI): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Record<string, unknown>);
      visit((v as Record<string, unknown>)['@graph']);
    }
  };
  $('script[type="application/ld+json"]').each((_i, el) => {
    try {
      visit(JSON.parse($(el).text()));
    } catch {
      /* a malformed block says nothing */
    }
  });
  return out;
}

function publisherName(ld: Record<string, unknown>[]): string | null {
  for (const item of ld) {
    const publisher = item.publisher as { name?: unknown } | undefined;
    if (typeof publisher?.name === 'string' && publisher.name.trim()) return publisher.name.trim();
  }
  return null;
}

/** The element holding the article: marked up as one, or else the one with the most paragraph text. */
function bodyRoot($: CheerioAPI): Cheerio<AnyNode> {
  for (const sel of ['[itemprop="articleBody"]', 'article', 'main', '[role="main"]']) {
    const el = $(sel).first();
    if (el.length && clean(el.text())) return el;
  }
  let best = $('body');
  let bestLength = 0;
  $('p').each((_i, p) => {
    const parent = $(p).parent();
    const length = parent.children('p').text().length;
    if (length > bestLength) [best, bestLength] = [parent, length];
  });
  return best.length ? best : $.root();
}

function paragraphs($: CheerioAPI, root: Cheerio<AnyNode>): string[] {
  const blocks = root.find(BLOCKS).filter((_i, el) => $(el).parents(BLOCKS).length === 0);
  const texts = blocks.map((_i, el) => clean($(el).text())).get().filter(Boolean);
  if (texts.length > 0) return texts;
  return root.text().split(/\n+/).map((l) => clean(l)).filter(Boolean);
}

/** Author names ("By Jane Doe and John Roe" -> two), or the declared author as written. */
function bylines($: CheerioAPI): string[] {
  const raw = meta($, 'meta[name="author"]', '[rel="author"]', '.byline');
  if (!raw) return [];
  return parseByline(raw)?.names ?? [raw.replace(/^by\s+/i, '')];
}

export function extractHtml(html: string): HtmlArticle {
  const $ = cheerio.load(html);
  const ld = jsonLd($);
  const given: GivenMeta = {
    title: meta($, 'meta[property="og:title"]', 'h1', 'title'),
    outlet: meta($, 'meta[property="og:site_name"]') ?? publisherName(ld),
    url: $('link[rel="canonical"]').attr('href') ?? meta($, 'meta[property="og:url"]'),
    published: meta($, 'meta[property="article:published_time"]', 'meta[name="date"]', 'meta[itemprop="datePublished"]', 'time[datetime]'),
    byline: bylines($),
  };
  $(NOISE).remove();
  return { text: paragraphs($, bodyRoot($)).join('\n'), given };
}
