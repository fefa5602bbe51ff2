import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../../src/config.js';
import type { ArticleDoc } from '../../src/pipeline/doc.js';

// Resolution is tested on its own; here it passes the documents through, as if every name were new.
vi.mock('../../src/resolve/index.js', () => ({ resolve: async (docs: ArticleDoc[]) => ({ docs }) }));
const { extractDocs } = await import('../../src/cli/extract.js');
const { loadTaxonomy } = await import('../../src/pipeline/topics.js');
const { processSource, WINDOW } = await import('../../src/pipeline/index.js');

const SEEDS = new URL('../fixtures/seeds/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'qg-extract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('extractDocs', () => {
  it('runs every seed through the pipeline, in file order, and reports bad inputs without stopping', async () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const seen: string[] = [];
    const { docs, problems } = await extractDocs([empty, SEEDS, join(dir, 'missing')], { taxonomy: loadTaxonomy() }, {
      onProblem: (p) => seen.push(p.file),
    });
    expect(docs.map((d) => d.article.id.split('#')[1])).toEqual(['1', '1', '1', '2', '1', '1']);
    expect(docs.map((d) => d.article.outlet)).toEqual([null, null, 'The Hill', 'Associated Press', null, null]);
    expect(problems).toEqual([
      { file: empty, problem: 'empty file' },
      { file: join(dir, 'missing'), problem: 'no such file or folder' },
    ]);
    expect(seen).toEqual([empty, join(dir, 'missing')]);
  });
});

// The real CLI in its own process: what a user runs, with a shell glob's worth of paths.
describe('quotegraph extract (the CLI process)', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'bin/quotegraph.js'), 'extract', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = (out: string) => out.split('\n').filter(Boolean);

  it('takes 2,100 paths in one command line (onnxruntime used to crash on so long a one)', () => {
    const many = mkdtempSync(join(tmpdir(), 'qg-many-'));
    try {
      const paths = Array.from({ length: 2100 }, (_, i) => {
        const path = join(many, `article-${String(i).padStart(4, '0')}.txt`);
        // a few reports of one statement in other words, so that resolution runs the embedding model (it crashed)
        const quote = `"The new bridge over the river will open in spring ${2026 + i / 500}," Mayor Jane Holt said.\n`;
        writeFileSync(path, i % 500 === 0 ? quote : `Markets were calm on day ${i}.\n`);
        return path;
      });
      const r = cli(paths);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const records = lines(r.stdout).map((l) => JSON.parse(l));
      expect(records.map((rec) => rec.file)).toEqual(paths);
      expect(records.filter((rec) => rec.quotes.length === 1)).toHaveLength(5);
    } finally {
      rmSync(many, { recursive: true, force: true });
    }
  }, 180_000);

  it('reports a page nested 2,500 deep on one line and extracts the files around it', () => {
    const first = join(dir, 'first.txt');
    const deep = join(dir, 'deep.html');
    const last = join(dir, 'last.txt');
    writeFileSync(first, '"We will build it," the mayor said.\n');
    writeFileSync(deep, '<div>'.repeat(2500) + 'He said "hello there".');
    writeFileSync(last, '"It is fine," the minister said.\n');
    const r = cli([first, deep, last]);
    expect(r.status).toBe(1);
    expect(lines(r.stdout).map((l) => JSON.parse(l).file)).toEqual([first, last]);
    expect(lines(r.stderr)).toEqual([
      `quotegraph: ${deep}: HTML nested deeper than 512 elements`,
      'quotegraph: 1 problem(s) in 1 input(s); the other inputs were processed',
    ]);
  }, 120_000);
});

describe('processSource', () => {
  it('finds the quotes of the headline, read apart from the body, and no nickname between a first name and a surname', () => {
    const text =
      "Holt: Bridge Plan Is 'a Disgrace'\n\n" +
      'Mayor Jane Holt of Riverton attacked the state\'s bridge plan on Monday. "We will fight it in court," Holt said.\n' +
      'Her deputy, Marcia "Cia" Price, agreed with her.\n';
    const [doc] = processSource({ file: 'h.txt', id: 'h', text, given: {} }, { taxonomy: loadTaxonomy() });
    expect(doc.article.paragraphs.map((p) => text.slice(p.start, p.end))).not.toContain("Holt: Bridge Plan Is 'a Disgrace'");
    expect(doc.quotes.map((q) => [q.text, q.speaker?.name])).toEqual([['a Disgrace', 'Holt'], ['We will fight it in court,', 'Jane Holt']]);
    // the headline's coreference is not the body's: its entity keys are left to resolution
    expect(doc.quotes.map((q) => q.speaker?.entity)).toEqual([undefined, 'e1']);
  });

  it('reads a text longer than any article (a feed without headers) stretch by stretch, nothing lost', () => {
    const paragraphs = Array.from({ length: 1000 }, (_, i) => `"Sam Reed told me 'build bridge ${i}' and left," Mayor Jane Holt said.`);
    const text = paragraphs.join('\n');
    expect(paragraphs.length).toBeGreaterThan(WINDOW.paragraphs);
    const [doc, ...more] = processSource({ file: 'feed.txt', id: 'feed', text, given: {} }, { taxonomy: loadTaxonomy() });
    expect(more).toEqual([]);
    const outer = doc.quotes.filter((q) => q.kind !== 'embedded');
    const inner = doc.quotes.filter((q) => q.kind === 'embedded');
    expect(outer.map((q) => q.speaker?.name)).toEqual(Array(1000).fill('Jane Holt'));
    // each window's coreference numbers its own entities: their keys stay apart
    expect([...new Set(outer.map((q) => q.speaker?.entity))]).toEqual(['e2', 'w1:e2']);
    expect(inner.map((q) => q.text)).toEqual(paragraphs.map((_, i) => `build bridge ${i}`));
    for (const q of doc.quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
    for (const q of inner) {
      const parent = doc.quotes[q.parent!];
      expect(parent.start <= q.start && q.end <= parent.end).toBe(true);
    }
  });
});
