// One place that decides which Neo4j we talk to: NEO4J_URI when set (Docker, Aura, a cluster), else the local one.
import neo4j, { Neo4jError, type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { OperationalError } from '../errors.js';
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
  try {
    await answersWithin(HANDSHAKE_MS, driver.verifyConnectivity({ database: cfg.NEO4J_DATABASE }));
    // verifyConnectivity accepts a database name the server does not have; a query does not
    await driver.executeQuery('RETURN 1', {}, { database: cfg.NEO4J_DATABASE });
  } catch (e) {
    await driver.close();
    throw connectionProblem(e, uri, cfg);
  }
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

/** How long a server may take to answer the Bolt handshake (something that accepts and stays silent is no Neo4j). */
const HANDSHAKE_MS = 20_000;

class SilentServer extends Error {}

async function answersWithin<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new SilentServer()), ms)));
  try {
    return await Promise.race([work, silent]);
  } finally {
    clearTimeout(timer);
  }
}

/** The driver's word for a server it cannot reach (or lost): nothing after this will work either. */
export const connectionLost = (e: unknown) => {
  const code = (e as { code?: string } | null)?.code;
  return code === neo4j.error.SERVICE_UNAVAILABLE || code === neo4j.error.SESSION_EXPIRED;
};

/** A failure to connect, in one line naming the server and the setting to fix (anything but the driver's, as it is). */
export function connectionProblem(e: unknown, uri: string, cfg: Pick<Config, 'NEO4J_USER' | 'NEO4J_DATABASE'>): Error {
  if (!(e instanceof Neo4jError) && !(e instanceof SilentServer)) return e as Error;
  const { code, message } = e as { code?: string; message: string };
  const first = message.split('\n')[0];
  const cause = / Caused by: (.*)$/.exec(first)?.[1];
  let problem: string;
  if (e instanceof SilentServer) {
    problem = `${uri} accepted the connection but did not answer the Bolt handshake within ${HANDSHAKE_MS / 1000} s: it is not a Neo4j server; set NEO4J_URI to a Neo4j 5 Bolt address`;
  } else if (code === 'Neo.ClientError.Security.Unauthorized') {
    problem = `Neo4j at ${uri} refused user "${cfg.NEO4J_USER}" with the given password: set NEO4J_USER and NEO4J_PASSWORD to an account of that server`;
  } else if (code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    problem = `Neo4j at ${uri} refuses logins of "${cfg.NEO4J_USER}" for a while after too many wrong passwords: wait, then retry with the right NEO4J_PASSWORD`;
  } else if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    problem = `Neo4j at ${uri} has no database "${cfg.NEO4J_DATABASE}": set NEO4J_DATABASE to one it has (Community Edition has only "neo4j"), or unset it`;
  } else if (/Server responded HTTP/.test(first)) {
    problem = `${uri} is an HTTP port, not Bolt: set NEO4J_URI to the Bolt port (Neo4j's default is 7687; 7474 is its HTTP port)`;
  } else if (/Unknown Bolt protocol version|Connection was closed by server/.test(first)) {
    problem = `${uri} did not speak Bolt (${first}): it is not a Neo4j server, or one that needs encryption (bolt+s://, neo4j+s://); fix NEO4J_URI`;
  } else if (code === 'ServiceUnavailable' || code === 'SessionExpired') {
    problem = `cannot reach Neo4j at ${uri} (${cause ?? first}): start it, or set NEO4J_URI to a running Neo4j 5 (unset, the local server is used)`;
  } else {
    problem = `cannot use Neo4j at ${uri}: ${first}`;
  }
  return Object.assign(new OperationalError(problem), { cause: e });
}
