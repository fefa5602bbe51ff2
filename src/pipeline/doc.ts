// The one document type that flows through the pipeline (spaCy's Doc, for news):
//   read -> articles -> quotes -> speakers -> topics -> time   (per source file, pure)
//   -> resolve (people, statements; across every article of a run, then against the graph)
// Every offset is a UTF-16 index into Source.text, so `source.text.slice(start, end)` is the span.

export interface Span {
  start: number;
  end: number;
}

/** Metadata given with the input (JSON records, HTML meta tags); taken as given, never guessed. */
export interface GivenMeta {
  title?: string | null;
  outlet?: string | null;
  url?: string | null;
  published?: string | null;
  byline?: string[];
}

/** One input unit: a text file, one JSON/JSONL record, or one HTML page. */
export interface Source {
  /** Path of the file it came from (JSONL records share one file). */
  file: string;
  /** Stable id from the content (sha256 of the text, hex, 16 chars). */
  id: string;
  /** The text all offsets point into. */
  text: string;
  given: GivenMeta;
}

export interface ArticleMeta {
  title: string | null;
  outlet: string | null;
  byline: string[];
  /** ISO date (YYYY-MM-DD) */
  published: string | null;
  dateline: string | null;
  url: string | null;
  /** Outlets the piece draws on: "(Reference: Reuters)". */
  basedOn: string[];
  /** Outlets whose reports it mentions: "a Friday report from the Wall Street Journal". */
  cites: string[];
}

export interface Article extends ArticleMeta {
  /** Stable id: `${source.id}#${index}` (index from 1 in text order). */
  id: string;
  index: number;
  source: Source;
  /** Where the article lies in source.text. */
  span: Span;
  /** Body paragraphs only, in order: headline, byline, captions, copyright, boilerplate and repeated bodies are left out. */
  paragraphs: Span[];
  /** The headline's lines (headline and deck), when the text gives one: quotations there are quotes too. */
  headline?: Span[];
}

export type QuoteKind = 'direct' | 'partial' | 'embedded';
export type SpeakerType = 'person' | 'organization';

export interface Mention extends Span {
  text: string;
  /** Role the text gives the speaker here ("commander of U.S. Northern Command"). */
  role?: string | null;
}

export interface SpeakerRef {
  /** Canonical within the run after resolution; the mention's name before it. */
  name: string;
  type: SpeakerType;
  mention: Mention | null;
  role?: string | null;
  /** What the mention is: a name, a pronoun, a role phrase ("the mayor") or an organization's name. */
  mentionKind?: 'name' | 'pronoun' | 'role' | 'organization';
  /** Resolved identity (stable across runs and the graph), set by resolve. */
  id?: string;
  /**
   * The article-local entity the mention denotes (set by the coreference stage): quotes of one article with one
   * key are one person or organization, two keys are two, whatever their names.
   */
  entity?: string;
}

export interface Quote extends Span {
  /** Exactly source.text.slice(start, end): the words between the marks. */
  text: string;
  kind: QuoteKind;
  speaker: SpeakerRef | null;
  /** Outer speaker for an embedded quote, or X in "X quoted Y as saying". */
  relayedBy: string | null;
  /** Cue word or phrase ("said", "told reporters", "according to", ":"). */
  cue: string | null;
  /** 0..1: how sure the attribution is. */
  confidence: number;
  topics: string[];
  /** Statement id, set by resolve: quotes of one utterance share it. */
  statement: string | null;
  /** ISO date when the words were said (not reported), null when unknown. */
  saidOn?: string | null;
  /** The article's words saidOn was read from ("three months ago", "on Saturday"), null when unknown. */
  saidOnFrom?: string | null;
  /** For embedded quotes: index of the enclosing quote in the article's quote list. */
  parent?: number | null;
  /** The occasion the article ties the words to, set by the occasion stage; null when it names none. */
  occasion?: Occasion | null;
}

export type OccasionKind =
  | 'debate' | 'speech' | 'rally' | 'campaign event' | 'town hall' | 'interview' | 'statement' | 'tweet' | 'post'
  | 'hearing' | 'press conference' | 'remarks' | 'email' | 'letter' | 'memo' | 'ad' | 'op-ed' | 'book' | 'ruling'
  | 'report' | 'video' | 'convention';

/** Where and how words were said: "at a rally in Wilmington" on 2016-08-09, "told CNN". */
export interface Occasion {
  kind: OccasionKind;
  /** ISO date: the quote's saidOn (the occasion stage runs after the time stage). */
  date: string | null;
  place: string | null;
  /** The outlet, show or host it was said to or on ("CNN", "Hugh Hewitt"). */
  medium: string | null;
  /** The words naming it, with source offsets; null when the quote continues the previous quote's occasion. */
  cue: (Span & { text: string }) | null;
}

export interface ArticleDoc {
  article: Article;
  quotes: Quote[];
}
