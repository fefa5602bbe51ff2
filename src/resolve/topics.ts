// Topics by meaning, for quotes whose words named none: the quote's embedding against each topic's
// description. Only quotes already embedded for statement grouping are looked at (no extra embedding cost),
// and the bar is high: a keyword hit is better evidence than a loose likeness.
import type { ArticleDoc } from '../pipeline/doc.js';
import type { Taxonomy } from '../pipeline/topics.js';
import type { Embedder } from './statements.js';

/** Cosine to a topic description above which an untagged quote gets that topic. */
export const TOPIC_MEANING = 0.5;

/** Topic vectors per taxonomy and embedder: the same for every batch of an ingest, so embedded once. */
const topicVectors = new WeakMap<Taxonomy, WeakMap<Embedder, Promise<Float32Array[]>>>();
function vectorsOf(taxonomy: Taxonomy, embed: Embedder): Promise<Float32Array[]> {
  const byEmbedder = topicVectors.get(taxonomy) ?? new WeakMap<Embedder, Promise<Float32Array[]>>();
  topicVectors.set(taxonomy, byEmbedder);
  let vectors = byEmbedder.get(embed);
  if (!vectors) {
    vectors = embed(taxonomy.topics.map((t) => `${t.id}: ${t.description}`));
    byEmbedder.set(embed, vectors);
    vectors.catch(() => byEmbedder.delete(embed));
  }
  return vectors;
}

/** `embed` embeds the topic descriptions: pass a long-lived embedder, its vectors are kept for later calls. */
export async function tagTopicsByMeaning(
  docs: ArticleDoc[],
  taxonomy: Taxonomy,
  vectorOf: (text: string) => Float32Array | undefined,
  embed: Embedder,
): Promise<ArticleDoc[]> {
  const todo = docs.flatMap((d) => d.quotes.filter((q) => q.topics.length === 0 && vectorOf(q.text)));
  if (!todo.length) return docs;
  const topics = await vectorsOf(taxonomy, embed);
  const best = (v: Float32Array) => {
    let top = -1, at = -1;
    topics.forEach((tv, ti) => {
      let s = 0;
      for (let i = 0; i < tv.length; i++) s += tv[i] * v[i];
      if (s > top) [top, at] = [s, ti];
    });
    return top >= TOPIC_MEANING ? taxonomy.topics[at].id : null;
  };
  return docs.map((d) => ({
    ...d,
    quotes: d.quotes.map((q) => {
      const v = q.topics.length === 0 ? vectorOf(q.text) : undefined;
      const t = v && best(v);
      return t ? { ...q, topics: [t] } : q;
    }),
  }));
}
