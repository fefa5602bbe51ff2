// Topics by meaning, for quotes whose words named none: the quote's embedding against each topic's
// description. Kept strict: a keyword hit is better evidence than a loose likeness.
import type { ArticleDoc } from '../pipeline/doc.js';
import type { Taxonomy } from '../pipeline/topics.js';
import type { Embedder } from './statements.js';

/** Cosine to a topic description above which an untagged quote gets that topic. */
export const TOPIC_MEANING = 0.5;
const MIN_WORDS = 4;

export async function tagTopicsByMeaning(docs: ArticleDoc[], taxonomy: Taxonomy, embed: Embedder): Promise<ArticleDoc[]> {
  const todo = docs.flatMap((d, di) =>
    d.quotes.map((q, qi) => ({ di, qi, q })).filter(({ q }) => q.topics.length === 0 && q.text.split(/\s+/).length >= MIN_WORDS),
  );
  if (!todo.length) return docs;
  const topicVectors = await embed(taxonomy.topics.map((t) => `${t.id}: ${t.description}`));
  const vectors = await embed(todo.map(({ q }) => q.text));
  const found = new Map<string, string>();
  todo.forEach(({ di, qi }, k) => {
    let best = -1, at = -1;
    topicVectors.forEach((tv, ti) => {
      let s = 0;
      for (let i = 0; i < tv.length; i++) s += tv[i] * vectors[k][i];
      if (s > best) [best, at] = [s, ti];
    });
    if (best >= TOPIC_MEANING) found.set(`${di}:${qi}`, taxonomy.topics[at].id);
  });
  return docs.map((d, di) => ({
    ...d,
    quotes: d.quotes.map((q, qi) => {
      const t = found.get(`${di}:${qi}`);
      return t ? { ...q, topics: [t] } : q;
    }),
  }));
}
