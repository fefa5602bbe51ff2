// The answers the growth and API benchmarks time: the same query text at every size, the topic and speaker
// picked from the graph at hand (so no benchmark names a person).
import type { Graph } from '../src/db/driver.js';
import { runOperation } from './profile.js';

/** The four answers timed at every size (the same query text; the topic and speaker picked from the graph). */
export const QUERIES = {
  headline: `query ($topic: String!) { whoSaid(topic: $topic) { totalCount speakers { speaker { id name roles }
    statements { id canonical saidOn reports { date wording difference outlet { name } article { id title } } } } } }`,
  speaker: `query ($id: ID) { speaker(id: $id) { name aliases roles statementCount statements(first: 20) { id canonical saidOn }
    topics { count topic { id } } quotedBy { count outlet { name } } } }`,
  search: `query ($text: String!) { searchResults(text: $text, first: 20) { totalCount edges { node { kind text exact
    highlights { start end } node { ... on Quote { id speaker { name } } ... on Statement { id canonical } ... on Speaker { id name } ... on Article { id caption } } } } } }`,
};

/** The headline topic, the busiest topic (most speakers) and the speaker with most statements in this graph. */
export async function pickCases(graph: Graph) {
  const pick = await runOperation(
    graph,
    '{ topics(first: 1, sort: [{ statementCount: DESC }]) { edges { node { id } } } speakers(first: 1, sort: [{ statementCount: DESC }]) { edges { node { id } } } }',
  );
  return {
    headline: { query: QUERIES.headline, variables: { topic: process.env.QG_BENCH_TOPIC ?? 'sovereignty' } },
    'busiest topic': { query: QUERIES.headline, variables: { topic: pick.topics.edges[0].node.id as string } },
    speaker: { query: QUERIES.speaker, variables: { id: pick.speakers.edges[0].node.id as string } },
    search: { query: QUERIES.search, variables: { text: process.env.QG_BENCH_SEARCH ?? 'interest rates' } },
  };
}

export const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
