// Writes one batch in one managed transaction: everything lands or nothing does, and the driver retries the
// whole function on transient errors (deadlocks, leader switches), so it must only depend on its inputs.
// The transaction first claims the graph (one lock for all ingests) and checks that nothing was written since
// the batch was planned: batch writes are serial, and each is resolved against exactly the graph it lands in.
import type { ManagedTransaction } from 'neo4j-driver';
import type { Graph } from '../db/driver.js';
import type { Taxonomy } from '../pipeline/topics.js';
import * as Q from './cypher.js';
import type { BatchRows } from './rows.js';

export interface WriteResult {
  /** Articles an edit replaced (same file or url, other content). */
  replaced: number;
  /** Nodes removed because nothing referred to them any more. */
  orphans: { statements: number; speakers: number; outlets: number };
}

type Row = Record<string, unknown>;
const ids = (rows: Row[], key: string): string[] => rows.flatMap((r) => (r[key] as (string | null)[]).filter((x): x is string => !!x));

async function run(tx: ManagedTransaction, query: string, params: Record<string, unknown>): Promise<Row[]> {
  const res = await tx.run(query, params);
  return res.records.map((r) => r.toObject());
}

/** Another ingest wrote to the graph after this batch was planned: plan it again. */
export class GraphMoved extends Error {
  constructor(readonly planned: number, readonly found: number) {
    super(`the graph changed while the batch was being resolved (version ${planned} -> ${found})`);
  }
}

/** `version`: the graph version the batch was planned against (readVersion). */
export async function writeBatch(graph: Graph, rows: BatchRows, version: number): Promise<WriteResult> {
  const session = graph.driver.session({ database: graph.database });
  try {
    return await session.executeWrite(async (tx) => {
      await run(tx, Q.CLAIM_GRAPH, {});
      const [now] = await run(tx, Q.GRAPH_VERSION, {});
      if (Number(now.version) !== version) throw new GraphMoved(version, Number(now.version));
      const stale = await run(tx, Q.DELETE_STALE_ARTICLES, { files: rows.files });
      await run(tx, Q.MERGE_OUTLETS, { outlets: rows.outlets });
      await run(tx, Q.MERGE_ARTICLES, { articles: rows.articles });
      await run(tx, Q.MERGE_SPEAKERS, { speakers: rows.speakers });
      const [moved] = await run(tx, Q.MERGE_STATEMENTS, { statements: rows.statements });
      const dropped = await run(tx, Q.DELETE_DROPPED_QUOTES, { articles: rows.articles });
      const unlinked = await run(tx, Q.UNLINK_QUOTES, { quotes: rows.quotes });
      await run(tx, Q.MERGE_QUOTES, { quotes: rows.quotes });
      await run(tx, Q.LINK_EMBEDDED, { embedded: rows.embedded });
      await run(tx, Q.SET_REFERENCES, { statements: rows.statements });
      await run(tx, Q.SET_DIFFERENCES, { differences: rows.differences });
      const [relinked] = await run(tx, Q.LINK_OCCASIONS, { statements: rows.statements });

      const touched = [...stale, ...dropped, ...unlinked];
      const statementIds = [...new Set([...rows.statements.map((s) => s.id), ...ids(touched, 'statements')])];
      await run(tx, Q.RETOPIC_STATEMENTS, { ids: statementIds });
      const [atRisk] = await run(tx, Q.OCCASIONS_OF_STATEMENTS, { ids: ids(touched, 'statements') });
      const [orphanStatements] = await run(tx, Q.DELETE_ORPHAN_STATEMENTS, { ids: ids(touched, 'statements') });
      await run(tx, Q.DELETE_ORPHAN_OCCASIONS, { ids: [...new Set(ids([relinked, atRisk], 'occasions'))] });
      const speakerIds = [...new Set([...ids(touched, 'speakers'), ...ids([orphanStatements], 'speakers'), ...ids(moved ? [moved] : [], 'speakers')])];
      const [orphanSpeakers] = await run(tx, Q.DELETE_ORPHAN_SPEAKERS, { ids: speakerIds });
      const [orphanOutlets] = await run(tx, Q.DELETE_ORPHAN_OUTLETS, { keys: ids(stale, 'outlets') });
      const [ofStatements] = await run(tx, Q.SPEAKERS_OF_STATEMENTS, { ids: statementIds });
      await refreshTallies(tx, [...new Set([...rows.speakers.map((s) => s.id), ...speakerIds, ...ids([ofStatements], 'speakers')])].sort());
      await run(tx, Q.RELEASE_GRAPH, {});
      return {
        replaced: Number(stale[0]?.articles ?? 0),
        orphans: {
          statements: Number(orphanStatements.statements),
          speakers: Number(orphanSpeakers.speakers),
          outlets: Number(orphanOutlets.outlets),
        },
      };
    }, graph.txConfig);
  } finally {
    await session.close();
  }
}

/**
 * The ranking tallies (SPOKE_ON, Topic.speakerCount/statementCount) of the given speakers, recomputed from the
 * graph, then the totals of every topic that gained or lost a tally.
 */
async function refreshTallies(tx: ManagedTransaction, speakerIds: string[]): Promise<void> {
  if (!speakerIds.length) return;
  const [refreshed] = await run(tx, Q.REFRESH_SPOKE_ON, { speakerIds });
  await run(tx, Q.REFRESH_TOPIC_COUNTS, { ids: (refreshed?.topics as string[] | undefined) ?? [] });
}

/** Bumped when what the tallies (and listing keys) hold changes: a graph with another version has them all recomputed. */
const COUNTS = 5;

/** The taxonomy as (:Topic)-[:BROADER]->(:Topic); run once per ingest, before quotes link to topics. */
export async function writeTopics(graph: Graph, taxonomy: Taxonomy): Promise<void> {
  const topics = taxonomy.topics.map((t) => ({
    id: t.id,
    name: (t as { name?: string }).name ?? t.id,
    description: t.description,
    keywords: t.keywords,
    broader: t.broader,
  }));
  const session = graph.driver.session({ database: graph.database });
  try {
    await session.executeWrite(async (tx) => {
      const links = async () => (await run(tx, Q.BROADER_LINKS, {})).map((r) => r.link).join(',');
      const before = await links();
      await run(tx, Q.MERGE_TOPICS, { topics });
      const [{ counts }] = await run(tx, Q.COUNTS_VERSION, {});
      // a changed hierarchy changes every speaker's scopes; a graph from before the tallies has none
      if ((await links()) === before && Number(counts) === COUNTS) return;
      await run(tx, Q.CLAIM_GRAPH, {});
      await refreshTallies(tx, (await run(tx, Q.ALL_SPEAKER_IDS, {})).map((r) => r.id as string));
      await run(tx, Q.REFRESH_TOPIC_COUNTS, { ids: (await run(tx, Q.ALL_TOPIC_IDS, {})).map((r) => r.id) });
      if (Number(counts) !== COUNTS) await run(tx, Q.SET_LIST_KEYS, {});
      await run(tx, Q.SET_COUNTS_VERSION, { counts: COUNTS });
    }, graph.txConfig);
  } finally {
    await session.close();
  }
}
