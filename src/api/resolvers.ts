// Thin resolvers over src/graph/queries.ts: top-level fields run one query; nested fields go through the
// request's DataLoaders by the ids each node carries (see `project` in queries.ts).
import { diffWords } from 'diff';
import { GraphQLScalarType, Kind } from 'graphql';
import type { Graph } from '../db/driver.js';
import * as q from '../graph/queries.js';
import type { Entity, Row, SearchKind } from '../graph/queries.js';
import { requireToken } from './auth.js';
import { userError } from './errors.js';
import { ingestArticles, type ArticleInput } from './ingest.js';
import { primeAll, type Loaders } from './loaders.js';
import { connection, offsetAfter, pageSize } from './pagination.js';

export interface Context {
  graph: Graph;
  loaders: Loaders;
  /** The request carried the configured API token. */
  authorized: boolean;
  mutationsEnabled: boolean;
  /** Forgets every cached answer (after a write). */
  forgetAnswers: () => Promise<void>;
}

type Args = Record<string, any>;
type Resolver = (parent: Row, args: Args, ctx: Context) => unknown;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in ISO form, or a BAD_USER_INPUT error. */
function parseDate(value: unknown): string {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const d = m ? new Date(`${value}T00:00:00Z`) : null;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw userError(`not a date (YYYY-MM-DD): ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return value as string;
}

const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, ISO 8601 (YYYY-MM-DD).',
  serialize: (v) => String(v).slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});

/** A top-level connection: one query for the page, a count only when totalCount is selected. */
function listing(entity: Entity): Resolver {
  return async (_p, args, ctx) => {
    const size = pageSize(args.first, 20);
    const offset = offsetAfter(args.after);
    const rows = await q.page(ctx.graph, entity, { where: args.where, sort: args.sort, skip: offset, limit: size + 1 });
    primeAll(ctx.loaders[entity], rows);
    return connection(rows, offset, size, () => q.count(ctx.graph, entity, args.where));
  };
}

/** A related node by the id its parent carries. */
const one =
  (entity: Entity, ref: string): Resolver =>
  (p, _a, ctx) =>
    p[ref] ? ctx.loaders[entity].load(p[ref]) : null;

/** Related nodes by the ids their parent carries (missing ones dropped). */
const many =
  (entity: Entity, ref: string): Resolver =>
  async (p, _a, ctx) =>
    (await ctx.loaders[entity].loadMany(p[ref] ?? [])).filter((n) => n && !(n instanceof Error));

/** A ranked tally `{ref, count}` as `{<field>: node, count}`. */
const counted =
  (tally: 'topicsOfSpeaker' | 'outletsOfSpeaker' | 'speakersOfOutlet' | 'citesOfOutlet', entity: Entity, field: string): Resolver =>
  async (p, _a, ctx) =>
    (await ctx.loaders[tally].load(p.id)).map(({ ref, count }) => ({ [field]: ctx.loaders[entity].load(ref), count }));

const list = (field: string): Resolver => (p) => p[field] ?? [];

async function outletOfArticle(articleId: string | null, ctx: Context) {
  const article = articleId ? await ctx.loaders.Article.load(articleId) : null;
  return article?.outletKey ? ctx.loaders.Outlet.load(article.outletKey) : null;
}

/** Word-level changes from the canonical wording to this one. */
function changes(canonical: string, wording: string) {
  return diffWords(canonical ?? '', wording).map((c) => ({ value: c.value, op: c.added ? 'ADDED' : c.removed ? 'REMOVED' : 'SAME' }));
}

const SEARCH_KINDS: SearchKind[] = ['QUOTE', 'STATEMENT', 'SPEAKER'];
const TYPENAME: Record<SearchKind, string> = { QUOTE: 'Quote', STATEMENT: 'Statement', SPEAKER: 'Speaker' };

export const resolvers = {
  Date: DateScalar,

  Query: {
    async whoSaid(_p: unknown, args: Args, ctx: Context) {
      const topic = String(args.topic).trim();
      if (!topic) throw userError('topic is empty');
      const answer = await q.whoSaid(ctx.graph, topic, args.where, pageSize(args.first, 20));
      if (!answer) throw userError(`no topic ${JSON.stringify(topic.slice(0, 80))}: see the topics query for the ids`, 'NOT_FOUND');
      primeAll(ctx.loaders.Topic, [answer.topic, ...answer.covers]);
      primeAll(ctx.loaders.Speaker, answer.speakers.map((s) => s.speaker));
      const statements = answer.speakers.flatMap((s) => s.statements);
      primeAll(ctx.loaders.Statement, statements);
      primeAll(ctx.loaders.Article, answer.articles);
      primeAll(ctx.loaders.Outlet, answer.outlets);
      for (const st of statements) ctx.loaders.reportsOf.prime(st.id, answer.reports.filter((r) => r.key === st.id).map((r) => r.node));
      return answer;
    },
    quotes: listing('Quote'),
    statements: listing('Statement'),
    speakers: listing('Speaker'),
    outlets: listing('Outlet'),
    topics: listing('Topic'),
    articles: listing('Article'),
    occasions: listing('Occasion'),

    async search(_p: unknown, args: Args, ctx: Context) {
      const text = String(args.text);
      if (!text.trim()) throw userError('search text is empty');
      if (text.length > 500) throw userError('search text is longer than 500 characters');
      const kinds: SearchKind[] = args.kinds?.length ? [...new Set<SearchKind>(args.kinds)] : SEARCH_KINDS;
      const hits = await q.search(ctx.graph, text, kinds, pageSize(args.first, 20));
      return hits.map((h) => ({ score: h.score, kind: h.kind, node: { ...h.node, __typename: TYPENAME[h.kind as SearchKind] } }));
    },

    async speaker(_p: unknown, args: Args, ctx: Context) {
      if ((args.id == null) === (args.name == null)) throw userError('give exactly one of id, name');
      return args.id != null ? ctx.loaders.Speaker.load(args.id) : q.speakerByName(ctx.graph, args.name);
    },
    outlet: (_p: unknown, args: Args, ctx: Context) => q.outletByName(ctx.graph, args.name),
    article: (_p: unknown, args: Args, ctx: Context) => ctx.loaders.Article.load(args.id),
    statement: (_p: unknown, args: Args, ctx: Context) => ctx.loaders.Statement.load(args.id),
    topic: (_p: unknown, args: Args, ctx: Context) => ctx.loaders.Topic.load(String(args.id).toLowerCase()),
    occasion: (_p: unknown, args: Args, ctx: Context) => ctx.loaders.Occasion.load(args.id),
  },

  Mutation: {
    async ingestArticles(_p: unknown, args: { input: ArticleInput[] }, ctx: Context) {
      requireToken(ctx);
      try {
        return await ingestArticles(ctx.graph, args.input);
      } finally {
        await ctx.forgetAnswers();
      }
    },
  },

  SearchResult: { __resolveType: (n: Row) => n.__typename },

  Statement: {
    speaker: one('Speaker', 'speakerId'),
    topics: many('Topic', 'topicIds'),
    reference: one('Quote', 'referenceId'),
    occasion: one('Occasion', 'occasionId'),
    async reports(s: Row, _a: Args, ctx: Context) {
      return (await ctx.loaders.reportsOf.load(s.id)).map((quote) => ({ quote, canonical: s.canonical }));
    },
  },

  Report: {
    quote: (r: Row, _a: Args, ctx: Context) => ctx.loaders.Quote.load(r.quote.id),
    article: (r: Row, _a: Args, ctx: Context) => ctx.loaders.Article.load(r.quote.articleId),
    outlet: (r: Row, _a: Args, ctx: Context) => outletOfArticle(r.quote.articleId, ctx),
    date: (r: Row) => r.quote.published,
    wording: (r: Row) => r.quote.text,
    difference: (r: Row) => r.quote.difference,
    changes: (r: Row) => changes(r.canonical, r.quote.text),
  },

  Quote: {
    article: one('Article', 'articleId'),
    outlet: (p: Row, _a: Args, ctx: Context) => outletOfArticle(p.articleId, ctx),
    speaker: one('Speaker', 'speakerId'),
    mention: (p: Row) => (p.mention ? { ...p.mention, text: p.mention.mention ?? '' } : null),
    relayedBy: one('Speaker', 'relayedById'),
    embeddedIn: one('Quote', 'parentId'),
    statement: one('Statement', 'statementId'),
    topics: many('Topic', 'topicIds'),
  },

  Speaker: {
    aliases: list('aliases'),
    roles: list('roles'),
    statements: (s: Row, args: Args, ctx: Context) => ctx.loaders.statementsOf(pageSize(args.first, 50)).load(s.id),
    topics: counted('topicsOfSpeaker', 'Topic', 'topic'),
    quotedBy: counted('outletsOfSpeaker', 'Outlet', 'outlet'),
  },

  Article: {
    byline: list('byline'),
    text: async (a: Row, _a: Args, ctx: Context) => (await ctx.loaders.articleText.load(a.id)) ?? '',
    outlet: one('Outlet', 'outletKey'),
    basedOn: many('Outlet', 'basedOnKeys'),
    cites: many('Outlet', 'citesKeys'),
    quotes: (a: Row, _a: Args, ctx: Context) => ctx.loaders.quotesOfArticle.load(a.id),
  },

  Outlet: {
    articles: (o: Row, args: Args, ctx: Context) => ctx.loaders.articlesOf(pageSize(args.first, 20)).load(o.id),
    quotes: counted('speakersOfOutlet', 'Speaker', 'speaker'),
    cites: counted('citesOfOutlet', 'Outlet', 'outlet'),
    exclusives: (o: Row, _a: Args, ctx: Context) => ctx.loaders.exclusivesOf.load(o.id),
  },

  Occasion: {
    statements: (o: Row, args: Args, ctx: Context) => ctx.loaders.statementsAt(pageSize(args.first, 50)).load(o.id),
  },

  Topic: {
    name: (t: Row) => t.name ?? t.id,
    statementCount: (t: Row, _a: Args, ctx: Context) => t.statementCount ?? ctx.loaders.statementCount.load(t.id),
    keywords: list('keywords'),
    broader: many('Topic', 'broaderIds'),
    narrower: many('Topic', 'narrowerIds'),
  },
};
