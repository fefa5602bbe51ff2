// Inputs for the robustness fuzz (test/unit/fuzz.test.ts, bench/robustness.ts): random and mutated articles,
// files of every kind the reader takes, and pathological shapes of any size; and the invariants every
// extraction must keep. Generated here, never copied from a corpus.
import fc from 'fast-check';
import type { ArticleDoc } from '../../src/pipeline/doc.js';

const NAMES = ['Jane Holt', 'Mr. Reed', 'Claudia Sheinbaum', 'the minister', 'a spokesperson for the NSC', 'She', 'He', 'They', 'O’Brien', 'Jean-Pierre Dupont'];
const CUES = ['said', 'told reporters', 'added', 'according to', 'wrote', 'quoted him as saying', 'urged', 'said on Monday', ':', '—'];
const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they ' +
  'you were her all she there would their we him been has when who will more no if out so said what up its about ' +
  'into than them can only other new some could time these two may then do first any my now such like our over ' +
  "man me even most made after also did many before must through back years where much your way well down don't " +
  "it's Trump's Clintons' '90s rock 'n' roll troops border tariffs cartel sovereignty election Monday April 2025"
).split(' ');
/** Every kind of mark the quote scan reads, and markup, dashes, ellipses. */
const MARKS = ['"', '“', '”', '„', '‟', "'", '‘', '’', '‚', '‛', '`', '``', "''", '«', '»', '‹', '›', '<', '>', '<a href="x">', '</a>', '—', '–', '…', ':', '(', ')'];
const ODD = [
  '\r\n', '\n\n', '\t', '\u00a0', '\ufeff', '\u200f', '\u202e', '\u200d', '\u0301', '\u0000', '\u0001', '\u001b', '\u007f',
  '\ud800', '\udfff', '😀', '👩‍👩‍👧', 'ش', 'עברית', '日本語', 'ẞ', 'İ', '\u2028', '\u2029',
];

const word = fc.constantFrom(...WORDS);
const sentence = fc
  .tuple(fc.array(word, { minLength: 2, maxLength: 14 }), fc.constantFrom('.', '?', '!', ',', ''))
  .map(([w, end]) => `${w.join(' ')}${end}`);
/** A news-like paragraph: narration and quotations with cues and speakers, in either order. */
const newsParagraph = fc
  .tuple(sentence, sentence, fc.constantFrom(...NAMES), fc.constantFrom(...CUES), fc.constantFrom('“”', '""', "‘’", "''", '«»'), fc.nat(3))
  .map(([narration, words, name, cue, [open, close], order]) =>
    [`${open}${words}${close} ${name} ${cue}.`, `${name} ${cue} ${open}${words}${close}`, `${narration} ${name} ${cue}, ${open}${words}`, `${narration}`][order],
  );
/** An article of news-like paragraphs, sometimes with a header. */
export const newsArticle = fc
  .tuple(fc.option(fc.constantFrom('By Jane Holt\nMay 3, 2025\nReuters\n', 'Headline Over The Story\n\n', 'WASHINGTON (AP) — ')), fc.array(newsParagraph, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\n\n', '\r\n', ' '))
  .map(([header, paragraphs, sep]) => (header ?? '') + paragraphs.join(sep));

const piece = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 4, arbitrary: fc.constantFrom(...MARKS) },
  { weight: 2, arbitrary: fc.constantFrom(' ', ' ', '\n', '. ') },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom(...NAMES, ...CUES) },
);
/** A long run of one thing: a mark, a word, a space-less stretch, up to `max` characters. */
const run = (max: number) =>
  fc
    .tuple(fc.oneof(piece, fc.constantFrom("it's", 'a', '“‘', '"\'', 'x y ', '<div>', '\n')), fc.integer({ min: 100, max }))
    .map(([unit, n]) => unit.repeat(Math.ceil(n / Math.max(1, unit.length))));

/** Edits a text: inserts, deletes, duplicates or replaces stretches. */
const mutated = (base: fc.Arbitrary<string>) =>
  fc
    .tuple(base, fc.array(fc.tuple(fc.nat(), fc.nat(200), fc.nat(3), fc.oneof(piece, fc.constantFrom(...MARKS))), { maxLength: 12 }))
    .map(([text, edits]) => {
      let t = text;
      for (const [at, length, op, insert] of edits) {
        const i = t.length ? at % t.length : 0;
        if (op === 0) t = t.slice(0, i) + insert + t.slice(i);
        else if (op === 1) t = t.slice(0, i) + t.slice(i + length);
        else if (op === 2) t = t.slice(0, i) + t.slice(i, i + length).repeat(3) + t.slice(i);
        else t = t.slice(0, i) + insert + t.slice(i + length);
      }
      return t;
    });

export const mutatedNews = mutated(newsArticle);
/** Words, marks, odd characters and stray bytes in any order. */
export const soup = fc.array(piece, { maxLength: 400 }).map((p) => p.join(''));
/** News with one or two long runs of one thing in it. */
export const withRuns = (maxRun: number) =>
  fc.tuple(newsArticle, fc.array(run(maxRun), { minLength: 1, maxLength: 2 })).map(([a, r]) => [a, ...r].join(' '));

/** Any text an article could be made of: news, news mutated, soup of marks and words, runs up to `maxRun` long. */
export const articleText = (maxRun = 100_000) =>
  fc.oneof(
    { weight: 3, arbitrary: newsArticle },
    { weight: 4, arbitrary: mutatedNews },
    { weight: 3, arbitrary: soup },
    { weight: 1, arbitrary: withRuns(maxRun) },
  );

const htmlPage = (maxRun: number) => fc
  .tuple(fc.nat(700), fc.array(articleText(maxRun), { maxLength: 4 }), fc.constantFrom('div', 'p', 'b', 'li', 'table', 'span', 'a'), fc.boolean())
  .map(([depth, texts, tag, meta]) =>
    (meta ? '<html><head><title>T</title><meta property="og:site_name" content="Site"><script type="application/ld+json">{"publisher":{"name":[[[]]]}}</script></head><body>' : '') +
    `<${tag}>`.repeat(depth) + texts.map((t) => `<p>${t}</p>`).join('\n') + `</${tag}>`.repeat(depth >> 1),
  );
const record = (maxRun: number) => fc.oneof(
  articleText(maxRun).map((text) => ({ text })),
  fc.record({ text: articleText(maxRun), title: fc.option(fc.string()), outlet: fc.option(fc.string()), published: fc.option(fc.string()), byline: fc.option(fc.oneof(fc.string(), fc.array(fc.string()))) }),
  fc.jsonValue(),
);
const jsonl = (maxRun: number) =>
  fc.array(fc.oneof(record(maxRun).map((r) => JSON.stringify(r)), fc.string({ unit: 'binary', maxLength: 40 })), { maxLength: 8 }).map((lines) => lines.join('\n'));

export interface FileInput {
  ext: string;
  content: string | Uint8Array;
}
/** A file the reader may be given: text, HTML, JSON, JSONL, or bytes that are none of them. */
export const fileInput = (maxRun = 100_000): fc.Arbitrary<FileInput> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('', '\ufeff'), articleText(maxRun)).map(([bom, text]) => ({ ext: '.txt', content: bom + text })) },
    { weight: 2, arbitrary: htmlPage(maxRun).map((content) => ({ ext: '.html', content })) },
    { weight: 1, arbitrary: fc.array(record(maxRun), { maxLength: 4 }).map((r) => ({ ext: '.json', content: JSON.stringify(r) })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('.json', '.jsonl'), fc.oneof(jsonl(maxRun), fc.string({ unit: 'binary' }))).map(([ext, content]) => ({ ext, content })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((content) => ({ ext: '.txt', content })) },
  );

/** Shapes no article has, of any size: the inputs that made extraction quadratic. `prose` is ordinary text. */
export function pathologicalShapes(prose: string): Record<string, (n: number) => string> {
  const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const oneLine = prose.replace(/\s+/g, ' ');
  const lines = (width: number) => (n: number) =>
    fill(oneLine + ' ', n).replace(new RegExp(`(.{${width}})`, 'gs'), '$1\n').slice(0, n);
  return {
    'prose on one line': (n) => fill(oneLine + ' ', n),
    'prose in 100 KB lines': lines(100_000),
    'one word with an apostrophe': (n) => fill("it's ", n),
    'apostrophes, no spaces': (n) => fill("Trump's", n),
    'a quote, then one word with an apostrophe, no spaces': (n) => `"We will build it," Mayor Jane Holt said. ${fill("it's", n - 42)}`,
    'straight double marks': (n) => fill('"', n),
    'nested curly marks': (n) => fill('“‘', n),
    'every kind of mark': (n) => fill('"\'“‘«‹„‚`', n),
    'nested marks with words': (n) => fill('He said "she said \'they said “we said ‘', n),
    'unbalanced marks': (n) => fill('a "b c ', n),
    'two-character marks': (n) => fill("``a'' ''b", n),
    'no spaces': (n) => fill('abcdefghij', n),
    'punctuation': (n) => fill('.,;:!?-—', n),
    'markup in text': (n) => fill('<a href="x">"', n),
    'short lines with quotes': (n) => fill('He said "hi".\n', n),
    'blank lines': (n) => fill('\n\n\nx\n', n),
    'quotes on one line': (n) => fill('"We will win," said Jane Holt, the mayor. ', n),
    'quoted title case, no spaces': (n) => fill('"Hello"', n),
  };
}

/** Generated ordinary prose (for calibration, and for the shapes where no corpus is at hand). */
export const generatedProse = (seed: number, articles = 40): string =>
  fc.sample(newsArticle, { seed, numRuns: articles }).join('\n\n');

/** What is wrong with an extraction's output: every offset in range, every span's text its slice. */
export function violations(docs: ArticleDoc[]): string[] {
  const out: string[] = [];
  for (const { article: a, quotes } of docs) {
    const text = a.source.text;
    const inRange = (s: { start: number; end: number }) => Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length;
    if (!inRange(a.span)) out.push(`${a.id}: span ${a.span.start}-${a.span.end} out of range`);
    for (const p of a.paragraphs) if (!inRange(p)) out.push(`${a.id}: paragraph ${p.start}-${p.end} out of range`);
    quotes.forEach((q, i) => {
      if (!inRange(q) || q.text !== text.slice(q.start, q.end)) out.push(`${a.id} quote ${i}: text is not source.text.slice(${q.start}, ${q.end})`);
      const m = q.speaker?.mention;
      if (m && (!inRange(m) || m.text !== text.slice(m.start, m.end))) out.push(`${a.id} quote ${i}: mention text is not source.text.slice(${m.start}, ${m.end})`);
      if (q.parent != null && !(quotes[q.parent] && quotes[q.parent].start <= q.start && q.end <= quotes[q.parent].end))
        out.push(`${a.id} quote ${i}: parent ${q.parent} does not hold it`);
    });
  }
  return out;
}
