// Full-text search candidates: the best of each kind's Lucene index for a query built by lucene.ts from escaped
// words (always a parameter), with the texts the ranking matches and highlights.
import { KEY, type Entity } from './project.js';
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

/** One more candidate than is examined per kind: its presence says the index had more. */
export function searchQuery(lucene: string, kinds: readonly SearchKind[]): Query {
  const parts = kinds.map(
    (kind) => `CALL db.index.fulltext.queryNodes('${SEARCH_INDEX[kind].index}', $q, {limit: ${SEARCH_INDEX[kind].candidates + 1}})
  YIELD node, score
  RETURN '${kind}' AS kind, node.${KEY[SEARCH_INDEX[kind].entity]} AS id, ${SEARCH_INDEX[kind].texts} AS texts, score`,
  );
  return { cypher: `CALL () {\n  ${parts.join('\n  UNION ALL\n  ')}\n}\nRETURN kind, id, texts, score`, params: { q: lucene } };
}
