// `npm run bench robustness`: the extractor against what no article looks like, in sections run one after
// another (QG_BENCH_SECTIONS=fuzz,pathological picks some; a section is a function: add yours to SECTIONS).
//   fuzz          100,000 fuzzed articles (QG_BENCH_FUZZ=n) through processSource and resolve (no embeddings):
//                 failures (a throw, a span not its slice of the text), the slowest input per MB, throughput.
//   pathological  1 MB and 10 MB of each pathological shape (QG_BENCH_SIZES=1,10), read from a file and
//                 extracted: seconds and MB/s; targets 1 MB < 2 s, 10 MB < 20 s. Ordinary BBC articles (each
//                 file on its own) are timed in the same run, for scale.
//   crash         `npm run bench crash` (10 crash cycles on the whole BBC corpus; WIPES the configured graph).
//   load          QG_BENCH_RATE (500) requests/s for QG_BENCH_SECONDS (30) s against the API over the configured
//                 graph (the seeds ingested beside what it holds), the four benchmark answers in turn, with the
//                 answer cache on and off: requests, the rate held, errors, p50/p99.
// Wall and CPU time are both printed: on a shared machine the wall time of one process varies with the others.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import fc from 'fast-check';
import { loadConfig, ROOT } from '../src/config.js';
import { connect } from '../src/db/driver.js';
import type { ArticleDoc } from '../src/pipeline/doc.js';
import { processSource } from '../src/pipeline/index.js';
import { readSources, sourceId } from '../src/pipeline/read.js';
import { loadTaxonomy } from '../src/pipeline/topics.js';
import { loadGazetteer } from '../src/resolve/gazetteer.js';
import { resolve } from '../src/resolve/index.js';
import { generatedProse, mutatedNews, newsArticle, pathologicalShapes, soup, violations, withRuns } from '../test/unit/fuzz-inputs.js';
import { pickCases } from './cases.js';
import { BBC } from './corpus.js';
import { seed, start } from './servers.js';

const ctx = { taxonomy: loadTaxonomy() };
const MB = 2 ** 20;
const SEED = Number(process.env.QG_FUZZ_SEED ?? 20261201);

/** Wall and CPU seconds of f. */
async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const [w0, c0] = [performance.now(), process.cpuUsage()];
  const value = await f();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - w0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const loadAverage = () => loadavg().map((l) => l.toFixed(1)).join(' ');

// ---------------------------------------------------------------------------------------------- fuzz

/** Fuzzed articles as `extract` would read them: mostly short and strange, one in a hundred with runs to 100 KB. */
const fuzzed = fc.oneof(
  { weight: 33, arbitrary: newsArticle },
  { weight: 33, arbitrary: mutatedNews },
  { weight: 33, arbitrary: soup },
  { weight: 1, arbitrary: withRuns(100_000) },
);

async function fuzz(): Promise<void> {
  const total = Number(process.env.QG_BENCH_FUZZ ?? 100_000);
  const chunk = 1000;
  const gazetteer = loadGazetteer();
  let [articles, failures, chars, wall, cpu] = [0, 0, 0, 0, 0];
  let slowest = { perMb: 0, size: 0, sample: '' };
  const failed: string[] = [];
  for (let c = 0; articles < total; c++) {
    const texts = fc.sample(fuzzed, { seed: SEED + c, numRuns: Math.min(chunk, total - articles) });
    const docs: ArticleDoc[] = [];
    for (const text of texts) {
      articles++;
      chars += text.length;
      try {
        const t = await timed(() => processSource({ file: `fuzz-${articles}.txt`, id: sourceId(text), text, given: {} }, ctx));
        [wall, cpu] = [wall + t.wall, cpu + t.cpu];
        docs.push(...t.value);
        const bad = violations(t.value);
        if (bad.length) throw new Error(bad[0]);
        // per MB only where the length, not the fixed cost of an input, decides
        if (text.length >= 10_000 && t.cpu / (text.length / MB) > slowest.perMb)
          slowest = { perMb: t.cpu / (text.length / MB), size: text.length, sample: JSON.stringify(text.slice(0, 60)) };
      } catch (e) {
        failures++;
        if (failed.length < 5) failed.push(`article ${articles} (seed ${SEED + c}): ${(e as Error).message}`);
      }
    }
    try {
      const t = await timed(() => resolve(docs, undefined, { embed: null, gazetteer, taxonomy: ctx.taxonomy }));
      [wall, cpu] = [wall + t.wall, cpu + t.cpu];
      const bad = violations(t.value.docs);
      if (bad.length) throw new Error(bad[0]);
    } catch (e) {
      failures++;
      if (failed.length < 5) failed.push(`resolving batch ${c} (seed ${SEED + c}): ${(e as Error).message}`);
    }
  }
  console.log(`fuzz  ${articles} articles fuzzed (${(chars / MB).toFixed(1)} MB, seed ${SEED}), ${failures} failures`);
  for (const f of failed) console.log(`fuzz    ${f}`);
  console.log(`fuzz  slowest input per MB (of those >= 10 KB): ${slowest.perMb.toFixed(2)} CPU s/MB, ${(slowest.size / 1000).toFixed(0)} KB starting ${slowest.sample}`);
  console.log(`fuzz  throughput ${(chars / MB / wall).toFixed(2)} MB/s wall, ${(chars / MB / cpu).toFixed(2)} MB/s CPU (${articles} articles in ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU)`);
}

// ---------------------------------------------------------------------------------------------- pathological

/** Ordinary prose: the BBC corpus when it is there, else generated news. */
function prose(): { text: string; files: string[] } {
  try {
    const files = readdirSync(BBC).flatMap((d) => readdirSync(join(BBC, d)).map((f) => join(BBC, d, f)));
    return { text: files.slice(0, 400).map((f) => readFileSync(f, 'utf8')).join('\n\n'), files };
  } catch {
    return { text: generatedProse(SEED, 400), files: [] };
  }
}

/** Shapes read from a file of their kind (HTML, JSONL), beside the text shapes. */
function fileShapes(text: string): Record<string, { ext: string; make: (n: number) => string }> {
  const paragraphs = text.split(/\n+/).filter((p) => p.trim());
  const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const until = (n: number, next: (i: number) => string) => {
    const out: string[] = [];
    for (let i = 0, length = 0; length < n; i++) {
      out.push(next(i));
      length += out[i].length + 1;
    }
    return out.join('\n');
  };
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return {
    'HTML: nothing but nested divs': { ext: '.html', make: (n) => fill('<div>', n) },
    'HTML: a page of paragraphs': { ext: '.html', make: (n) => `<body><article>${until(n, (i) => `<p>${esc(paragraphs[i % paragraphs.length])}</p>`)}</article></body>` },
    'HTML: links and buttons, one a paragraph': { ext: '.html', make: (n) => `<body>${fill('<p><a href="/x">A link</a> <button>Share</button></p>', n)}</body>` },
    'JSONL: a record an article': { ext: '.jsonl', make: (n) => until(n, (i) => JSON.stringify({ text: paragraphs.slice(i % 50, (i % 50) + 8).join('\n'), title: `T${i}` })) },
  };
}

async function extractFile(path: string): Promise<{ articles: number; quotes: number; problems: number }> {
  const r = { articles: 0, quotes: 0, problems: 0 };
  for await (const item of readSources([path], { maxFileSize: 64 * MB })) {
    if ('error' in item) r.problems++;
    else for (const doc of processSource(item.source, ctx)) [r.articles, r.quotes] = [r.articles + 1, r.quotes + doc.quotes.length];
  }
  return r;
}

async function pathological(): Promise<void> {
  const sizes = (process.env.QG_BENCH_SIZES ?? '1,10').split(',').map(Number);
  const { text, files } = prose();
  const dir = mkdtempSync(join(tmpdir(), 'qg-bench-robust-'));
  const rows: string[][] = [];
  let newsCpuPerMb = 0;
  const row = (name: string, bytes: number, t: { wall: number; cpu: number }, what: string) =>
    rows.push([
      name, `${(bytes / MB).toFixed(1)}`, t.wall.toFixed(2), t.cpu.toFixed(2), (bytes / MB / t.wall).toFixed(2),
      newsCpuPerMb ? (t.cpu / (bytes / MB) / newsCpuPerMb).toFixed(2) : '', what,
    ]);
  try {
    if (files.length) {
      const reference = files.slice(0, 500);
      const bytes = reference.reduce((n, f) => n + readFileSync(f).length, 0);
      await extractFile(reference[0]); // warm-up: JIT and the NLP model's lazy loading
      const t = await timed(async () => {
        for (const f of reference) await extractFile(f);
      });
      row('BBC articles, each file on its own (scale)', bytes, t, `${reference.length} files`);
      newsCpuPerMb = t.cpu / (bytes / MB);
    }
    const shapes = [
      ...Object.entries(pathologicalShapes(text)).map(([name, make]) => ({ name, ext: '.txt', make })),
      ...Object.entries(fileShapes(text)).map(([name, s]) => ({ name, ...s })),
    ];
    for (const { name, ext, make } of shapes) {
      for (const size of sizes) {
        const path = join(dir, `shape${ext}`);
        // `size` MB of the file's bytes (characters outside ASCII take two to four)
        let content = make(size * MB);
        const over = Buffer.byteLength(content) / (size * MB);
        if (over > 1.01) content = make(Math.floor((size * MB) / over));
        writeFileSync(path, content);
        const bytes = Buffer.byteLength(content);
        const t = await timed(() => extractFile(path));
        const { articles, quotes, problems } = t.value;
        row(name, bytes, t, problems ? `${problems} problem(s)` : `${articles} article(s), ${quotes} quotes`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const head = ['shape', 'MB', 'wall s', 'CPU s', 'MB/s', 'CPU/MB vs news', 'found'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((x, c) => (c === 0 || c === 6 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ');
  console.log(`pathological  (targets: 1 MB < 2 s, 10 MB < 20 s; load average ${loadAverage()})`);
  for (const r of [head, ...rows]) console.log(`  ${line(r)}`);
}

// ---------------------------------------------------------------------------------------------- crash, load

async function crash(): Promise<void> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/crash.ts')], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) process.exitCode = 1;
}

async function load(): Promise<void> {
  const rate = Number(process.env.QG_BENCH_RATE ?? 500);
  const seconds = Number(process.env.QG_BENCH_SECONDS ?? 30);
  const graph = await connect(loadConfig(), { say: (l) => console.error(l) });
  seed();
  const cases = Object.values(await pickCases(graph));
  await graph.close();
  const requests = cases.map((c) => ({ method: 'POST' as const, body: JSON.stringify({ query: c.query, variables: c.variables }) }));
  console.log(`load  ${rate} req/s for ${seconds} s, ${cases.length} answers in turn, 50 connections (load average ${loadAverage()})`);
  for (const [label, env] of [['cached', {}], ['uncached', { QG_CACHE_TTL_MS: '0' }]] as const) {
    const server = await start('quotegraph', env);
    const run = (duration: number) =>
      new Promise<autocannon.Result>((done, fail) =>
        autocannon(
          { url: server.url, headers: { 'content-type': 'application/json' }, requests, connections: 50, overallRate: rate, duration },
          (err, res) => (err ? fail(err) : done(res)),
        ),
      );
    await run(2); // warm-up: JIT, plan cache, page cache
    const r = await run(seconds);
    server.child.kill();
    const failed = r.errors + r.timeouts + r.non2xx;
    console.log(
      `  ${label.padEnd(8)} ${r.requests.total} requests, ${(r.requests.total / seconds).toFixed(0)} req/s held, ` +
        `${failed} failed (${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx); p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`,
    );
    if (failed) process.exitCode = 1;
  }
}

// ---------------------------------------------------------------------------------------------- sections

const SECTIONS: Record<string, () => Promise<void>> = { fuzz, pathological, crash, load };

const chosen = process.env.QG_BENCH_SECTIONS?.split(',') ?? Object.keys(SECTIONS);
console.log(`robustness  sections ${chosen.join(', ')}; load average ${loadAverage()}`);
for (const name of chosen) {
  const section = SECTIONS[name];
  if (!section) throw new Error(`unknown section ${name} (known: ${Object.keys(SECTIONS).join(', ')})`);
  await section();
}
