// The ranking tallies the ingest keeps (src/graph/cypher.ts REFRESH_SPOKE_ON): a topic's speakers in the
// headline's order come off this index a page at a time, whatever the number of speakers on the topic.
CREATE INDEX spoke_on_rank IF NOT EXISTS FOR ()-[r:SPOKE_ON]-() ON (r.rank);
