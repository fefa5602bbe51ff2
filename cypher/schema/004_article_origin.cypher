// An edited article gets a new id (ids come from the content); the ingest finds the version it replaces by
// the file it was read from or its url.
CREATE INDEX article_file IF NOT EXISTS FOR (a:Article) ON (a.file);
CREATE INDEX article_url IF NOT EXISTS FOR (a:Article) ON (a.url);
