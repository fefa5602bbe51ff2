// One IngestState node: batch writes lock it, so concurrent ingests write one batch at a time, and its version
// tells a batch whether the graph changed since it was planned.
CREATE CONSTRAINT ingest_state_id IF NOT EXISTS FOR (g:IngestState) REQUIRE g.id IS UNIQUE;
