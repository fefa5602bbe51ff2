// Resolved documents to write rows: offsets relative to the article, keys, outlets, the files an edit replaces.
import { describe, expect, it } from 'vitest';
import { blockingTerms } from '../../src/graph/known.js';
import { articleRow, buildRows, fileRows, outletKey } from '../../src/graph/rows.js';
import { goldPipeline } from '../support/gold-pipeline.js';
import { textSources } from '../support/ingest.js';
import { SEEDS } from './gold-docs.js';

const pipeline = goldPipeline();
const sources = textSources(SEEDS);
const docs = sources.flatMap((s) => pipeline.extract(s));

describe('buildRows', async () => {
  const rows = buildRows(await pipeline.resolve(docs, { speakers: [], statements: [] }), fileRows(docs, ['/elsewhere/empty.txt']), pipeline.version);

  it('keys quotes by article and offset in the article text, and the text matches', () => {
    for (const q of rows.quotes) {
      const a = rows.articles.find((x) => x.id === q.articleId)!;
      expect(q.id).toBe(`${a.id}:${q.start.toNumber()}`);
      expect(a.text.slice(q.start.toNumber(), q.end.toNumber())).toBe(q.text);
    }
  });

  it('writes only speakers and statements the quotes use, each once', () => {
    const used = new Set(rows.quotes.map((q) => q.speakerId).filter(Boolean));
    expect(new Set(rows.speakers.map((s) => s.id))).toEqual(used);
    expect(new Set(rows.statements.map((s) => s.id))).toEqual(new Set(rows.quotes.map((q) => q.statement).filter(Boolean)));
    expect(rows.statements.every((s) => used.has(s.speakerId))).toBe(true);
  });

  it('names each file with the article ids it holds now, also a file with none', () => {
    expect(rows.files.find((f) => f.file === '/elsewhere/empty.txt')).toEqual({ file: '/elsewhere/empty.txt', ids: [], urls: [] });
    expect(rows.files.flatMap((f) => f.ids).sort()).toEqual(rows.articles.map((a) => a.id).sort());
  });

  it('keys outlets without case or a leading "the"', () => {
    expect(outletKey('The Hill')).toBe(outletKey('the  hill'));
    expect(rows.outlets.map((o) => o.name).sort()).toEqual(['Associated Press', 'The Hill']);
  });
});

describe('articleRow', () => {
  const [doc] = docs;
  const row = (version: string) => articleRow(doc.article, doc.quotes.map((q) => q.start), version);

  it('has a digest that follows the article and the pipeline version, nothing else', () => {
    expect(row('v1').digest).toBe(row('v1').digest);
    expect(row('v2').digest).not.toBe(row('v1').digest);
    const retitled = articleRow({ ...doc.article, title: 'Another title' }, doc.quotes.map((q) => q.start), 'v1');
    expect(retitled.digest).not.toBe(row('v1').digest);
  });
});

describe('blockingTerms', () => {
  it('takes the identifying word of speakers and relayers (surname, acronym), not first names, titles or pronouns', () => {
    const quote = (name: string, relayedBy: string | null = null) =>
      ({ speaker: { name, type: 'person', mention: null }, relayedBy }) as never;
    const terms = blockingTerms([
      { article: {} as never, quotes: [quote('President Claudia Sheinbaum'), quote('the council', 'Mexico’s president'), quote('She'), quote('the NSC spokesperson')] },
    ]);
    expect(terms).toEqual(['"mexico"', '"nsc"', '"sheinbaum"']);
  });
});
