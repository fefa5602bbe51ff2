// Runs GraphQL operations in-process against a graph whose every Cypher call is PROFILEd: the db hits and the
// Neo4j time of a whole answer (every query its resolvers and loaders run), uncached.
import { parse, execute, type DocumentNode } from 'graphql';
import type { ResultSummary, SessionConfig } from 'neo4j-driver';
import type { Graph } from '../src/db/driver.js';
import { createLoaders } from '../src/api/loaders.js';
import { buildSchema } from '../src/api/schema.js';
import type { Context } from '../src/api/resolvers.js';

export interface Profile {
  dbHits: number;
  queries: number;
  /** What each Cypher statement cost, in the order run: the plan's operators with their db hits. */
  plans: { cypher: string; dbHits: number; plan: string }[];
}

interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

function hits(p: PlanNode): number {
  return p.dbHits + p.children.reduce((n, c) => n + hits(c), 0);
}

/** The plan as indented lines: operator, rows, db hits, and its details. */
export function planText(p: PlanNode, depth = 0): string {
  const details = String(p.arguments?.Details ?? '').replace(/\s+/g, ' ').slice(0, 110);
  const line = `${'  '.repeat(depth)}${p.operatorType.replace(/@.*/, '')}  rows ${p.rows}  hits ${p.dbHits}  ${details}`;
  return [line, ...p.children.map((c) => planText(c, depth + 1))].join('\n');
}

/**
 * A graph whose answers' Cypher statements (src/graph/queries/run.ts `read`: `run` on a READ session) are
 * rewritten by `rewrite` and reported to `observe` with their summary.
 */
function observedGraph(graph: Graph, rewrite: (cypher: string) => string, observe: (cypher: string, summary: ResultSummary) => void): Graph {
  const own = <T extends object>(target: T, prop: string | symbol) => {
    const v = Reflect.get(target, prop);
    return typeof v === 'function' ? v.bind(target) : v;
  };
  const driver = new Proxy(graph.driver, {
    get(target, prop) {
      if (prop !== 'session') return own(target, prop);
      return (config: SessionConfig) =>
        new Proxy(target.session(config), {
          get(session, p) {
            if (p !== 'run') return own(session, p);
            return async (cypher: string, params: object, txConfig: object) => {
              const res = await session.run(rewrite(cypher), params as never, txConfig as never);
              observe(cypher, res.summary);
              return res;
            };
          },
        });
    },
  });
  return { ...graph, driver };
}

/** A graph whose answers' queries run under PROFILE and add their db hits to `profile`. */
export const profiledGraph = (graph: Graph, profile: Profile): Graph =>
  observedGraph(
    graph,
    (cypher) => `PROFILE ${cypher}`,
    (cypher, summary) => {
      const plan = summary.profile as unknown as PlanNode;
      const n = plan ? hits(plan) : 0;
      profile.dbHits += n;
      profile.queries++;
      profile.plans.push({ cypher, dbHits: n, plan: plan ? planText(plan) : '' });
    },
  );

/** A graph whose answers' queries add the server's time for them (available + consumed, ms) to `ms.total`. */
export const timedGraph = (graph: Graph, ms: { total: number }): Graph =>
  observedGraph(
    graph,
    (cypher) => cypher,
    (_cypher, summary) => {
      ms.total += Number(summary.resultAvailableAfter) + Number(summary.resultConsumedAfter);
    },
  );

/** How many objects an answer holds (speakers, statements, reports, hits...): the size its cost should follow. */
export function answerSize(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((n: number, x) => n + answerSize(x), 0);
  if (data === null || typeof data !== 'object') return 0;
  return 1 + Object.values(data).reduce((n: number, x) => n + answerSize(x), 0);
}

const schema = buildSchema();

/** One operation, uncached, through the API's own schema and loaders; its data, or an error on a GraphQL error. */
export async function runOperation(graph: Graph, query: string | DocumentNode, variables: Record<string, unknown> = {}) {
  const contextValue: Context = {
    graph,
    loaders: createLoaders(graph),
    authorized: false,
    mutationsEnabled: false,
    forgetAnswers: async () => {},
  };
  const res = await execute({ schema, document: typeof query === 'string' ? parse(query) : query, variableValues: variables, contextValue });
  if (res.errors?.length) throw new Error(`query failed: ${res.errors.map((e) => e.message).join('; ')}`);
  return res.data as Record<string, any>;
}

/** The db hits of one operation (every Cypher call it made), with the plans. */
export async function profileOperation(graph: Graph, query: string, variables: Record<string, unknown> = {}): Promise<Profile> {
  const profile: Profile = { dbHits: 0, queries: 0, plans: [] };
  await runOperation(profiledGraph(graph, profile), query, variables);
  return profile;
}
