import { describe, expect, it } from 'vitest';
import { loadMigrations, splitStatements } from '../../src/db/migrate.js';

describe('schema migrations', () => {
  it('splits a Cypher file into statements and drops comment lines', () => {
    expect(splitStatements('// c\nCREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\n\nCREATE INDEX b\n FOR (n:B) ON (n.y);\n')).toEqual([
      'CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)',
      'CREATE INDEX b\n FOR (n:B) ON (n.y)',
    ]);
  });

  it('loads cypher/schema in version order, every statement idempotent', () => {
    const ms = loadMigrations();
    expect(ms.map((m) => m.version)).toEqual([...ms.map((m) => m.version)].sort((a, b) => a - b));
    for (const m of ms) for (const s of m.statements) expect(s).toMatch(/IF NOT EXISTS/);
  });
});
