// A one-article Source for unit tests: every non-empty line is a body paragraph.
import type { Article, Span } from '../../src/pipeline/doc.js';

export function articleOf(text: string): Article {
  const paragraphs: Span[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) paragraphs.push({ start, end: start + line.length });
    start += line.length + 1;
  }
  return {
    id: 'test#1',
    index: 1,
    source: { file: 'test.txt', id: 'test', text, given: {} },
    span: { start: 0, end: text.length },
    paragraphs,
    title: null,
    outlet: null,
    byline: [],
    published: null,
    dateline: null,
    url: null,
    basedOn: [],
    cites: [],
  };
}
