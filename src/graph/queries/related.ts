// What nested fields load by their parents' keys, one query per batch of parents (src/api/loaders.ts). Each
// costs what it returns: it starts from the parents' keys and walks only their relationships.
import { project } from './project.js';
import { int, type Query } from './run.js';

type Keys = readonly string[];

export function textsQuery(articleIds: Keys): Query {
  return { cypher: 'UNWIND $keys AS key MATCH (a:Article {id: key}) RETURN key, a.text AS text', params: { keys: articleIds } };
}

/** The outlets an article is based on or cites, asked for only by Article.basedOn and Article.cites. */
export function outletLinksQuery(articleIds: Keys): Query {
  return {
    cypher: `UNWIND $keys AS key
MATCH (:Article {id: key})-[l:BASED_ON|CITES]->(o:Outlet)
RETURN key, type(l) AS link, o.key AS ref ORDER BY key, link, ref`,
    params: { keys: articleIds },
  };
}

/** Every wording of each statement: one report per quote, earliest publication first. */
export function reportsQuery(statementIds: Keys): Query {
  return {
    cypher: `UNWIND $keys AS key
MATCH (q:Quote)-[:REPORTS]->(:Statement {id: key})
OPTIONAL MATCH (a:Article)-[:QUOTES]->(q)
WITH key, q, a ORDER BY a.published IS NULL, a.published, a.id, q.start
RETURN key, ${project.Quote('q')} AS node`,
    params: { keys: statementIds },
  };
}

export function quotesOfArticlesQuery(articleIds: Keys): Query {
  return {
    cypher: `UNWIND $keys AS key
MATCH (:Article {id: key})-[:QUOTES]->(q:Quote)
WITH key, q ORDER BY q.start, q.end
RETURN key, ${project.Quote('q')} AS node`,
    params: { keys: articleIds },
  };
}

/**
 * A page of each parent's related nodes: `match` binds `v` from the parent's `key`, `order` sorts them (the
 * patterns are this module's constants, never input).
 */
function pageOfEach(match: string, v: string, order: string, projection: string, keys: Keys, limit: number, skip: number): Query {
  return {
    cypher: `UNWIND $keys AS key
CALL (key) {
  MATCH ${match}
  WITH ${v} ORDER BY ${order} SKIP $skip LIMIT $limit
  RETURN ${projection} AS node
}
RETURN key, node`,
    params: { keys, limit: int(limit), skip: int(skip) },
  };
}

const EARLIEST_SAID = 's.saidOn IS NULL, s.saidOn, s.id';

export const statementsOfSpeakersQuery = (speakerIds: Keys, limit: number, skip = 0): Query =>
  pageOfEach('(:Speaker {id: key})-[:SAID]->(s:Statement)', 's', EARLIEST_SAID, project.Statement('s'), speakerIds, limit, skip);

/** The statements said at each occasion, earliest first. */
export const statementsAtOccasionsQuery = (occasionIds: Keys, limit: number, skip = 0): Query =>
  pageOfEach('(s:Statement)-[:AT]->(:Occasion {id: key})', 's', EARLIEST_SAID, project.Statement('s'), occasionIds, limit, skip);

export const articlesOfOutletsQuery = (keys: Keys, limit: number, skip = 0): Query =>
  pageOfEach('(a:Article)-[:PUBLISHED_BY]->(:Outlet {key: key})', 'a', 'a.published IS NULL, a.published DESC, a.id', project.Article('a'), keys, limit, skip);

/** Statements only this outlet carried: no article outside it (with or without a known outlet) reports them. */
export function exclusivesQuery(keys: Keys): Query {
  return {
    cypher: `UNWIND $keys AS key
MATCH (o:Outlet {key: key})<-[:PUBLISHED_BY]-(:Article)-[:QUOTES]->(:Quote)-[:REPORTS]->(s:Statement)
WITH DISTINCT key, o, s
WHERE NOT EXISTS { MATCH (s)<-[:REPORTS]-(:Quote)<-[:QUOTES]-(a:Article) WHERE NOT (a)-[:PUBLISHED_BY]->(o) }
WITH key, s ORDER BY s.saidOn IS NULL, s.saidOn, s.id
RETURN key, ${project.Statement('s')} AS node`,
    params: { keys },
  };
}

/**
 * Ranked tallies share one shape: from each key's node along a path to related nodes, how many distinct `c` each
 * related node has, most first, then by name. Those the ingest keeps (KEPT) are read off their relationship. Each
 * related node comes projected too: the tallied nodes load with their counts, not in one more round trip.
 */
const TALLIES = {
  /** Topics each speaker spoke on, with how many of their statements. */
  topicsOfSpeakers: { from: 'Speaker {id: key}', path: '-[:SAID]->(c:Statement)-[:ABOUT]->(x:Topic)', ref: 'x.id', entity: 'Topic' },
  /** Outlets each outlet's articles cite or are based on, with how many articles. */
  citesOfOutlets: { from: 'Outlet {key: key}', path: '<-[:PUBLISHED_BY]-(c:Article)-[:CITES|BASED_ON]->(x:Outlet)', ref: 'x.key', entity: 'Outlet' },
} as const;

/** Tallies the ingest keeps as QUOTED_BY (cypher.ts REFRESH_SPOKE_ON): read, not counted. */
const KEPT = {
  outletsOfSpeakers: { from: 'Speaker {id: key}', path: '-[k:QUOTED_BY]->(x:Outlet)', ref: 'x.key', entity: 'Outlet' },
  speakersOfOutlets: { from: 'Outlet {key: key}', path: '<-[k:QUOTED_BY]-(x:Speaker)', ref: 'x.id', entity: 'Speaker' },
} as const;

export type Tally = keyof typeof TALLIES | keyof typeof KEPT;

export function tallyQuery(tally: Tally, keys: Keys): Query {
  if (tally === 'outletsOfSpeakers' || tally === 'speakersOfOutlets') {
    const k = KEPT[tally];
    return {
      cypher: `UNWIND $keys AS key
MATCH (:${k.from})${k.path}
WITH key, x, k.quotes AS count ORDER BY count DESC, x.name
RETURN key, ${k.ref} AS ref, count, ${project[k.entity]('x')} AS node`,
      params: { keys },
    };
  }
  const t = TALLIES[tally];
  return {
    cypher: `UNWIND $keys AS key
MATCH (:${t.from})${t.path}
WITH key, x, count(DISTINCT c) AS count ORDER BY count DESC, x.name
RETURN key, ${t.ref} AS ref, count, ${project[t.entity]('x')} AS node`,
    params: { keys },
  };
}
