// An ingest pipeline that "extracts" exactly the seed gold and "resolves" by the gold's people and statements:
// exercises the graph writes (idempotency, edits, rollback) independently of the NLP stages.
import { basename } from 'node:path';
import type { ArticleDoc, Source } from '../../src/pipeline/doc.js';
import { loadTaxonomy } from '../../src/pipeline/topics.js';
import type { Pipeline } from '../../src/graph/ingest.js';
import type { Resolution, ResolvedSpeaker, ResolvedStatement } from '../../src/resolve/index.js';
import { goldDocs, loadGold, type GoldDoc } from '../unit/gold-docs.js';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function goldPipeline(): Pipeline {
  const gold = loadGold();
  const docs = goldDocs(gold);
  const speakerId = (name: string) => {
    const p = gold.people.find((x) => x.name === name)!;
    return `${p.type}:${slug(p.name)}`;
  };
  /** Gold quote of each extracted quote, by the quote's text (edits keep or drop whole quotes). */
  const goldOf = new Map<string, GoldDoc['gold'][number]>();
  for (const d of docs) d.quotes.forEach((q, i) => goldOf.set(q.text, d.gold[i]));

  return {
    taxonomy: loadTaxonomy(),
    version: 'gold',
    // the gold docs of the file, each quote looked up again in the (possibly edited) text; ids from the content
    extract(source: Source): ArticleDoc[] {
      const mine = docs.filter((d) => d.article.source.file === basename(source.file));
      const edited = mine[0]?.article.source.text !== source.text;
      return mine.map(({ article, quotes, gold: g }) => {
        const span = edited ? { start: 0, end: source.text.length } : article.span;
        const kept = quotes
          .map((q, i) => {
            const start = edited ? source.text.indexOf(q.text) : q.start;
            return start < 0 ? null : { ...q, start, end: start + q.text.length, topics: g[i]?.topics ?? [], speaker: q.speaker && { ...q.speaker, mention: edited ? null : q.speaker.mention } };
          })
          .filter((q) => q !== null);
        return {
          article: { ...article, id: `${source.id}#${article.index}`, source, span, paragraphs: [span] },
          quotes: kept.map((q) => ({ ...q, parent: null })),
        };
      });
    },
    async resolve(input: ArticleDoc[]): Promise<Resolution> {
      const speakers = new Map<string, ResolvedSpeaker>();
      const statements = new Map<string, ResolvedStatement>();
      const out = input.map((d) => ({
        article: d.article,
        quotes: d.quotes.map((q) => {
          const g = goldOf.get(q.text);
          if (!g?.speaker || !q.speaker) return q;
          const p = gold.people.find((x) => x.name === g.speaker)!;
          const id = speakerId(p.name);
          speakers.set(id, { id, name: p.name, type: p.type, aliases: p.aliases, roles: p.roles });
          const sid = g.statement ? `statement:${g.statement}` : null;
          if (sid) {
            const st: ResolvedStatement = statements.get(sid) ?? {
              id: sid,
              speakerId: id,
              canonical: q.text,
              reference: { articleId: d.article.id, start: q.start },
              occasion: null,
              saidOn: gold.statements.find((s) => s.id === g.statement)?.when ?? null,
              topics: [],
              quotes: [],
            };
            st.quotes.push({ articleId: d.article.id, start: q.start, end: q.end, text: q.text, difference: st.quotes.length ? 'reworded' : 'canonical' });
            statements.set(sid, st);
          }
          return { ...q, speaker: { ...q.speaker, name: p.name, id }, statement: sid };
        }),
      }));
      return { docs: out, speakers: [...speakers.values()], statements: [...statements.values()] };
    },
  };
}
