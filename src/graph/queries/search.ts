// Full-text search candidates: the best of each kind's Lucene index for a query built by lucene.ts from escaped
// words (always a parameter), with the texts the ranking matches and highlights.
import { KEY, project, projectFor, type Entity, type Fields } from './project.js';
import type { Query } from './run.js';

export type SearchKind = 'QUOTE' | 'STATEMENT' | 'SPEAKER' | 'ARTICLE';

/** Each kind's full-text index (cypher/schema), the label it finds and the texts the page highlights. */
export const SEARCH_INDEX: Record<SearchKind, { index: string; entity: Entity; texts: string; candidates: number }> = {
  QUOTE: { index: 'quote_text', entity: 'Quote', texts: '[node.text]', candidates: 80 },
  STATEMENT: { index: 'statement_text', entity: 'Statement', texts: '[node.canonical]', candidates: 80 },
  SPEAKER: { index: 'speaker_names', entity: 'Speaker', texts: '[node.name] + coalesce(node.aliases, [])', candidates: 40 },
  // articles are long: fewer of them are read
  ARTICLE: { index: 'article_text', entity: 'Article', texts: '[node.title, node.text]', candidates: 30 },
};

/** How a kind's speaker is found from the node (a speaker hit is its own). */
const SPEAKER_OF: Partial<Record<SearchKind, string>> = {
  QUOTE: '(node)-[:ATTRIBUTED_TO]->(sp:Speaker)',
  STATEMENT: '(sp:Speaker)-[:SAID]->(node)',
};

export interface SearchNodes {
  /** The fields the page selects on its nodes (lookahead.ts, every kind's merged): each candidate comes projected for them. */
  fields: Fields;
  /** With the speaker of each quote and statement (the page selects it). */
  speakers: boolean;
}

/**
 * One more candidate than is examined per kind: its presence says the index had more. Each comes with its node
 * projected for the page's selection (`node`, and `speaker`): a page is one round trip, whichever candidates the
 * ranking puts on it. Such a node belongs to this answer only (project.ts), never to a loader.
 */
export function searchQuery(lucene: string, kinds: readonly SearchKind[], withNodes: SearchNodes): Query {
  const parts = kinds.map((kind) => {
    const { index, entity, texts, candidates } = SEARCH_INDEX[kind];
    const speaker = withNodes.speakers && SPEAKER_OF[kind] ? `head([${SPEAKER_OF[kind]} | ${project.Speaker('sp')}])` : 'null';
    return `CALL db.index.fulltext.queryNodes('${index}', $q, {limit: ${candidates + 1}})
  YIELD node, score
  RETURN '${kind}' AS kind, node.${KEY[entity]} AS id, ${texts} AS texts, score,
         ${projectFor(entity, 'node', withNodes.fields)} AS node, ${speaker} AS speaker`;
  });
  return {
    cypher: `CALL () {\n  ${parts.join('\n  UNION ALL\n  ')}\n}\nRETURN kind, id, texts, score, node, speaker`,
    params: { q: lucene },
  };
}
