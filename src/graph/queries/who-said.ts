// The headline: who said what on a topic (its narrower topics included), a page of speakers at a time.
// Without a filter the page comes off the SPOKE_ON rank index (the tallies the ingest keeps, cypher.ts), so it
// costs its 20 speakers, not the topic's 800; a `where` on statements must look at every statement in scope.
import { project, tuple, type Fields } from './project.js';
import { int, type Query, type Row } from './run.js';
import { WhereBuilder } from './where.js';

export interface WhoSaidRow {
  topic: Row;
  covers: Row[];
  /** This page: speakers with their statements. */
  speakers: { speaker: Row; statements: Row[] }[];
  /** Speakers and statements over every page. */
  total: number;
  statementCount: number;
  /** `{key: statement id, node: quote}`, earliest publication first, with the articles they are in. */
  reports: Report[];
  articles: Row[];
  /** The articles' outlets (when the reports' outlets are selected). */
  outlets: Row[];
}

export interface Report {
  key: string;
  node: { id: string; text: string; difference: string | null; articleId: string | null; published: string | null };
}

/**
 * A report as the query returns it, the list [statement id, quote id, text, difference, article id, published]:
 * a page holds hundreds, and the driver decodes every key of a map as a string of its own (the busiest topic's
 * query with maps: 9.3 ms p50, with lists: 7.5 ms).
 */
export function reportOf([key, id, text, difference, articleId, published]: unknown[]): Report {
  return { key, node: { id, text, difference, articleId, published } } as Report;
}

export interface WhoSaidArgs {
  topic: string;
  where?: Row | null;
  first: number;
  skip?: number;
  /** The answer selects reports (else they are not read at all). */
  reports?: boolean;
  /** The fields the answer selects on the page's statements (all, when not given). */
  statementFields?: Fields;
  /** The fields it selects on the reports' articles, `outlet` for the reports' outlets (all, when not given; none: no article is read). */
  articleFields?: Fields;
}

/** The topic (by id, else by name) and every narrower topic: the scope of a headline answer. */
const TOPIC_SCOPE = `MATCH (t:Topic) WHERE t.id = $topic OR toLower(t.name) = $topic
WITH t ORDER BY t.id = $topic DESC LIMIT 1
CALL (t) { MATCH (n:Topic)-[:BROADER*0..]->(t) RETURN collect(DISTINCT n) AS scope }`;

/** Every report of a speaker's statements `said` with its article (or nothing, when none is selected). */
function reportsPart(args: WhoSaidArgs): string {
  if (!args.reports) return `WITH sp, statements, [] AS reports, [] AS articles, [] AS outlets`;
  const articles = args.articleFields && !args.articleFields.size ? '' : `,
         collect(DISTINCT a) AS articles`;
  const outlets = articles && (!args.articleFields || args.articleFields.has('outlet'));
  return `CALL (said) {
    // the model's relationship types say the labels (REPORTS from a Quote, QUOTES from an Article): no label check per row
    UNWIND said AS s
    WITH s, s.id AS key
    MATCH (q)-[:REPORTS]->(s)
    OPTIONAL MATCH (a)-[:QUOTES]->(q)
    // each property read once: for the order and for the report
    WITH key, q, a, a.published AS published, a.id AS articleId ORDER BY published IS NULL, published, articleId, q.start
    // a report needs only its wording and its article; Report.quote loads the whole quote when asked
    WITH collect([key, q.id, q.text, q.difference, articleId, published]) AS reports${articles}
    // each article projected once, not once per report; with its outlet when that is selected (no second round trip)
    ${
      !articles
        ? 'RETURN reports, [] AS articles, [] AS outlets'
        : !outlets
          ? `RETURN reports, [a IN articles | ${tuple.Article('a', args.articleFields).cypher}] AS articles, [] AS outlets`
          : `CALL (articles) {
      UNWIND articles AS a
      WITH a, head([(a)-[:PUBLISHED_BY]->(o:Outlet) | o]) AS o
      RETURN collect(${tuple.Article('a', args.articleFields, 'o.key').cypher}) AS projected, collect(${project.Outlet('o')}) AS outlets
    }
    RETURN reports, projected AS articles, outlets`
    }
  }`;
}

/**
 * One row per speaker of the page `{sp, said}`, in page order (the first also carries the topic; an empty page
 * gives that row alone): rows of a few kilobytes, not one row of the whole answer, which the driver decodes
 * several times slower (every string of a record spanning many Bolt chunks is decoded across all of them).
 */
function pageRows(args: WhoSaidArgs): string {
  return `UNWIND CASE WHEN size(page) = 0 THEN [null] ELSE range(0, size(page) - 1) END AS i
OPTIONAL CALL (page, i) {
  WITH page[i].sp AS sp, page[i].said AS said WHERE sp IS NOT NULL
  CALL (said) {
    UNWIND said AS s
    WITH s ORDER BY s.saidOn IS NULL, s.saidOn, s.id
    RETURN collect(${tuple.Statement('s', args.statementFields).cypher}) AS statements
  }
  ${reportsPart(args)}
  RETURN ${project.Speaker('sp')} AS speaker, statements, reports, articles, outlets
}
WITH t, scope, total, statementCount, i, speaker, statements, reports, articles, outlets ORDER BY i
RETURN CASE WHEN coalesce(i, 0) = 0 THEN ${project.Topic('t')} END AS topic,
       CASE WHEN coalesce(i, 0) = 0 THEN [n IN scope | ${project.Topic('n')}] END AS covers,
       total, statementCount, speaker, statements, reports, articles, outlets`;
}

/** The keys of the page's statements and articles, which the query returns as lists (project.ts `tuple`). */
export const whoSaidColumns = (args: WhoSaidArgs) => ({
  statements: tuple.Statement('s', args.statementFields).keys,
  articles: tuple.Article('a', args.articleFields).keys,
});

/**
 * Speakers with their statements on a topic or any narrower one, most statements first, one page of them, and
 * (when selected) every report of those statements with its article: the answer in one round trip.
 */
export function whoSaidQuery(args: WhoSaidArgs): Query {
  const params = { topic: args.topic.trim().toLowerCase(), first: int(args.first), skip: int(args.skip ?? 0) };
  if (args.where && Object.keys(args.where).length) return filtered(args, params);
  return {
    cypher: `${TOPIC_SCOPE}
CALL (t, scope) {
  // the rank starts with the topic's id: its speakers, most statements first, in the index's order
  MATCH (sp:Speaker)-[r:SPOKE_ON]->(:Topic) WHERE r.rank STARTS WITH t.id + '\\u0000'
  WITH sp, r ORDER BY r.rank SKIP $skip LIMIT $first
  // the tally lists the statements in scope: one index seek each, not a walk over all the speaker's statements
  // (a graph whose tallies predate the list, until its next ingest recomputes them, walks them)
  CALL (sp, r, scope) {
    UNWIND r.statementIds AS id
    MATCH (s:Statement {id: id})
    RETURN s
    UNION
    WITH sp, r, scope WHERE r.statementIds IS NULL
    MATCH (sp)-[:SAID]->(s:Statement)-[:ABOUT]->(n:Topic) WHERE n IN scope
    RETURN s
  }
  WITH r, sp, collect(s) AS said ORDER BY r.rank
  RETURN collect({sp: sp, said: said}) AS page
}
WITH t, scope, page, coalesce(t.speakerCount, 0) AS total, coalesce(t.statementCount, 0) AS statementCount
${pageRows(args)}`,
    params,
  };
}

/** With a filter on statements: every statement in scope is matched, grouped by speaker and ranked. */
function filtered(args: WhoSaidArgs, params: Row): Query {
  const w = new WhereBuilder();
  const pred = w.build('Statement', 's', args.where);
  return {
    cypher: `${TOPIC_SCOPE}
CALL (scope) {
  UNWIND scope AS n
  MATCH (sp:Speaker)-[:SAID]->(s:Statement)-[:ABOUT]->(n)
  WHERE ${pred}
  WITH DISTINCT sp, s
  WITH sp, collect(s) AS said
  ORDER BY size(said) DESC, sp.name, sp.id
  WITH collect({sp: sp, said: said}) AS speakers
  RETURN size(speakers) AS total, reduce(k = 0, x IN speakers | k + size(x.said)) AS statementCount,
         speakers[$skip..$skip + $first] AS page
}
WITH t, scope, page, total, statementCount
${pageRows(args)}`,
    params: { ...params, ...w.params },
  };
}

/** Outlets that reported a topic's statements (the same scope and filter as whoSaid), most quotes first. */
export function whoSaidOutletsQuery(topic: string, where: Row | null | undefined, first: number): Query {
  const w = new WhereBuilder();
  const pred = w.build('Statement', 's', where);
  return {
    cypher: `${TOPIC_SCOPE}
CALL (scope) {
  UNWIND scope AS n
  MATCH (:Speaker)-[:SAID]->(s:Statement)-[:ABOUT]->(n)
  WHERE ${pred}
  RETURN DISTINCT s
}
MATCH (s)<-[:REPORTS]-(q:Quote)<-[:QUOTES]-(:Article)-[:PUBLISHED_BY]->(o:Outlet)
WITH o, count(DISTINCT q) AS count ORDER BY count DESC, o.name, o.key LIMIT $first
RETURN o.key AS ref, count`,
    params: { ...w.params, topic: topic.trim().toLowerCase(), first: int(first) },
  };
}
