// A fingerprint of the whole graph the ingest writes: every node with its labels and properties, every
// relationship with its type, properties and end points (named by their keys, never by Neo4j's internal ids).
// Equal fingerprints mean the same graph, byte for byte: what re-ingest, crash recovery and concurrent ingests
// are held to.
import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Graph } from '../db/driver.js';
import { FINGERPRINT_NODES, FINGERPRINT_RELATIONSHIPS } from './cypher.js';

export interface Fingerprint {
  /** sha256 over every node and relationship, in a canonical order. */
  sha256: string;
  nodes: number;
  relationships: number;
}

/** Values as text that does not depend on driver types or key order (dates as ISO, maps with sorted keys). */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (neo4j.isDate(v as never) || neo4j.isDateTime(v as never) || neo4j.isInt(v as never)) return JSON.stringify(String(v));
  if (typeof v === 'object')
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export async function fingerprint(graph: Graph): Promise<Fingerprint> {
  const lines = await graphLines(graph);
  const nodes = lines.filter((l) => l.includes('"labels":')).length;
  return { sha256: createHash('sha256').update(lines.join('\n')).digest('hex'), nodes, relationships: lines.length - nodes };
}

/** The graph as sorted lines, one per node and relationship: what the fingerprint hashes (and what to diff). */
export async function graphLines(graph: Graph): Promise<string[]> {
  const session = graph.driver.session({ database: graph.database, defaultAccessMode: neo4j.session.READ });
  try {
    const lines: string[] = [];
    for (const query of [FINGERPRINT_NODES, FINGERPRINT_RELATIONSHIPS]) {
      const result = await session.run(query);
      for (const r of result.records) {
        const row = r.toObject();
        if (Array.isArray(row.labels)) row.labels = [...row.labels].sort();
        lines.push(canonical(row));
      }
    }
    return lines.sort();
  } finally {
    await session.close();
  }
}
