// The read-side Cypher's main shapes, built without a database (the builders are pure): any change of a query's
// shape shows here in review, as @neo4j/graphql's TCK tests show theirs.
import { describe, expect, it } from 'vitest';
import { speakerByNameQuery } from '../../src/graph/queries/lookup.js';
import { pageQuery } from '../../src/graph/queries/page.js';
import { tallyQuery } from '../../src/graph/queries/related.js';
import { searchQuery } from '../../src/graph/queries/search.js';
import { whoSaidColumns, whoSaidQuery } from '../../src/graph/queries/who-said.js';

const shape = (q: { cypher: string; params: Record<string, unknown> }) => ({
  cypher: q.cypher,
  params: Object.fromEntries(Object.entries(q.params).map(([k, v]) => [k, typeof v === 'object' && v && 'low' in v ? Number(v) : v])),
});

describe('query shapes', () => {
  it('a relation filter: quotes by speaker name on a topic, default sort', () => {
    expect(shape(pageQuery('Quote', { where: { speaker: { name: { eq: 'Ann Lee' } }, topic: { id: { eq: 'economy' } } }, skip: 0, limit: 21 })))
      .toMatchInlineSnapshot(`
        {
          "cypher": "MATCH (n:Quote) WHERE n.listKey IS NOT NULL AND EXISTS { MATCH (n)-[:ATTRIBUTED_TO]->(wv0:Speaker) WHERE any(wv1 IN [wv0.name] + coalesce(wv0.aliases, []) WHERE (wv1 = $w2)) } AND EXISTS { MATCH (n)-[:ABOUT]->(:Topic)-[:BROADER*0..]->(wv3:Topic) WHERE ((wv3.id = $w4)) }
        WITH n ORDER BY n.listKey SKIP $skip LIMIT $limit
        RETURN n{.*,
            articleId: head([(_a:Article)-[:QUOTES]->(n) | _a.id]),
            published: head([(_a:Article)-[:QUOTES]->(n) | _a.published]),
            statementId: head([(n)-[:REPORTS]->(_s:Statement) | _s.id]),
            speakerId: head([(n)-[:ATTRIBUTED_TO]->(_sp:Speaker) | _sp.id]),
            mention: head([(n)-[_m:ATTRIBUTED_TO]->(:Speaker) | _m{.*}]),
            relayedById: head([(n)-[:RELAYED_BY]->(_sp:Speaker) | _sp.id]),
            parentId: head([(n)-[:EMBEDDED_IN]->(_p:Quote) | _p.id]),
            topicIds: [(n)-[:ABOUT]->(_t:Topic) | _t.id]} AS node",
          "params": {
            "limit": 21,
            "skip": 0,
            "w2": "Ann Lee",
            "w4": "economy",
          },
        }
      `);
  });

  it('a list-property filter and the index-backed default sort of speakers', () => {
    expect(shape(pageQuery('Speaker', { where: { role: { contains: 'minister' } }, skip: 20, limit: 21 }))).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (n:Speaker) WHERE n.name IS NOT NULL AND any(wv0 IN coalesce(n.roles, []) WHERE (toLower(wv0) CONTAINS toLower($w1)))
      WITH n ORDER BY n.name ASC, n.id ASC SKIP $skip LIMIT $limit
      RETURN n{.id, .name, .aliases, .roles, .wikidata,
          type: CASE WHEN n:Organization THEN 'ORGANIZATION' ELSE 'PERSON' END,
          statementCount: COUNT { (n)-[:SAID]->() }} AS node",
        "params": {
          "limit": 21,
          "skip": 20,
          "w1": "minister",
        },
      }
    `);
  });

  it('whoSaid without a filter: the page off the rank index, reports only when selected', () => {
    expect(shape(whoSaidQuery({ topic: ' Economy ', first: 20, skip: 0, reports: false }))).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (t:Topic) WHERE t.id = $topic OR toLower(t.name) = $topic
      WITH t ORDER BY t.id = $topic DESC LIMIT 1
      CALL (t) { MATCH (n:Topic)-[:BROADER*0..]->(t) RETURN collect(DISTINCT n) AS scope }
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
      UNWIND CASE WHEN size(page) = 0 THEN [null] ELSE range(0, size(page) - 1) END AS i
      OPTIONAL CALL (page, i) {
        WITH page[i].sp AS sp, page[i].said AS said WHERE sp IS NOT NULL
        CALL (said) {
          UNWIND said AS s
          WITH s ORDER BY s.saidOn IS NULL, s.saidOn, s.id
          RETURN collect([s.id, s.canonical, s.saidOn, s.speakerId, s.referenceId, head([(s)-[:AT]->(_o:Occasion) | _o.id]), [(s)-[:ABOUT]->(_t:Topic) | _t.id], COUNT { ()-[:REPORTS]->(s) }]) AS statements
        }
        WITH sp, statements, [] AS reports, [] AS articles, [] AS outlets
        RETURN sp{.id, .name, .aliases, .roles, .wikidata,
          type: CASE WHEN sp:Organization THEN 'ORGANIZATION' ELSE 'PERSON' END,
          statementCount: COUNT { (sp)-[:SAID]->() }} AS speaker, statements, reports, articles, outlets
      }
      WITH t, scope, total, statementCount, i, speaker, statements, reports, articles, outlets ORDER BY i
      RETURN CASE WHEN coalesce(i, 0) = 0 THEN t{.id, .name, .description, .keywords, broaderIds: [(t)-[:BROADER]->(_b:Topic) | _b.id], narrowerIds: [(_n:Topic)-[:BROADER]->(t) | _n.id], statementCount: coalesce(t.statementCount, 0)} END AS topic,
             CASE WHEN coalesce(i, 0) = 0 THEN [n IN scope | n{.id, .name, .description, .keywords, broaderIds: [(n)-[:BROADER]->(_b:Topic) | _b.id], narrowerIds: [(_n:Topic)-[:BROADER]->(n) | _n.id], statementCount: coalesce(n.statementCount, 0)}] END AS covers,
             total, statementCount, speaker, statements, reports, articles, outlets",
        "params": {
          "first": 20,
          "skip": 0,
          "topic": "economy",
        },
      }
    `);
    expect(whoSaidQuery({ topic: 'economy', first: 20, reports: true }).cypher).toContain('MATCH (q)-[:REPORTS]->(s)');
    // the selection's fields only: no topic walk for statements that do not ask for topics, no article when none is selected
    const slim = whoSaidQuery({ topic: 'economy', first: 20, reports: true, statementFields: new Set(['id', 'canonical']), articleFields: new Set() }).cypher;
    expect(slim).not.toContain('topicIds');
    expect(slim).not.toContain('collect(DISTINCT a)');
    const titled = whoSaidQuery({ topic: 'economy', first: 20, reports: true, articleFields: new Set(['id', 'title']) }).cypher;
    expect(titled).toContain('[a IN articles | [a.id, a.title]]');
    expect(whoSaidColumns({ topic: 'economy', first: 20, articleFields: new Set(['id', 'title']), statementFields: new Set(['id']) })).toEqual({
      statements: ['id', 'canonical', 'saidOn', 'speakerId', 'referenceId'],
      articles: ['id', 'title'],
    });
  });

  it('whoSaid with a filter on statements: every statement in scope is looked at', () => {
    expect(shape(whoSaidQuery({ topic: 'economy', where: { saidOn: { gte: '2025-01-01' } }, first: 5, reports: true }))).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (t:Topic) WHERE t.id = $topic OR toLower(t.name) = $topic
      WITH t ORDER BY t.id = $topic DESC LIMIT 1
      CALL (t) { MATCH (n:Topic)-[:BROADER*0..]->(t) RETURN collect(DISTINCT n) AS scope }
      CALL (scope) {
        UNWIND scope AS n
        MATCH (sp:Speaker)-[:SAID]->(s:Statement)-[:ABOUT]->(n)
        WHERE ((s.saidOn >= date($w0)))
        WITH DISTINCT sp, s
        WITH sp, collect(s) AS said
        ORDER BY size(said) DESC, sp.name, sp.id
        WITH collect({sp: sp, said: said}) AS speakers
        RETURN size(speakers) AS total, reduce(k = 0, x IN speakers | k + size(x.said)) AS statementCount,
               speakers[$skip..$skip + $first] AS page
      }
      WITH t, scope, page, total, statementCount
      UNWIND CASE WHEN size(page) = 0 THEN [null] ELSE range(0, size(page) - 1) END AS i
      OPTIONAL CALL (page, i) {
        WITH page[i].sp AS sp, page[i].said AS said WHERE sp IS NOT NULL
        CALL (said) {
          UNWIND said AS s
          WITH s ORDER BY s.saidOn IS NULL, s.saidOn, s.id
          RETURN collect([s.id, s.canonical, s.saidOn, s.speakerId, s.referenceId, head([(s)-[:AT]->(_o:Occasion) | _o.id]), [(s)-[:ABOUT]->(_t:Topic) | _t.id], COUNT { ()-[:REPORTS]->(s) }]) AS statements
        }
        CALL (said) {
          // the model's relationship types say the labels (REPORTS from a Quote, QUOTES from an Article): no label check per row
          UNWIND said AS s
          WITH s, s.id AS key
          MATCH (q)-[:REPORTS]->(s)
          OPTIONAL MATCH (a)-[:QUOTES]->(q)
          // each property read once: for the order and for the report
          WITH key, q, a, a.published AS published, a.id AS articleId ORDER BY published IS NULL, published, articleId, q.start
          // a report needs only its wording and its article; Report.quote loads the whole quote when asked
          WITH collect([key, q.id, q.text, q.difference, articleId, published]) AS reports,
               collect(DISTINCT a) AS articles
          // each article projected once, not once per report; with its outlet when that is selected (no second round trip)
          CALL (articles) {
            UNWIND articles AS a
            WITH a, head([(a)-[:PUBLISHED_BY]->(o:Outlet) | o]) AS o
            RETURN collect([a.id, a.sourceId, a.title, a.url, a.published, a.byline, a.dateline, a.file, a.caption, substring(a.text, 0, 120), o.key]) AS projected, collect(o{.key, .name, id: o.key, articleCount: COUNT { ()-[:PUBLISHED_BY]->(o) }}) AS outlets
          }
          RETURN reports, projected AS articles, outlets
        }
        RETURN sp{.id, .name, .aliases, .roles, .wikidata,
          type: CASE WHEN sp:Organization THEN 'ORGANIZATION' ELSE 'PERSON' END,
          statementCount: COUNT { (sp)-[:SAID]->() }} AS speaker, statements, reports, articles, outlets
      }
      WITH t, scope, total, statementCount, i, speaker, statements, reports, articles, outlets ORDER BY i
      RETURN CASE WHEN coalesce(i, 0) = 0 THEN t{.id, .name, .description, .keywords, broaderIds: [(t)-[:BROADER]->(_b:Topic) | _b.id], narrowerIds: [(_n:Topic)-[:BROADER]->(t) | _n.id], statementCount: coalesce(t.statementCount, 0)} END AS topic,
             CASE WHEN coalesce(i, 0) = 0 THEN [n IN scope | n{.id, .name, .description, .keywords, broaderIds: [(n)-[:BROADER]->(_b:Topic) | _b.id], narrowerIds: [(_n:Topic)-[:BROADER]->(n) | _n.id], statementCount: coalesce(n.statementCount, 0)}] END AS covers,
             total, statementCount, speaker, statements, reports, articles, outlets",
        "params": {
          "first": 5,
          "skip": 0,
          "topic": "economy",
          "w0": "2025-01-01",
        },
      }
    `);
  });

  it('a ranked tally', () => {
    expect(shape(tallyQuery('outletsOfSpeakers', ['person:ann-lee']))).toMatchInlineSnapshot(`
      {
        "cypher": "UNWIND $keys AS key
      MATCH (:Speaker {id: key})-[k:QUOTED_BY]->(x:Outlet)
      WITH key, x, k.quotes AS count ORDER BY count DESC, x.name
      RETURN key, x.key AS ref, count, x{.key, .name, id: x.key, articleCount: COUNT { ()-[:PUBLISHED_BY]->(x) }} AS node",
        "params": {
          "keys": [
            "person:ann-lee",
          ],
        },
      }
    `);
  });

  it('search candidates and a speaker by name come from the full-text indexes', () => {
    expect(shape(searchQuery('"not for sale"^4 (not) (sale^2 sale~1)', ['QUOTE', 'SPEAKER'], { fields: new Set(['id', 'text', 'speaker']), speakers: true }))).toMatchInlineSnapshot(`
      {
        "cypher": "CALL () {
        CALL db.index.fulltext.queryNodes('quote_text', $q, {limit: 81})
        YIELD node, score
        RETURN 'QUOTE' AS kind, node.id AS id, [node.text] AS texts, score,
               node{.id, .text,
          speakerId: head([(node)-[:ATTRIBUTED_TO]->(_sp:Speaker) | _sp.id])} AS node, head([(node)-[:ATTRIBUTED_TO]->(sp:Speaker) | sp{.id, .name, .aliases, .roles, .wikidata,
          type: CASE WHEN sp:Organization THEN 'ORGANIZATION' ELSE 'PERSON' END,
          statementCount: COUNT { (sp)-[:SAID]->() }}]) AS speaker
        UNION ALL
        CALL db.index.fulltext.queryNodes('speaker_names', $q, {limit: 41})
        YIELD node, score
        RETURN 'SPEAKER' AS kind, node.id AS id, [node.name] + coalesce(node.aliases, []) AS texts, score,
               node{.id, .name, .aliases, .roles, .wikidata,
          type: CASE WHEN node:Organization THEN 'ORGANIZATION' ELSE 'PERSON' END,
          statementCount: COUNT { (node)-[:SAID]->() }} AS node, null AS speaker
      }
      RETURN kind, id, texts, score, node, speaker",
        "params": {
          "q": ""not for sale"^4 (not) (sale^2 sale~1)",
        },
      }
    `);
    expect(shape(speakerByNameQuery('Sheinbaum "x"'))).toMatchInlineSnapshot(`
      {
        "cypher": "CALL () {
        CALL db.index.fulltext.queryNodes('speaker_names', $phrase, {limit: $candidates}) YIELD node, score
        WITH node AS n, score WHERE toLower(n.name) = $name OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) = $name)
        RETURN n, CASE WHEN toLower(n.name) = $name THEN 2e9 ELSE 1e9 END AS rank
        UNION ALL
        CALL db.index.fulltext.queryNodes('speaker_names', $q, {limit: 5}) YIELD node, score
        RETURN node AS n, score AS rank
      }
      WITH n, max(rank) AS rank ORDER BY rank DESC, COUNT { (n)-[:SAID]->() } DESC, n.id LIMIT 1
      RETURN n{.id, .name, .aliases, .roles, .wikidata,
          type: CASE WHEN n:Organization THEN 'ORGANIZATION' ELSE 'PERSON' END,
          statementCount: COUNT { (n)-[:SAID]->() }} AS node",
        "params": {
          "candidates": 200,
          "name": "sheinbaum "x"",
          "phrase": ""Sheinbaum \\"x\\""",
          "q": ""sheinbaum x"^4 sheinbaum x",
        },
      }
    `);
  });
});
