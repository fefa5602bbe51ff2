import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// unit: pure pipeline stages, no database. graph/e2e: a real Neo4j, started once by the global setup
// (or the one NEO4J_URI names); files run one at a time because they share that database.
export default defineConfig({
  // graphql ships CommonJS and ESM files: Node (and so every library beside it) loads the CommonJS one, Vite would
  // give src/ the ESM one, and the two refuse each other's schema objects. The tests use the one Node uses.
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 } },
      {
        extends: true,
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
