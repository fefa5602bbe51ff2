// Extraction throughput on the BBC corpus: read -> articles -> quotes -> speakers -> coref -> topics -> time, one core,
// files streamed one at a time (resident memory is sampled to show it stays flat in the number of files).
// A second pass times each stage apart, the speaker stage split into candidates (tagging and features), the
// model (scoring, from model.json) and the writing, so the model's share of extraction is printed.
import { performance } from 'node:perf_hooks';
import { splitArticles } from '../src/pipeline/articles.js';
import { resolveEntities } from '../src/pipeline/coref/index.js';
import { processSource } from '../src/pipeline/index.js';
import { findQuotes } from '../src/pipeline/quotes.js';
import { readSources } from '../src/pipeline/read.js';
import { candidates } from '../src/pipeline/speakers/features.js';
import { annotate } from '../src/pipeline/speakers/index.js';
import { decide, speakerModel } from '../src/pipeline/speakers/model.js';
import { resolveTime } from '../src/pipeline/time.js';
import { loadTaxonomy, tagTopics } from '../src/pipeline/topics.js';
import { BBC, mb, requireCorpus } from './corpus.js';

const ctx = { taxonomy: loadTaxonomy() };
const dir = requireCorpus(BBC);
const model = speakerModel();

async function pass(): Promise<{ files: number; articles: number; quotes: number; ms: number; rss: number[] }> {
  let files = 0, articles = 0, quotes = 0;
  const rss: number[] = [];
  const t0 = performance.now();
  for await (const item of readSources([dir])) {
    if (!('source' in item)) continue;
    files++;
    for (const doc of processSource(item.source, ctx)) {
      articles++;
      quotes += doc.quotes.length;
    }
    if (files % 500 === 0) rss.push(process.memoryUsage().rss);
  }
  return { files, articles, quotes, ms: performance.now() - t0, rss };
}

/** The same work as processSource, each stage timed. */
async function stages(): Promise<Record<string, number>> {
  const ms: Record<string, number> = { read: 0, articles: 0, quotes: 0, candidates: 0, model: 0, annotate: 0, coref: 0, topics: 0, time: 0 };
  let t = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    ms[stage] += now - t;
    t = now;
  };
  for await (const item of readSources([dir])) {
    lap('read');
    if (!('source' in item)) continue;
    for (const article of splitArticles(item.source)) {
      lap('articles');
      const found = findQuotes(article);
      lap('quotes');
      if (found.length === 0) continue;
      const { ctx: actx, cases } = candidates(article, found, model.settings);
      lap('candidates');
      const decisions = decide(model, cases);
      lap('model');
      let quotes = annotate(article, found, actx, cases, decisions);
      lap('annotate');
      quotes = resolveEntities(article, quotes);
      lap('coref');
      quotes = tagTopics(article, quotes, ctx.taxonomy);
      lap('topics');
      resolveTime(article, quotes);
      lap('time');
    }
  }
  return ms;
}

await pass(); // warm-up: JIT and the NLP model's lazy loading
const r = await pass();
console.log(`extract  ${r.files} files, ${r.articles} articles, ${r.quotes} quotes in ${(r.ms / 1000).toFixed(2)} s`);
console.log(`extract  ${(r.articles / (r.ms / 1000)).toFixed(0)} articles/s on one core; RSS every 500 files: ${r.rss.map(mb).join(', ')}`);
const s = await stages();
const total = Object.values(s).reduce((a, b) => a + b, 0);
console.log(`stages   ${Object.entries(s).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s (${((100 * v) / total).toFixed(0)}%)`).join(', ')}`);
console.log(`model    scoring ${((100 * s.model) / total).toFixed(1)}% of extraction; the speaker stage (candidates + model + annotate) ${((100 * (s.candidates + s.model + s.annotate)) / total).toFixed(0)}%`);
