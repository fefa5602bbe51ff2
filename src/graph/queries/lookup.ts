// Single lookups by what a person types: a speaker's name, an outlet's name.
import { luceneQuery } from '../lucene.js';
import { project } from './project.js';
import { int, type Query } from './run.js';

/** Speakers the name's words (as one phrase) can find in the name index: every exact name or alias is among them. */
const NAME_CANDIDATES = 200;

/**
 * By exact name or alias (case-insensitive), else the best full-text match of name and aliases ("Sheinbaum").
 * Both come from the full-text index (an exact name is also its own phrase), never a scan of every speaker.
 */
export function speakerByNameQuery(name: string): Query {
  const lower = name.trim().toLowerCase();
  const words = luceneQuery(name, { fuzzy: false });
  // the name as one phrase, analysed by the index's own analyzer ("U.S." as it was indexed); inside a phrase
  // only the quote and the backslash are syntax
  const phrase = name.trim().replace(/["\\]/g, '\\$&');
  return {
    cypher: `CALL () {
  CALL db.index.fulltext.queryNodes('speaker_names', $phrase, {limit: $candidates}) YIELD node, score
  WITH node AS n, score WHERE toLower(n.name) = $name OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) = $name)
  RETURN n, CASE WHEN toLower(n.name) = $name THEN 2e9 ELSE 1e9 END AS rank
  UNION ALL
  CALL db.index.fulltext.queryNodes('speaker_names', $q, {limit: 5}) YIELD node, score
  RETURN node AS n, score AS rank
}
WITH n, max(rank) AS rank ORDER BY rank DESC, COUNT { (n)-[:SAID]->() } DESC, n.id LIMIT 1
RETURN ${project.Speaker('n')} AS node`,
    params: {
      name: lower,
      phrase: `"${phrase}"`,
      candidates: int(NAME_CANDIDATES),
      q: words || '""',
    },
  };
}

export function outletByNameQuery(name: string): Query {
  const lower = name.trim().toLowerCase();
  return {
    cypher: `MATCH (n:Outlet) WHERE n.key IN $keys OR toLower(n.name) = $lower
WITH n ORDER BY n.key LIMIT 1
RETURN ${project.Outlet('n')} AS node`,
    params: { keys: [lower, lower.replace(/^the\s+/, '')], lower },
  };
}

export const PING: Query = { cypher: 'RETURN 1 AS ok', params: {} };
