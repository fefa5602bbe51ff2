import { defineConfig } from 'vitest/config';

// unit: pure pipeline stages, no database. graph/e2e: a real Neo4j, started once by the global setup
// (or the one NEO4J_URI names); files run one at a time because they share that database.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'graph',
          include: ['test/graph/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/neo4j.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
