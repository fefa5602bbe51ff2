// Range indexes behind the API's filters and orderings.
CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published);
CREATE INDEX article_source IF NOT EXISTS FOR (a:Article) ON (a.sourceId);
CREATE INDEX statement_said_on IF NOT EXISTS FOR (s:Statement) ON (s.saidOn);
CREATE INDEX speaker_name IF NOT EXISTS FOR (s:Speaker) ON (s.name);
CREATE INDEX quote_kind IF NOT EXISTS FOR (q:Quote) ON (q.kind);
CREATE INDEX outlet_name IF NOT EXISTS FOR (o:Outlet) ON (o.name);
CREATE INDEX topic_name IF NOT EXISTS FOR (t:Topic) ON (t.name);
