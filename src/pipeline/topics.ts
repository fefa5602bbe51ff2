// Topics of a quote, from keyword lemmas in its words and in the rest of its sentence.
// The taxonomy is a YAML file users extend (src/data/taxonomy.yaml); embedding similarity to the topic
// descriptions is added later, in resolve, because it is async and batched.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Article, Quote, Span } from './doc.js';
import { tag, type Token } from './nlp.js';
import { firstNotBefore, firstOverlapping, insideRange } from './spans.js';

export interface Topic {
  id: string;
  description: string;
  broader: string[];
  keywords: string[];
  weight: number;
}

interface Pattern {
  topic: string;
  /** Lemmas; an entry ending in * matches by prefix. */
  words: string[];
  weight: number;
}

export interface Taxonomy {
  topics: Topic[];
  /** Every topic's broader topics, transitively. */
  ancestors: Map<string, Set<string>>;
  /** Keyword patterns by their first word (prefix patterns under '*'), longest first. */
  patterns: Map<string, Pattern[]>;
}

const TopicSchema = z.object({
  id: z.string().min(1).transform((s) => s.toLowerCase()),
  description: z.string().default(''),
  broader: z.array(z.string()).nullish().transform((b) => (b ?? []).map((s) => s.toLowerCase())),
  keywords: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  weight: z.number().positive().default(1),
});
const FileSchema = z.object({ topics: z.array(TopicSchema) });

const words = (text: string, start: number, end: number) => tag(text, start, end).tokens.filter((t) => t.pos !== 'PUNCT');
/** Lemmas of a keyword phrase. */
const lemmas = (phrase: string) => words(phrase.toLowerCase(), 0, phrase.length).map((t) => t.lemma);

export const DEFAULT_TAXONOMY = fileURLToPath(new URL('../data/taxonomy.yaml', import.meta.url));

export function loadTaxonomy(path: string = process.env.QG_TAXONOMY || DEFAULT_TAXONOMY): Taxonomy {
  const { topics } = FileSchema.parse(parse(readFileSync(path, 'utf8')));
  const ids = new Set(topics.map((t) => t.id));
  for (const t of topics) {
    const unknown = t.broader.filter((b) => !ids.has(b));
    if (unknown.length) throw new Error(`${path}: topic "${t.id}" has unknown broader topic(s) ${unknown.join(', ')}`);
  }
  return buildTaxonomy(topics);
}

export function buildTaxonomy(topics: Topic[]): Taxonomy {
  const patterns = new Map<string, Pattern[]>();
  for (const t of topics) {
    for (const k of t.keywords) {
      const words = k.trim().endsWith('*') ? [k.trim().toLowerCase()] : lemmas(k);
      if (!words.length) continue;
      const key = words[0].endsWith('*') ? '*' : words[0];
      if (!patterns.has(key)) patterns.set(key, []);
      patterns.get(key)!.push({ topic: t.id, words, weight: t.weight });
    }
  }
  for (const list of patterns.values()) list.sort((a, b) => b.words.length - a.words.length);
  const byId = new Map(topics.map((t) => [t.id, t]));
  const ancestors = new Map<string, Set<string>>();
  const up = (id: string, seen: Set<string>) => {
    for (const b of byId.get(id)?.broader ?? []) if (!seen.has(b)) up(b, seen.add(b));
    return seen;
  };
  for (const t of topics) ancestors.set(t.id, up(t.id, new Set()));
  return { topics, patterns, ancestors };
}

// lemmas of capitalised words are not always reduced ("TARIFFS"): a plural -s also matches
const wordMatches = (w: string, t: Token) =>
  w.endsWith('*') ? t.lower.startsWith(w.slice(0, -1)) : t.lemma === w || t.lower === w || t.lower === `${w}s`;

/** Keyword hits in `tokens` (punctuation already left out): longest match first, no overlaps. */
export function keywordHits(tokens: Token[], taxonomy: Taxonomy): { pattern: Pattern; token: Token }[] {
  const hits: { pattern: Pattern; token: Token }[] = [];
  for (let i = 0; i < tokens.length; ) {
    const cands = [...(taxonomy.patterns.get(tokens[i].lemma) ?? []), ...(taxonomy.patterns.get(tokens[i].lower) ?? [])];
    const prefix = taxonomy.patterns.get('*') ?? [];
    let best: Pattern | null = null;
    for (const p of [...cands, ...prefix]) {
      if (best && p.words.length <= best.words.length) continue;
      if (p.words.every((w, j) => tokens[i + j] && wordMatches(w, tokens[i + j]))) best = p;
    }
    if (best) {
      hits.push({ pattern: best, token: tokens[i] });
      i += best.words.length;
    } else i++;
  }
  return hits;
}

// A word of the quote counts twice a word of the sentence around it; a topic needs a score of MIN.
const IN_QUOTE = 2;
const IN_CONTEXT = 1;
const MIN = 1;
const MAX_TOPICS = 4;

/**
 * Tokens of the sentence around a quote taken on either side of it: every word of a news sentence, and in a
 * pathological one (a megabyte without a full stop) a bounded window, so each quote costs what its own words do.
 */
const CONTEXT_TOKENS = 400;

export function tagTopics(article: Article, quotes: Quote[], taxonomy: Taxonomy): Quote[] {
  const paragraphs = article.paragraphs.length ? article.paragraphs : [article.span];
  const lexed = new Map<Span, Token[]>();
  const tokensOf = (p: Span) => {
    if (!lexed.has(p)) lexed.set(p, words(article.source.text, p.start, p.end));
    return lexed.get(p)!;
  };
  const paragraphOf = (q: Span) => paragraphs[firstOverlapping(paragraphs, q)] ?? article.span;

  return quotes.map((q) => {
    // an embedded quote is read in its enclosing quote's sentence: the words around it are the outer speaker's
    const host = q.kind === 'embedded' && q.parent != null && quotes[q.parent] ? quotes[q.parent] : q;
    const tokens = tokensOf(paragraphOf(host));
    // the sentences the host's words are in, as a token range (sentence numbers only grow along the tokens)
    const [hostFrom, hostTo] = insideRange(tokens, host);
    let [from, to] = [0, 0];
    if (hostTo > hostFrom) {
      const [first, last] = [tokens[hostFrom].sentence, tokens[hostTo - 1].sentence];
      from = firstNotBefore(tokens, (t) => t.sentence < first, 0, hostFrom);
      to = firstNotBefore(tokens, (t) => t.sentence <= last, hostTo);
    }
    const [quoteFrom, quoteTo] = insideRange(tokens, q);
    const before = Math.min(Math.max(quoteFrom, from), to);
    const after = Math.min(Math.max(quoteTo, from), to);
    const score = new Map<string, number>();
    const add = (toks: Token[], w: number) => {
      for (const { pattern } of keywordHits(toks, taxonomy))
        score.set(pattern.topic, (score.get(pattern.topic) ?? 0) + w * pattern.weight);
    };
    add(tokens.slice(quoteFrom, quoteTo), IN_QUOTE);
    const context = tokens.slice(Math.max(from, before - CONTEXT_TOKENS), before);
    for (let k = after; k < Math.min(to, after + CONTEXT_TOKENS); k++) context.push(tokens[k]);
    add(context, IN_CONTEXT);
    const found = [...score].filter(([, s]) => s >= MIN);
    // narrowest only: "crime" goes when "cartels" is there
    const covered = new Set(found.flatMap(([id]) => [...(taxonomy.ancestors.get(id) ?? [])]));
    const topics = found
      .filter(([id]) => !covered.has(id))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_TOPICS)
      .map(([id]) => id);
    return { ...q, topics };
  });
}
