// QuoteGraph analyst queries. Paste into Neo4j Browser (with multi-statement queries enabled: it is the default)
// and run; each query sets its parameters with `:param` first, so edit those lines to ask about something else.
// The model is in cypher/MODEL.md. test/graph/queries.test.ts runs every statement here against the seeds.

// 1. Who said what about a topic, reported by whom
// The headline query. A topic includes its narrower topics: statements tagged with a topic whose BROADER
// chain reaches it count too.
:param topic => 'sovereignty';
MATCH (sp:Speaker)-[:SAID]->(st:Statement)-[:ABOUT]->(:Topic)-[:BROADER*0..]->(:Topic {id: $topic})
WITH DISTINCT sp, st
MATCH (st)<-[:REPORTS]-(:Quote)<-[:QUOTES]-(a:Article)
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
RETURN sp.name AS speaker, st.canonical AS statement, st.saidOn AS saidOn,
       collect(DISTINCT o.name) AS outlets, count(DISTINCT a) AS articles
ORDER BY articles DESC, speaker, saidOn;

// 2. Who said what about a topic, as a graph
// Speakers, their statements on the topic, the quotes and the articles and outlets that ran them.
:param topic => 'sovereignty';
:param limit => 50;
MATCH (sp:Speaker)-[:SAID]->(st:Statement)-[:ABOUT]->(:Topic)-[:BROADER*0..]->(t:Topic {id: $topic})
MATCH p = (sp)-[:SAID]->(st)<-[:REPORTS]-(:Quote)<-[:QUOTES]-(a:Article)
OPTIONAL MATCH q = (a)-[:PUBLISHED_BY]->(:Outlet)
RETURN p, q, t
LIMIT $limit;

// 3. How each outlet worded one statement
// The statement is found by words of any of its wordings (full-text index); each row is one outlet's wording
// and how it differs from the canonical one.
:param words => 'sovereignty is not for sale';
CALL db.index.fulltext.queryNodes('quote_text', $words) YIELD node, score
MATCH (node)-[:REPORTS]->(st:Statement)
WITH st, max(score) AS score ORDER BY score DESC LIMIT 1
MATCH (st)<-[:REPORTS]-(q:Quote)<-[:QUOTES]-(a:Article)
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
RETURN st.canonical AS statement, coalesce(o.name, a.title, a.file) AS reportedBy, q.text AS wording,
       q.difference AS difference, q.kind AS kind
ORDER BY reportedBy, q.start;

// 4. Who is most quoted on a topic
// Counts quotes attributed to each speaker on the topic and its narrower topics.
:param topic => 'sovereignty';
:param limit => 10;
MATCH (sp:Speaker)<-[:ATTRIBUTED_TO]-(q:Quote)-[:ABOUT]->(:Topic)-[:BROADER*0..]->(:Topic {id: $topic})
WITH sp, count(DISTINCT q) AS quotes
RETURN sp.name AS speaker, quotes, count { (sp)-[:SAID]->(:Statement) } AS statements
ORDER BY quotes DESC, speaker
LIMIT $limit;

// 5. A speaker's statements over time
// With their topics and how many quotes report each; the speaker is found by name or alias.
:param speaker => 'Claudia Sheinbaum';
MATCH (sp:Speaker) WHERE sp.name = $speaker OR $speaker IN sp.aliases
MATCH (sp)-[:SAID]->(st:Statement)
RETURN st.saidOn AS saidOn, st.canonical AS statement,
       [(st)-[:ABOUT]->(t:Topic) | t.name] AS topics,
       count { (st)<-[:REPORTS]-(:Quote) } AS quotes
ORDER BY saidOn, statement;

// 6. Which outlets cite which
// Reports an article mentions (CITES) and reports it is based on (BASED_ON), by the outlet that ran it.
MATCH (a:Article)-[r:CITES|BASED_ON]->(cited:Outlet)
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(o:Outlet)
RETURN coalesce(o.name, '(outlet not given)') AS outlet, type(r) AS how, cited.name AS cites, count(a) AS articles
ORDER BY articles DESC, outlet, cites;

// 7. Quotes an outlet carried that no other did
// Statements that only this outlet's articles report.
:param outlet => 'The Hill';
MATCH (o:Outlet) WHERE toLower(o.name) = toLower($outlet)
MATCH (o)<-[:PUBLISHED_BY]-(a:Article)-[:QUOTES]->(q:Quote)-[:REPORTS]->(st:Statement)<-[:SAID]-(sp:Speaker)
WHERE NOT EXISTS {
  MATCH (st)<-[:REPORTS]-(:Quote)<-[:QUOTES]-(other:Article)
  WHERE NOT (other)-[:PUBLISHED_BY]->(o)
}
RETURN sp.name AS speaker, q.text AS quote, a.title AS article, a.published AS published
ORDER BY published, quote;

// 8. The most echoed statements
// Statements reported by the most articles.
:param limit => 10;
MATCH (sp:Speaker)-[:SAID]->(st:Statement)<-[:REPORTS]-(:Quote)<-[:QUOTES]-(a:Article)
WITH sp, st, count(DISTINCT a) AS articles
RETURN sp.name AS speaker, st.canonical AS statement, articles
ORDER BY articles DESC, speaker
LIMIT $limit;

// 9. Search the quotes
// Full-text search, Lucene syntax: sovereign*, "not for sale", troops AND cartels.
:param text => 'sovereign*';
:param limit => 20;
CALL db.index.fulltext.queryNodes('quote_text', $text, {limit: $limit}) YIELD node AS q, score
MATCH (a:Article)-[:QUOTES]->(q)
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO]->(sp:Speaker)
RETURN q.text AS quote, sp.name AS speaker, a.title AS article, round(score, 2) AS score
ORDER BY score DESC;

// 10. Who speaks on what
// Speakers by topic, counting statements.
MATCH (sp:Speaker)-[:SAID]->(st:Statement)-[:ABOUT]->(t:Topic)
RETURN sp.name AS speaker, t.name AS topic, count(st) AS statements
ORDER BY speaker, statements DESC, topic;

// 11. Quotes within quotes
// Who relayed whose words: X quoted Y as saying, or a quotation nested in another.
MATCH (inner:Quote)-[:EMBEDDED_IN]->(outer:Quote)
OPTIONAL MATCH (inner)-[:ATTRIBUTED_TO]->(quoted:Speaker)
OPTIONAL MATCH (outer)-[:ATTRIBUTED_TO]->(relayer:Speaker)
RETURN relayer.name AS relayedBy, quoted.name AS speaker, inner.text AS inner, outer.text AS outer
UNION
MATCH (q:Quote)-[:RELAYED_BY]->(relayer:Speaker)
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO]->(quoted:Speaker)
RETURN relayer.name AS relayedBy, quoted.name AS speaker, q.text AS inner, null AS outer;

// 12. Attributions to check
// The least certain attributions, with the words that named the speaker.
:param below => 0.6;
MATCH (a:Article)-[:QUOTES]->(q:Quote)-[m:ATTRIBUTED_TO]->(sp:Speaker)
WHERE m.confidence < $below
RETURN sp.name AS speaker, m.mention AS mention, m.cue AS cue, round(m.confidence, 2) AS confidence,
       q.text AS quote, a.title AS article
ORDER BY confidence, speaker;

// 13. The taxonomy as used
// Each topic, its broader topics, and how many statements are about it.
MATCH (t:Topic)
OPTIONAL MATCH (t)-[:BROADER]->(b:Topic)
WITH t, collect(b.name) AS broader
RETURN t.name AS topic, broader, count { (t)<-[:ABOUT]-(:Statement) } AS statements
ORDER BY statements DESC, topic;

// 14. Each outlet's coverage
// Articles, quotes and speakers each outlet carried; first and last publication day.
MATCH (o:Outlet)<-[:PUBLISHED_BY]-(a:Article)
OPTIONAL MATCH (a)-[:QUOTES]->(q:Quote)
OPTIONAL MATCH (q)-[:ATTRIBUTED_TO]->(sp:Speaker)
RETURN o.name AS outlet, count(DISTINCT a) AS articles, count(DISTINCT q) AS quotes,
       count(DISTINCT sp) AS speakers, min(a.published) AS first, max(a.published) AS last
ORDER BY articles DESC, outlet;
