// Occasions: where and how statements were said (a debate, a rally, an interview); keyed by an id from their
// content, so re-ingest merges onto the same node. Filters of the API by kind and date.
CREATE CONSTRAINT occasion_id IF NOT EXISTS FOR (o:Occasion) REQUIRE o.id IS UNIQUE;
CREATE INDEX occasion_kind IF NOT EXISTS FOR (o:Occasion) ON (o.kind);
CREATE INDEX occasion_date IF NOT EXISTS FOR (o:Occasion) ON (o.date);
