// Embedding throughput on real news sentences: `npx tsx bench/embed.ts [sentences]` (default 2000).
// Sentences come from the BBC research corpus in ../shared (read in place, never copied).
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { embed, modelPath } from '../src/embed/index.js';
import { BBC, requireCorpus } from './corpus.js';

const corpus = requireCorpus(BBC);
const wanted = Number(process.argv[2] ?? 2000);

function sentences(limit: number): string[] {
  const out: string[] = [];
  for (const category of readdirSync(corpus).sort()) {
    for (const file of readdirSync(join(corpus, category)).sort()) {
      // a rough split is enough for timing (the pipeline splits sentences with wink-nlp)
      for (const s of readFileSync(join(corpus, category, file), 'utf8').split(/(?<=[.!?]["']?)\s+/)) {
        if (s.trim().length > 0) out.push(s.trim());
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

const texts = sentences(wanted);
let t = performance.now();
await modelPath();
const build = performance.now() - t;
t = performance.now();
await embed(['warm-up']);
const load = performance.now() - t;

const single: number[] = [];
for (const text of texts.slice(0, 50)) {
  t = performance.now();
  await embed([text]);
  single.push(performance.now() - t);
}
single.sort((a, b) => a - b);

t = performance.now();
const cpu = process.cpuUsage();
await embed(texts);
const batchSeconds = (performance.now() - t) / 1000;
const { user, system } = process.cpuUsage(cpu);

const ms = (x: number): string => `${x.toFixed(1)} ms`;
console.log(`model file ready: ${ms(build)} (built if absent); session load: ${ms(load)}`);
console.log(`one sentence: median ${ms(single[single.length >> 1])}, p90 ${ms(single[Math.floor(single.length * 0.9)])}`);
console.log(`batch of ${texts.length}: ${batchSeconds.toFixed(2)} s, ${(texts.length / batchSeconds).toFixed(0)} sentences/s`);
// The machine is shared: CPU time and load average tell how far the wall-clock figure is from an idle run.
console.log(`cpu ${((user + system) / 1e6).toFixed(2)} s (${((user + system) / 1e6 / batchSeconds).toFixed(2)} cores busy); load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
console.log(`rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
