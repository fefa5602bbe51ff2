// Resolution speed: every quote of the BBC research corpus resolved across articles (speakers, statements,
// topics by meaning), embeddings included, and the same for a quarter and a half of the corpus (every 4th, every
// 2nd article), so the cost per article shows whether it grows with the corpus. Embeddings are memoised per run
// inside resolve; each size runs in a fresh call and counts the texts it embedded (at most one per quote: the
// cost per article is bounded by embedding every quote once, whatever the corpus size). `npx tsx bench/resolve.ts`; the floor is 60 s for all of BBC.
import type { ArticleDoc } from '../src/pipeline/doc.js';
import { processSource } from '../src/pipeline/index.js';
import { readSources } from '../src/pipeline/read.js';
import { loadTaxonomy } from '../src/pipeline/topics.js';
import { embed } from '../src/embed/index.js';
import { resolve } from '../src/resolve/index.js';
import { BBC, requireCorpus } from './corpus.js';

const taxonomy = loadTaxonomy();
const docs: ArticleDoc[] = [];
let t = performance.now();
for await (const item of readSources([requireCorpus(BBC)])) if ('source' in item) docs.push(...processSource(item.source, { taxonomy }));
const extractMs = performance.now() - t;
const quotes = docs.reduce((n, d) => n + d.quotes.length, 0);
console.log(`articles ${docs.length}, quotes ${quotes} (extraction ${(extractMs / 1000).toFixed(1)} s, not counted)`);

await embed(['the model loads and warms up before any size is timed']);
const perArticle: number[] = [];
for (const step of [4, 2, 1]) {
  const part = docs.filter((_, i) => i % step === 0);
  let embedded = 0;
  const counted = (texts: string[]) => ((embedded += texts.length), embed(texts));
  t = performance.now();
  const r = await resolve(part, undefined, { embed: counted });
  const ms = performance.now() - t;
  perArticle.push(ms / part.length);
  const grouped = r.statements.filter((s) => new Set(s.quotes.map((q) => q.articleId)).size > 1).length;
  const occasions = new Set(r.statements.map((s) => s.occasion?.id).filter(Boolean)).size;
  console.log(
    `1/${step} of the corpus: ${part.length} articles, resolve ${(ms / 1000).toFixed(1)} s (${(ms / part.length).toFixed(2)} ms/article): ` +
      `${r.speakers.length} speakers, ${r.statements.length} statements (${grouped} across articles), ${occasions} occasions, ${embedded} texts embedded`,
  );
}
console.log(`ms per article, all vs a quarter of the corpus: ${(perArticle[2] / perArticle[0]).toFixed(2)}x (1.00 = linear)`);
