// Every read-side Cypher statement of the API, in one place. User values only ever travel as parameters; the
// fragments spliced into the text (labels, property names, filter operators, sort keys) come from the fixed
// tables below, never from a request. Every call runs in a READ transaction (a write is refused by the server)
// with the graph's transaction timeout.
import neo4j from 'neo4j-driver';
import type { Graph } from '../db/driver.js';

export type Row = Record<string, any>;
export type Params = Record<string, unknown>;

/** One round trip: a read transaction with the configured timeout, records as plain objects. */
export async function read(graph: Graph, cypher: string, params: Params = {}): Promise<Row[]> {
  const res = await graph.driver.executeQuery(cypher, params, {
    database: graph.database,
    routing: neo4j.routing.READ,
    transactionConfig: graph.txConfig,
  });
  return res.records.map((r) => plain(r.toObject()) as Row);
}

/** Temporal values to ISO strings, so resolvers and JSON see plain data. */
function plain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(plain);
  if (neo4j.isDate(v) || neo4j.isDateTime(v) || neo4j.isLocalDateTime(v)) return v.toString();
  if (neo4j.isInt(v)) return v.toNumber();
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
}

// ------------------------------------------------------------------ projections (one shape per label)
// Each node comes back as its properties plus the ids of what it links to, so nested fields resolve through
// per-request DataLoaders by id: a page costs one query per level, whatever its size.

export const project = {
  Quote: (v: string) => `${v}{.*,
    articleId: head([(_a:Article)-[:QUOTES]->(${v}) | _a.id]),
    published: head([(_a:Article)-[:QUOTES]->(${v}) | _a.published]),
    statementId: head([(${v})-[:REPORTS]->(_s:Statement) | _s.id]),
    speakerId: head([(${v})-[:ATTRIBUTED_TO]->(_sp:Speaker) | _sp.id]),
    mention: head([(${v})-[_m:ATTRIBUTED_TO]->(:Speaker) | _m{.*}]),
    relayedById: head([(${v})-[:RELAYED_BY]->(_sp:Speaker) | _sp.id]),
    parentId: head([(${v})-[:EMBEDDED_IN]->(_p:Quote) | _p.id]),
    topicIds: [(${v})-[:ABOUT]->(_t:Topic) | _t.id]}`,
  // named properties, not .*: a statement also keeps its embedding (384 numbers) for resolution, never for answers
  Statement: (v: string) => `${v}{.id, .canonical, .saidOn, .referenceId,
    speakerId: head([(_sp:Speaker)-[:SAID]->(${v}) | _sp.id]),
    occasionId: head([(${v})-[:AT]->(_o:Occasion) | _o.id]),
    topicIds: [(${v})-[:ABOUT]->(_t:Topic) | _t.id],
    reportCount: COUNT { (:Quote)-[:REPORTS]->(${v}) }}`,
  Speaker: (v: string) => `${v}{.*,
    type: CASE WHEN ${v}:Organization THEN 'ORGANIZATION' ELSE 'PERSON' END,
    statementCount: COUNT { (${v})-[:SAID]->(:Statement) }}`,
  Outlet: (v: string) => `${v}{.*, id: ${v}.key, articleCount: COUNT { (:Article)-[:PUBLISHED_BY]->(${v}) }}`,
  Topic: (v: string) => `${v}{.*, ${topicLinks(v)}, statementCount: ${topicStatementCount(v)}}`,
  // without the text (large): Article.text loads it on its own, only when asked for
  Occasion: (v: string) => `${v}{.id, .kind, .date, .place, .medium, statementCount: COUNT { (:Statement)-[:AT]->(${v}) }}`,
  Article: (v: string) => `${v}{.id, .sourceId, .title, .url, .published, .byline, .dateline, .file,
    outletKey: head([(${v})-[:PUBLISHED_BY]->(_o:Outlet) | _o.key]),
    basedOnKeys: [(${v})-[:BASED_ON]->(_o:Outlet) | _o.key],
    citesKeys: [(${v})-[:CITES]->(_o:Outlet) | _o.key]}`,
} as const;

function topicLinks(v: string): string {
  return `broaderIds: [(${v})-[:BROADER]->(_b:Topic) | _b.id], narrowerIds: [(_n:Topic)-[:BROADER]->(${v}) | _n.id]`;
}

/** A topic without its statement count (a walk down the hierarchy): Topic.statementCount loads it if asked. */
const topicWithoutCount = (v: string) => `${v}{.*, ${topicLinks(v)}}`;

function topicStatementCount(v: string): string {
  return `COUNT { MATCH (_s:Statement)-[:ABOUT]->(:Topic)-[:BROADER*0..]->(${v}) RETURN DISTINCT _s }`;
}

export type Entity = keyof typeof project;

/** The key property of each label (Outlet is keyed by its normalised name). */
const KEY: Record<Entity, string> = { Quote: 'id', Statement: 'id', Speaker: 'id', Outlet: 'key', Topic: 'id', Article: 'id', Occasion: 'id' };

// ------------------------------------------------------------------ where: @neo4j/graphql-style filters to Cypher

type Scalar = 'string' | 'strings' | 'id' | 'date' | 'float' | 'enum';
interface ScalarField {
  scalar: Scalar;
  expr: (v: string) => string;
}
interface RelField {
  /** The related entity whose filter applies to `x`. */
  entity: Entity;
  pattern: (v: string, x: string) => string;
  /** Wraps the value into the related entity's filter (a date range on Article.published, ...). */
  wrap?: (value: unknown) => Row;
}
type Field = ScalarField | RelField;

// Topic relations include narrower topics: asking for "diplomacy" finds what was said on sovereignty.
const ABOUT = (v: string, x: string) => `(${v})-[:ABOUT]->(:Topic)-[:BROADER*0..]->(${x}:Topic)`;
const viaArticlePublished = (value: unknown) => ({ published: value });
const statementWordings = (v: string) => `[${v}.canonical] + COLLECT { MATCH (_q:Quote)-[:REPORTS]->(${v}) RETURN _q.text }`;

const FIELDS: Record<Entity, Record<string, Field>> = {
  Quote: {
    id: { scalar: 'id', expr: (v) => `${v}.id` },
    text: { scalar: 'string', expr: (v) => `${v}.text` },
    kind: { scalar: 'enum', expr: (v) => `${v}.kind` },
    difference: { scalar: 'string', expr: (v) => `${v}.difference` },
    confidence: { scalar: 'float', expr: (v) => `${v}.confidence` },
    saidOn: { scalar: 'date', expr: (v) => `${v}.saidOn` },
    published: { entity: 'Article', pattern: (v, x) => `(${x}:Article)-[:QUOTES]->(${v})`, wrap: viaArticlePublished },
    speaker: { entity: 'Speaker', pattern: (v, x) => `(${v})-[:ATTRIBUTED_TO]->(${x}:Speaker)` },
    topic: { entity: 'Topic', pattern: ABOUT },
    outlet: { entity: 'Outlet', pattern: (v, x) => `(${v})<-[:QUOTES]-(:Article)-[:PUBLISHED_BY]->(${x}:Outlet)` },
    article: { entity: 'Article', pattern: (v, x) => `(${x}:Article)-[:QUOTES]->(${v})` },
    statement: { entity: 'Statement', pattern: (v, x) => `(${v})-[:REPORTS]->(${x}:Statement)` },
  },
  Statement: {
    id: { scalar: 'id', expr: (v) => `${v}.id` },
    // the canonical wording or any outlet's: "sold" finds the statement one outlet rendered "cannot be sold"
    text: { scalar: 'strings', expr: statementWordings },
    saidOn: { scalar: 'date', expr: (v) => `${v}.saidOn` },
    published: {
      entity: 'Article',
      pattern: (v, x) => `(${x}:Article)-[:QUOTES]->(:Quote)-[:REPORTS]->(${v})`,
      wrap: viaArticlePublished,
    },
    speaker: { entity: 'Speaker', pattern: (v, x) => `(${x}:Speaker)-[:SAID]->(${v})` },
    topic: { entity: 'Topic', pattern: ABOUT },
    outlet: {
      entity: 'Outlet',
      pattern: (v, x) => `(${v})<-[:REPORTS]-(:Quote)<-[:QUOTES]-(:Article)-[:PUBLISHED_BY]->(${x}:Outlet)`,
    },
    occasion: { entity: 'Occasion', pattern: (v, x) => `(${v})-[:AT]->(${x}:Occasion)` },
  },
  Speaker: {
    id: { scalar: 'id', expr: (v) => `${v}.id` },
    name: { scalar: 'strings', expr: (v) => `[${v}.name] + coalesce(${v}.aliases, [])` },
    type: { scalar: 'enum', expr: (v) => `CASE WHEN ${v}:Organization THEN 'ORGANIZATION' ELSE 'PERSON' END` },
    role: { scalar: 'strings', expr: (v) => `coalesce(${v}.roles, [])` },
    topic: { entity: 'Topic', pattern: (v, x) => `(${v})-[:SAID]->(:Statement)-[:ABOUT]->(:Topic)-[:BROADER*0..]->(${x}:Topic)` },
    outlet: {
      entity: 'Outlet',
      pattern: (v, x) => `(${v})<-[:ATTRIBUTED_TO]-(:Quote)<-[:QUOTES]-(:Article)-[:PUBLISHED_BY]->(${x}:Outlet)`,
    },
  },
  Outlet: {
    key: { scalar: 'id', expr: (v) => `${v}.key` },
    name: { scalar: 'string', expr: (v) => `${v}.name` },
    published: { entity: 'Article', pattern: (v, x) => `(${x}:Article)-[:PUBLISHED_BY]->(${v})`, wrap: viaArticlePublished },
    speaker: {
      entity: 'Speaker',
      pattern: (v, x) => `(${v})<-[:PUBLISHED_BY]-(:Article)-[:QUOTES]->(:Quote)-[:ATTRIBUTED_TO]->(${x}:Speaker)`,
    },
  },
  Topic: {
    id: { scalar: 'id', expr: (v) => `${v}.id` },
    name: { scalar: 'string', expr: (v) => `${v}.name` },
  },
  Occasion: {
    id: { scalar: 'id', expr: (v) => `${v}.id` },
    kind: { scalar: 'string', expr: (v) => `${v}.kind` },
    date: { scalar: 'date', expr: (v) => `${v}.date` },
    place: { scalar: 'string', expr: (v) => `${v}.place` },
    medium: { scalar: 'string', expr: (v) => `${v}.medium` },
    speaker: { entity: 'Speaker', pattern: (v, x) => `(${x}:Speaker)-[:SAID]->(:Statement)-[:AT]->(${v})` },
  },
  Article: {
    id: { scalar: 'id', expr: (v) => `${v}.id` },
    title: { scalar: 'string', expr: (v) => `${v}.title` },
    text: { scalar: 'string', expr: (v) => `${v}.text` },
    published: { scalar: 'date', expr: (v) => `${v}.published` },
    outlet: { entity: 'Outlet', pattern: (v, x) => `(${v})-[:PUBLISHED_BY]->(${x}:Outlet)` },
  },
};

/** Operators per scalar kind. String matching other than `eq`/`in` ignores case, as a search box would. */
const OPS: Record<'string' | 'date' | 'float' | 'enum' | 'id', Record<string, (e: string, p: string) => string>> = {
  string: {
    eq: (e, p) => `${e} = ${p}`,
    in: (e, p) => `${e} IN ${p}`,
    contains: (e, p) => `toLower(${e}) CONTAINS toLower(${p})`,
    startsWith: (e, p) => `toLower(${e}) STARTS WITH toLower(${p})`,
    endsWith: (e, p) => `toLower(${e}) ENDS WITH toLower(${p})`,
  },
  id: { eq: (e, p) => `${e} = ${p}`, in: (e, p) => `${e} IN ${p}` },
  enum: { eq: (e, p) => `${e} = ${p}`, in: (e, p) => `${e} IN ${p}` },
  float: {
    eq: (e, p) => `${e} = ${p}`,
    lt: (e, p) => `${e} < ${p}`,
    lte: (e, p) => `${e} <= ${p}`,
    gt: (e, p) => `${e} > ${p}`,
    gte: (e, p) => `${e} >= ${p}`,
  },
  date: {
    eq: (e, p) => `${e} = date(${p})`,
    lt: (e, p) => `${e} < date(${p})`,
    lte: (e, p) => `${e} <= date(${p})`,
    gt: (e, p) => `${e} > date(${p})`,
    gte: (e, p) => `${e} >= date(${p})`,
  },
};

/** Builds one Cypher predicate with its parameters; fresh variable and parameter names per use. */
export class WhereBuilder {
  readonly params: Params = {};
  private n = 0;

  constructor(private readonly prefix = 'w') {}

  param(value: unknown): string {
    const name = `${this.prefix}${this.n++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  private variable(): string {
    return `${this.prefix}v${this.n++}`;
  }

  build(entity: Entity, v: string, where: Row | null | undefined): string {
    if (!where) return 'true';
    const parts: string[] = [];
    for (const [name, value] of Object.entries(where)) {
      if (value === null || value === undefined) continue;
      if (name === 'AND' || name === 'OR') {
        const subs = (value as Row[]).map((w) => `(${this.build(entity, v, w)})`);
        if (subs.length) parts.push(`(${subs.join(name === 'AND' ? ' AND ' : ' OR ')})`);
        continue;
      }
      if (name === 'NOT') {
        parts.push(`NOT (${this.build(entity, v, value as Row)})`);
        continue;
      }
      const field = FIELDS[entity][name];
      if (!field) throw new Error(`no filter ${entity}.${name}`);
      if ('entity' in field) {
        const x = this.variable();
        const sub = field.wrap ? field.wrap(value) : (value as Row);
        parts.push(`EXISTS { MATCH ${field.pattern(v, x)} WHERE ${this.build(field.entity, x, sub)} }`);
      } else {
        parts.push(this.scalar(field, v, value as Row));
      }
    }
    return parts.length ? parts.join(' AND ') : 'true';
  }

  private scalar(field: ScalarField, v: string, filter: Row): string {
    const expr = field.expr(v);
    const list = field.scalar === 'strings';
    const ops = OPS[field.scalar === 'strings' ? 'string' : field.scalar];
    const x = list ? this.variable() : expr;
    const parts: string[] = [];
    for (const [op, value] of Object.entries(filter)) {
      if (value === null || value === undefined) continue;
      parts.push(`(${ops[op](x, this.param(value))})`);
    }
    if (!parts.length) return 'true';
    const all = parts.join(' AND ');
    // a list property (aliases, roles, wordings) matches when one element satisfies every operator
    return list ? `any(${x} IN ${expr} WHERE ${all})` : `(${all})`;
  }
}

// ------------------------------------------------------------------ sort

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
    reportCount: (v) => `COUNT { (:Quote)-[:REPORTS]->(${v}) }`,
  },
  Speaker: { name: (v) => `${v}.name`, statementCount: (v) => `COUNT { (${v})-[:SAID]->(:Statement) }` },
  Outlet: { name: (v) => `${v}.name`, articleCount: (v) => `COUNT { (:Article)-[:PUBLISHED_BY]->(${v}) }` },
  Topic: { name: (v) => `${v}.name`, statementCount: topicStatementCount },
  Article: { published: (v) => `${v}.published`, title: (v) => `${v}.title` },
  Occasion: { date: (v) => `${v}.date`, kind: (v) => `${v}.kind`, statementCount: (v) => `COUNT { (:Statement)-[:AT]->(${v}) }` },
};

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
function orderBy(entity: Entity, v: string, sort: Row[] | null | undefined): string {
  const terms: string[] = [];
  for (const entry of sort?.length ? sort : DEFAULT_SORT[entity]) {
    for (const [name, dir] of Object.entries(entry)) {
      if (!dir) continue;
      terms.push(`${SORTS[entity][name](v)} ${dir === 'DESC' ? 'DESC' : 'ASC'}`);
    }
  }
  terms.push(`${v}.${KEY[entity]} ASC`);
  return terms.join(', ');
}

// ------------------------------------------------------------------ connections

export interface PageArgs {
  where?: Row | null;
  sort?: Row[] | null;
  skip: number;
  limit: number;
}

/** One page of nodes in a total order; `limit` is the page size plus one, to tell whether more follow. */
export function page(graph: Graph, entity: Entity, args: PageArgs): Promise<Row[]> {
  const w = new WhereBuilder();
  const pred = w.build(entity, 'n', args.where);
  return read(
    graph,
    `MATCH (n:${entity}) WHERE ${pred}
     WITH n ORDER BY ${orderBy(entity, 'n', args.sort)} SKIP $skip LIMIT $limit
     RETURN ${project[entity]('n')} AS node`,
    { ...w.params, skip: neo4j.int(args.skip), limit: neo4j.int(args.limit) },
  ).then((rows) => rows.map((r) => r.node));
}

export async function count(graph: Graph, entity: Entity, where: Row | null | undefined): Promise<number> {
  const w = new WhereBuilder();
  const rows = await read(graph, `MATCH (n:${entity}) WHERE ${w.build(entity, 'n', where)} RETURN count(n) AS n`, w.params);
  return rows[0].n;
}

// ------------------------------------------------------------------ lookups by key (DataLoader batches)

/** Nodes by key, one query for the whole batch. */
export function byKeys(graph: Graph, entity: Entity, keys: readonly string[]): Promise<Row[]> {
  return read(
    graph,
    `UNWIND $keys AS key MATCH (n:${entity} {${KEY[entity]}: key}) RETURN ${project[entity]('n')} AS node`,
    { keys },
  ).then((rows) => rows.map((r) => r.node));
}

export function statementCountsOf(graph: Graph, topicIds: readonly string[]): Promise<Row[]> {
  return read(graph, `UNWIND $keys AS key MATCH (t:Topic {id: key}) RETURN key, ${topicStatementCount('t')} AS count`, { keys: topicIds });
}

export function textsOf(graph: Graph, articleIds: readonly string[]): Promise<Row[]> {
  return read(graph, 'UNWIND $keys AS key MATCH (a:Article {id: key}) RETURN key, a.text AS text', { keys: articleIds });
}

/** Every wording of each statement: one report per quote, earliest publication first. */
export function reportsOf(graph: Graph, statementIds: readonly string[]): Promise<Row[]> {
  return read(
    graph,
    `UNWIND $keys AS key
     MATCH (q:Quote)-[:REPORTS]->(:Statement {id: key})
     OPTIONAL MATCH (a:Article)-[:QUOTES]->(q)
     WITH key, q, a ORDER BY a.published IS NULL, a.published, a.id, q.start
     RETURN key, ${project.Quote('q')} AS node`,
    { keys: statementIds },
  );
}

export function quotesOfArticles(graph: Graph, articleIds: readonly string[]): Promise<Row[]> {
  return read(
    graph,
    `UNWIND $keys AS key
     MATCH (:Article {id: key})-[:QUOTES]->(q:Quote)
     WITH key, q ORDER BY q.start, q.end
     RETURN key, ${project.Quote('q')} AS node`,
    { keys: articleIds },
  );
}

export function statementsOfSpeakers(graph: Graph, speakerIds: readonly string[], limit: number): Promise<Row[]> {
  return read(
    graph,
    `UNWIND $keys AS key
     CALL (key) {
       MATCH (:Speaker {id: key})-[:SAID]->(s:Statement)
       WITH s ORDER BY s.saidOn IS NULL, s.saidOn, s.id LIMIT $limit
       RETURN ${project.Statement('s')} AS node
     }
     RETURN key, node`,
    { keys: speakerIds, limit: neo4j.int(limit) },
  );
}

/** The statements said at each occasion, earliest first. */
export function statementsAtOccasions(graph: Graph, occasionIds: readonly string[], limit: number): Promise<Row[]> {
  return read(
    graph,
    `UNWIND $keys AS key
     CALL (key) {
       MATCH (s:Statement)-[:AT]->(:Occasion {id: key})
       WITH s ORDER BY s.saidOn IS NULL, s.saidOn, s.id LIMIT $limit
       RETURN ${project.Statement('s')} AS node
     }
     RETURN key, node`,
    { keys: occasionIds, limit: neo4j.int(limit) },
  );
}

/** Topics each speaker spoke on, with how many of their statements. */
export function topicsOfSpeakers(graph: Graph, speakerIds: readonly string[]): Promise<Row[]> {
  return read(
    graph,
    `UNWIND $keys AS key
     MATCH (:Speaker {id: key})-[:SAID]->(s:Statement)-[:ABOUT]->(t:Topic)
     WITH key, t, count(DISTINCT s) AS count ORDER BY count DESC, t.name
     RETURN key, t.id AS ref, count`,
    { keys: speakerIds },
  );
}

/** Outlets that quote each speaker, with how many quotes. */
export function outletsOfSpeakers(graph: Graph, speakerIds: readonly string[]): Promise<Row[]> {
  return read(
    graph,
    `UNWIND $keys AS key
     MATCH (:Speaker {id: key})<-[:ATTRIBUTED_TO]-(q:Quote)<-[:QUOTES]-(:Article)-[:PUBLISHED_BY]->(o:Outlet)
     WITH key, o, count(DISTINCT q) AS count ORDER BY count DESC, o.name
     RETURN key, o.key AS ref, count`,
    { keys: speakerIds },
  );
}

export function articlesOfOutlets(graph: Graph, keys: readonly string[], limit: number): Promise<Row[]> {
  return read(
    graph,
    `UNWIND $keys AS key
     CALL (key) {
       MATCH (a:Article)-[:PUBLISHED_BY]->(:Outlet {key: key})
       WITH a ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT $limit
       RETURN ${project.Article('a')} AS node
     }
     RETURN key, node`,
    { keys, limit: neo4j.int(limit) },
  );
}

/** Whom each outlet quotes, with how many quotes. */
export function speakersOfOutlets(graph: Graph, keys: readonly string[]): Promise<Row[]> {
  return read(
    graph,
    `UNWIND $keys AS key
     MATCH (:Outlet {key: key})<-[:PUBLISHED_BY]-(:Article)-[:QUOTES]->(q:Quote)-[:ATTRIBUTED_TO]->(sp:Speaker)
     WITH key, sp, count(DISTINCT q) AS count ORDER BY count DESC, sp.name
     RETURN key, sp.id AS ref, count`,
    { keys },
  );
}

/** Outlets each outlet's articles cite or are based on, with how many articles. */
export function citesOfOutlets(graph: Graph, keys: readonly string[]): Promise<Row[]> {
  return read(
    graph,
    `UNWIND $keys AS key
     MATCH (:Outlet {key: key})<-[:PUBLISHED_BY]-(a:Article)-[:CITES|BASED_ON]->(c:Outlet)
     WITH key, c, count(DISTINCT a) AS count ORDER BY count DESC, c.name
     RETURN key, c.key AS ref, count`,
    { keys },
  );
}

/** Statements only this outlet carried: no article outside it (with or without a known outlet) reports them. */
export function exclusivesOfOutlets(graph: Graph, keys: readonly string[]): Promise<Row[]> {
  return read(
    graph,
    `UNWIND $keys AS key
     MATCH (o:Outlet {key: key})<-[:PUBLISHED_BY]-(:Article)-[:QUOTES]->(:Quote)-[:REPORTS]->(s:Statement)
     WITH DISTINCT key, o, s
     WHERE NOT EXISTS { MATCH (s)<-[:REPORTS]-(:Quote)<-[:QUOTES]-(a:Article) WHERE NOT (a)-[:PUBLISHED_BY]->(o) }
     WITH key, s ORDER BY s.saidOn IS NULL, s.saidOn, s.id
     RETURN key, ${project.Statement('s')} AS node`,
    { keys },
  );
}

// ------------------------------------------------------------------ single lookups

/** By exact name or alias (case-insensitive), else the best full-text match of name and aliases ("Sheinbaum"). */
export async function speakerByName(graph: Graph, name: string): Promise<Row | null> {
  const rows = await read(
    graph,
    `CALL () {
       MATCH (n:Speaker)
       WHERE toLower(n.name) = $name OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) = $name)
       RETURN n, CASE WHEN toLower(n.name) = $name THEN 2e9 ELSE 1e9 END AS rank
       UNION ALL
       CALL db.index.fulltext.queryNodes('speaker_names', $q, {limit: 5}) YIELD node, score
       RETURN node AS n, score AS rank
     }
     WITH n, max(rank) AS rank ORDER BY rank DESC, COUNT { (n)-[:SAID]->() } DESC, n.id LIMIT 1
     RETURN ${project.Speaker('n')} AS node`,
    { name: name.trim().toLowerCase(), q: luceneQuery(name) || '""' },
  );
  return rows[0]?.node ?? null;
}

export async function outletByName(graph: Graph, name: string): Promise<Row | null> {
  const lower = name.trim().toLowerCase();
  const rows = await read(
    graph,
    `MATCH (n:Outlet) WHERE n.key IN $keys OR toLower(n.name) = $lower
     WITH n ORDER BY n.key LIMIT 1
     RETURN ${project.Outlet('n')} AS node`,
    { keys: [lower, lower.replace(/^the\s+/, '')], lower },
  );
  return rows[0]?.node ?? null;
}

// ------------------------------------------------------------------ the headline

export interface WhoSaidRow {
  topic: Row;
  covers: Row[];
  speakers: { speaker: Row; statements: Row[] }[];
  /** `{key: statement id, node: quote}`, earliest publication first, with the articles and outlets they cite. */
  reports: Row[];
  articles: Row[];
  outlets: Row[];
}

/**
 * Speakers with their statements on a topic or any narrower one, most statements first, and every report of
 * those statements with its article and outlet: the whole headline answer in one round trip.
 */
export async function whoSaid(graph: Graph, topic: string, where: Row | null | undefined, first: number): Promise<WhoSaidRow | null> {
  const w = new WhereBuilder();
  const pred = w.build('Statement', 's', where);
  const rows = await read(
    graph,
    `MATCH (t:Topic) WHERE t.id = $topic OR toLower(t.name) = $topic
     WITH t ORDER BY t.id = $topic DESC LIMIT 1
     MATCH (n:Topic)-[:BROADER*0..]->(t)
     WITH t, collect(DISTINCT n) AS scope
     CALL (scope) {
       UNWIND scope AS n
       MATCH (sp:Speaker)-[:SAID]->(s:Statement)-[:ABOUT]->(n)
       WHERE ${pred}
       WITH DISTINCT sp, s
       // the page of speakers first, so only their statements are projected
       WITH sp, collect(s) AS said
       ORDER BY size(said) DESC, sp.name, sp.id LIMIT $first
       UNWIND said AS s
       WITH sp, size(said) AS n, s ORDER BY s.saidOn IS NULL, s.saidOn, s.id
       WITH sp, n, collect(${project.Statement('s')}) AS statements
       ORDER BY n DESC, sp.name, sp.id
       RETURN collect({speaker: ${project.Speaker('sp')}, statements: statements}) AS speakers
     }
     CALL (speakers) {
       UNWIND speakers AS x
       UNWIND x.statements AS st
       MATCH (q:Quote)-[:REPORTS]->(:Statement {id: st.id})
       OPTIONAL MATCH (a:Article)-[:QUOTES]->(q)
       OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
       WITH st, q, a, o ORDER BY a.published IS NULL, a.published, a.id, q.start
       // a report needs only its wording and its article; Report.quote loads the whole quote when asked
       RETURN collect({key: st.id, node: q{.id, .text, .difference, articleId: a.id, published: a.published}}) AS reports,
              collect(DISTINCT ${project.Article('a')}) AS articles, collect(DISTINCT ${project.Outlet('o')}) AS outlets
     }
     RETURN ${topicWithoutCount('t')} AS topic, [n IN scope | ${topicWithoutCount('n')}] AS covers, speakers, reports, articles, outlets`,
    { ...w.params, topic: topic.trim().toLowerCase(), first: neo4j.int(first) },
  );
  return (rows[0] as WhoSaidRow | undefined) ?? null;
}

// ------------------------------------------------------------------ full-text search

export type SearchKind = 'QUOTE' | 'STATEMENT' | 'SPEAKER';

const INDEX: Record<SearchKind, { index: string; entity: Entity }> = {
  QUOTE: { index: 'quote_text', entity: 'Quote' },
  STATEMENT: { index: 'statement_text', entity: 'Statement' },
  SPEAKER: { index: 'speaker_names', entity: 'Speaker' },
};

/**
 * The user's words as a Lucene query that cannot use Lucene syntax: every special character escaped, the
 * operators AND/OR/NOT/TO lower-cased (the analyzer folds case anyway). The exact phrase is boosted, then any word.
 */
export function luceneQuery(text: string): string {
  const words = text.normalize('NFKC').split(/\s+/).filter(Boolean).slice(0, 32);
  const escaped = words.map((t) => (/^(AND|OR|NOT|TO)$/.test(t) ? t.toLowerCase() : t.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&')));
  if (escaped.length < 2) return escaped.join('');
  const phrase = words.join(' ').replace(/["\\]/g, '\\$&');
  return `"${phrase}"^3 ${escaped.join(' ')}`;
}

export async function search(graph: Graph, text: string, kinds: readonly SearchKind[], limit: number): Promise<Row[]> {
  const parts = kinds.map(
    (kind) => `CALL db.index.fulltext.queryNodes('${INDEX[kind].index}', $q, {limit: $limit}) YIELD node, score
      RETURN '${kind}' AS kind, ${project[INDEX[kind].entity]('node')} AS hit, score`,
  );
  return read(
    graph,
    `CALL () { ${parts.join(' UNION ALL ')} }
     WITH kind, hit, score ORDER BY score DESC, kind, hit.id LIMIT $limit
     RETURN kind, hit AS node, score`,
    { q: luceneQuery(text), limit: neo4j.int(limit) },
  );
}

// ------------------------------------------------------------------ health

export async function ping(graph: Graph): Promise<void> {
  await read(graph, 'RETURN 1 AS ok');
}
