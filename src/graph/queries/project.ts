// One projection per label. Each node comes back as its properties plus the ids of what it links to, so nested
// fields resolve through per-request DataLoaders by id: a page costs one query per level, whatever its size.
// Only what is cheap whatever the graph's size is projected: counts are relationship degrees (O(1) on the
// node's relationship groups) or tallies the ingest keeps; links a node may have many of but a query seldom
// asks for (an article's BASED_ON and CITES) load through their own loaders (related.ts) only when selected.

export const project = {
  // every property when the selection is not known (`.*`), else those it selects; the links it needs either way
  Quote: (v: string, fields?: Fields) => {
    const properties = fields ? ['id', ...QUOTE_PROPERTIES.filter((p) => fields.has(p))].map((p) => `.${p}`).join(', ') : '.*';
    const links = selected(fields && widen(fields, QUOTE_NEEDS), {
      article: ['articleId', `head([(_a:Article)-[:QUOTES]->(${v}) | _a.id])`],
      published: ['published', `head([(_a:Article)-[:QUOTES]->(${v}) | _a.published])`],
      statement: ['statementId', `head([(${v})-[:REPORTS]->(_s:Statement) | _s.id])`],
      speaker: ['speakerId', `head([(${v})-[:ATTRIBUTED_TO]->(_sp:Speaker) | _sp.id])`],
      mention: ['mention', `head([(${v})-[_m:ATTRIBUTED_TO]->(:Speaker) | _m{.*}])`],
      relayedBy: ['relayedById', `head([(${v})-[:RELAYED_BY]->(_sp:Speaker) | _sp.id])`],
      embeddedIn: ['parentId', `head([(${v})-[:EMBEDDED_IN]->(_p:Quote) | _p.id])`],
      topics: ['topicIds', `[(${v})-[:ABOUT]->(_t:Topic) | _t.id]`],
    });
    return `${v}{${properties}${links.map(([key, expression]) => `,\n    ${key}: ${expression}`).join('')}}`;
  },
  Statement: (v: string, fields?: Fields) => asMap(statementColumns(v, fields)),
  Speaker: (v: string) => `${v}{.id, .name, .aliases, .roles, .wikidata,
    type: CASE WHEN ${v}:Organization THEN 'ORGANIZATION' ELSE 'PERSON' END,
    statementCount: COUNT { (${v})-[:SAID]->() }}`,
  Outlet: (v: string) => `${v}{.key, .name, id: ${v}.key, articleCount: COUNT { ()-[:PUBLISHED_BY]->(${v}) }}`,
  Topic: (v: string) => `${v}{.id, .name, .description, .keywords, ${topicLinks(v)}, statementCount: coalesce(${v}.statementCount, 0)}`,
  Occasion: (v: string) => `${v}{.id, .kind, .date, .place, .medium, statementCount: COUNT { ()-[:AT]->(${v}) }}`,
  Article: (v: string, fields?: Fields, outletKey?: string) => asMap(articleColumns(v, fields, outletKey)),
} as const;

/** A projection as ordered [key, expression] pairs. */
type Columns = [key: string, expression: string][];

const asMap = (columns: Columns) => `{${columns.map(([key, expression]) => `${key}: ${expression}`).join(', ')}}`;

/**
 * A projection as a list, and the keys that make its rows objects again (`fromTuple`): an answer holding hundreds
 * of nodes decodes a list without a string per key (the busiest topic's statements and articles: 0.7 ms of 7).
 */
export interface Tuple {
  cypher: string;
  keys: string[];
}

const asTuple = (columns: Columns): Tuple => ({ cypher: `[${columns.map(([, e]) => e).join(', ')}]`, keys: columns.map(([key]) => key) });

export function fromTuple(keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) row[keys[i]] = values[i];
  return row;
}

export const tuple = {
  Statement: (v: string, fields?: Fields) => asTuple(statementColumns(v, fields)),
  Article: (v: string, fields?: Fields, outletKey?: string) => asTuple(articleColumns(v, fields, outletKey)),
};

/** Named properties, not .*: a statement also keeps its embedding (384 numbers) for resolution, never for answers. */
function statementColumns(v: string, fields?: Fields): Columns {
  return [
    ...['id', 'canonical', 'saidOn', 'speakerId', 'referenceId'].map((p): Columns[number] => [p, `${v}.${p}`]),
    // speakerId is the statement's own property, kept equal to its one SAID by every write
    ...selected(fields, {
      occasion: ['occasionId', `head([(${v})-[:AT]->(_o:Occasion) | _o.id])`],
      topics: ['topicIds', `[(${v})-[:ABOUT]->(_t:Topic) | _t.id]`],
      reportCount: ['reportCount', `COUNT { ()-[:REPORTS]->(${v}) }`],
    }),
  ];
}

/**
 * Without the text (large): Article.text loads it on its own, only when asked for. `outletKey`: how the outlet's
 * key is read, when a query has the outlet at hand already.
 */
function articleColumns(v: string, fields?: Fields, outletKey = `head([(${v})-[:PUBLISHED_BY]->(_o:Outlet) | _o.key])`): Columns {
  const wanted = fields && widen(fields, ARTICLE_NEEDS);
  return [
    ['id', `${v}.id`],
    ...ARTICLE_PROPERTIES.filter((p) => !wanted || wanted.has(p)).map((p): Columns[number] => [p, `${v}.${p}`]),
    ...selected(fields, { opening: ['opening', `substring(${v}.text, 0, 120)`], outlet: ['outletKey', outletKey] }),
  ];
}

/** The columns the selection needs (all of them, when it is not known). */
const selected = (fields: Fields | undefined, columns: Record<string, Columns[number]>): Columns =>
  Object.entries(columns)
    .filter(([field]) => !fields || fields.has(field))
    .map(([, column]) => column);

/**
 * The GraphQL fields of a node an answer selects (lookahead.ts), when known: a projection then leaves out the
 * links it computes (a relationship walk, a text read) that no selected field needs. Such a node is part of that
 * answer only, never put in a loader, where another field of the request could find it short of what it needs.
 */
export type Fields = ReadonlySet<string>;

/** The fields with the properties their resolvers also read. */
const widen = (fields: Fields, needs: Record<string, string[]>) => new Set([...fields, ...[...fields].flatMap((f) => needs[f] ?? [])]);

const ARTICLE_PROPERTIES = ['sourceId', 'title', 'url', 'published', 'byline', 'dateline', 'file', 'caption'];
const QUOTE_PROPERTIES = ['text', 'kind', 'start', 'end', 'cue', 'confidence', 'difference', 'saidOn', 'saidOnFrom'];
/** Quote.outlet is its article's. */
const QUOTE_NEEDS = { outlet: ['article'] };
/** Article.caption falls back to the title, then the file name. */
const ARTICLE_NEEDS = { caption: ['title', 'file'] };

function topicLinks(v: string): string {
  return `broaderIds: [(${v})-[:BROADER]->(_b:Topic) | _b.id], narrowerIds: [(_n:Topic)-[:BROADER]->(${v}) | _n.id]`;
}

export type Entity = keyof typeof project;

/** A label's projection for a selection (the labels without a selection-driven projection give the whole node). */
export const projectFor = (entity: Entity, v: string, fields?: Fields): string => (project[entity] as (v: string, fields?: Fields) => string)(v, fields);

/** The key property of each label (Outlet is keyed by its normalised name). */
export const KEY: Record<Entity, string> = { Quote: 'id', Statement: 'id', Speaker: 'id', Outlet: 'key', Topic: 'id', Article: 'id', Occasion: 'id' };
