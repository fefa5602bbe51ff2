// Cross-article resolution: speakers merged into people and organizations, quotes grouped into statements,
// topics completed by meaning. Runs over every article of a run together, and against what the graph already
// holds (`known`), so later articles join existing speakers and statements with the same ids.
import type { ArticleDoc } from '../pipeline/doc.js';
import { loadTaxonomy, type Taxonomy } from '../pipeline/topics.js';
import { embed as minilm } from '../embed/index.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { resolveSpeakers, type ResolvedSpeaker } from './speakers.js';
import { groupStatements, type Embedder, type KnownStatement, type ResolvedStatement } from './statements.js';
import { tagTopicsByMeaning } from './topics.js';

export type { ResolvedSpeaker } from './speakers.js';
export type { Difference, Embedder, KnownStatement, ResolvedStatement, StatementOccasion, StatementQuote } from './statements.js';

export interface KnownGraph {
  speakers: ResolvedSpeaker[];
  statements: KnownStatement[];
}

export interface Resolution {
  docs: ArticleDoc[];
  speakers: ResolvedSpeaker[];
  statements: ResolvedStatement[];
}

export interface ResolveOptions {
  /** Sentence embeddings; null resolves by words only. Default: all-MiniLM-L6-v2 (src/embed). */
  embed?: Embedder | null;
  gazetteer?: Gazetteer;
  /** For tagging by meaning the quotes no keyword tagged; default: the taxonomy file. */
  taxonomy?: Taxonomy;
}

/** Each text embedded once per run, whoever asks; `cache` tells what already was. */
function memo(embed: Embedder) {
  const cache = new Map<string, Float32Array>();
  const cached: Embedder = async (texts) => {
    const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
    const vectors = await embed(missing);
    missing.forEach((t, i) => cache.set(t, vectors[i]));
    return texts.map((t) => cache.get(t)!);
  };
  return { embed: cached, cache };
}

export async function resolve(docs: ArticleDoc[], known?: KnownGraph, opts: ResolveOptions = {}): Promise<Resolution> {
  const base = opts.embed === null ? null : (opts.embed ?? minilm);
  const embedding = base && memo(base);
  const speakers = resolveSpeakers(docs, opts.gazetteer ?? loadGazetteer(), known?.speakers ?? []);
  const grouped = await groupStatements(speakers.docs, known?.statements ?? [], embedding?.embed ?? null);
  if (!base || !embedding) return { docs: grouped.docs, speakers: speakers.speakers, statements: grouped.statements };

  // topics by meaning for the quotes embedded anyway; statements then take their quotes' topics again
  const taxonomy = opts.taxonomy ?? loadTaxonomy();
  const tagged = await tagTopicsByMeaning(grouped.docs, taxonomy, (t) => embedding.cache.get(t), base);
  const added = new Map<string, Set<string>>();
  for (const q of tagged.flatMap((d) => d.quotes))
    if (q.statement) for (const t of q.topics) added.set(q.statement, (added.get(q.statement) ?? new Set()).add(t));
  const statements = grouped.statements.map((s) => ({ ...s, topics: [...new Set([...s.topics, ...(added.get(s.id) ?? [])])].sort() }));
  return { docs: tagged, speakers: speakers.speakers, statements };
}
