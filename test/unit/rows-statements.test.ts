// Statement rows: the reference quote's id, the occasion, and stored quotes whose difference changed.
import { describe, expect, it } from 'vitest';
import { buildRows, fileRows } from '../../src/graph/rows.js';
import type { Resolution } from '../../src/resolve/index.js';
import { article, quote } from './pipeline-fixtures.js';

describe('buildRows for statements', () => {
  const a = { ...article('Intro line.\n"Sovereignty is not for sale, it is loved and defended," she said.', '2025-05-04', 'rs1'), span: { start: 12, end: 80 } };
  const q = { ...quote(a, 'Sovereignty is not for sale, it is loved and defended,', 'Ana'), statement: 'stmt:1' };
  const speaker = { id: 'person:ana', name: 'Ana', type: 'person' as const, aliases: [], roles: [] };
  const resolution: Resolution = {
    docs: [{ article: a, quotes: [{ ...q, speaker: { ...q.speaker!, id: speaker.id } }] }],
    speakers: [speaker],
    statements: [
      {
        id: 'stmt:1', speakerId: speaker.id, canonical: q.text, reference: { articleId: a.id, start: q.start }, saidOn: '2025-05-03', topics: [],
        occasion: { id: 'occasion:abc', kind: 'speech', date: '2025-05-03', place: 'Mexico City', medium: null },
        quotes: [
          { articleId: a.id, start: q.start, end: q.end, text: q.text, difference: 'canonical' },
          { articleId: 'old#1', start: 40, end: 67, text: 'sovereignty is not for sale', difference: 'trimmed', id: 'old#1:30', changed: true },
          { articleId: 'old#2', start: 5, end: 20, text: 'loved and defended', difference: 'trimmed', id: 'old#2:5' },
        ],
      },
    ],
  };
  const rows = buildRows(resolution, fileRows(resolution.docs), 'test');

  it('names the reference by its quote id (offsets in the article text) and carries the occasion', () => {
    expect(rows.statements).toHaveLength(1);
    expect(rows.statements[0].referenceId).toBe(rows.quotes[0].id);
    expect(rows.quotes[0].id).toBe(`${a.id}:${q.start - a.span.start}`);
    expect(rows.statements[0].occasion).toEqual({ id: 'occasion:abc', kind: 'speech', date: '2025-05-03', place: 'Mexico City', medium: null });
  });

  it('rewrites only the stored quotes whose difference changed with the reference', () => {
    expect(rows.differences).toEqual([{ id: 'old#1:30', difference: 'trimmed' }]);
  });

  it('a reference stored in another article keeps its stored id', () => {
    const elsewhere = { ...resolution, statements: [{ ...resolution.statements[0], reference: { articleId: 'old#1', start: 40 } }] };
    expect(buildRows(elsewhere, fileRows(elsewhere.docs), 'test').statements[0].referenceId).toBe('old#1:30');
  });
});
