// Every read-side Cypher statement of the API, built by the pure builders of src/graph/queries/ (one file per
// concern) and run here, one READ transaction each. User values only ever travel as parameters; the fragments
// spliced into the text (labels, property names, filter operators, sort keys) come from fixed tables.
import type { Graph } from '../db/driver.js';
import { ranker, type Candidate, type RankedHit, type SearchTerms } from './lucene.js';
import { outletByNameQuery, PING, speakerByNameQuery } from './queries/lookup.js';
import { byKeysQuery, countQuery, pageQuery, type PageArgs } from './queries/page.js';
import { fromTuple, type Entity } from './queries/project.js';
import * as related from './queries/related.js';
import { read, type Row } from './queries/run.js';
import { SEARCH_INDEX, searchQuery, type SearchKind, type SearchNodes } from './queries/search.js';
import { reportOf, whoSaidColumns, whoSaidOutletsQuery, whoSaidQuery, type WhoSaidArgs, type WhoSaidRow } from './queries/who-said.js';

export { project, type Entity } from './queries/project.js';
export { WhereBuilder } from './queries/where.js';
export { read, type Params, type Query, type Row } from './queries/run.js';
export type { PageArgs } from './queries/page.js';
export type { Tally } from './queries/related.js';
export { SEARCH_INDEX, type SearchKind, type SearchNodes } from './queries/search.js';
export type { WhoSaidArgs, WhoSaidRow } from './queries/who-said.js';

type Keys = readonly string[];
const nodes = (rows: Row[]) => rows.map((r) => r.node);

export const page = (graph: Graph, entity: Entity, args: PageArgs) => read(graph, pageQuery(entity, args)).then(nodes);
export const count = async (graph: Graph, entity: Entity, where: Row | null | undefined): Promise<number> =>
  (await read(graph, countQuery(entity, where)))[0].n;
export const byKeys = (graph: Graph, entity: Entity, keys: Keys) => read(graph, byKeysQuery(entity, keys)).then(nodes);

export const textsOf = (graph: Graph, ids: Keys) => read(graph, related.textsQuery(ids));
export const outletLinksOf = (graph: Graph, ids: Keys) => read(graph, related.outletLinksQuery(ids));
export const reportsOf = (graph: Graph, ids: Keys) => read(graph, related.reportsQuery(ids));
export const quotesOfArticles = (graph: Graph, ids: Keys) => read(graph, related.quotesOfArticlesQuery(ids));
export const statementsOfSpeakers = (graph: Graph, ids: Keys, limit: number, skip = 0) =>
  read(graph, related.statementsOfSpeakersQuery(ids, limit, skip));
export const statementsAtOccasions = (graph: Graph, ids: Keys, limit: number, skip = 0) =>
  read(graph, related.statementsAtOccasionsQuery(ids, limit, skip));
export const articlesOfOutlets = (graph: Graph, keys: Keys, limit: number, skip = 0) => read(graph, related.articlesOfOutletsQuery(keys, limit, skip));
export const exclusivesOfOutlets = (graph: Graph, keys: Keys) => read(graph, related.exclusivesQuery(keys));
export const tally = (graph: Graph, which: related.Tally, keys: Keys) => read(graph, related.tallyQuery(which, keys));

export const speakerByName = async (graph: Graph, name: string): Promise<Row | null> => (await read(graph, speakerByNameQuery(name)))[0]?.node ?? null;
export const outletByName = async (graph: Graph, name: string): Promise<Row | null> => (await read(graph, outletByNameQuery(name)))[0]?.node ?? null;

/** The headline answer, from its rows (one per speaker of the page, the first with the topic); null: no such topic. */
export async function whoSaid(graph: Graph, args: WhoSaidArgs): Promise<WhoSaidRow | null> {
  const rows = await read(graph, whoSaidQuery(args));
  if (!rows.length) return null;
  const paged = rows.filter((r) => r.speaker);
  const columns = whoSaidColumns(args);
  return {
    topic: rows[0].topic,
    covers: rows[0].covers,
    speakers: paged.map((r) => ({ speaker: r.speaker, statements: r.statements.map((s: unknown[]) => fromTuple(columns.statements, s)) })),
    total: rows[0].total,
    statementCount: rows[0].statementCount,
    reports: paged.flatMap((r) => r.reports.map(reportOf)),
    // an article two speakers' statements share is in both their rows
    articles: [...new Map(paged.flatMap((r) => r.articles.map((a: unknown[]) => fromTuple(columns.articles, a))).map((a) => [a.id, a])).values()],
    // one per article as the query returns them: each outlet once
    outlets: [...new Map(paged.flatMap((r) => r.outlets).filter((o: Row | null) => o).map((o: Row) => [o.key, o])).values()],
  };
}
export const whoSaidOutlets = (graph: Graph, topic: string, where: Row | null | undefined, first: number) =>
  read(graph, whoSaidOutletsQuery(topic, where, first));

/** A search candidate with its node projected for the page, and its speaker when selected (searchQuery). */
export type SearchCandidate = Candidate & { node: Row; speaker: Row | null };

/** The best candidates of each index for a Lucene query, one round trip; `full` lists the kinds whose index had more. */
async function searchCandidates(
  graph: Graph,
  lucene: string,
  kinds: readonly SearchKind[],
  nodes: SearchNodes,
): Promise<{ candidates: SearchCandidate[]; full: SearchKind[] }> {
  const rows = (await read(graph, searchQuery(lucene, kinds, nodes))) as SearchCandidate[];
  const byKind = new Map<string, SearchCandidate[]>(kinds.map((kind) => [kind, []]));
  for (const r of rows) byKind.get(r.kind)!.push(r);
  const full = kinds.filter((kind) => byKind.get(kind)!.length > SEARCH_INDEX[kind].candidates);
  return { candidates: kinds.flatMap((kind) => byKind.get(kind)!.slice(0, SEARCH_INDEX[kind].candidates)), full };
}

/**
 * Every hit of a search among each index's best candidates, ranked (lucene.ts); `lowerBound` when there may be
 * more; `candidates`, those examined, with their nodes projected for `nodes`. `exact` (the
 * same query without fuzzy terms) runs first: fuzzy terms are the costly part of a Lucene
 * query and only widen the search to misspellings, so the fuzzy query runs only for the kinds the exact words
 * leave short of a full set of candidates, and not at all when `need` hits already have every word: a hit the
 * exact words miss has none of them as written, so it can at most tie with those (same coverage, never the exact
 * phrase) and Lucene ranks the words as written higher. Skipped so, the total is a lower bound.
 */
export async function searchHits(
  graph: Graph,
  query: { terms: SearchTerms; lucene: string; exact: string },
  kinds: readonly SearchKind[],
  need: number,
  nodes: SearchNodes,
): Promise<{ ranked: RankedHit[]; lowerBound: boolean; candidates: SearchCandidate[] }> {
  const rank = ranker(query.terms);
  const first = await searchCandidates(graph, query.exact, kinds, nodes);
  const ranked = rank(first.candidates);
  const short = kinds.filter((kind) => !first.full.includes(kind));
  if (query.lucene === query.exact || !short.length) return { ranked, lowerBound: first.full.length > 0, candidates: first.candidates };
  if (ranked.filter((h) => h.coverage === 1).length >= need) return { ranked, lowerBound: true, candidates: first.candidates };
  const fuzzy = await searchCandidates(graph, query.lucene, short, nodes);
  const candidates = [...first.candidates.filter((c) => !short.includes(c.kind as SearchKind)), ...fuzzy.candidates];
  return { ranked: rank(candidates), lowerBound: first.full.length + fuzzy.full.length > 0, candidates };
}

export async function ping(graph: Graph): Promise<void> {
  await read(graph, PING);
}
