// `quotegraph train speakers` on a small corpus written here (made-up articles, so the test needs no ../shared):
// the same seed gives the same model file byte for byte, the file loads, and the trained model attributes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findQuotes } from '../../src/pipeline/quotes.js';
import { attributeSpeakers } from '../../src/pipeline/speakers/index.js';
import { parseModel } from '../../src/pipeline/speakers/model.js';
import { trainSpeakers } from '../../src/pipeline/speakers/train.js';
import { articleOf } from '../support/article.js';

const PEOPLE = ['Jane Okafor', 'Peter Lindqvist', 'Maria Duarte', 'Tom Brennan', 'Aiko Tanaka', 'Omar Haddad'];
const LINES = ['We will not give up on this plan', 'The numbers speak for themselves', 'Nobody asked the farmers', 'It is time to act'];

/** An article of three quotes: "X said" after, "X said:" before, and a pronoun; offsets recorded as gold. */
function article(n: number) {
  const a = PEOPLE[n % PEOPLE.length], b = PEOPLE[(n + 1) % PEOPLE.length];
  const quotes: { text: string; offset: number; speaker: string; speakerSpan: [number, number] }[] = [];
  let text = '';
  const put = (s: string) => { text += s; };
  const quote = (q: string, speaker: string, at: () => number) => { const offset = text.length; put(q); quotes.push({ text: q, offset, speaker, speakerSpan: [at(), at() + speaker.length] }); };
  put(`The council met on Tuesday to discuss item ${n}.\n\n“`);
  let s1 = 0;
  quote(`${LINES[n % 4]},`, a, () => s1);
  put('” ');
  s1 = text.length;
  put(`${a} said.\n\n`);
  const s2 = text.length;
  put(`${b} told reporters: “`);
  quote(`${LINES[(n + 1) % 4]}.`, b, () => s2);
  put('”\n\n“');
  let s3 = 0;
  quote(`${LINES[(n + 2) % 4]},`, 'she', () => s3);
  put('” ');
  s3 = text.length;
  put('she said.\n');
  return { text, quotes };
}

const dir = mkdtempSync(join(tmpdir(), 'qg-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('train speakers', () => {
  it('is seeded: the same data and seed give the same model file, byte for byte, and it attributes', async () => {
    mkdirSync(join(dir, 'texts'));
    const gold = { articles: [] as { id: string; file: string }[], quotes: [] as unknown[] };
    for (let n = 0; n < 20; n++) {
      const { text, quotes } = article(n);
      const file = `a${n}.txt`;
      writeFileSync(join(dir, 'texts', file), text);
      gold.articles.push({ id: `${file}#1`, file });
      for (const q of quotes) gold.quotes.push({ article: `${file}#1`, kind: 'direct', cue: 'said', ...q });
    }
    writeFileSync(join(dir, 'gold.json'), JSON.stringify(gold));
    const env = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      const one = join(dir, 'one.json'), two = join(dir, 'two.json');
      const r = await trainSpeakers({ data: dir, folds: 2, seed: 7, out: one });
      await trainSpeakers({ data: dir, folds: 2, seed: 7, out: two });
      expect(readFileSync(one, 'utf8')).toBe(readFileSync(two, 'utf8'));
      expect(r.folds).toHaveLength(2);
      const model = parseModel(JSON.parse(readFileSync(one, 'utf8')), one);
      expect(model.provenance).toMatchObject({ seed: 7, folds: 2, articles: 20, date: '2023-11-14' });
      const a = articleOf('The board met.\n“We are ready to vote,” Lena Fischer said.');
      expect(attributeSpeakers(a, findQuotes(a), model)[0].speaker?.mention?.text).toBe('Lena Fischer');
    } finally {
      if (env === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = env;
    }
  }, 300_000);
});
