import { readSources } from '/work/main/src/pipeline/read.js';
import { splitArticles } from '/work/main/src/pipeline/articles.js';
import { findQuotes } from '/work/main/src/pipeline/quotes.js';
import { attributeSpeakers } from '/work/main/src/pipeline/speakers.js';
import { tagTopics, loadTaxonomy } from '/work/main/src/pipeline/topics.js';
import { resolveTime } from '/work/main/src/pipeline/time.js';
const tax = loadTaxonomy();
for await (const it of readSources(process.argv.slice(2))) {
  if (!('source' in it)) continue;
  let t = performance.now(); const arts = splitArticles(it.source); console.log(it.source.file, 'split', (performance.now() - t).toFixed(0), arts[0].paragraphs.length);
  t = performance.now(); let q = findQuotes(arts[0]); console.log('quotes', (performance.now() - t).toFixed(0), q.length);
  t = performance.now(); q = attributeSpeakers(arts[0], q); console.log('speakers', (performance.now() - t).toFixed(0));
  t = performance.now(); q = tagTopics(arts[0], q, tax); console.log('topics', (performance.now() - t).toFixed(0));
  t = performance.now(); q = resolveTime(arts[0], q); console.log('time', (performance.now() - t).toFixed(0));
}
