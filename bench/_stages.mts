// scratch: CPU ms per stage on the BBC corpus (not for commit)
import { splitArticles } from '../src/pipeline/articles.js';
import { findQuotes } from '../src/pipeline/quotes.js';
import { attributeSpeakers } from '../src/pipeline/speakers.js';
import { tagTopics, loadTaxonomy } from '../src/pipeline/topics.js';
import { resolveTime } from '../src/pipeline/time.js';
import { readSources } from '../src/pipeline/read.js';
import { BBC } from './corpus.js';
const taxonomy = loadTaxonomy();
const dir = process.argv[2] ?? BBC;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
async function pass(full: boolean) {
  const t: Record<string, number> = { read: 0, split: 0, quotes: 0, speakers: 0, topics: 0, time: 0 };
  let files = 0, articles = 0;
  let c = cpu();
  const it = readSources([dir]);
  while (true) {
    const r = await it.next();
    let c2 = cpu(); t.read += c2 - c; c = c2;
    if (r.done) break;
    const item = r.value;
    if (!('source' in item)) continue;
    files++;
    const arts = splitArticles(item.source);
    c2 = cpu(); t.split += c2 - c; c = c2;
    for (const a of arts) {
      articles++;
      if (!full) continue;
      let q = findQuotes(a); c2 = cpu(); t.quotes += c2 - c; c = c2;
      q = attributeSpeakers(a, q); c2 = cpu(); t.speakers += c2 - c; c = c2;
      q = tagTopics(a, q, taxonomy); c2 = cpu(); t.topics += c2 - c; c = c2;
      q = resolveTime(a, q); c2 = cpu(); t.time += c2 - c; c = c2;
    }
  }
  return { files, articles, t };
}
const full = process.env.FULL !== '0';
await pass(full);
const r = await pass(full);
const total = Object.values(r.t).reduce((a, b) => a + b, 0);
console.log(`${r.files} files ${r.articles} articles; CPU ms/article:`, Object.fromEntries(Object.entries(r.t).map(([k, v]) => [k, +(v / r.articles).toFixed(3)])), `total ${(total / r.articles).toFixed(3)} ms => ${(r.articles / total * 1000).toFixed(0)} articles/s CPU`);
