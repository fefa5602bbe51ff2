// What resolution needs from the graph for one batch: the known speakers who might be the batch's speakers
// (blocked on name words through the full-text index, never the whole graph) and the statements they made.
import neo4j from 'neo4j-driver';
import type { Graph } from '../db/driver.js';
import type { ArticleDoc } from '../pipeline/doc.js';
import type { KnownGraph, KnownStatement, ResolvedSpeaker } from '../resolve/index.js';
import { WINDOW_DAYS } from '../resolve/units.js';
import { KNOWN_SPEAKERS, KNOWN_STATEMENTS } from './cypher.js';

/** Words too common in names to identify anyone (titles, pronouns, particles): they would pull in half the graph. */
const GENERIC = new Set(
  (
    'the of and for a an de la del van von mr mrs ms dr sir lord president minister secretary spokesperson spokesman ' +
    'spokeswoman chief head leader official officials government department ministry office council committee ' +
    'general senator governor mayor prime deputy former us u.s uk he she they it we i you his her their its'
  ).split(' '),
);

/**
 * A bound that a surname block never reaches in practice (the matches come back whole, so the known set, and
 * with it the resolution, does not depend on how the index happens to rank ties).
 */
const PER_TERM = 1000;

/**
 * The identifying word of each name of the batch's speakers (and relayers): its last capitalised word that is
 * not a title or a particle, the surname of a person ("Tony Blair" -> "blair"), and any acronym. A first name
 * identifies no one and would pull in everyone who has it. Quoted Lucene terms for the full-text index.
 */
export function blockingTerms(docs: ArticleDoc[]): string[] {
  const terms = new Set<string>();
  const add = (w: string) => terms.add(`"${w.toLowerCase().replace(/["\\]/g, '\\$&')}"`);
  for (const { quotes } of docs)
    for (const q of quotes)
      for (const name of [q.speaker?.name, q.speaker?.mention?.text, q.relayedBy]) {
        // capitalised words only: "the council" and "she" are not names
        const words = (name ?? '')
          .split(/[^\p{L}\p{N}.'’-]+/u)
          .map((word) => word.replace(/['’]s$/u, '').replace(/^[.'’-]+|[.'’-]+$/gu, ''))
          .filter((w) => w.length > 1 && /^\p{Lu}/u.test(w) && !GENERIC.has(w.toLowerCase()));
        if (words.length) add(words[words.length - 1]);
        for (const w of words) if (/^[\p{Lu}.&]{2,8}$/u.test(w)) add(w);
      }
  return [...terms].sort();
}

/**
 * The dates the batch's quotes were said on, widened by resolution's statement window: a known statement outside
 * it can join none of them. Null when a quote is undated (an undated quote may join a statement of any date).
 */
export function statementWindow(docs: ArticleDoc[]): { from: string; to: string } | null {
  const dates = docs.flatMap((d) => d.quotes.map((q) => q.saidOn ?? null));
  if (!dates.length || dates.some((d) => !d)) return null;
  const sorted = (dates as string[]).map((d) => Date.parse(d)).sort((a, b) => a - b);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  // a day more than the window on each side: resolution compares instants, the graph whole dates
  const margin = (WINDOW_DAYS + 1) * 86_400_000;
  return { from: day(sorted[0] - margin), to: day(sorted.at(-1)! + margin) };
}

export async function loadKnown(graph: Graph, docs: ArticleDoc[]): Promise<KnownGraph> {
  const terms = blockingTerms(docs);
  if (!terms.length) return { speakers: [], statements: [] };
  const session = graph.driver.session({ database: graph.database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => {
      const sp = await tx.run(KNOWN_SPEAKERS, { terms, perTerm: neo4j.int(PER_TERM) });
      const speakers = sp.records.map((r) => {
        const o = r.toObject();
        return { ...o, wikidata: o.wikidata ?? undefined } as ResolvedSpeaker;
      });
      const window = statementWindow(docs);
      const st = await tx.run(KNOWN_STATEMENTS, {
        speakerIds: speakers.map((s) => s.id),
        from: window?.from ?? null,
        to: window?.to ?? null,
        articleIds: docs.map((d) => d.article.id),
      });
      const statements = st.records.map((r) => {
        const o = r.toObject();
        return { ...o, embedding: o.embedding ?? undefined } as KnownStatement;
      });
      return { speakers, statements };
    }, graph.txConfig);
  } finally {
    await session.close();
  }
}
