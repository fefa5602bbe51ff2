import { describe, expect, it } from 'vitest';
import type { ArticleDoc, Quote } from '../../src/pipeline/doc.js';
import { splitArticles } from '../../src/pipeline/articles.js';
import { renderTable, toJsonLine, toRecord } from '../../src/pipeline/jsonl.js';
import { sourceId } from '../../src/pipeline/read.js';

const text = 'Storm hits coast\nBy Ann Lee\nMay 4, 2025\nMIAMI (AP) — “We are ready for a very long night of wind and rain,” the mayor said.\n';
const [article] = splitArticles({ file: 'in/storm.txt', id: sourceId(text), text, given: {} });
const start = text.indexOf('We are');
const end = text.indexOf('rain,') + 'rain,'.length;
const quote: Quote = {
  start,
  end,
  text: text.slice(start, end),
  kind: 'direct',
  speaker: { name: 'the mayor', type: 'person', mention: { start: end + 2, end: end + 11, text: 'the mayor' } },
  relayedBy: null,
  cue: 'said',
  confidence: 0.9,
  topics: ['weather'],
  statement: 'S1',
};
const doc: ArticleDoc = { article, quotes: [quote, { ...quote, speaker: null, kind: 'partial', statement: null }] };

describe('toRecord', () => {
  it('writes the public record with a fixed field order', () => {
    const r = toRecord(doc);
    expect(Object.keys(r)).toEqual(['file', 'article', 'quotes']);
    expect(Object.keys(r.article)).toEqual(['id', 'title', 'outlet', 'byline', 'published', 'dateline', 'url', 'basedOn', 'cites']);
    expect(Object.keys(r.quotes[0])).toEqual(
      ['text', 'start', 'end', 'kind', 'speaker', 'relayedBy', 'cue', 'confidence', 'topics', 'statement', 'saidOn', 'occasion'],
    );
    expect(Object.keys(r.quotes[0].speaker!)).toEqual(['name', 'type', 'mention', 'role', 'id']);
    expect(Object.keys(r.quotes[0].speaker!.mention!)).toEqual(['text', 'start', 'end', 'role']);
  });

  it('carries the article metadata and quote offsets into the file', () => {
    const r = toRecord(doc);
    expect(r.file).toBe('in/storm.txt');
    expect(r.article).toMatchObject({ title: 'Storm hits coast', outlet: 'Associated Press', byline: ['Ann Lee'], published: '2025-05-04', dateline: 'MIAMI', url: null });
    expect(text.slice(r.quotes[0].start, r.quotes[0].end)).toBe(r.quotes[0].text);
    expect(r.quotes[1].speaker).toBeNull();
    expect(r.quotes[0].saidOn).toBeNull();
    expect(r.quotes[0].occasion).toBeNull();
  });

  it('adds the occasion the article ties a quote to, with the words that name it', () => {
    const occasion = { kind: 'rally' as const, date: '2025-05-03', place: 'Miami', medium: null, cue: { text: 'at a rally in Miami', start: 90, end: 109 } };
    const r = toRecord({ article, quotes: [{ ...quote, occasion }] });
    expect(r.quotes[0].occasion).toEqual(occasion);
    expect(Object.keys(r.quotes[0].occasion!)).toEqual(['kind', 'date', 'place', 'medium', 'cue']);
  });

  it('is one line of JSON', () => {
    const line = toJsonLine(doc);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(toRecord(doc));
  });
});

describe('renderTable', () => {
  it('shows a heading per article and aligned, truncated quote rows', () => {
    const lines = renderTable([doc]).split('\n');
    expect(lines[0]).toBe('in/storm.txt #1  Storm hits coast  [Associated Press · Ann Lee · 2025-05-04]  — 2 quote(s)');
    expect(lines[1]).toBe('  the mayor  direct   “We are ready for a very long night of wind and rain,”');
    expect(lines[2]).toBe('  ?          partial  “We are ready for a very long night of wind and rain,”');
    const long = renderTable([{ article, quotes: [{ ...quote, text: 'word '.repeat(40) }] }]);
    expect(long).toMatch(/word…”/);
  });
});
