// Full-text (Lucene) index over what articles say outside their quotes too: search(kinds: [ARTICLE]) finds
// "troops" in an article's own words. Same analyzer as the other text indexes (standard, no stop words), so an
// exact phrase keeps every word ("not for sale").
CREATE FULLTEXT INDEX article_text IF NOT EXISTS FOR (a:Article) ON EACH [a.title, a.text];
