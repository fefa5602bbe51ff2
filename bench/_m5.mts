import { readSources } from '/work/main/src/pipeline/read.js';
import { splitArticles } from '/work/main/src/pipeline/articles.js';
import { findQuotes } from '/work/main/src/pipeline/quotes.js';
import { attributeSpeakers } from '/work/main/src/pipeline/speakers.js';
import { tagTopics, loadTaxonomy } from '/work/main/src/pipeline/topics.js';
import { resolveTime } from '/work/main/src/pipeline/time.js';
const tax = loadTaxonomy();
const T = { read: 0, split: 0, quotes: 0, speakers: 0, topics: 0, time: 0 };
let n = 0, nq = 0;
let t = performance.now();
for await (const it of readSources(process.argv.slice(2))) {
  T.read += performance.now() - t;
  if (!('source' in it)) continue;
  if (++n > 300) break;
  t = performance.now(); const arts = splitArticles(it.source); T.split += performance.now() - t;
  for (const a of arts) {
    t = performance.now(); let q = findQuotes(a); T.quotes += performance.now() - t; nq += q.length;
    t = performance.now(); q = attributeSpeakers(a, q); T.speakers += performance.now() - t;
    t = performance.now(); q = tagTopics(a, q, tax); T.topics += performance.now() - t;
    t = performance.now(); q = resolveTime(a, q); T.time += performance.now() - t;
  }
  t = performance.now();
}
console.log(n, 'files', nq, 'quotes', Object.fromEntries(Object.entries(T).map(([k, v]) => [k, Math.round(v)])));
