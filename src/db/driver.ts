// One place that decides which Neo4j we talk to: NEO4J_URI when set (Docker, Aura, a cluster), else the local one.
import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { LocalNeo4j } from './local.js';

export interface Graph {
  driver: Driver;
  /** The Bolt URI it talks to (for messages). */
  uri: string;
  database: string;
  /** Per-transaction timeout for every Cypher call. */
  txConfig: { timeout: number };
  /** The local server this process started (stopped by close), if any. */
  close(): Promise<void>;
}

export function createDriver(uri: string, cfg: Config): Driver {
  return neo4j.driver(uri, neo4j.auth.basic(cfg.NEO4J_USER, cfg.NEO4J_PASSWORD), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    maxTransactionRetryTime: cfg.QG_TX_RETRY_MS,
    userAgent: 'quotegraph',
  });
}

/**
 * Connects to the configured Neo4j; with no NEO4J_URI, starts the local server first when it is not running.
 * `stopOnClose`: stop a local server this call started (npm start, one-shot CLI commands leave it running).
 */
export async function connect(cfg: Config, opts: { say?: (l: string) => void; stopOnClose?: boolean } = {}): Promise<Graph> {
  let local: LocalNeo4j | null = null;
  let started = false;
  let uri = cfg.NEO4J_URI;
  if (!uri) {
    local = new LocalNeo4j(cfg);
    started = !(await local.start(opts.say)).alreadyRunning;
    uri = local.boltUri;
  }
  const driver = createDriver(uri, cfg);
  await driver.verifyConnectivity({ database: cfg.NEO4J_DATABASE });
  return {
    driver,
    uri,
    database: cfg.NEO4J_DATABASE,
    txConfig: { timeout: cfg.QG_TX_TIMEOUT_MS },
    async close() {
      await driver.close();
      if (local && started && opts.stopOnClose) await local.stop();
    },
  };
}
