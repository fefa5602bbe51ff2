import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ArticleDoc } from '../../src/pipeline/doc.js';

// Resolution is tested on its own; here it passes the documents through, as if every name were new.
vi.mock('../../src/resolve/index.js', () => ({ resolve: async (docs: ArticleDoc[]) => ({ docs }) }));
const { extractDocs } = await import('../../src/cli/extract.js');
const { loadTaxonomy } = await import('../../src/pipeline/topics.js');

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
