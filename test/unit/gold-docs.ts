// Pipeline documents built from the seed gold, as if the extraction stages had found exactly the gold quotes:
// lets topics, time and resolution be tested and scored before (and independently of) extraction.
// Each quote's speaker is the alias of its gold person nearest to it in the text, as a mention would be.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Article, ArticleDoc, Quote, Source } from '../../src/pipeline/doc.js';

export const SEEDS = new URL('../fixtures/seeds/', import.meta.url).pathname;
export const GOLD_PATH = new URL('../gold/seeds.gold.json', import.meta.url).pathname;

interface GoldQuote {
  article: string;
  text: string;
  offset: number;
  kind: Quote['kind'];
  speaker: string | null;
  statement: string | null;
  topics: string[];
  notAQuote?: boolean;
  repeatedBlock?: boolean;
}
export interface Gold {
  articles: { id: string; file: string; outlet: string | null; published: string | null; title: string | null }[];
  people: { name: string; type: 'person' | 'organization'; aliases: string[]; roles: string[] }[];
  statements: { id: string; speaker: string; when: string | null }[];
  quotes: GoldQuote[];
}

export const loadGold = (): Gold => JSON.parse(readFileSync(GOLD_PATH, 'utf8'));

/** Where article `n` of a file starts: the seeds hold one two-article file, split at its second byline. */
function articleSpans(text: string, count: number): [number, number][] {
  if (count === 1) return [[0, text.length]];
  const cut = text.indexOf('AAMER MADHANI');
  return [[0, cut], [cut, text.length]];
}

export interface GoldDoc extends ArticleDoc {
  gold: (GoldQuote | null)[];
}

export function goldDocs(gold: Gold = loadGold()): GoldDoc[] {
  const docs: GoldDoc[] = [];
  const files = [...new Set(gold.articles.map((a) => a.file))];
  for (const file of files) {
    const text = readFileSync(join(SEEDS, file), 'utf8');
    const source: Source = {
      file,
      id: createHash('sha256').update(text).digest('hex').slice(0, 16),
      text,
      given: {},
    };
    const garts = gold.articles.filter((a) => a.file === file);
    articleSpans(text, garts.length).forEach(([start, end], i) => {
      const g = garts[i];
      const paragraphs: { start: number; end: number }[] = [];
      const re = /[^\n]+/g;
      for (let m; (m = re.exec(text.slice(start, end))); )
        paragraphs.push({ start: start + m.index, end: start + m.index + m[0].length });
      const article: Article = {
        id: `${source.id}#${i + 1}`,
        index: i + 1,
        source,
        span: { start, end },
        paragraphs,
        title: g.title,
        outlet: g.outlet,
        byline: [],
        published: g.published,
        dateline: null,
        url: null,
        basedOn: [],
        cites: [],
      };
      const gq = gold.quotes
        .filter((q) => q.article === g.id && !q.notAQuote && !q.repeatedBlock)
        .sort((a, b) => a.offset - b.offset);
      const quotes: Quote[] = gq.map((q) => {
        // gold offsets may be a character or two off: take the occurrence nearest them
        const s = nearestIndex(text, q.text, q.offset), e = s + q.text.length;
        if (s < 0) throw new Error(`gold quote not in ${file}: ${q.text}`);
        const mention = q.speaker ? nearestAlias(text, { start, end }, s, e, gold.people.find((p) => p.name === q.speaker)!) : null;
        return {
          start: s,
          end: e,
          text: q.text,
          kind: q.kind,
          speaker: q.speaker
            ? { name: mention?.text ?? q.speaker, type: gold.people.find((p) => p.name === q.speaker)!.type, mention, role: null }
            : null,
          relayedBy: null,
          cue: null,
          confidence: 1,
          topics: [],
          statement: null,
        };
      });
      quotes.forEach((q, k) => {
        if (q.kind !== 'embedded') return;
        const parent = quotes.findIndex((p, j) => j !== k && p.start <= q.start && p.end >= q.end);
        q.parent = parent >= 0 ? parent : null;
      });
      docs.push({ article, quotes, gold: gq });
    });
  }
  return docs;
}

function nearestIndex(text: string, needle: string, near: number): number {
  let best = -1;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1))
    if (best < 0 || Math.abs(i - near) < Math.abs(best - near)) best = i;
  return best;
}

/** The alias occurrence nearest the quote and outside it (before it preferred), within the article. */
function nearestAlias(text: string, art: { start: number; end: number }, qs: number, qe: number, person: Gold['people'][number]) {
  let best: { start: number; end: number; text: string; d: number } | null = null;
  for (const alias of [person.name, ...person.aliases]) {
    for (let i = text.indexOf(alias, art.start); i >= 0 && i < art.end; i = text.indexOf(alias, i + 1)) {
      const j = i + alias.length;
      if (i < qe && qs < j) continue;
      const d = j <= qs ? qs - j : (i - qe) * 1.5;
      if (!best || d < best.d || (d === best.d && alias.length > best.text.length)) best = { start: i, end: j, text: alias, d };
    }
  }
  return best && { start: best.start, end: best.end, text: best.text, role: null };
}

/** Scorer input (../shared/eval/score.mjs) for resolved documents. */
export function toJsonl(docs: ArticleDoc[]): string {
  return docs
    .map((d) =>
      JSON.stringify({
        file: basename(d.article.source.file),
        article: { title: d.article.title, outlet: d.article.outlet, byline: d.article.byline, published: d.article.published },
        quotes: d.quotes.map((q) => ({
          text: q.text,
          start: q.start,
          end: q.end,
          kind: q.kind,
          speaker: q.speaker && { name: q.speaker.name, mention: q.speaker.mention && { start: q.speaker.mention.start, end: q.speaker.mention.end } },
          topics: q.topics,
          statement: q.statement,
        })),
      }),
    )
    .join('\n');
}
