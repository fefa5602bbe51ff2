// Per-request DataLoaders: every nested field loads through one of these, so a level of a response costs one
// query whatever the number of parents (a page of 50 quotes with speakers, articles and outlets: 4 queries).
import DataLoader from 'dataloader';
import type { Graph } from '../db/driver.js';
import * as q from '../graph/queries.js';
import type { Entity, Row, Tally } from '../graph/queries.js';

type Fetch = (graph: Graph, keys: readonly string[]) => Promise<Row[]>;
type FetchLimited = (graph: Graph, keys: readonly string[], limit: number, skip: number) => Promise<Row[]>;

export type Loaders = ReturnType<typeof createLoaders>;

export function createLoaders(graph: Graph) {
  const node = (entity: Entity) =>
    new DataLoader<string, Row | null>(async (keys) => {
      const found = new Map((await q.byKeys(graph, entity, keys)).map((n) => [n.id as string, n]));
      return keys.map((k) => found.get(k) ?? null);
    });

  const nodes: Record<Entity, DataLoader<string, Row | null>> = {
    Quote: node('Quote'),
    Statement: node('Statement'),
    Speaker: node('Speaker'),
    Outlet: node('Outlet'),
    Topic: node('Topic'),
    Article: node('Article'),
    Occasion: node('Occasion'),
  };

  /** Rows `{key, node}` grouped per key, in query order; the nodes also prime their entity's loader. */
  const grouped = (fetch: Fetch, entity: Entity) =>
    new DataLoader<string, Row[]>(async (keys) => groupNodes(await fetch(graph, keys), keys, nodes[entity]));

  /** Rows `{key, ref, count}` (a ranked tally of related keys) grouped per key; the related nodes prime their loader. */
  const tally = (which: Tally, entity: Entity) =>
    new DataLoader<string, { ref: string; count: number }[]>(async (keys) => {
      const groups = new Map<string, { ref: string; count: number }[]>(keys.map((k) => [k, []]));
      for (const r of await q.tally(graph, which, keys)) {
        groups.get(r.key)!.push({ ref: r.ref, count: r.count });
        nodes[entity].prime(r.ref, r.node);
      }
      return keys.map((k) => groups.get(k)!);
    });

  /** A grouped loader per distinct page (`first`, offset), created on demand. */
  const limited = (fetch: FetchLimited, entity: Entity) => {
    const byPage = new Map<string, DataLoader<string, Row[]>>();
    return (limit: number, skip = 0) => {
      const page = `${limit}:${skip}`;
      if (!byPage.has(page)) {
        byPage.set(page, new DataLoader(async (keys) => groupNodes(await fetch(graph, keys, limit, skip), keys, nodes[entity])));
      }
      return byPage.get(page)!;
    };
  };

  return {
    ...nodes,
    reportsOf: grouped(q.reportsOf, 'Quote'),
    articleText: new DataLoader<string, string | null>(async (keys) => {
      const texts = new Map((await q.textsOf(graph, keys)).map((r) => [r.key as string, r.text as string]));
      return keys.map((k) => texts.get(k) ?? null);
    }),
    /** An article's BASED_ON and CITES outlets `{basedOn, cites}` (keys), only for the queries that ask. */
    outletLinks: new DataLoader<string, { basedOn: string[]; cites: string[] }>(async (keys) => {
      const links = new Map(keys.map((k) => [k, { basedOn: [] as string[], cites: [] as string[] }]));
      for (const r of await q.outletLinksOf(graph, keys)) links.get(r.key)![r.link === 'BASED_ON' ? 'basedOn' : 'cites'].push(r.ref);
      return keys.map((k) => links.get(k)!);
    }),
    quotesOfArticle: grouped(q.quotesOfArticles, 'Quote'),
    exclusivesOf: grouped(q.exclusivesOfOutlets, 'Statement'),
    statementsOf: limited(q.statementsOfSpeakers, 'Statement'),
    articlesOf: limited(q.articlesOfOutlets, 'Article'),
    statementsAt: limited(q.statementsAtOccasions, 'Statement'),
    topicsOfSpeaker: tally('topicsOfSpeakers', 'Topic'),
    outletsOfSpeaker: tally('outletsOfSpeakers', 'Outlet'),
    speakersOfOutlet: tally('speakersOfOutlets', 'Speaker'),
    citesOfOutlet: tally('citesOfOutlets', 'Outlet'),
  };
}

function groupNodes(rows: Row[], keys: readonly string[], prime: DataLoader<string, Row | null>): Row[][] {
  const groups = new Map<string, Row[]>(keys.map((k) => [k, []]));
  for (const r of rows) {
    groups.get(r.key)!.push(r.node);
    prime.prime(r.node.id, r.node);
  }
  return keys.map((k) => groups.get(k)!);
}

/** Makes already fetched nodes (a page, a headline answer) available to the loaders without a query. */
export function primeAll(loader: DataLoader<string, Row | null>, rows: Row[]): void {
  for (const r of rows) loader.prime(r.id, r);
}
