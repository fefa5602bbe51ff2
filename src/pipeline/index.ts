// The pipeline, end to end: each stage is a pure function in its own module.
import type { Article, ArticleDoc, Quote, Source } from './doc.js';
import { headlineView, splitArticles } from './articles.js';
import { findQuotes } from './quotes.js';
import { attributeSpeakers } from './speakers/index.js';
import { resolveEntities } from './coref/index.js';
import { tagTopics, type Taxonomy } from './topics.js';
import { resolveTime } from './time.js';
import { findOccasions } from './occasion.js';

export interface PipelineContext {
  taxonomy: Taxonomy;
}

/**
 * The most paragraphs and characters the quote stages read as one stretch. Every news article fits in one (the
 * longest seen run to 308 paragraphs and 34,000 characters); a longer text (a feed pasted without headers, a
 * megabyte on one line) is read stretch by stretch, so that no stage, whatever it does within an article, costs
 * more than a long article per stretch: extraction stays linear in the input.
 */
export const WINDOW = { paragraphs: 400, chars: 64_000 };

/** One source (file, record or page) to its articles with attributed, tagged, dated quotes. */
export function processSource(source: Source, ctx: PipelineContext): ArticleDoc[] {
  return splitArticles(source).map((article) => {
    const headline = headlineView(article);
    // each view's coreference numbers its entities from e1: the body's first window keeps its keys, later ones get a
    // prefix; the headline's are dropped, so that resolution finds its names among the body's people (resolve/speakers)
    const views = [...(headline ? [{ view: headline, keys: null }] : []), ...windows(article).map((view, k) => ({ view, keys: k ? `w${k}:` : '' }))];
    return { article, quotes: views.reduce<Quote[]>((quotes, { view, keys }) => appendQuotes(quotes, quoteStages(view, ctx), keys), []) };
  });
}

function quoteStages(article: Article, ctx: PipelineContext): Quote[] {
  let quotes = findQuotes(article);
  quotes = attributeSpeakers(article, quotes);
  quotes = resolveEntities(article, quotes);
  quotes = tagTopics(article, quotes, ctx.taxonomy);
  quotes = resolveTime(article, quotes);
  return findOccasions(article, quotes);
}

/** The article itself when it fits in a window, else views of it a window each (text cut after the window). */
function windows(article: Article): Article[] {
  const paragraphs = article.paragraphs;
  const fits = (from: number, to: number) =>
    to - from <= WINDOW.paragraphs && paragraphs[to - 1].end - paragraphs[from].start <= WINDOW.chars;
  if (paragraphs.length === 0 || fits(0, paragraphs.length)) return [article];
  const views: Article[] = [];
  for (let from = 0; from < paragraphs.length; ) {
    let to = from + 1;
    while (to < paragraphs.length && fits(from, to + 1)) to++;
    const span = { start: paragraphs[from].start, end: paragraphs[to - 1].end };
    const source = { ...article.source, text: article.source.text.slice(0, span.end) };
    views.push({ ...article, source, span, paragraphs: paragraphs.slice(from, to) });
    from = to;
  }
  return views;
}

/**
 * `more` after `quotes`, their parent indexes shifted to match (a view's quotes nest only among themselves), entity
 * keys prefixed with `keys` (null: left out).
 */
function appendQuotes(quotes: Quote[], more: Quote[], keys: string | null): Quote[] {
  const offset = quotes.length;
  for (const q of more) {
    let speaker = q.speaker;
    if (speaker?.entity && keys !== '') {
      const { entity, ...rest } = speaker;
      speaker = keys === null ? rest : { ...rest, entity: keys + entity };
    }
    quotes.push(offset && q.parent != null ? { ...q, speaker, parent: q.parent + offset } : speaker === q.speaker ? q : { ...q, speaker });
  }
  return quotes;
}
