// @neo4j/graphql-style `where` filters to one Cypher predicate. User values only ever travel as parameters; the
// fragments spliced into the text (labels, property names, operators) come from the fixed tables below.
import { type Entity } from './project.js';
import type { Params, Row } from './run.js';

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

export const FIELDS: Record<Entity, Record<string, Field>> = {
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
    quote: { entity: 'Quote', pattern: (v, x) => `(${x}:Quote)-[:REPORTS]->(${v})` },
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
