// Resolved documents to the parameter rows of the write statements (src/graph/cypher.ts): pure, so what
// would be written can be inspected (dry run) and tested without a database.
import { createHash } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import neo4j, { type Integer } from 'neo4j-driver';
import type { Article, ArticleDoc, SpeakerType } from '../pipeline/doc.js';
import type { Resolution, ResolvedSpeaker, ResolvedStatement } from '../resolve/index.js';

/** Integers go over Bolt as Integer (a JS number would be stored as a float). */
const int = (n: number): Integer => neo4j.int(n);

/** Outlet key: lower case, spaces collapsed, no leading "the" ("The Hill" and "the Hill" are one outlet). */
export const outletKey = (name: string): string =>
  name.trim().replace(/^the\s+/i, '').replace(/\s+/g, ' ').toLowerCase();

/** Quote key: the article and where the wording starts in the article's own text. */
export const quoteId = (articleId: string, start: number): string => `${articleId}:${start}`;

export interface FileRow {
  file: string;
  /** Every article id the file (or its urls) holds now; others with the same file or url are replaced. */
  ids: string[];
  urls: string[];
}

export interface ArticleRow {
  id: string;
  sourceId: string;
  title: string | null;
  url: string | null;
  published: string | null;
  byline: string[];
  dateline: string | null;
  file: string;
  text: string;
  offset: Integer;
  outlet: string | null;
  basedOn: string[];
  cites: string[];
  quoteIds: string[];
  /** Hash of everything above and the pipeline version: an article stored with the same digest is left alone. */
  digest: string;
}

export interface SpeakerRow {
  id: string;
  name: string;
  type: SpeakerType;
  aliases: string[];
  roles: string[];
  wikidata: string | null;
}

export interface StatementRow {
  id: string;
  speakerId: string;
  canonical: string;
  saidOn: string | null;
  topics: string[];
  embedding: number[] | null;
  /** Id of the quote whose wording `canonical` is. */
  referenceId: string | null;
  occasion: OccasionRow | null;
}

export interface OccasionRow {
  id: string;
  kind: string;
  date: string | null;
  place: string | null;
  medium: string | null;
}

export interface QuoteRow {
  id: string;
  articleId: string;
  text: string;
  kind: string;
  start: Integer;
  end: Integer;
  cue: string | null;
  confidence: number;
  difference: string | null;
  saidOn: string | null;
  saidOnFrom: string | null;
  topics: string[];
  relayedBy: string | null;
  statement: string | null;
  speakerId: string | null;
  relayedById: string | null;
  mention: { text: string; start: Integer; end: Integer; role: string | null } | null;
}

export interface BatchRows {
  files: FileRow[];
  outlets: { key: string; name: string }[];
  articles: ArticleRow[];
  speakers: SpeakerRow[];
  statements: StatementRow[];
  quotes: QuoteRow[];
  embedded: { id: string; parentId: string }[];
  /** Quotes of other batches whose difference changed with their statement's reference. */
  differences: { id: string; difference: string }[];
}

const fold = (s: string) => s.normalize('NFKC').replace(/[’‘]/g, "'").trim().toLowerCase();

/** Finds a resolved speaker by name or alias (relayedBy is only a name). */
function speakerIndex(speakers: ResolvedSpeaker[]): (name: string) => ResolvedSpeaker | undefined {
  const byName = new Map<string, ResolvedSpeaker>();
  for (const s of speakers) for (const n of [s.name, ...s.aliases]) if (!byName.has(fold(n))) byName.set(fold(n), s);
  return (name) => byName.get(fold(name));
}

/** The files of a batch with every article id each holds now (also articles left alone): others are replaced. */
export function fileRows(docs: ArticleDoc[], sourceFiles: string[] = []): FileRow[] {
  const files = new Map<string, FileRow>(sourceFiles.map((f) => [resolvePath(f), { file: resolvePath(f), ids: [], urls: [] }]));
  for (const { article: a } of docs) {
    const file = resolvePath(a.source.file);
    const row = files.get(file) ?? { file, ids: [], urls: [] };
    files.set(file, row);
    if (!row.ids.includes(a.id)) row.ids.push(a.id);
    if (a.url && !row.urls.includes(a.url)) row.urls.push(a.url);
  }
  return [...files.values()];
}

/** The article's own row (no resolution needed), with its digest under a pipeline version. */
export function articleRow(a: Article, quoteStarts: number[], version: string): ArticleRow {
  const base = a.span.start;
  const key = (o: string | null) => (o?.trim() ? outletKey(o) : null);
  const row: Omit<ArticleRow, 'digest'> = {
    id: a.id,
    sourceId: a.source.id,
    title: a.title,
    url: a.url,
    published: a.published,
    byline: a.byline,
    dateline: a.dateline,
    file: resolvePath(a.source.file),
    text: a.source.text.slice(a.span.start, a.span.end),
    offset: int(base),
    outlet: key(a.outlet),
    basedOn: a.basedOn.map(key).filter((k): k is string => k !== null),
    cites: a.cites.map(key).filter((k): k is string => k !== null),
    quoteIds: [...new Set(quoteStarts.map((s) => quoteId(a.id, s - base)))],
  };
  return { ...row, digest: createHash('sha256').update(JSON.stringify([version, row])).digest('hex').slice(0, 16) };
}

/**
 * The rows for one batch. Only speakers and statements the batch's quotes use are written (resolution may
 * hand back known ones untouched); a quote whose speaker resolution did not list gets a node from its ref.
 * `files`: the batch's files (fileRows), also those with no article left.
 */
export function buildRows(resolution: Resolution, files: FileRow[], version: string): BatchRows {
  const { docs } = resolution;
  const findSpeaker = speakerIndex(resolution.speakers);
  const speakerById = new Map(resolution.speakers.map((s) => [s.id, s]));
  const statementById = new Map(resolution.statements.map((s) => [s.id, s]));
  const difference = new Map<string, string>();
  for (const st of resolution.statements)
    for (const q of st.quotes) difference.set(`${q.articleId}@${q.start}`, q.difference);
  // quote ids by article and source offset: this batch's from its articles, the graph's as they were stored
  const baseOf = new Map(docs.map((d) => [d.article.id, d.article.span.start]));
  const idOf = (st: ResolvedStatement, at: { articleId: string; start: number }) => {
    const base = baseOf.get(at.articleId);
    return base != null ? quoteId(at.articleId, at.start - base) : (st.quotes.find((q) => q.articleId === at.articleId && q.start === at.start)?.id ?? null);
  };

  const outlets = new Map<string, string>();
  const addOutlet = (name: string | null) => {
    if (name?.trim() && !outlets.has(outletKey(name))) outlets.set(outletKey(name), name.trim());
  };
  const speakers = new Map<string, SpeakerRow>();
  const useSpeaker = (s: ResolvedSpeaker | { id: string; name: string; type: SpeakerType }) => {
    if (speakers.has(s.id)) return;
    const r = s as Partial<ResolvedSpeaker>;
    speakers.set(s.id, {
      id: s.id,
      name: s.name,
      type: s.type,
      aliases: [...new Set(r.aliases ?? [s.name])],
      roles: [...new Set(r.roles ?? [])],
      wikidata: r.wikidata ?? null,
    });
  };
  const statements = new Map<string, StatementRow>();
  const articles: ArticleRow[] = [];
  const quotes: QuoteRow[] = [];
  const embedded: BatchRows['embedded'] = [];

  for (const { article: a, quotes: qs } of docs) {
    const base = a.span.start;
    const ids = qs.map((q) => quoteId(a.id, q.start - base));
    for (const o of [a.outlet, ...a.basedOn, ...a.cites]) addOutlet(o);
    articles.push(articleRow(a, qs.map((q) => q.start), version));

    qs.forEach((q, i) => {
      const sp = q.speaker;
      if (sp?.id) useSpeaker(speakerById.get(sp.id) ?? { id: sp.id, name: sp.name, type: sp.type });
      const relayer = q.relayedBy ? findSpeaker(q.relayedBy) : undefined;
      if (relayer) useSpeaker(relayer);
      const st = q.statement ? statementById.get(q.statement) : undefined;
      if (st) {
        const owner = speakerById.get(st.speakerId);
        if (owner) useSpeaker(owner);
        else if (!speakers.has(st.speakerId) && sp?.id === st.speakerId) useSpeaker({ id: sp.id, name: sp.name, type: sp.type });
        if (!statements.has(st.id))
          statements.set(st.id, {
            id: st.id,
            speakerId: st.speakerId,
            canonical: st.canonical,
            saidOn: st.saidOn ?? null,
            topics: [...new Set(st.topics)],
            embedding: st.embedding ? Array.from(st.embedding) : null,
            referenceId: idOf(st, st.reference),
            occasion: st.occasion && { id: st.occasion.id, kind: st.occasion.kind, date: st.occasion.date, place: st.occasion.place, medium: st.occasion.medium },
          });
      }
      const m = sp?.mention;
      quotes.push({
        id: ids[i],
        articleId: a.id,
        text: q.text,
        kind: q.kind,
        start: int(q.start - base),
        end: int(q.end - base),
        cue: q.cue,
        confidence: q.confidence,
        difference: difference.get(`${a.id}@${q.start}`) ?? null,
        saidOn: q.saidOn ?? null,
        saidOnFrom: q.saidOnFrom ?? null,
        topics: [...new Set(q.topics)],
        relayedBy: q.relayedBy,
        statement: st ? st.id : null,
        speakerId: sp?.id ?? null,
        relayedById: relayer?.id ?? null,
        mention: m ? { text: m.text, start: int(m.start - base), end: int(m.end - base), role: m.role ?? sp?.role ?? null } : null,
      });
      const parent = q.parent != null ? qs[q.parent] : undefined;
      if (parent) embedded.push({ id: ids[i], parentId: quoteId(a.id, parent.start - base) });
    });
  }
  const written = [...statements.values()].filter((s) => speakers.has(s.speakerId));
  const writtenIds = new Set(written.map((s) => s.id));
  const differences = resolution.statements
    .filter((st) => writtenIds.has(st.id))
    .flatMap((st) => st.quotes.filter((q) => q.changed && q.id && !baseOf.has(q.articleId)).map((q) => ({ id: q.id!, difference: q.difference })));
  return {
    files,
    outlets: [...outlets].map(([key, name]) => ({ key, name })),
    articles,
    speakers: [...speakers.values()],
    // a statement whose speaker has no node cannot be written (MERGE_STATEMENTS matches the speaker)
    statements: written,
    quotes,
    embedded,
    differences,
  };
}
