// temp debug: speaker errors with context (not part of the repo)
import { readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { extractDocs } from './src/cli/extract.js';
import { score, type Gold, type PredArticle } from './src/eval/score.js';
import { toRecord } from './src/pipeline/jsonl.js';
import { loadTaxonomy } from './src/pipeline/topics.js';
const dir = '../shared/eval/polnear-dev';
const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as Gold;
const { docs } = await extractDocs([join(dir, 'texts')], { taxonomy: loadTaxonomy() });
const recs = docs.map(toRecord) as any[];
const res = score(gold, recs);
console.log(JSON.stringify(res.scores));
const fileOf = new Map(gold.articles.map((a) => [a.id, a.file]));
const only = process.argv[2];
for (const f of res.findings) {
  if (f.kind !== 'speaker') continue;
  if (only && !f.file.includes(only)) continue;
  const g = gold.quotes.find((q) => fileOf.get(q.article) === f.file && q.text === f.text)! as any;
  const text = readFileSync(join(dir, 'texts', f.file), 'utf8');
  const p = recs.filter((r) => basename(r.file) === f.file).flatMap((r) => r.quotes).find((q: any) => Math.abs(q.start - g.offset) < 5 || q.text === g.text || (q.start <= g.offset + 3 && q.end >= g.offset + g.text.length - 3)) as any;
  const qs = g.offset, qe = g.offset + g.text.length;
  const ss = g.speakerSpan ? g.speakerSpan[0] : qs, se = g.speakerSpan ? g.speakerSpan[1] : qe;
  const m = p?.speaker?.mention;
  const lo = Math.max(0, Math.min(qs, ss, m?.start ?? qs) - 60), hi = Math.min(text.length, Math.max(qe, se, m?.end ?? qe) + 60);
  const marks: [number, string][] = [[qs, '⟦'], [qe, '⟧']];
  if (g.speakerSpan) marks.push([ss, '<G:'], [se, ':G>']);
  if (m) marks.push([m.start, '{P:'], [m.end, ':P}']);
  marks.sort((a, b) => b[0] - a[0]);
  let s = text.slice(lo, hi);
  for (const [pos, tag] of marks) if (pos >= lo && pos <= hi) s = s.slice(0, pos - lo) + tag + s.slice(pos - lo);
  console.log(`--- ${f.file.slice(0, 40)} gold=${g.speaker} pred=${p?.speaker?.name ?? null} cue=${p?.cue}\n${s.replace(/\n/g, '⏎')}`);
}
