// Every Cypher statement the ingest runs, in one place (read-side analyst/API Cypher lives in queries.ts).
// All take parameters, never text built from input. Each write is `UNWIND $rows ... MERGE` on a key with a
// uniqueness constraint (cypher/schema/001_constraints.cypher), so one statement writes a whole batch.
// Statements that remove relationships return the ids they touched, so orphans are looked for only there.

/**
 * Every batch write first claims the graph: a lock on the one IngestState node, held to the end of the
 * transaction, so batch writes of concurrent ingests run one after another. The version read under the lock
 * tells whether anything was written since the batch was planned (then it is planned again).
 */
export const CLAIM_GRAPH = `
MERGE (g:IngestState {id: 'graph'})
ON CREATE SET g.version = 0
SET g.claimed = true`;

export const GRAPH_VERSION = `
OPTIONAL MATCH (g:IngestState {id: 'graph'})
RETURN coalesce(g.version, 0) AS version`;

export const RELEASE_GRAPH = `
MATCH (g:IngestState {id: 'graph'})
SET g.version = g.version + 1
REMOVE g.claimed`;

/** The taxonomy: topics and their hierarchy, replaced as a whole set of BROADER links per topic. */
export const MERGE_TOPICS = `
UNWIND $topics AS r
MERGE (t:Topic {id: r.id})
SET t.name = r.name, t.description = r.description, t.keywords = r.keywords
WITH t, r
CALL (t) { MATCH (t)-[old:BROADER]->() DELETE old }
CALL (t, r) { UNWIND r.broader AS b MATCH (p:Topic {id: b}) MERGE (t)-[:BROADER]->(p) }`;

/**
 * Articles an edit replaces: same file or same url as an article of this batch, but another id (the id comes
 * from the content). Used by the write (to delete them) and by the dry run (to report them).
 */
const STALE_ARTICLES = `
UNWIND $files AS f
CALL (f) {
  MATCH (a:Article {file: f.file}) RETURN a
  UNION
  UNWIND f.urls AS url MATCH (a:Article {url: url}) RETURN a
}
WITH DISTINCT a, f WHERE NOT a.id IN f.ids`;

export const FIND_STALE_ARTICLES = `${STALE_ARTICLES}
RETURN a.id AS id, a.file AS file, a.url AS url`;

/** Deletes replaced articles with their quotes; returns what may now be orphaned. */
export const DELETE_STALE_ARTICLES = `${STALE_ARTICLES}
OPTIONAL MATCH (a)-[:QUOTES]->(q:Quote)
OPTIONAL MATCH (q)-[:REPORTS]->(st:Statement)
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO|RELAYED_BY]->(sp:Speaker)
OPTIONAL MATCH (a)-[:PUBLISHED_BY|BASED_ON|CITES]->(o:Outlet)
WITH collect(DISTINCT a) AS articles, collect(DISTINCT q) AS quotes,
     collect(DISTINCT st.id) AS statements, collect(DISTINCT sp.id) AS speakers, collect(DISTINCT o.key) AS outlets
FOREACH (q IN quotes | DETACH DELETE q)
FOREACH (a IN articles | DETACH DELETE a)
RETURN size(articles) AS articles, statements, speakers, outlets`;

export const MERGE_OUTLETS = `
UNWIND $outlets AS r
MERGE (o:Outlet {key: r.key})
SET o.name = r.name`;

/** Articles with their outlet links (the links are replaced: an edit may change them). */
export const MERGE_ARTICLES = `
UNWIND $articles AS r
MERGE (a:Article {id: r.id})
SET a.sourceId = r.sourceId, a.title = r.title, a.url = r.url, a.published = date(r.published),
    a.byline = r.byline, a.dateline = r.dateline, a.file = r.file, a.text = r.text, a.offset = r.offset,
    a.caption = coalesce(r.title, last(split(r.file, '/'))), a.digest = r.digest
WITH a, r
CALL (a) { MATCH (a)-[old:PUBLISHED_BY|BASED_ON|CITES]->() DELETE old }
CALL (a, r) { MATCH (o:Outlet {key: r.outlet}) MERGE (a)-[:PUBLISHED_BY]->(o) }
CALL (a, r) { UNWIND r.basedOn AS k MATCH (o:Outlet {key: k}) MERGE (a)-[:BASED_ON]->(o) }
CALL (a, r) { UNWIND r.cites AS k MATCH (o:Outlet {key: k}) MERGE (a)-[:CITES]->(o) }`;

/** Speakers; aliases and roles accumulate (another article may name the same person differently). */
export const MERGE_SPEAKERS = `
UNWIND $speakers AS r
MERGE (s:Speaker {id: r.id})
SET s.name = r.name, s.wikidata = r.wikidata,
    s.aliases = [x IN coalesce(s.aliases, []) WHERE NOT x IN r.aliases] + r.aliases,
    s.roles = [x IN coalesce(s.roles, []) WHERE NOT x IN r.roles] + r.roles
SET s.aliasText = reduce(t = s.name, x IN s.aliases | t + ' | ' + x)
FOREACH (_ IN CASE r.type WHEN 'person' THEN [1] ELSE [] END | SET s:Person REMOVE s:Organization)
FOREACH (_ IN CASE r.type WHEN 'organization' THEN [1] ELSE [] END | SET s:Organization REMOVE s:Person)`;

/**
 * The key of a listing's default order (newest first, undated first as Cypher's DESC puts them, then by id) as
 * one string whose ascending order is that order, so a range index hands out any page of it in order
 * (cypher/schema/008_listing_order.cypher; src/graph/queries/page.ts reads it).
 */
export const newestFirstKey = (date: string, id: string) =>
  `CASE WHEN ${date} IS NULL THEN '0' ELSE '1' + toString(99999999 - (${date}.year * 10000 + ${date}.month * 100 + ${date}.day)) END + ${id}`;

/**
 * Statements hang off their one speaker: a SAID from any other speaker is removed (that speaker is returned, it
 * may be left with nothing). The embedding resolution computed is kept, so a later run compares new wordings
 * with it without embedding it again.
 */
export const MERGE_STATEMENTS = `
UNWIND $statements AS r
MATCH (sp:Speaker {id: r.speakerId})
MERGE (st:Statement {id: r.id})
SET st.canonical = r.canonical, st.saidOn = date(r.saidOn), st.speakerId = r.speakerId, st.topics = r.topics,
    st.embedding = coalesce(r.embedding, st.embedding)
SET st.listKey = ${newestFirstKey('st.saidOn', 'st.id')}
WITH st, sp
CALL (st, sp) {
  OPTIONAL MATCH (other:Speaker)-[old:SAID]->(st) WHERE other <> sp
  DELETE old
  RETURN collect(other.id) AS others
}
MERGE (sp)-[:SAID]->(st)
RETURN reduce(all = [], x IN collect(others) | all + x) AS speakers`;

/** Quotes an article no longer has (its text is the same but extraction changed); returns possible orphans. */
export const DELETE_DROPPED_QUOTES = `
UNWIND $articles AS r
MATCH (:Article {id: r.id})-[:QUOTES]->(q:Quote) WHERE NOT q.id IN r.quoteIds
OPTIONAL MATCH (q)-[:REPORTS]->(st:Statement)
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO|RELAYED_BY]->(sp:Speaker)
WITH collect(DISTINCT q) AS quotes, collect(DISTINCT st.id) AS statements, collect(DISTINCT sp.id) AS speakers
FOREACH (q IN quotes | DETACH DELETE q)
RETURN statements, speakers`;

/** The links a quote gets from resolution are replaced on every write; returns where they pointed. */
export const UNLINK_QUOTES = `
UNWIND $quotes AS r
MATCH (q:Quote {id: r.id})-[old:REPORTS|ATTRIBUTED_TO|RELAYED_BY|ABOUT|EMBEDDED_IN]->(x)
WITH old, x, x.id AS id
DELETE old
RETURN collect(DISTINCT CASE WHEN x:Statement THEN id END) AS statements,
       collect(DISTINCT CASE WHEN x:Speaker THEN id END) AS speakers`;

export const MERGE_QUOTES = `
UNWIND $quotes AS r
MATCH (a:Article {id: r.articleId})
MERGE (q:Quote {id: r.id})
SET q.text = r.text, q.kind = r.kind, q.start = r.start, q.end = r.end, q.cue = r.cue, q.confidence = r.confidence,
    q.difference = r.difference, q.saidOn = date(r.saidOn), q.topics = r.topics, q.relayedBy = r.relayedBy,
    q.saidOnFrom = r.saidOnFrom, q.listKey = ${newestFirstKey('a.published', 'r.id')}
MERGE (a)-[:QUOTES]->(q)
WITH q, r
CALL (q, r) { MATCH (st:Statement {id: r.statement}) CREATE (q)-[:REPORTS]->(st) }
CALL (q, r) {
  MATCH (sp:Speaker {id: r.speakerId})
  CREATE (q)-[m:ATTRIBUTED_TO]->(sp)
  SET m.mention = r.mention.text, m.start = r.mention.start, m.end = r.mention.end, m.role = r.role,
      m.cue = r.cue, m.confidence = r.confidence
}
CALL (q, r) { MATCH (sp:Speaker {id: r.relayedById}) CREATE (q)-[:RELAYED_BY]->(sp) }
CALL (q, r) { UNWIND r.topics AS id MATCH (t:Topic {id: id}) CREATE (q)-[:ABOUT]->(t) }`;

/** Second pass, once every quote of the batch exists. */
export const LINK_EMBEDDED = `
UNWIND $embedded AS r
MATCH (q:Quote {id: r.id}), (p:Quote {id: r.parentId})
CREATE (q)-[:EMBEDDED_IN]->(p)`;

/** The quote whose wording is a statement's reference (`canonical` is its text). */
export const SET_REFERENCES = `
UNWIND $statements AS r
MATCH (st:Statement {id: r.id})
SET st.referenceId = r.referenceId`;

/**
 * Where each statement was said: its Occasion (id from content; a place or medium, once named, stays), the AT link
 * replaced, since a later run may name the occasion better. Returns the occasions the links pointed at before.
 */
export const LINK_OCCASIONS = `
UNWIND $statements AS r
MATCH (st:Statement {id: r.id})
CALL (st) { OPTIONAL MATCH (st)-[old:AT]->(was:Occasion) DELETE old RETURN collect(was.id) AS before }
CALL (st, r) {
  WITH st, r WHERE r.occasion IS NOT NULL
  MERGE (o:Occasion {id: r.occasion.id})
  SET o.kind = r.occasion.kind, o.date = date(r.occasion.date),
      o.place = coalesce(o.place, r.occasion.place), o.medium = coalesce(o.medium, r.occasion.medium)
  MERGE (st)-[:AT]->(o)
}
UNWIND before AS b
RETURN collect(DISTINCT b) AS occasions`;

/** Stored quotes of this batch's statements whose difference changed: the statement's reference did. */
export const SET_DIFFERENCES = `
UNWIND $differences AS r
MATCH (q:Quote {id: r.id})
SET q.difference = r.difference`;

/** The occasions of statements about to be looked at for orphans (they go with a statement deleted). */
export const OCCASIONS_OF_STATEMENTS = `
UNWIND $ids AS id
MATCH (:Statement {id: id})-[:AT]->(o:Occasion)
RETURN collect(DISTINCT o.id) AS occasions`;

/** Occasions no statement was said at any more. */
export const DELETE_ORPHAN_OCCASIONS = `
UNWIND $ids AS id
MATCH (o:Occasion {id: id}) WHERE NOT (o)<-[:AT]-()
DELETE o
RETURN count(*) AS occasions`;

/** A statement is about what its quotes are about, plus what resolution found for it as a whole. */
export const RETOPIC_STATEMENTS = `
UNWIND $ids AS id
MATCH (st:Statement {id: id})
CALL (st) { MATCH (st)-[old:ABOUT]->() DELETE old }
CALL (st) {
  OPTIONAL MATCH (st)<-[:REPORTS]-(:Quote)-[:ABOUT]->(t:Topic)
  WITH st, collect(t.id) + coalesce(st.topics, []) AS ids
  UNWIND ids AS tid
  WITH DISTINCT st, tid
  MATCH (t:Topic {id: tid})
  CREATE (st)-[:ABOUT]->(t)
}`;

/**
 * What the API ranks by, kept with the graph so a page costs what it shows: one SPOKE_ON per speaker and topic
 * they spoke on, narrower topics included (`statements`: distinct statements in that scope, `statementIds`: their
 * ids, `reports`: the quotes reporting them), and `rank`, a key whose order is the headline's order (topic, most statements first,
 * then name, then id), so a range index hands out a topic's page in order. Recomputed from the graph for the
 * speakers a batch touched (never incremented), so a re-ingest or a run after a crash gives the same graph.
 * Also QUOTED_BY per speaker and outlet (`quotes`: how many of the speaker's quotes the outlet's articles carry).
 * Returns the topics whose tallies may have changed, old and new.
 */
export const REFRESH_SPOKE_ON = `
UNWIND $speakerIds AS id
MATCH (sp:Speaker {id: id})
CALL (sp) {
  OPTIONAL MATCH (sp)-[old:SPOKE_ON]->(t:Topic)
  DELETE old
  RETURN collect(t.id) AS before
}
CALL (sp) {
  MATCH (sp)-[:SAID]->(s:Statement)-[:ABOUT]->(:Topic)-[:BROADER*0..]->(t:Topic)
  // in id order: a list stored in the graph must not follow the store's order (a rerun after a crash would differ)
  WITH DISTINCT t, s ORDER BY s.id
  WITH t, collect(s) AS said
  WITH t, said, size(said) AS statements, reduce(n = 0, s IN said | n + COUNT { ()-[:REPORTS]->(s) }) AS reports
  CREATE (sp)-[r:SPOKE_ON {statements: statements, reports: reports, statementIds: [s IN said | s.id]}]->(t)
  SET r.rank = t.id + '\\u0000' + toString(10000000000 - statements) + '\\u0000' + sp.name + '\\u0000' + sp.id
  RETURN collect(t.id) AS after
}
CALL (sp) {
  // and whom they were quoted by: one QUOTED_BY per outlet, with how many of their quotes it carried
  OPTIONAL MATCH (sp)-[old:QUOTED_BY]->(:Outlet)
  DELETE old
}
CALL (sp) {
  MATCH (sp)<-[:ATTRIBUTED_TO]-(q:Quote)<-[:QUOTES]-(:Article)-[:PUBLISHED_BY]->(o:Outlet)
  WITH o, count(DISTINCT q) AS quotes
  CREATE (sp)-[:QUOTED_BY {quotes: quotes}]->(o)
}
UNWIND before + after AS topic
RETURN collect(DISTINCT topic) AS topics`;

/** Speakers of the given statements (whose topics or quotes a batch changed): their tallies are refreshed. */
export const SPEAKERS_OF_STATEMENTS = `
UNWIND $ids AS id
MATCH (sp:Speaker)-[:SAID]->(:Statement {id: id})
RETURN collect(DISTINCT sp.id) AS speakers`;

/** A topic's totals over its speakers' tallies (one speaker per statement, so the sum counts each once). */
export const REFRESH_TOPIC_COUNTS = `
UNWIND $ids AS id
MATCH (t:Topic {id: id})
CALL (t) {
  OPTIONAL MATCH (:Speaker)-[r:SPOKE_ON]->(t)
  RETURN count(r) AS speakers, coalesce(sum(r.statements), 0) AS statements
}
SET t.speakerCount = speakers, t.statementCount = statements`;

/** Every speaker and topic, for a graph written before the tallies existed or after the hierarchy changed. */
export const ALL_SPEAKER_IDS = `MATCH (sp:Speaker) RETURN sp.id AS id ORDER BY id`;
export const ALL_TOPIC_IDS = `MATCH (t:Topic) RETURN t.id AS id ORDER BY id`;
export const BROADER_LINKS = `MATCH (t:Topic)-[:BROADER]->(b:Topic) RETURN t.id + '>' + b.id AS link ORDER BY link`;

/** The listing keys of a graph written before them (newestFirstKey). */
export const SET_LIST_KEYS = `
CALL () { MATCH (a:Article)-[:QUOTES]->(q:Quote) SET q.listKey = ${newestFirstKey('a.published', 'q.id')} }
CALL () { MATCH (st:Statement) SET st.listKey = ${newestFirstKey('st.saidOn', 'st.id')} }`;

/** Which tallies the graph holds (null: written before them). */
export const COUNTS_VERSION = `OPTIONAL MATCH (g:IngestState {id: 'graph'}) RETURN g.counts AS counts`;
export const SET_COUNTS_VERSION = `
MERGE (g:IngestState {id: 'graph'})
ON CREATE SET g.version = 0
SET g.counts = $counts
REMOVE g.claimed`;

/** Statements no quote reports any more, then speakers nothing points at, then outlets no article names. */
export const DELETE_ORPHAN_STATEMENTS = `
UNWIND $ids AS id
MATCH (st:Statement {id: id}) WHERE NOT (st)<-[:REPORTS]-()
OPTIONAL MATCH (sp:Speaker)-[:SAID]->(st)
WITH collect(DISTINCT st) AS gone, collect(DISTINCT sp.id) AS speakers
FOREACH (st IN gone | DETACH DELETE st)
RETURN size(gone) AS statements, speakers`;

export const DELETE_ORPHAN_SPEAKERS = `
UNWIND $ids AS id
MATCH (sp:Speaker {id: id}) WHERE NOT (sp)-[:SAID]->() AND NOT (sp)<-[:ATTRIBUTED_TO|RELAYED_BY]-()
DETACH DELETE sp
RETURN count(*) AS speakers`;

export const DELETE_ORPHAN_OUTLETS = `
UNWIND $keys AS key
MATCH (o:Outlet {key: key}) WHERE NOT (o)<-[:PUBLISHED_BY|BASED_ON|CITES]-()
DETACH DELETE o
RETURN count(*) AS outlets`;

// --- reads the ingest needs ---

/**
 * Blocking for resolution: speakers whose name or aliases share a name word with a speaker of the batch, found
 * through the full-text index (each term is a quoted Lucene phrase), with the statements they made.
 */
export const KNOWN_SPEAKERS = `
UNWIND $terms AS term
CALL db.index.fulltext.queryNodes('speaker_names', term, {limit: $perTerm}) YIELD node
WITH DISTINCT node AS sp
ORDER BY sp.id
RETURN sp.id AS id, sp.name AS name, CASE WHEN sp:Organization THEN 'organization' ELSE 'person' END AS type,
       coalesce(sp.aliases, []) AS aliases, coalesce(sp.roles, []) AS roles, sp.wikidata AS wikidata`;

/**
 * The statements of the known speakers resolution may join new quotes to: with a window (every quote of the
 * batch dated), only those said within it or undated, since resolution never joins quotes further apart; and
 * always those the batch's own articles report (a changed article's quotes stay in their statements).
 */
export const KNOWN_STATEMENTS = `
UNWIND $speakerIds AS sid
MATCH (:Speaker {id: sid})-[:SAID]->(st:Statement)
WHERE $from IS NULL OR st.saidOn IS NULL OR date($from) <= st.saidOn <= date($to)
   OR EXISTS { MATCH (st)<-[:REPORTS]-(:Quote)<-[:QUOTES]-(a:Article) WHERE a.id IN $articleIds }
CALL (st) {
  MATCH (st)<-[:REPORTS]-(q:Quote)<-[:QUOTES]-(a:Article)
  OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
  WITH a, q, o ORDER BY a.id, q.start
  RETURN collect({articleId: a.id, start: a.offset + q.start, end: a.offset + q.end, text: q.text,
                  difference: q.difference, id: q.id, outlet: o.name, published: toString(a.published)}) AS quotes
}
RETURN st.id AS id, sid AS speakerId, st.canonical AS canonical, toString(st.saidOn) AS saidOn,
       COLLECT { MATCH (st)-[:ABOUT]->(t:Topic) RETURN t.id ORDER BY t.id } AS topics, quotes, st.embedding AS embedding,
       head([(st)-[:AT]->(oc:Occasion) | oc{.id, .kind, .place, .medium, date: toString(oc.date)}]) AS occasion
ORDER BY id`;

/** The stored digest of each article of a batch (null when it is not stored): equal digests are left alone. */
export const STORED_DIGESTS = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.digest AS digest`;

/** Which of the given ids exist, per label (the dry run's new-or-not). */
export const EXISTING_IDS = `
CALL () { MATCH (n:Article) WHERE n.id IN $articles RETURN collect(n.id) AS articles }
CALL () { MATCH (n:Quote) WHERE n.id IN $quotes RETURN collect(n.id) AS quotes }
CALL () { MATCH (n:Statement) WHERE n.id IN $statements RETURN collect(n.id) AS statements }
CALL () { MATCH (n:Speaker) WHERE n.id IN $speakers RETURN collect(n.id) AS speakers }
RETURN articles, quotes, statements, speakers`;

export const GRAPH_COUNTS = `
CALL () { MATCH (n:Article) RETURN count(n) AS articles }
CALL () { MATCH (n:Quote) RETURN count(n) AS quotes }
CALL () { MATCH (n:Statement) RETURN count(n) AS statements }
CALL () { MATCH (n:Speaker) RETURN count(n) AS speakers }
CALL () { MATCH (n:Outlet) RETURN count(n) AS outlets }
CALL () { MATCH (n:Topic) RETURN count(n) AS topics }
RETURN articles, quotes, statements, speakers, outlets, topics`;

// --- the graph's fingerprint (src/graph/checksum.ts): schema bookkeeping left out, end points by key ---

export const FINGERPRINT_NODES = `
MATCH (n) WHERE NOT n:SchemaMigration
RETURN labels(n) AS labels, properties(n) AS properties`;

export const FINGERPRINT_RELATIONSHIPS = `
MATCH (a)-[r]->(b) WHERE NOT a:SchemaMigration AND NOT b:SchemaMigration
RETURN type(r) AS type, properties(r) AS properties, coalesce(a.id, a.key) AS from, coalesce(b.id, b.key) AS to`;
