// Thin resolvers over src/graph/queries.ts: top-level fields run one query; nested fields go through the
// request's DataLoaders by the ids each node carries (see `project` in queries.ts).
import { diffWords } from 'diff';
import { GraphQLScalarType, Kind, type GraphQLResolveInfo } from 'graphql';
import type { Graph } from '../db/driver.js';
import { luceneQuery, parseSearch } from '../graph/lucene.js';
import * as q from '../graph/queries.js';
import type { Entity, Row, SearchKind, SearchNodes } from '../graph/queries.js';
import { requireToken } from './auth.js';
import { userError } from './errors.js';
import { ingestArticles, type ArticleInput } from './ingest.js';
import { selectedFields, selects } from './lookahead.js';
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

async function loadOutlets(keys: string[], ctx: Context) {
  return (await ctx.loaders.Outlet.loadMany(keys)).filter((n) => n && !(n instanceof Error));
}

/** A ranked tally `{ref, count}` as `{<field>: node, count}`. */
const counted =
  (tally: 'topicsOfSpeaker' | 'outletsOfSpeaker' | 'speakersOfOutlet' | 'citesOfOutlet', entity: Entity, field: string): Resolver =>
  async (p, _a, ctx) =>
    (await ctx.loaders[tally].load(p.id)).map(({ ref, count }) => ({ [field]: ctx.loaders[entity].load(ref), count }));

const list = (field: string): Resolver => (p) => p[field] ?? [];

/** About the first twelve words, whitespace folded, "…" when cut. */
function openingWords(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length > 12 ? `${words.slice(0, 12).join(' ')}…` : words.join(' ');
}

async function outletOfArticle(articleId: string | null, ctx: Context) {
  const article = articleId ? await ctx.loaders.Article.load(articleId) : null;
  return article?.outletKey ? ctx.loaders.Outlet.load(article.outletKey) : null;
}

/** Word-level changes from the canonical wording to this one. */
function changes(canonical: string, wording: string) {
  return diffWords(canonical ?? '', wording).map((c) => ({ value: c.value, op: c.added ? 'ADDED' : c.removed ? 'REMOVED' : 'SAME' }));
}

/** `search` keeps its original kinds; `searchResults` looks in article text too. */
const SEARCH_KINDS: SearchKind[] = ['QUOTE', 'STATEMENT', 'SPEAKER'];
const ALL_KINDS: SearchKind[] = [...SEARCH_KINDS, 'ARTICLE'];

/**
 * Every hit of a search, ranked (lucene.ts), with one page of them as nodes. Lucene finds the candidates, each
 * projected for `nodes` (the page's selection); the ranking keeps those that answer the query and says where it
 * matched. The nodes stay with the hits (they may lack what another field of the request needs); the speakers,
 * whole, go to their loader.
 */
async function runSearch(args: Args, ctx: Context, defaults: SearchKind[], offset: number, size: number, nodes: SearchNodes) {
  const text = String(args.text);
  if (!text.trim()) throw userError('search text is empty');
  if (text.length > 500) throw userError('search text is longer than 500 characters');
  const kinds: SearchKind[] = args.kinds?.length ? [...new Set<SearchKind>(args.kinds)] : defaults;
  const terms = parseSearch(text);
  const lucene = luceneQuery(text);
  const { ranked, lowerBound, candidates } = lucene
    ? await q.searchHits(ctx.graph, { terms, lucene, exact: luceneQuery(text, { fuzzy: false }) }, kinds, offset + size + 1, nodes)
    : { ranked: [], lowerBound: false, candidates: [] };
  const found = new Map(candidates.map((c) => [`${c.kind} ${c.id}`, c]));
  for (const c of candidates) if (c.speaker) ctx.loaders.Speaker.prime(c.speaker.id, c.speaker);
  const hits = ranked.slice(offset, offset + size + 1).map((h) => {
    const entity = q.SEARCH_INDEX[h.kind as SearchKind].entity;
    return { ...h, node: { ...found.get(`${h.kind} ${h.id}`)!.node, __typename: entity } };
  });
  return { query: { kinds, phrases: terms.phrases.map((p) => p.join(' ')), words: terms.words, lucene }, total: ranked.length, lowerBound, hits };
}

/** What a page of search hits selects on its nodes (`at`: the path to them). */
const searchNodes = (info: GraphQLResolveInfo, at: string): SearchNodes => ({
  fields: selectedFields(info, at),
  speakers: selects(info, `${at}.speaker`),
});

export const resolvers = {
  Date: DateScalar,

  Query: {
    async whoSaid(_p: unknown, args: Args, ctx: Context, info: GraphQLResolveInfo) {
      const topic = String(args.topic).trim();
      if (!topic) throw userError('topic is empty');
      const size = pageSize(args.first, 20);
      const offset = offsetAfter(args.after);
      const reports = selects(info, 'speakers.statements.reports');
      // statements and articles projected for this selection only: they stay in the answer, out of the loaders
      const articleFields = selectedFields(info, 'speakers.statements.reports.article');
      if (selects(info, 'speakers.statements.reports.outlet')) articleFields.add('outlet');
      const answer = await q.whoSaid(ctx.graph, {
        topic,
        where: args.where,
        first: size,
        skip: offset,
        reports,
        statementFields: selectedFields(info, 'speakers.statements'),
        articleFields,
      });
      if (!answer) throw userError(`no topic ${JSON.stringify(topic.slice(0, 80))}: see the topics query for the ids`, 'NOT_FOUND');
      primeAll(ctx.loaders.Topic, [answer.topic, ...answer.covers]);
      primeAll(ctx.loaders.Speaker, answer.speakers.map((s) => s.speaker));
      primeAll(ctx.loaders.Outlet, answer.outlets);
      // the page's statements carry their reports, and each report its article and outlet: fields of hundreds of
      // objects resolve as plain values, not one loader promise each (the busiest topic's page: 928 objects)
      if (reports) {
        const articles = new Map(answer.articles.map((a) => [a.id, a]));
        const outlets = new Map(answer.outlets.map((o) => [o.key, o]));
        const byStatement = new Map<string, Row[]>();
        for (const st of answer.speakers.flatMap((s) => s.statements)) byStatement.set(st.id, (st.reports = []));
        for (const { key, node } of answer.reports) {
          const report: Row = node;
          report.article = articles.get(node.articleId!);
          if (report.article && 'outletKey' in report.article) report.outlet = outlets.get(report.article.outletKey) ?? null;
          byStatement.get(key)?.push(report);
        }
      }
      const page = connection(answer.speakers, offset, size, async () => answer.total);
      return {
        ...answer,
        totalCount: answer.total,
        pageInfo: { ...page.pageInfo, hasNextPage: offset + answer.speakers.length < answer.total },
        scope: { topic: answer.topic.id, where: args.where },
      };
    },
    quotes: listing('Quote'),
    statements: listing('Statement'),
    speakers: listing('Speaker'),
    outlets: listing('Outlet'),
    topics: listing('Topic'),
    articles: listing('Article'),
    occasions: listing('Occasion'),

    async search(_p: unknown, args: Args, ctx: Context, info: GraphQLResolveInfo) {
      const size = pageSize(args.first, 20);
      return (await runSearch(args, ctx, SEARCH_KINDS, 0, size, searchNodes(info, 'node'))).hits.slice(0, size);
    },

    async searchResults(_p: unknown, args: Args, ctx: Context, info: GraphQLResolveInfo) {
      const size = pageSize(args.first, 20);
      const offset = offsetAfter(args.after);
      const { query, total, lowerBound, hits } = await runSearch(args, ctx, ALL_KINDS, offset, size, searchNodes(info, 'edges.node.node'));
      return { query, totalIsLowerBound: lowerBound, ...connection(hits, offset, size, async () => total) };
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

  WhoSaid: {
    outlets: async (w: Row, args: Args, ctx: Context) =>
      (await q.whoSaidOutlets(ctx.graph, w.scope.topic, w.scope.where, pageSize(args.first, 20))).map(({ ref, count }) => ({
        outlet: ctx.loaders.Outlet.load(ref),
        count,
      })),
  },

  Statement: {
    speaker: one('Speaker', 'speakerId'),
    topics: many('Topic', 'topicIds'),
    reference: one('Quote', 'referenceId'),
    occasion: one('Occasion', 'occasionId'),
    reports(s: Row, _a: Args, ctx: Context) {
      const reportsOf = (quotes: Row[]) => quotes.map((quote) => ({ quote, canonical: s.canonical }));
      return s.reports ? reportsOf(s.reports) : ctx.loaders.reportsOf.load(s.id).then(reportsOf);
    },
  },

  // a headline report carries its article, projected for the answer's selection, and its outlet when that is selected
  Report: {
    quote: (r: Row, _a: Args, ctx: Context) => ctx.loaders.Quote.load(r.quote.id),
    article: (r: Row, _a: Args, ctx: Context) => r.quote.article ?? ctx.loaders.Article.load(r.quote.articleId),
    outlet: (r: Row, _a: Args, ctx: Context) => ('outlet' in r.quote ? r.quote.outlet : outletOfArticle(r.quote.articleId, ctx)),
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
    statements: (s: Row, args: Args, ctx: Context) => ctx.loaders.statementsOf(pageSize(args.first, 50), offsetAfter(args.after)).load(s.id),
    topics: counted('topicsOfSpeaker', 'Topic', 'topic'),
    quotedBy: counted('outletsOfSpeaker', 'Outlet', 'outlet'),
  },

  Article: {
    byline: list('byline'),
    caption: (a: Row) => a.caption ?? a.title ?? a.file?.split('/').pop() ?? a.id,
    opening: (a: Row) => openingWords(a.opening ?? ''),
    text: async (a: Row, _a: Args, ctx: Context) => (await ctx.loaders.articleText.load(a.id)) ?? '',
    outlet: one('Outlet', 'outletKey'),
    basedOn: async (a: Row, _a: Args, ctx: Context) => loadOutlets((await ctx.loaders.outletLinks.load(a.id)).basedOn, ctx),
    cites: async (a: Row, _a: Args, ctx: Context) => loadOutlets((await ctx.loaders.outletLinks.load(a.id)).cites, ctx),
    quotes: (a: Row, _a: Args, ctx: Context) => ctx.loaders.quotesOfArticle.load(a.id),
  },

  Outlet: {
    articles: (o: Row, args: Args, ctx: Context) => ctx.loaders.articlesOf(pageSize(args.first, 20), offsetAfter(args.after)).load(o.id),
    quotes: counted('speakersOfOutlet', 'Speaker', 'speaker'),
    cites: counted('citesOfOutlet', 'Outlet', 'outlet'),
    exclusives: (o: Row, _a: Args, ctx: Context) => ctx.loaders.exclusivesOf.load(o.id),
  },

  Occasion: {
    statements: (o: Row, args: Args, ctx: Context) => ctx.loaders.statementsAt(pageSize(args.first, 50)).load(o.id),
  },

  Topic: {
    name: (t: Row) => t.name ?? t.id,
    statementCount: (t: Row) => t.statementCount ?? 0,
    keywords: list('keywords'),
    broader: many('Topic', 'broaderIds'),
    narrower: many('Topic', 'narrowerIds'),
  },
};
