// Ordinary operational failures through the real CLI process (src/ through tsx): one line naming the problem and
// the fix, a non-zero exit, no stack unless asked for. The Neo4j is the test server (wrong credentials and an
// unknown database against it), a free port, a plain TCP service, and a port another server holds.
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEEDS = 'test/fixtures/seeds';

interface Outcome {
  code: number | null;
  stderr: string;
}

/** Runs `quotegraph ARGS` with the environment of a user who set NEO4J_URI (and what `env` adds). */
function quotegraph(args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', ...args],
      { cwd: ROOT, env: { ...process.env, NEO4J_URI: inject('neo4jUri'), LOG_LEVEL: 'info', ...env }, timeout: 90_000 },
      (error, _stdout, stderr) => done({ code: child.exitCode ?? (error ? 1 : 0), stderr }),
    );
    child.stdin?.end();
  });
}

/** One line, `quotegraph: …` matching `problem`, no stack, a non-zero exit. */
function expectOneLine(o: Outcome, problem: RegExp): void {
  const lines = o.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));
  expect(lines, o.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^quotegraph: /);
  expect(lines[0]).toMatch(problem);
  expect(o.stderr).not.toMatch(/\n\s+at /);
  expect(o.code).not.toBe(0);
}

let freePort: number;
let plainTcp: Server;
let taken: Server;
const port = (s: Server) => (s.address() as AddressInfo).port;
const listening = (s: Server) => new Promise<Server>((done) => s.listen(0, '127.0.0.1', () => done(s)));

beforeAll(async () => {
  const probe = await listening(createServer());
  freePort = port(probe);
  await new Promise((done) => probe.close(done));
  plainTcp = await listening(createServer((socket) => socket.pipe(socket))); // an echo service: not Bolt
  taken = await listening(createServer());
});
afterAll(async () => {
  for (const s of [plainTcp, taken]) await new Promise((done) => s?.close(done));
});

describe('quotegraph tells an operational problem in one line', () => {
  it('a wrong password, a wrong user, an unknown database', async () => {
    const [password, user, database] = await Promise.all([
      quotegraph(['db', 'migrate'], { NEO4J_PASSWORD: 'not-the-password' }),
      quotegraph(['serve', '--port', String(freePort)], { NEO4J_USER: 'nobody-at-all' }),
      quotegraph(['ingest', SEEDS], { NEO4J_DATABASE: 'nosuchdatabase' }),
    ]);
    expectOneLine(password, /refused user "neo4j" with the given password: set NEO4J_USER and NEO4J_PASSWORD/);
    expectOneLine(user, /refused user "nobody-at-all"/);
    expectOneLine(database, /has no database "nosuchdatabase": set NEO4J_DATABASE/);
  });

  it('an unreachable NEO4J_URI, for ingest, serve and db migrate', async () => {
    const env = { NEO4J_URI: `bolt://127.0.0.1:${freePort}` };
    const outcomes = await Promise.all([
      quotegraph(['ingest', SEEDS], env),
      quotegraph(['serve', '--port', String(freePort)], env),
      quotegraph(['db', 'migrate'], env),
    ]);
    for (const o of outcomes) expectOneLine(o, new RegExp(`cannot reach Neo4j at bolt://127\\.0\\.0\\.1:${freePort} \\(connect ECONNREFUSED.*\\): start it, or set NEO4J_URI`));
  });

  it('something else on the Bolt port: a plain TCP service, an HTTP port', async () => {
    const httpPort = Number(new URL(inject('neo4jUri')).port) - 213; // the test Neo4j's own HTTP port
    const [tcp, http] = await Promise.all([
      quotegraph(['db', 'migrate'], { NEO4J_URI: `bolt://127.0.0.1:${port(plainTcp)}` }),
      quotegraph(['ingest', SEEDS], { NEO4J_URI: `bolt://127.0.0.1:${httpPort}` }),
    ]);
    expectOneLine(tcp, /did not speak Bolt .*it is not a Neo4j server.*fix NEO4J_URI/);
    expectOneLine(http, /is an HTTP port, not Bolt: set NEO4J_URI to the Bolt port/);
  });

  it('the API port in use, a missing QG_TAXONOMY file', async () => {
    const [busy, taxonomyIngest, taxonomyExtract] = await Promise.all([
      quotegraph(['serve'], { PORT: String(port(taken)) }),
      quotegraph(['ingest', SEEDS], { QG_TAXONOMY: '/nonexistent/taxonomy.yaml' }),
      quotegraph(['extract', SEEDS], { QG_TAXONOMY: '/nonexistent/taxonomy.yaml' }),
    ]);
    expectOneLine(busy, new RegExp(`port ${port(taken)} on 127\\.0\\.0\\.1 is in use by another program: set PORT to a free one`));
    expectOneLine(taxonomyIngest, /invalid configuration: QG_TAXONOMY: no file \/nonexistent\/taxonomy\.yaml: point it at a topic taxonomy YAML file, or unset it/);
    expectOneLine(taxonomyExtract, /no such file or directory, open '\/nonexistent\/taxonomy\.yaml'/);
  });

  it('shows the stack with --verbose or LOG_LEVEL=debug', async () => {
    const env = { NEO4J_URI: `bolt://127.0.0.1:${freePort}` };
    const [verbose, debug] = await Promise.all([quotegraph(['--verbose', 'ingest', SEEDS], env), quotegraph(['db', 'migrate'], { ...env, LOG_LEVEL: 'debug' })]);
    for (const o of [verbose, debug]) {
      expect(o.stderr).toMatch(/quotegraph: Error: cannot reach Neo4j/);
      expect(o.stderr).toMatch(/\n\s+at /);
      expect(o.code).not.toBe(0);
    }
  });
});
