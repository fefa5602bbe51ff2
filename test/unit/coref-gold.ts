// Gold mentions as speaker mentions: PolNeAR's annotated source spans fed to the coreference stage as if the
// speaker stage had found exactly them, so the names it gives can be scored apart from the mention choice
// ("coref accuracy given gold mentions"). Research data is read from ../shared by path, never copied.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleDoc, Quote } from '../../src/pipeline/doc.js';
import { splitArticles } from '../../src/pipeline/articles.js';
import { sourceId } from '../../src/pipeline/read.js';

export const POLNEAR = new URL('../../../shared/eval/', import.meta.url).pathname;

interface GoldFile {
  articles: { id: string; file: string }[];
  quotes: { article: string; text: string; offset: number; kind: Quote['kind']; speaker: string | null; speakerSpan?: [number, number] }[];
}

/**
 * The articles of a PolNeAR split with its gold quotes, each spoken by its gold mention (the mention text as its
 * provisional name, typed as a person). `gold[i]` is the index of the quote in the gold file.
 */
export function goldMentionDocs(split: string): (ArticleDoc & { gold: number[] })[] {
  const dir = join(POLNEAR, split);
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as GoldFile;
  const byArticle = new Map<string, number[]>();
  gold.quotes.forEach((q, i) => byArticle.set(q.article, [...(byArticle.get(q.article) ?? []), i]));
  return gold.articles.map((g) => {
    const text = readFileSync(join(dir, 'texts', g.file), 'utf8');
    const source = { file: g.file, id: sourceId(text), text, given: {} };
    const [first] = splitArticles(source);
    // one gold article a file: the whole text is the article, its paragraphs those the pipeline finds
    const article = { ...first, span: { start: 0, end: text.length } };
    const idx = (byArticle.get(g.id) ?? []).sort((a, b) => gold.quotes[a].offset - gold.quotes[b].offset);
    const quotes: Quote[] = idx.map((i) => {
      const q = gold.quotes[i];
      const span = q.speakerSpan;
      return {
        start: q.offset, end: q.offset + q.text.length, text: q.text, kind: q.kind,
        speaker: span ? { name: text.slice(span[0], span[1]), type: 'person', mention: { start: span[0], end: span[1], text: text.slice(span[0], span[1]) } } : null,
        relayedBy: null, cue: null, confidence: 1, topics: [], statement: null,
      };
    });
    return { article, quotes, gold: idx };
  });
}
