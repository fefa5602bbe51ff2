// Full-text (Lucene) indexes for search(text:): quote wordings, statements, speaker names with their aliases.
CREATE FULLTEXT INDEX quote_text IF NOT EXISTS FOR (q:Quote) ON EACH [q.text];
CREATE FULLTEXT INDEX statement_text IF NOT EXISTS FOR (s:Statement) ON EACH [s.canonical];
CREATE FULLTEXT INDEX speaker_names IF NOT EXISTS FOR (s:Speaker) ON EACH [s.name, s.aliasText];
