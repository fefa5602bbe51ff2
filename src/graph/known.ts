// What resolution needs from the graph for one batch: the known speakers who might be the batch's speakers
// (blocked on name words through the full-text index, never the whole graph) and the statements they made.
import neo4j from 'neo4j-driver';
import type { Graph } from '../db/driver.js';
import type { ArticleDoc } from '../pipeline/doc.js';
import type { KnownGraph, KnownStatement, ResolvedSpeaker } from '../resolve/index.js';
import { KNOWN_SPEAKERS, KNOWN_STATEMENTS } from './cypher.js';

/** Words too common in names to identify anyone (titles, pronouns, particles): they would pull in half the graph. */
const GENERIC = new Set(
  (
    'the of and for a an de la del van von mr mrs ms dr sir lord president minister secretary spokesperson spokesman ' +
    'spokeswoman chief head leader official officials government department ministry office council committee ' +
    'general senator governor mayor prime deputy former us u.s uk he she they it we i you his her their its'
  ).split(' '),
);

/** At most this many speakers per name word, the best matches first. */
const PER_TERM = 50;

/** Name words of the batch's speakers (and relayers), as quoted Lucene terms for the full-text index. */
export function blockingTerms(docs: ArticleDoc[]): string[] {
  const terms = new Set<string>();
  for (const { quotes } of docs)
    for (const q of quotes)
      for (const name of [q.speaker?.name, q.speaker?.mention?.text, q.relayedBy])
        for (const word of (name ?? '').split(/[^\p{L}\p{N}.'’-]+/u)) {
          const w = word.replace(/['’]s$/u, '').replace(/^[.'’-]+|[.'’-]+$/gu, '');
          // capitalised words only: "the council" and "she" are not names
          if (w.length > 1 && /^\p{Lu}/u.test(w) && !GENERIC.has(w.toLowerCase())) terms.add(`"${w.toLowerCase().replace(/["\\]/g, '\\$&')}"`);
        }
  return [...terms].sort();
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
      const st = await tx.run(KNOWN_STATEMENTS, { speakerIds: speakers.map((s) => s.id) });
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
