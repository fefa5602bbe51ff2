// README.md says what is true: every ```graphql block runs against the API over the seeds (real ingest, real
// Neo4j) without errors and with data in every answer, no object empty (a union without its fragment would
// answer `node {}`); every ```cypher block runs against the same graph and returns rows; and the whoSaid example
// lists its reports in the server’s order. (Its shell commands: test/unit/readme-commands.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { splitStatements } from '../../src/db/migrate.js';
import { seededApi } from '../support/api.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = (lang: string) => [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

/** Each operation of each block on its own (a block may show several anonymous queries one after another). */
const operations = blocks('graphql').flatMap((block) =>
  parse(block).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).map((d) => print(d)),
);
const cyphers = blocks('cypher').flatMap(splitStatements);

const seeded = seededApi();

/** Paths of empty objects in an answer. */
function emptyObjects(v: unknown, path = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => emptyObjects(x, `${path}[${i}]`));
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length ? entries.flatMap(([k, x]) => emptyObjects(x, `${path}.${k}`)) : [path || '.'];
  }
  return [];
}

describe('README.md', () => {
  it('shows GraphQL and Cypher examples', () => {
    expect(operations.length).toBeGreaterThanOrEqual(5);
    expect(cyphers.length).toBeGreaterThanOrEqual(2);
  });

  it.each(operations.map((op) => [op.replace(/\s+/g, ' ').slice(0, 70), op]))('GraphQL %s', async (_, op) => {
    const r = await seeded.request(op);
    expect(r.errors).toBeUndefined();
    for (const [field, value] of Object.entries(r.data)) {
      expect(value, field).not.toBeNull();
      if (Array.isArray(value)) expect(value.length, field).toBeGreaterThan(0);
    }
    expect(emptyObjects(r.data)).toEqual([]);
  });

  it.each(cyphers.map((c) => [c.split('\n')[0].slice(0, 70), c]))('Cypher %s', async (_, cypher) => {
    const graph = seeded.graph();
    const { records } = await graph.driver.executeQuery(cypher, {}, { database: graph.database });
    expect(records.length).toBeGreaterThan(0);
  });

  it('lists the whoSaid example’s reports in the server’s order', async () => {
    const example = README.slice(README.indexOf('The real answer on the seeds'));
    const json = /```json\n([\s\S]*?)```/.exec(example)![1];
    const shown = [...json.matchAll(/"wording": "((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`));
    expect(shown.length).toBeGreaterThan(1);
    const query = operations.find((op) => op.includes('whoSaid'))!;
    const { data } = await seeded.request(query);
    const statements = data.whoSaid.speakers.flatMap((s: any) => s.statements);
    const st = statements.find((s: any) => s.reports.some((r: any) => r.wording === shown[0]));
    expect(st, shown[0]).toBeDefined();
    expect(st.reports.slice(0, shown.length).map((r: any) => r.wording)).toEqual(shown);
  });
});
