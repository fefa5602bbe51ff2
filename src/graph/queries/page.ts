// Connections: one page of nodes in a total order, their count, and nodes by key (the DataLoaders' batches).
import { KEY, project, type Entity } from './project.js';
import { int, type Query, type Row } from './run.js';
import { WhereBuilder } from './where.js';

const SORTS: Record<Entity, Record<string, (v: string) => string>> = {
  Quote: {
    saidOn: (v) => `${v}.saidOn`,
    published: (v) => `head([(a:Article)-[:QUOTES]->(${v}) | a.published])`,
    confidence: (v) => `${v}.confidence`,
    text: (v) => `${v}.text`,
  },
  Statement: {
    saidOn: (v) => `${v}.saidOn`,
    canonical: (v) => `${v}.canonical`,
    reportCount: (v) => `COUNT { ()-[:REPORTS]->(${v}) }`,
  },
  Speaker: { name: (v) => `${v}.name`, statementCount: (v) => `COUNT { (${v})-[:SAID]->() }` },
  Outlet: { name: (v) => `${v}.name`, articleCount: (v) => `COUNT { ()-[:PUBLISHED_BY]->(${v}) }` },
  Topic: { name: (v) => `${v}.name`, statementCount: (v) => `coalesce(${v}.statementCount, 0)` },
  Article: { published: (v) => `${v}.published`, title: (v) => `${v}.title` },
  Occasion: { date: (v) => `${v}.date`, kind: (v) => `${v}.kind`, statementCount: (v) => `COUNT { ()-[:AT]->(${v}) }` },
};

/**
 * Sort keys every node of the label has, on a range index (cypher/schema/002_indexes.cypher): saying so
 * (`IS NOT NULL`, true of every node) lets Neo4j read the page off the index in order instead of sorting the label.
 */
const ALWAYS_INDEXED: Partial<Record<Entity, string>> = { Speaker: 'name', Outlet: 'name', Topic: 'name' };

const DEFAULT_SORT: Record<Entity, Row[]> = {
  Quote: [{ published: 'DESC' }],
  Statement: [{ saidOn: 'DESC' }],
  Speaker: [{ name: 'ASC' }],
  Outlet: [{ name: 'ASC' }],
  Topic: [{ name: 'ASC' }],
  Article: [{ published: 'DESC' }],
  Occasion: [{ date: 'DESC' }],
};

/** ORDER BY terms from `[{ field: ASC|DESC }]`, the key last so every order is total (stable pages). */
function orderBy(entity: Entity, v: string, sort: Row[]): string {
  const terms: string[] = [];
  for (const entry of sort) {
    for (const [name, dir] of Object.entries(entry)) {
      if (!dir) continue;
      terms.push(`${SORTS[entity][name](v)} ${dir === 'DESC' ? 'DESC' : 'ASC'}`);
    }
  }
  terms.push(`${v}.${KEY[entity]} ASC`);
  return terms.join(', ');
}

export interface PageArgs {
  where?: Row | null;
  sort?: Row[] | null;
  skip: number;
  limit: number;
}

/**
 * Labels whose default order (newest first) the ingest keeps as one indexed key, `listKey` (newestFirstKey in
 * src/graph/cypher.ts): the default page is read off the index instead of sorting every quote or statement.
 */
const LIST_KEY: Partial<Record<Entity, true>> = { Quote: true, Statement: true };

/** One page of nodes in a total order; `limit` is the page size plus one, to tell whether more follow. */
export function pageQuery(entity: Entity, args: PageArgs): Query {
  const w = new WhereBuilder();
  const sort = args.sort?.length ? args.sort : DEFAULT_SORT[entity];
  const first = Object.keys(sort[0] ?? {})[0];
  const listKey = !args.sort?.length && LIST_KEY[entity];
  const indexed = listKey ? ['n.listKey IS NOT NULL'] : first && ALWAYS_INDEXED[entity] === first ? [`n.${first} IS NOT NULL`] : [];
  const pred = [...indexed, w.build(entity, 'n', args.where)].filter((p) => p !== 'true').join(' AND ') || 'true';
  return {
    cypher: `MATCH (n:${entity}) WHERE ${pred}
WITH n ORDER BY ${listKey ? 'n.listKey' : orderBy(entity, 'n', sort)} SKIP $skip LIMIT $limit
RETURN ${project[entity]('n')} AS node`,
    params: { ...w.params, skip: int(args.skip), limit: int(args.limit) },
  };
}

export function countQuery(entity: Entity, where: Row | null | undefined): Query {
  const w = new WhereBuilder();
  return { cypher: `MATCH (n:${entity}) WHERE ${w.build(entity, 'n', where)} RETURN count(n) AS n`, params: w.params };
}

/** Nodes by key, one query for the whole batch. */
export function byKeysQuery(entity: Entity, keys: readonly string[]): Query {
  return {
    cypher: `UNWIND $keys AS key MATCH (n:${entity} {${KEY[entity]}: key}) RETURN ${project[entity]('n')} AS node`,
    params: { keys },
  };
}
