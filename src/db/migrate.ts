// Schema migrations: cypher/schema/NNN_name.cypher, applied in order, each once; the applied versions are
// recorded in the graph as (:SchemaMigration) nodes. Statements use IF NOT EXISTS, so re-running is safe too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../config.js';
import type { Graph } from './driver.js';

const SCHEMA_DIR = join(ROOT, 'cypher/schema');

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export function loadMigrations(dir = SCHEMA_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.+\.cypher$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.split('_')[0]),
      name: f.replace(/\.cypher$/, ''),
      statements: splitStatements(readFileSync(join(dir, f), 'utf8')),
    }));
}

/** Cypher files hold one statement per `;`-terminated block; `//` comment lines are dropped. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Applies pending migrations; returns the versions applied now and the current version. */
export async function migrate(graph: Graph): Promise<{ applied: number[]; version: number }> {
  const session = graph.driver.session({ database: graph.database });
  try {
    const done = await session.executeRead((tx) =>
      tx.run('MATCH (m:SchemaMigration) RETURN m.version AS v').then((r) => new Set(r.records.map((x) => Number(x.get('v'))))),
    );
    const applied: number[] = [];
    for (const m of loadMigrations()) {
      if (done.has(m.version)) continue;
      // schema changes cannot share a transaction with writes, so each runs on its own
      for (const statement of m.statements) await session.run(statement);
      await session.executeWrite((tx) =>
        tx.run('MERGE (m:SchemaMigration {version: $version}) SET m.name = $name, m.appliedAt = datetime()', {
          version: m.version,
          name: m.name,
        }),
      );
      applied.push(m.version);
    }
    await session.run('CALL db.awaitIndexes(300)');
    const version = Math.max(0, ...done, ...applied);
    return { applied, version };
  } finally {
    await session.close();
  }
}
