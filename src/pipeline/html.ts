// A saved news page -> its article text (body paragraphs, one a line) and the metadata the page declares.
// The page is parsed as browsers do (parse5, cheerio's parser), but one nested deeper than any article page is
// refused while it is parsed: the standard's algorithm searches the open elements at every tag, so a page of
// nothing but nesting would cost the square of its size. The tree is then walked with loops over explicit stacks,
// each node visited once: cheerio's text(), find() and remove() recurse or rescan siblings, which overflows the
// stack on a deep page and costs the square of a parent's children on a long one.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import type { GivenMeta } from './doc.js';
import { parseByline } from './lines.js';

/** Elements open at once: article pages nest a few dozen deep. */
export const MAX_HTML_DEPTH = 512;

/** What makes a page unreadable as an article page. */
export class HtmlProblem extends Error {}

/** parse5's tree builder for cheerio, counting the open elements as the parser pushes and pops them. */
function boundedAdapter(): typeof adapter {
  let open = 0;
  return {
    ...adapter,
    onItemPush: () => {
      if (++open > MAX_HTML_DEPTH) throw new HtmlProblem(`HTML nested deeper than ${MAX_HTML_DEPTH} elements`);
    },
    onItemPop: () => void open--,
  };
}

export interface HtmlArticle {
  text: string;
  given: GivenMeta;
}

/** Page furniture that never holds article text. */
const NOISE = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'iframe', 'svg', 'figure', 'figcaption', 'button']);
const BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'blockquote', 'li', 'pre']);

const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const isElement = (node: AnyNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';
const named = (node: AnyNode, name: string) => isElement(node) && node.name === name;
const isBlock = (node: AnyNode) => isElement(node) && node.type === 'tag' && BLOCKS.has(node.name);
const childrenOf = (node: AnyNode): AnyNode[] => ('children' in node ? node.children : []);

/** Nodes under `roots` (themselves included) in document order, not entering those `enter` refuses. */
function* walk(roots: AnyNode[], enter: (node: AnyNode) => boolean = () => true): Generator<AnyNode> {
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    if (!enter(node)) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** The text in `nodes`, as cheerio's text() has it (comments left out). */
function textOf(nodes: AnyNode[]): string {
  const parts: string[] = [];
  for (const node of walk(nodes)) if (node.type === 'text') parts.push(node.data);
  return parts.join('');
}

// The elements the page's metadata and article are read from, as CSS selectors would match them (`rel` and
// `type` values in any case, as HTML has them); each is the first in document order.
type Test = (el: Element) => boolean;
const attr = (name: string, value: string): Test => (el) => el.attribs[name] === value;
const attrAnyCase = (name: string, value: string): Test => (el) => el.attribs[name]?.toLowerCase() === value;
const tagWith = (tag: string, test: Test): Test => (el) => el.name === tag && test(el);
const META_TESTS = {
  ogTitle: tagWith('meta', attr('property', 'og:title')),
  h1: (el: Element) => el.name === 'h1',
  title: (el: Element) => el.name === 'title',
  ogSiteName: tagWith('meta', attr('property', 'og:site_name')),
  canonical: tagWith('link', attrAnyCase('rel', 'canonical')),
  ogUrl: tagWith('meta', attr('property', 'og:url')),
  publishedTime: tagWith('meta', attr('property', 'article:published_time')),
  date: tagWith('meta', attr('name', 'date')),
  datePublished: tagWith('meta', attr('itemprop', 'datePublished')),
  time: (el: Element) => el.name === 'time' && el.attribs.datetime !== undefined,
  author: tagWith('meta', attr('name', 'author')),
  relAuthor: attrAnyCase('rel', 'author'),
  byline: (el: Element) => el.attribs.class?.split(/\s+/).includes('byline') ?? false,
} satisfies Record<string, Test>;
const ROOT_TESTS = {
  articleBody: attr('itemprop', 'articleBody'),
  article: (el: Element) => el.name === 'article',
  main: (el: Element) => el.name === 'main',
  roleMain: attr('role', 'main'),
  body: (el: Element) => el.name === 'body',
} satisfies Record<string, Test>;

/** The first element passing each test, in one walk of the tree. */
function firstOf<K extends string>(root: AnyNode, tests: Record<K, Test>): Partial<Record<K, Element>> {
  const found: Partial<Record<K, Element>> = {};
  let open = Object.keys(tests) as K[];
  for (const node of walk([root])) {
    if (!isElement(node)) continue;
    const passed = open.filter((k) => tests[k](node));
    for (const k of passed) found[k] = node;
    if (passed.length) open = open.filter((k) => !found[k]);
    if (open.length === 0) break;
  }
  return found;
}

/** The first of `elements` that says something (its content or datetime attribute, else its text), cleaned. */
function meta(...elements: (Element | undefined)[]): string | null {
  for (const el of elements) {
    const value = clean(el && (el.attribs.content ?? el.attribs.datetime ?? textOf([el])));
    if (value) return value;
  }
  return null;
}

/** Objects in the page's JSON-LD blocks (arrays and @graph flattened); broken blocks are skipped. */
function jsonLd(root: AnyNode): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Record<string, unknown>);
      visit((v as Record<string, unknown>)['@graph']);
    }
  };
  const isLd = tagWith('script', attrAnyCase('type', 'application/ld+json'));
  for (const node of walk([root])) {
    if (!isElement(node) || !isLd(node)) continue;
    try {
      visit(JSON.parse(textOf([node])));
    } catch {
      /* a malformed block says nothing */
    }
  }
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
function bodyRoot(root: AnyNode): AnyNode {
  const found = firstOf(root, ROOT_TESTS);
  for (const el of [found.articleBody, found.article, found.main, found.roleMain]) if (el && clean(textOf([el]))) return el;
  let best: AnyNode = found.body ?? root;
  let bestLength = 0;
  const measured = new Set<AnyNode>();
  for (const p of walk([root])) {
    const parent = p.parent;
    if (!named(p, 'p') || !parent || parent.type === 'root' || measured.has(parent)) continue;
    measured.add(parent);
    const length = textOf(parent.children.filter((c) => named(c, 'p'))).length;
    if (length > bestLength) [best, bestLength] = [parent, length];
  }
  return best;
}

/** Text of the outermost blocks under root (none when root is in a block), else root's lines. */
function paragraphs(root: AnyNode): string[] {
  let inBlock = false;
  for (let node: AnyNode | null = root; node && !inBlock; node = node.parent) inBlock = isBlock(node);
  const blocks = inBlock ? [] : [...walk(childrenOf(root), (node) => !isBlock(node))].filter(isBlock);
  const texts = blocks.map((el) => clean(textOf([el]))).filter(Boolean);
  if (texts.length > 0) return texts;
  return textOf([root]).split(/\n+/).map((l) => clean(l)).filter(Boolean);
}

/** Takes the page furniture out of the tree, each parent's children filtered once. */
function dropNoise(root: AnyNode): void {
  const isNoise = (node: AnyNode) => isElement(node) && NOISE.has(node.name);
  for (const node of walk([root], (n) => !isNoise(n))) {
    if (!('children' in node) || !node.children.some(isNoise)) continue;
    for (const child of node.children) if (isNoise(child)) child.parent = child.prev = child.next = null;
    const kept = node.children.filter((c) => c.parent !== null);
    kept.forEach((child, i) => {
      child.prev = kept[i - 1] ?? null;
      child.next = kept[i + 1] ?? null;
    });
    node.children = kept;
  }
}

/** Author names ("By Jane Doe and John Roe" -> two), or the declared author as written. */
function bylines(raw: string | null): string[] {
  if (!raw) return [];
  return parseByline(raw)?.names ?? [raw.replace(/^by\s+/i, '')];
}

/** The article of a page; throws an HtmlProblem for a page nested too deep to be an article page. */
export function extractHtml(html: string): HtmlArticle {
  const root = cheerio.load(html, { treeAdapter: boundedAdapter() }).root()[0];
  const m = firstOf(root, META_TESTS);
  const given: GivenMeta = {
    title: meta(m.ogTitle, m.h1, m.title),
    outlet: meta(m.ogSiteName) ?? publisherName(jsonLd(root)),
    url: m.canonical?.attribs.href ?? meta(m.ogUrl),
    published: meta(m.publishedTime, m.date, m.datePublished, m.time),
    byline: bylines(meta(m.author, m.relAuthor, m.byline)),
  };
  dropNoise(root);
  return { text: paragraphs(bodyRoot(root)).join('\n'), given };
}
