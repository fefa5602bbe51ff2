// Occasions and reference wordings in a real Neo4j: each statement's Occasion (ids from content, so re-ingest
// changes nothing, and no Occasion is left without a statement), each statement's reference quote, and every
// stored wording measured against the current reference when a later ingest brings a fuller one.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/db/driver.js';
import { ingestSources } from '../../src/graph/ingest.js';
import { readSources } from '../../src/pipeline/read.js';
import { difference } from '../../src/resolve/wording.js';
import { loadGold, SEEDS } from '../unit/gold-docs.js';
import { clearGraph, testGraph } from '../support/graph.js';

const gold = loadGold();
const files = [...new Set(gold.articles.map((a) => a.file))];

let graph: Graph;
let dir: string;
const query = async (cypher: string, params = {}) =>
  (await graph.driver.executeQuery(cypher, params, { database: graph.database })).records.map((r) => r.toObject());
const ingest = (paths: string[]) => ingestSources(graph, readSources(paths));

/** Every statement with its reference id, canonical wording and quotes (id, text, difference). */
const statements = () =>
  query(`MATCH (st:Statement)<-[:REPORTS]-(q:Quote)
         WITH st, q ORDER BY q.id
         RETURN st.id AS id, st.referenceId AS reference, st.canonical AS canonical,
                collect({id: q.id, text: q.text, difference: q.difference}) AS quotes ORDER BY id`);
const occasions = () =>
  query(`MATCH (st:Statement)-[:AT]->(o:Occasion)
         WITH st, o ORDER BY st.id
         RETURN o.id AS id, o.kind AS kind, toString(o.date) AS date, o.place AS place, o.medium AS medium,
                collect(st.id) AS statements ORDER BY id`);

beforeAll(async () => {
  graph = await testGraph();
  await clearGraph(graph);
  dir = mkdtempSync(join(tmpdir(), 'qg-occasions-'));
  for (const f of files) copyFileSync(join(SEEDS, f), join(dir, f));
}, 120_000);
afterAll(async () => {
  await graph.close();
});

describe('occasions and reference wordings in the graph', () => {
  it('a later, fuller report by a named outlet becomes the reference, and the stored wordings are measured again', async () => {
    // first the pages with no outlet, alone: their wordings are the only ones
    const unnamed = files.filter((f) => !gold.articles.some((a) => a.file === f && a.outlet));
    expect((await ingest(unnamed.map((f) => join(dir, f)))).errors).toEqual([]);
    const before = new Map((await statements()).map((s) => [s.id, s]));
    expect((await ingest([dir])).errors).toEqual([]);
    const after = await statements();
    let moved = 0;
    for (const st of after) {
      const ref = st.quotes.find((q: { id: string }) => q.id === st.reference);
      expect(ref, st.id).toBeTruthy();
      expect(st.canonical).toBe(ref.text);
      // one canonical wording per statement, the reference; the others' lexical relation to it is what it is now
      expect(st.quotes.filter((q: { difference: string }) => q.difference === 'canonical').map((q: { id: string }) => q.id)).toEqual([st.reference]);
      for (const q of st.quotes) {
        const lexical = difference(q.text, st.canonical, null, null);
        if (q.id !== st.reference && ['verbatim', 'repunctuated', 'trimmed'].includes(lexical)) expect(q.difference, q.text).toBe(lexical);
      }
      if (before.get(st.id) && before.get(st.id)!.reference !== st.reference) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  }, 300_000);

  it('statements said on a named occasion are AT an Occasion; every Occasion has a statement', async () => {
    const at = await occasions();
    expect(at.length).toBeGreaterThan(0);
    for (const o of at) expect(o.kind, o.id).toMatch(/^[a-z -]+$/);
    const [{ lonely }] = await query('MATCH (o:Occasion) WHERE NOT (o)<-[:AT]-(:Statement) RETURN count(o) AS lonely');
    expect(lonely).toBe(0);
    const [{ twice }] = await query('MATCH (st:Statement)-[:AT]->(o:Occasion) WITH st, count(o) AS n WHERE n > 1 RETURN count(st) AS twice');
    expect(twice).toBe(0);
  });

  it('re-ingest leaves the same occasions, references and differences', async () => {
    const before = { at: await occasions(), st: await statements() };
    expect((await ingest([dir])).errors).toEqual([]);
    expect({ at: await occasions(), st: await statements() }).toEqual(before);
  }, 300_000);

  it('an edit that empties a statement takes its occasion with it when no other statement was said there', async () => {
    const path = join(dir, files[0]);
    const original = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, 'A short note with no quotation at all.\n');
      expect((await ingest([dir])).errors).toEqual([]);
      const [{ lonely }] = await query('MATCH (o:Occasion) WHERE NOT (o)<-[:AT]-(:Statement) RETURN count(o) AS lonely');
      expect(lonely).toBe(0);
    } finally {
      writeFileSync(path, original);
    }
  }, 300_000);
});
