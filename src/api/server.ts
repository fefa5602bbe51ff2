// The HTTP server: GraphQL (graphql-yoga) at /graphql, health, the Neo4j Browser guide and style, and whatever
// pages a caller adds (the explorer). Everything goes through fetch-API handlers; the node server only buffers
// the body (with a size limit) and writes the Response back.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createInMemoryCache, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { ROOT, type Config } from '../config.js';
import type { Graph } from '../db/driver.js';
import { OperationalError } from '../errors.js';
import { ping } from '../graph/queries.js';
import { log } from '../log.js';
import { bearerMatches } from './auth.js';
import { maskError } from './errors.js';
import { INPUT_LIMITS, jsonNestingOver, MAX_JSON_NESTING, useInputLimits } from './limits.js';
import { createLoaders } from './loaders.js';
import type { Context } from './resolvers.js';
import { buildSchema } from './schema.js';

/** A fetch-API handler: a Response, or null to let the next one try. */
export type Handler = (request: Request) => Promise<Response | null> | Response | null;

export interface ServerOptions {
  /** Handlers tried, in order, for every path but /graphql (the explorer page plugs in here). */
  handlers?: Handler[];
  /** A folder served for GET paths no handler claims ("/" is its index.html). */
  staticDir?: string;
  /** Production: no GraphiQL, no field suggestions. Default: NODE_ENV === 'production'. */
  production?: boolean;
  /** Largest accepted request body; default 4 MB (20 articles of 200,000 characters fit). */
  maxBodyBytes?: number;
}

/** Limits of every GraphQL request (exported for tests and the docs). */
export const LIMITS = { depth: 10, cost: 10000, aliases: 15, directives: 10, tokens: 2000, bodyBytes: 4 * 1024 * 1024 };

export interface QuoteGraphServer {
  yoga: YogaServerInstance<Record<string, never>, Context>;
  /** Not listening yet: call server.listen(cfg.PORT, cfg.HOST). */
  server: Server;
  /** The whole server as one fetch-API handler (tests, other runtimes). */
  fetch: (request: Request) => Promise<Response>;
}

export function createServer(graph: Graph, cfg: Config, opts: ServerOptions = {}): QuoteGraphServer {
  const production = opts.production ?? process.env.NODE_ENV === 'production';
  const maxBody = opts.maxBodyBytes ?? LIMITS.bodyBytes;
  const schema = buildSchema();
  // Reads far outnumber writes: whole answers are cached for QG_CACHE_TTL_MS, the same for every caller (no
  // answer depends on who asks). An ingest through this server forgets them all; one from the CLI shows after the TTL.
  const memory = createInMemoryCache({ max: 1000 });
  // the cache forgets by entity, and answers without ids (a totalCount) record none: every answer gets one more
  const ANSWER = { typename: 'Answer' };
  const cache: Cache = { ...memory, set: (id, data, entities, ttl) => memory.set(id, data, [...entities, ANSWER], ttl) };
  const forgetAnswers = async () => void (await memory.invalidate([ANSWER]));
  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: production ? false : { title: 'QuoteGraph', defaultQuery: EXAMPLE_QUERY },
    landingPage: false,
    // same-origin only: the explorer is served from here, and no other site needs to read the API
    cors: false,
    logging: yogaLogger,
    maskedErrors: { maskError, isDev: false },
    context: ({ request }): Context => ({
      graph,
      loaders: createLoaders(graph),
      authorized: bearerMatches(request.headers.get('authorization'), cfg.QG_API_TOKEN),
      mutationsEnabled: !!cfg.QG_API_TOKEN,
      forgetAnswers,
    }),
    plugins: [
      useInputLimits(schema, LIMITS.tokens),
      useResponseCache({ session: () => null, cache, ttl: cfg.QG_CACHE_TTL_MS, invalidateViaMutation: false, enabled: () => cfg.QG_CACHE_TTL_MS > 0 }),
      EnvelopArmorPlugin({
        maxDepth: { n: LIMITS.depth, ignoreIntrospection: true, exposeLimits: true },
        costLimit: { maxCost: LIMITS.cost, ignoreIntrospection: true, exposeLimits: true },
        maxAliases: { n: LIMITS.aliases, exposeLimits: true },
        maxDirectives: { n: LIMITS.directives, exposeLimits: true },
        maxTokens: { n: LIMITS.tokens, exposeLimits: true },
        blockFieldSuggestion: { enabled: production },
      }),
    ],
  });

  const builtins: Record<string, Handler> = {
    '/healthz': async () => {
      try {
        await ping(graph);
        return json(200, { status: 'ok' });
      } catch {
        return json(503, { status: 'unavailable', problem: 'Neo4j does not answer' });
      }
    },
    '/guide': (req) => publicFile(req, join(ROOT, 'cypher/guide.html'), 'text/html; charset=utf-8'),
    '/style.grass': (req) => publicFile(req, join(ROOT, 'cypher/style.grass'), 'text/plain; charset=utf-8'),
  };
  const handlers: Handler[] = [
    (req) => builtins[new URL(req.url).pathname]?.(req) ?? null,
    ...(opts.handlers ?? []),
    ...(opts.staticDir ? [staticFolder(opts.staticDir)] : []),
  ];

  const fetch = async (request: Request): Promise<Response> => {
    if (new URL(request.url).pathname === '/graphql') {
      const refused = notJson(request);
      if (refused) return refused;
      if (request.method !== 'POST') return yoga.fetch(request);
      const body = new Uint8Array(await request.arrayBuffer());
      if (jsonNestingOver(body, MAX_JSON_NESTING)) return graphqlError(400, `input over a limit: the JSON body nests deeper than ${MAX_JSON_NESTING} levels (an argument nests at most ${INPUT_LIMITS.depth})`, 'BAD_USER_INPUT');
      return yoga.fetch(new Request(request, { body }));
    }
    for (const handle of handlers) {
      const res = await handle(request);
      if (res) return res;
    }
    return json(404, { error: 'not found' });
  };

  const server = createHttpServer((req, res) => {
    toRequest(req, maxBody)
      .then((request) => (request instanceof Response ? request : fetch(request)))
      .then((response) => send(res, response, req.method === 'HEAD'))
      .catch((e) => {
        log.error({ err: e }, 'request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":"internal error"}');
      });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 15_000;
  return { yoga, server, fetch };
}

const EXAMPLE_QUERY = `# Who said what about sovereignty, and how each outlet worded it
query {
  whoSaid(topic: "sovereignty") {
    speakers {
      speaker { name roles }
      statements {
        canonical saidOn
        reports { outlet { name } date wording difference }
      }
    }
  }
}
`;

const yogaLogger = {
  debug: (...args: unknown[]) => log.debug(args.map(String).join(' ')),
  info: (...args: unknown[]) => log.info(args.map(String).join(' ')),
  warn: (...args: unknown[]) => log.warn(args.map(String).join(' ')),
  error: (...args: unknown[]) => log.error({ err: args.find((a) => a instanceof Error) }, args.map(String).join(' ')),
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/**
 * A POST to /graphql that is not JSON, answered 415. Yoga also reads form and multipart bodies, which any web
 * page can send cross-site without a preflight: accepting only JSON keeps other sites' forms from driving the API.
 * (GET stays for queries; yoga refuses mutations over GET.)
 */
function notJson(request: Request): Response | null {
  if (request.method !== 'POST') return null;
  const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return null;
  return graphqlError(415, 'POST /graphql takes a JSON body: send content-type: application/json', 'UNSUPPORTED_MEDIA_TYPE');
}

/** An answer from before GraphQL ran, in the shape of a GraphQL error. */
function graphqlError(status: number, message: string, code: string): Response {
  return json(status, { errors: [{ message, extensions: { code } }] });
}

/** What Neo4j Browser sends with `:play` and `:style` (its crash reporting adds sentry-trace and baggage). */
const BROWSER_HEADERS = 'cache-control, pragma, sentry-trace, baggage';

/**
 * A public file Neo4j Browser (another origin) fetches for `:play http://host/guide` and `:style
 * http://host/style.grass`. Its request headers make Chromium preflight it: OPTIONS is answered here, for these
 * files only, without credentials.
 */
async function publicFile(req: Request, path: string, type: string): Promise<Response | null> {
  const cors = { 'access-control-allow-origin': '*' };
  if (req.method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: { ...cors, 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-allow-headers': BROWSER_HEADERS, 'access-control-max-age': '600' },
    });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { error: 'GET only' });
  const res = await file(path, type);
  res?.headers.set('access-control-allow-origin', '*');
  return res;
}

async function file(path: string, type: string): Promise<Response | null> {
  try {
    const body = await readFile(path);
    return new Response(new Uint8Array(body), { headers: { 'content-type': type, 'cache-control': 'no-cache' } });
  } catch {
    return null;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Files of one folder (known types only); paths that climb out of it are not found. */
function staticFolder(dir: string): Handler {
  const root = resolve(dir);
  return (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return null;
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url).pathname);
    } catch {
      return null;
    }
    const target = normalize(join(root, path === '/' ? 'index.html' : path));
    const type = TYPES[extname(target)];
    if (!target.startsWith(root + sep) || !type) return null;
    return file(target, type);
  };
}

/** The node request as a fetch Request, or a 413 Response when the body is over the limit. */
async function toRequest(req: IncomingMessage, maxBody: number): Promise<Request | Response> {
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  if (req.method === 'GET' || req.method === 'HEAD') return new Request(url, { method: req.method, headers });
  const body = Number(req.headers['content-length'] ?? 0) > maxBody ? null : await readBody(req, maxBody);
  if (!body) {
    req.resume(); // drain what is left without keeping it, so the client reads the answer
    const tooLarge = graphqlError(413, `request body is larger than ${maxBody} bytes`, 'PAYLOAD_TOO_LARGE');
    tooLarge.headers.set('connection', 'close');
    return tooLarge;
  }
  return new Request(url, { method: req.method, headers, body: new Uint8Array(body) });
}

/** The body, or null as soon as it exceeds the limit. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd);
      done(null);
    };
    const onEnd = () => done(Buffer.concat(chunks));
    req.on('data', onData).once('end', onEnd).once('error', fail);
  });
}

async function send(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const body = head ? null : Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}

/** Starts listening on cfg.PORT/cfg.HOST; a port in use is one readable error. */
export function listen(server: Server, cfg: Pick<Config, 'PORT' | 'HOST'>): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(
        e.code === 'EADDRINUSE' ? new OperationalError(`port ${cfg.PORT} on ${cfg.HOST} is in use by another program: set PORT to a free one`)
        : e.code === 'EACCES' ? new OperationalError(`port ${cfg.PORT} on ${cfg.HOST} needs privileges this user lacks: set PORT above 1023`)
        : e.code === 'EADDRNOTAVAIL' ? new OperationalError(`HOST ${cfg.HOST} is no address of this machine: set HOST to one (127.0.0.1, 0.0.0.0)`)
        : e,
      ),
    );
    server.listen(cfg.PORT, cfg.HOST, () => done());
  });
}
