// Extraction throughput on the BBC corpus: read -> articles -> quotes -> speakers -> topics -> time, one core,
// files streamed one at a time (resident memory is sampled to show it stays flat in the number of files).
import { performance } from 'node:perf_hooks';
import { processSource } from '../src/pipeline/index.js';
import { readSources } from '../src/pipeline/read.js';
import { loadTaxonomy } from '../src/pipeline/topics.js';
import { BBC, mb, requireCorpus } from './corpus.js';

const ctx = { taxonomy: loadTaxonomy() };
const dir = requireCorpus(BBC);

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

await pass(); // warm-up: JIT and the NLP model's lazy loading
const r = await pass();
console.log(`extract  ${r.files} files, ${r.articles} articles, ${r.quotes} quotes in ${(r.ms / 1000).toFixed(2)} s`);
console.log(`extract  ${(r.articles / (r.ms / 1000)).toFixed(0)} articles/s on one core; RSS every 500 files: ${r.rss.map(mb).join(', ')}`);
