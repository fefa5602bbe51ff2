// Resolution speed: every quote of the BBC research corpus resolved across articles (speakers, statements,
// topics by meaning), embeddings included. `npx tsx bench/resolve.ts` prints the time; the floor is 60 s.
import type { ArticleDoc } from '../src/pipeline/doc.js';
import { processSource } from '../src/pipeline/index.js';
import { readSources } from '../src/pipeline/read.js';
import { loadTaxonomy } from '../src/pipeline/topics.js';
import { resolve } from '../src/resolve/index.js';
import { BBC, requireCorpus } from './corpus.js';

const taxonomy = loadTaxonomy();
const docs: ArticleDoc[] = [];
let t = performance.now();
for await (const item of readSources([requireCorpus(BBC)])) if ('source' in item) docs.push(...processSource(item.source, { taxonomy }));
const extractMs = performance.now() - t;
const quotes = docs.reduce((n, d) => n + d.quotes.length, 0);

t = performance.now();
const r = await resolve(docs);
const resolveMs = performance.now() - t;
const grouped = r.statements.filter((s) => new Set(s.quotes.map((q) => q.articleId)).size > 1).length;
console.log(`articles ${docs.length}, quotes ${quotes} (extraction ${(extractMs / 1000).toFixed(1)} s, not counted)`);
console.log(`resolve ${(resolveMs / 1000).toFixed(1)} s: ${r.speakers.length} speakers, ${r.statements.length} statements (${grouped} across articles)`);
