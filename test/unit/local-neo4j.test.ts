// The local server's pid file is trusted only while it names our Neo4j: a pid the system has given to another
// process since is neither reported as the server nor signalled by `db stop`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalNeo4j } from '../../src/db/local.js';
import { loadConfig } from '../../src/config.js';

describe('LocalNeo4j pid file', () => {
  it.skipIf(process.platform !== 'linux')('ignores a live process that is not this server', async () => {
    const cfg = loadConfig({ QG_NEO4J_HOME: mkdtempSync(join(tmpdir(), 'qg-local-')), QG_BOLT_PORT: '1', QG_HTTP_PORT: '2' });
    const local = new LocalNeo4j(cfg, 'server');
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      mkdirSync(local.home, { recursive: true });
      writeFileSync(join(local.home, 'neo4j.pid'), String(other.pid));
      expect((await local.status()).pid).toBeNull();
      expect(await local.stop()).toBe(false);
      expect(other.exitCode).toBeNull();
      expect(other.signalCode).toBeNull();
    } finally {
      other.kill();
    }
  });
});
