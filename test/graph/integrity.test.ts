// The ingest's promise, held against the real thing: the same input gives the same graph byte for byte (every
// node, property and relationship: src/graph/checksum.ts), however often it is ingested, after the ingest is
// killed mid-run, after Neo4j itself is killed mid-run and restarted, and when two ingests of the same files run
// at once. Each run is the real CLI in its own process, on a corpus of several batches.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import type { Graph } from '../../src/db/driver.js';
import { LocalNeo4j } from '../../src/db/local.js';
import { fingerprint } from '../../src/graph/checksum.js';
import { testInstance } from '../setup/neo4j.js';
import { SEEDS } from '../support/api.js';
import { clearGraph, testGraph } from '../support/graph.js';
import { orphans } from '../support/ingest.js';

/** Articles per batch: small, so the corpus below takes many transactions and a crash lands between them. */
const BATCH = 2;
const COPIES = 4;

let graph: Graph;
let corpus: string;
let articles: number;
let clean: Awaited<ReturnType<typeof fingerprint>>;

/** The seeds and copies of them with a line of their own (other ids, same people and statements). */
function makeCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qg-integrity-'));
  for (const f of readdirSync(SEEDS).sort()) {
    const text = readFileSync(join(SEEDS, f), 'utf8');
    writeFileSync(join(dir, f), text);
    for (let c = 1; c < COPIES; c++) writeFileSync(join(dir, `copy${c}-${f}`), `${text}\n\nRepublished copy ${c}.\n`);
  }
  return dir;
}

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>;
}

/** `quotegraph ingest` as a user runs it, in its own process. */
function ingest(dir: string): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/index.ts'), 'ingest', dir, '--batch-size', String(BATCH)], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: inject('neo4jUri'), CI: 'true', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.on('data', (d) => (stdout += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((ok) =>
    child.once('exit', (code, signal) => ok({ code, signal, stderr, stdout })),
  );
  return { child, done };
}

async function ingestOk(dir: string): Promise<void> {
  const r = await ingest(dir).done;
  expect(r.code, r.stderr).toBe(0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Batches committed so far (the graph's version moves on by one per batch write). */
async function committed(g: Graph): Promise<number> {
  const { records } = await g.driver.executeQuery('OPTIONAL MATCH (s:IngestState) RETURN coalesce(s.version, 0) AS v', {}, { database: g.database });
  return Number(records[0].get('v'));
}

/** Waits until the run has committed at least one batch but not all of them. */
async function midRun(run: Run, g: Graph): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if ((await committed(g)) >= 1) return;
    if (run.child.exitCode !== null) throw new Error(`the ingest ended before it could be interrupted:\n${(await run.done).stderr}`);
    await sleep(25);
  }
  throw new Error('no batch committed within 120 s');
}

const articleCount = async (g: Graph) =>
  Number((await g.driver.executeQuery('MATCH (a:Article) RETURN count(a) AS n', {}, { database: g.database })).records[0].get('n'));

/** Statements with other than exactly one speaker. */
const statementsWithoutOneSpeaker = async (g: Graph) =>
  Number(
    (await g.driver.executeQuery('MATCH (st:Statement) WHERE COUNT { (:Speaker)-[:SAID]->(st) } <> 1 RETURN count(st) AS n', {}, { database: g.database }))
      .records[0].get('n'),
  );

beforeAll(async () => {
  graph = await testGraph();
  corpus = makeCorpus();
  await clearGraph(graph);
  await ingestOk(corpus);
  clean = await fingerprint(graph);
  articles = await articleCount(graph);
}, 300_000);

afterAll(async () => {
  await graph?.close();
});

describe('the same input gives the same graph', () => {
  it('a clean run holds every article, no orphans, one speaker per statement', async () => {
    expect(articles).toBeGreaterThan(BATCH * 5);
    expect(await orphans(graph)).toEqual({ quotes: 0, statements: 0, speakers: 0, outlets: 0 });
    expect(await statementsWithoutOneSpeaker(graph)).toBe(0);
  });

  it('ingesting it again changes nothing', async () => {
    const r = await ingest(corpus).done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`0 new, 0 changed (replacing 0), ${articles} unchanged`);
    expect(await fingerprint(graph)).toEqual(clean);
  }, 300_000);

  it('after the ingest is killed mid-run, running it again gives the clean graph', async () => {
    await clearGraph(graph);
    const run = ingest(corpus);
    await midRun(run, graph);
    run.child.kill('SIGKILL');
    await run.done;
    expect(await articleCount(graph)).toBeLessThan(articles);
    await ingestOk(corpus);
    expect(await fingerprint(graph)).toEqual(clean);
  }, 300_000);

  it('two ingests of the same files at once give the clean graph', async () => {
    await clearGraph(graph);
    const [a, b] = await Promise.all([ingest(corpus).done, ingest(corpus).done]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(await fingerprint(graph)).toEqual(clean);
  }, 300_000);

  it('after Neo4j is killed mid-run, the ingest stops with one line, and running it again gives the clean graph', async (ctx) => {
    if (!inject('neo4jLocal')) ctx.skip('NEO4J_URI names a server these tests do not manage');
    const { cfg, name } = testInstance();
    const server = new LocalNeo4j(cfg, name);
    await clearGraph(graph);
    const run = ingest(corpus);
    await midRun(run, graph);
    // a crash, not a shutdown: the store recovers from its transaction log on the next start
    process.kill((await server.status()).pid!, 'SIGKILL');
    const stoppedAt = Date.now();
    const r = await run.done;
    const problems = r.stderr.split('\n').filter((l) => l.startsWith('quotegraph:'));
    expect(r.code).toBe(1);
    expect(problems, r.stderr).toHaveLength(1);
    expect(problems[0]).toMatch(/went away.*committed \d+ batch\(es\).*run the same command again/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    // "at once": within the driver's retry window, not minutes of failing batches
    expect(Date.now() - stoppedAt).toBeLessThan(60_000);
    await server.start();
    await graph.close();
    graph = await testGraph();
    await ingestOk(corpus);
    expect(await fingerprint(graph)).toEqual(clean);
  }, 400_000);
});
