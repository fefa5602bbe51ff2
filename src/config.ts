// Configuration from the environment, validated once (zod) so a typo fails at start, not mid-ingest.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { OperationalError } from './errors.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const port = z.coerce.number().int().min(1).max(65535);
const memory = z.string().regex(/^\d+[kmg]$/i, 'a size such as 512m or 1g');
const file = (what: string) =>
  z.string().refine((p) => existsSync(p), { error: (issue) => `no file ${issue.input}: point it at ${what}, or unset it for the built-in one` });

const Env = z.object({
  NEO4J_URI: z.string().regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\//, 'a bolt:// or neo4j:// URI').optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(8, 'Neo4j passwords have at least 8 characters').default('quotegraph-local'),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  QG_NEO4J_HOME: z.string().default(resolve(ROOT, '.neo4j')),
  QG_BOLT_PORT: port.default(7687),
  QG_HTTP_PORT: port.default(7474),
  QG_NEO4J_HEAP: memory.default('1g'),
  QG_NEO4J_PAGECACHE: memory.default('512m'),
  QG_TX_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  // how long the driver retries a transaction that failed on a transient error (a deadlock, a lost connection):
  // long enough for a deadlock or a cluster's leader switch, short enough that a dead server is reported at once
  QG_TX_RETRY_MS: z.coerce.number().int().nonnegative().default(5_000),
  // answers are cached this long (0: off); an ingest through the API empties the cache at once
  QG_CACHE_TTL_MS: z.coerce.number().int().nonnegative().default(30_000),
  PORT: port.default(4000),
  // loopback by default; the container sets 0.0.0.0
  HOST: z.string().default('127.0.0.1'),
  QG_API_TOKEN: z.string().min(16, 'use a token of at least 16 characters').optional(),
  // read by the pipeline (src/pipeline/topics.ts, src/resolve/gazetteer.ts); checked here so a typo fails at start
  QG_TAXONOMY: file('a topic taxonomy YAML file').optional(),
  QG_GAZETTEER: file('a gazetteer YAML file').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof Env>;

export class ConfigError extends OperationalError {}

/** Parses the environment (or the given overrides); throws one readable error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
  }
  return parsed.data;
}
