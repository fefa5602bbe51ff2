// Small hand-made articles and quotes for the topic, time and resolution tests.
import type { Article, Quote, SpeakerType } from '../../src/pipeline/doc.js';

let n = 0;
export function article(text: string, published: string | null = null, id = `t${++n}`): Article {
  const paragraphs: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) paragraphs.push({ start: m.index!, end: m.index! + m[0].length });
  return {
    id: `${id}#1`, index: 1, source: { file: `${id}.txt`, id, text, given: {} }, span: { start: 0, end: text.length }, paragraphs,
    title: null, outlet: null, byline: [], published, dateline: null, url: null, basedOn: [], cites: [],
  };
}

/** The quote of `words` (its first occurrence at or after `from`), said by `speaker`. */
export function quote(a: Article, words: string, speaker: string | null = null, type: SpeakerType = 'person', from = 0): Quote {
  const start = a.source.text.indexOf(words, from);
  if (start < 0) throw new Error(`not in text: ${words}`);
  return {
    start, end: start + words.length, text: words, kind: 'direct',
    speaker: speaker ? { name: speaker, type, mention: null, role: null } : null,
    relayedBy: null, cue: null, confidence: 1, topics: [], statement: null,
  };
}
