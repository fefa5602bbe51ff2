// Relay connections over offset cursors, as @neo4j/graphql does ("arrayconnection:<offset>", base64): every
// listing has a total order (its sort keys, then the node key), so consecutive pages never skip or repeat.
import { userError } from './errors.js';

export const MAX_PAGE = 100;

/** Validates a page size argument: a whole number from 0 to MAX_PAGE. */
export function pageSize(first: number | null | undefined, fallback: number): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw userError(`first must be between 0 and ${MAX_PAGE} (was ${first})`);
  }
  return first;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`arrayconnection:${offset}`).toString('base64');
}

/** The offset just after the given cursor (0 without one). */
export function offsetAfter(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0;
  const m = /^arrayconnection:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw userError('after is not a cursor this API returned');
  return Number(m[1]) + 1;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Resolved only when asked for (GraphQL's default resolver calls it). */
  totalCount: () => Promise<number>;
}

/** A connection from one fetched window: `rows` holds up to size + 1 nodes, the extra one only telling more follow. */
export function connection<T>(rows: T[], offset: number, size: number, totalCount: () => Promise<number>): Connection<T> {
  const edges = rows.slice(0, size).map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
