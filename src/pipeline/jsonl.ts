// The public output of `extract`: one JSON object per article (the scorer's format), or a table for people.
import type { ArticleDoc, Mention, Occasion, Quote, SpeakerRef } from './doc.js';

function mentionRecord(m: Mention | null) {
  return m && { text: m.text, start: m.start, end: m.end, role: m.role ?? null };
}

function speakerRecord(s: SpeakerRef | null) {
  return s && { name: s.name, type: s.type, mention: mentionRecord(s.mention), role: s.role ?? null, id: s.id ?? null };
}

function occasionRecord(o: Occasion | null | undefined) {
  return o ? { kind: o.kind, date: o.date, place: o.place, medium: o.medium, cue: o.cue && { text: o.cue.text, start: o.cue.start, end: o.cue.end } } : null;
}

function quoteRecord(q: Quote) {
  return {
    text: q.text,
    start: q.start,
    end: q.end,
    kind: q.kind,
    speaker: speakerRecord(q.speaker),
    relayedBy: q.relayedBy,
    cue: q.cue,
    confidence: q.confidence,
    topics: q.topics,
    statement: q.statement,
    saidOn: q.saidOn ?? null,
    occasion: occasionRecord(q.occasion),
  };
}

/** One article with its quotes as the JSONL object (field order fixed, so output diffs stay readable). */
export function toRecord({ article: a, quotes }: ArticleDoc) {
  return {
    file: a.source.file,
    article: {
      id: a.id,
      title: a.title,
      outlet: a.outlet,
      byline: a.byline,
      published: a.published,
      dateline: a.dateline,
      url: a.url,
      basedOn: a.basedOn,
      cites: a.cites,
    },
    quotes: quotes.map(quoteRecord),
  };
}

export type ArticleRecord = ReturnType<typeof toRecord>;

export const toJsonLine = (doc: ArticleDoc): string => JSON.stringify(toRecord(doc));

const QUOTE_WIDTH = 70;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const truncate = (s: string, width: number) => (s.length <= width ? s : `${s.slice(0, width - 1)}…`);

function articleHeading({ article: a, quotes }: ArticleDoc): string {
  const meta = [a.outlet, a.byline.join(', '), a.published].filter(Boolean).join(' · ');
  const title = a.title ?? '(untitled)';
  return `${a.source.file} #${a.index}  ${title}${meta ? `  [${meta}]` : ''}  — ${quotes.length} quote(s)`;
}

/** Articles as aligned text: per article a heading, then speaker | kind | quote rows. */
export function renderTable(docs: ArticleDoc[]): string {
  const out: string[] = [];
  for (const doc of docs) {
    out.push(articleHeading(doc));
    const rows = doc.quotes.map((q) => [truncate(q.speaker?.name ?? '?', 28), q.kind, `“${truncate(oneLine(q.text), QUOTE_WIDTH)}”`]);
    const widths = [0, 1].map((c) => rows.reduce((w, r) => Math.max(w, r[c].length), 0)); // no spread: rows may be many
    for (const r of rows) out.push(`  ${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2]}`);
    out.push('');
  }
  return out.join('\n');
}
