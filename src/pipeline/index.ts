// The pipeline, end to end: each stage is a pure function in its own module.
import type { ArticleDoc, Source } from './doc.js';
import { splitArticles } from './articles.js';
import { findQuotes } from './quotes.js';
import { attributeSpeakers } from './speakers/index.js';
import { tagTopics, type Taxonomy } from './topics.js';
import { resolveTime } from './time.js';
import { findOccasions } from './occasion.js';

export interface PipelineContext {
  taxonomy: Taxonomy;
}

/** One source (file, record or page) to its articles with attributed, tagged, dated quotes. */
export function processSource(source: Source, ctx: PipelineContext): ArticleDoc[] {
  return splitArticles(source).map((article) => {
    let quotes = findQuotes(article);
    quotes = attributeSpeakers(article, quotes);
    quotes = tagTopics(article, quotes, ctx.taxonomy);
    quotes = resolveTime(article, quotes);
    quotes = findOccasions(article, quotes);
    return { article, quotes };
  });
}
