// The default order of the quotes and statements listings (newest first) as one key the ingest keeps
// (src/graph/cypher.ts newestFirstKey): a page comes off the index in order, whatever the number of nodes.
CREATE INDEX quote_list_key IF NOT EXISTS FOR (q:Quote) ON (q.listKey);
CREATE INDEX statement_list_key IF NOT EXISTS FOR (s:Statement) ON (s.listKey);
