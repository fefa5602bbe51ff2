// The local server's pid file is trusted only while it names our Neo4j: a pid the system has given to another
// process since is neither reported as the server nor signalled by `db stop`; while it names our running
// server, no second one is started on the same store.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('LocalNeo4j start', () => {
  it.skipIf(process.platform !== 'linux')('refuses a second server on a store whose server runs on other ports, and keeps its pid file', async () => {
    const cfg = loadConfig({ QG_NEO4J_HOME: mkdtempSync(join(tmpdir(), 'qg-local-')), QG_BOLT_PORT: '1', QG_HTTP_PORT: '2' });
    const local = new LocalNeo4j(cfg, 'server');
    // stands in for the running server: a live process started with this store's --home-dir
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', '--', `--home-dir=${local.home}`], { stdio: 'ignore' });
    try {
      mkdirSync(local.home, { recursive: true });
      writeFileSync(join(local.home, 'neo4j.pid'), String(running.pid));
      await expect(local.start()).rejects.toThrow(`already running (pid ${running.pid}) but not on Bolt port 1`);
      expect(readFileSync(join(local.home, 'neo4j.pid'), 'utf8')).toBe(String(running.pid));
      expect((await local.status()).pid).toBe(running.pid);
    } finally {
      running.kill();
    }
  });
});
