import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Source } from '../../src/pipeline/doc.js';
import { readSources, sourceId, type ReadItem, type ReadProblem } from '../../src/pipeline/read.js';
import { MAX_PARAGRAPH, splitArticles } from '../../src/pipeline/articles.js';
import { MAX_HTML_DEPTH } from '../../src/pipeline/html.js';

const dir = mkdtempSync(join(tmpdir(), 'qg-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

async function read(paths: string[], maxFileSize?: number): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readSources(paths, { maxFileSize })) items.push(item);
  return items;
}
const sources = (items: ReadItem[]): Source[] => items.flatMap((i) => ('source' in i ? [i.source] : []));
const problems = (items: ReadItem[]): ReadProblem[] => items.flatMap((i) => ('error' in i ? [i.error] : []));

describe('readSources: text', () => {
  it('keeps the text exactly (CRLF too), drops only a BOM, and ids it from the content', async () => {
    const text = 'Headline here\r\nBody line with “quotes”.\r\n';
    const [s] = sources(await read([file('crlf.txt', '\uFEFF' + text)]));
    expect(s.text).toBe(text);
    expect(s.id).toBe(sourceId(text));
    expect(s.id).toMatch(/^[0-9a-f]{16}$/);
    expect(s.given).toEqual({});
  });

  it('reads files without an extension or with an unknown one as text', async () => {
    const items = await read([file('noext', 'Some article text.'), file('story.article', 'More text.')]);
    expect(sources(items).map((s) => s.text)).toEqual(['Some article text.', 'More text.']);
  });

  it('walks folders recursively in sorted order, skipping hidden entries', async () => {
    file('tree/b.txt', 'B text.');
    file('tree/a/z.md', 'AZ text.');
    file('tree/a/c.txt', 'AC text.');
    file('tree/.hidden.txt', 'hidden');
    const items = await read([join(dir, 'tree')]);
    expect(sources(items).map((s) => s.file)).toEqual(
      ['tree/a/c.txt', 'tree/a/z.md', 'tree/b.txt'].map((f) => join(dir, f)),
    );
  });

  // (how the time grows with such inputs is a property in fuzz.test.ts; here what comes out)
  it('reads a 1 MB file of unmatched quote marks on one line as one article of bounded paragraphs', async () => {
    const big = 'He said “ and she said " and then ‘ '.repeat(30_000);
    const [s] = sources(await read([file('quotes.txt', big)]));
    expect(s.text.length).toBe(big.length);
    const [article, ...more] = splitArticles(s);
    expect(more).toEqual([]);
    expect(article.paragraphs.length).toBeGreaterThan(big.length / MAX_PARAGRAPH);
    for (const p of article.paragraphs) expect(p.end - p.start).toBeLessThanOrEqual(MAX_PARAGRAPH);
  });
});

describe('readSources: JSON, JSONL, HTML', () => {
  it('takes a JSON record’s metadata as given (byline string -> list)', async () => {
    const rec = { title: 'T', outlet: 'Reuters', url: 'https://x/1', published: '2025-05-03', byline: 'Jane Doe', text: 'Body.' };
    const [s] = sources(await read([file('one.json', JSON.stringify(rec))]));
    expect(s.text).toBe('Body.');
    expect(s.given).toEqual({ title: 'T', outlet: 'Reuters', url: 'https://x/1', published: '2025-05-03', byline: ['Jane Doe'] });
  });

  it('reads a JSON array as one source per record, and names a bad record', async () => {
    const items = await read([file('many.json', JSON.stringify([{ text: 'A.' }, { title: 'no text' }, { text: 'C.', byline: ['X Y', 'Z W'] }]))]);
    expect(sources(items).map((s) => s.text)).toEqual(['A.', 'C.']);
    expect(sources(items)[1].given.byline).toEqual(['X Y', 'Z W']);
    expect(problems(items)).toEqual([{ file: join(dir, 'many.json'), problem: 'record 2: "text" missing' }]);
  });

  it('says which JSONL line is malformed, and how, on one line each, and reads the others', async () => {
    const path = file('recs.jsonl', '{"text":"First."}\n{"text": broken\n\n{"text":"Third."}\n{"text":"x",}\n{"text":"\t"}\n');
    const items = await read([path]);
    expect(sources(items).map((s) => s.text)).toEqual(['First.', 'Third.']);
    expect(problems(items).map((p) => p.problem)).toEqual([
      'line 2: malformed JSON: unexpected character "b"',
      'line 5: malformed JSON at column 13: expected double-quoted property name',
      'line 6: malformed JSON at column 10: bad control character in string literal',
    ]);
  });

  it('reports malformed JSON on one line, where it is, without quoting the input', async () => {
    const [p] = problems(await read([file('bad.json', '{\n  "text": "x",\n  "title": oops\n}\n')]));
    expect(p.problem).toBe('malformed JSON: unexpected character "o"');
    const [q] = problems(await read([file('bad2.json', '[\n {"text": "x"},\n {"text": "y",}\n]')]));
    expect(q.problem).toBe('malformed JSON at line 3, column 15: expected double-quoted property name');
    const [r] = problems(await read([file('bad3.json', '{"text": "x",')]));
    expect(r.problem).toBe('malformed JSON at line 1, column 14: expected double-quoted property name');
    const [t] = problems(await read([file('bad4.json', '{"text":')]));
    expect(t.problem).toBe('malformed JSON: unexpected end of JSON input');
  });

  it('refuses a page nested deeper than article pages are, on one line, and reads the next file', async () => {
    const deep = file('deep.html', '<div>'.repeat(2500) + 'He said "hello there".');
    const ok = file('ok.html', '<p>He said "hello there".</p>');
    const items = await read([deep, ok]);
    expect(problems(items)).toEqual([{ file: deep, problem: `HTML nested deeper than ${MAX_HTML_DEPTH} elements` }]);
    expect(sources(items).map((s) => s.text)).toEqual(['He said "hello there".']);
    const [s] = sources(await read([file('deep-enough.html', `${'<div>'.repeat(MAX_HTML_DEPTH - 10)}<p>Fine.</p>`)]));
    expect(s.text).toBe('Fine.');
  });

  it('reads pages of thousands of paragraphs, buttons and links in one pass each', async () => {
    const html = `<body>${'<p>A paragraph.</p><button>x</button><a>link</a>'.repeat(20_000)}</body>`;
    const [s] = sources(await read([file('long.html', html)]));
    expect(s.text.split('\n')).toEqual(Array(20_000).fill('A paragraph.'));
  });

  it('parses an HTML page: body paragraphs, headline, byline, date, outlet, url', async () => {
    const html = `<!doctype html><html><head><title>Page title | Site</title>
      <meta property="og:title" content="Real headline">
      <meta property="og:site_name" content="The Daily Example">
      <meta property="article:published_time" content="2025-05-03T10:00:00Z">
      <meta name="author" content="By Jane Doe and John Roe">
      <link rel="canonical" href="https://example.com/a">
      <script type="application/ld+json">{"@type":"NewsArticle","publisher":{"name":"Example Media"}}</script>
      </head><body><nav><p>Menu item</p></nav>
      <article><h1>Real headline</h1><p>First   paragraph,
      wrapped.</p><figure><figcaption>A caption (Photo: X)</figcaption></figure><p>“A quote,” she said.</p></article>
      <footer><p>Footer text</p></footer></body></html>`;
    const [s] = sources(await read([file('page.html', html)]));
    expect(s.text).toBe('First paragraph, wrapped.\n“A quote,” she said.');
    expect(s.given).toEqual({
      title: 'Real headline',
      outlet: 'The Daily Example',
      url: 'https://example.com/a',
      published: '2025-05-03T10:00:00Z',
      byline: ['Jane Doe', 'John Roe'],
    });
  });

  it('falls back to the largest block of paragraphs and to JSON-LD for the outlet', async () => {
    const html = `<html><head><script type="application/ld+json">[{"@graph":[{"publisher":{"name":"LD Outlet"}}]}]</script></head>
      <body><div><p>short</p></div><div class="c"><p>One long paragraph of the story.</p><p>Another one.</p></div></body></html>`;
    const [s] = sources(await read([file('plain.htm', html)]));
    expect(s.text).toBe('One long paragraph of the story.\nAnother one.');
    expect(s.given.outlet).toBe('LD Outlet');
  });
});

describe('readSources: bad input is reported and the run goes on', () => {
  const cases: [string, () => string, RegExp][] = [
    ['an empty file', () => file('bad/empty.txt', ''), /^empty file$/],
    ['a whitespace-only file', () => file('bad/blank.txt', ' \n\t\n'), /^empty file/],
    ['a binary file', () => file('bad/img.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), /binary/],
    ['invalid UTF-8', () => file('bad/latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b])), /not valid UTF-8/],
    ['a missing path', () => join(dir, 'nope', 'missing.txt'), /no such file or folder/],
    ['a folder with no articles', () => (mkdirSync(join(dir, 'emptydir'), { recursive: true }), join(dir, 'emptydir')), /no articles found in folder/],
  ];
  for (const [what, make, message] of cases) {
    it(`reports ${what}`, async () => {
      const path = make();
      const ok = file('good.txt', 'Fine text.');
      const items = await read([path, ok]);
      expect(problems(items)).toEqual([{ file: path, problem: expect.stringMatching(message) }]);
      expect(sources(items).map((s) => s.file)).toEqual([ok]);
    });
  }

  it('refuses a file over the size limit', async () => {
    const path = file('large.txt', 'x'.repeat(3 * 1024 * 1024));
    const [p] = problems(await read([path], 2 * 1024 * 1024));
    expect(p.problem).toBe('file is 3.0 MB, over the 2 MB limit');
  });
});
