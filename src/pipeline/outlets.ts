// News outlets: a curated lexicon (src/data/outlets.yaml) plus the shape of outlet names the lexicon
// lacks ("the Des Moines Register"). Matching is case-sensitive so "AP" and "The Hill" are not words.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Span } from './doc.js';

const OutletEntry = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  short: z.array(z.string()).default([]),
});
type OutletEntry = z.infer<typeof OutletEntry>;

export interface OutletMention extends Span {
  /** Canonical outlet name. */
  name: string;
  text: string;
}

interface Lexicon {
  /** Form (name or alias, lower-cased) -> canonical name. */
  byForm: Map<string, string>;
  /** Ambiguous short form -> the outlets it may stand for. */
  byShort: Map<string, string[]>;
  /** Every form, longest first, as one pattern. */
  pattern: RegExp;
}

const key = (form: string) => form.replace(/\s+/g, ' ').trim().toLowerCase();
/** The outlet a form names: as written, or without a leading "the" ("the Wall Street Journal"). */
const lookup = (map: Map<string, string>, form: string) => map.get(key(form)) ?? map.get(key(form.replace(/^the\s+/i, '')));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "The Hill" also matches "the Hill"; other forms match as written. */
function formPattern(form: string): string {
  const body = escape(form.replace(/^the\s+/i, '')).replace(/\s+/g, '\\s+');
  return /^the\s/i.test(form) ? `[Tt]he\\s+${body}` : body;
}

let lexicon: Lexicon | undefined;

function loadLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const raw = parse(readFileSync(new URL('../data/outlets.yaml', import.meta.url), 'utf8'));
  const entries: OutletEntry[] = z.array(OutletEntry).parse(raw);
  const byForm = new Map<string, string>();
  const byShort = new Map<string, string[]>();
  const forms: string[] = [];
  for (const e of entries) {
    for (const form of [e.name, ...e.aliases]) {
      if (!byForm.has(key(form))) byForm.set(key(form), e.name);
      forms.push(form);
    }
    for (const form of e.short) {
      byShort.set(key(form), [...(byShort.get(key(form)) ?? []), e.name]);
      forms.push(form);
    }
  }
  const alternation = [...new Set(forms)].sort((a, b) => b.length - a.length).map(formPattern).join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})(?![\\p{L}\\p{N}])`, 'gu');
  lexicon = { byForm, byShort, pattern };
  return lexicon;
}

/** Canonical name of a known outlet written exactly as `text` ("AP", "the Wall Street Journal."), else null. */
export function outletByName(text: string): string | null {
  const { byForm } = loadLexicon();
  const form = text.trim();
  return lookup(byForm, form) ?? lookup(byForm, form.replace(/\.$/, '')) ?? null;
}

// Words that end an outlet's name; the name is one to three capitalised words before one of them.
const OUTLET_HEADS =
  'Times|Post|Journal|News|Herald|Tribune|Gazette|Telegraph|Guardian|Observer|Chronicle|Standard|Express|Mirror|' +
  'Inquirer|Examiner|Dispatch|Courier|Bulletin|Register|Review|Monitor|Magazine|Daily|Weekly|Radio|Television|' +
  'Broadcasting|Network|Agency|Wire|Press';
const NOT_NAME_START = new Set(['A', 'An', 'The', 'In', 'On', 'At', 'For', 'But', 'And', 'When', 'As', 'Fake', 'Breaking']);
const SHAPE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:[Tt]he\\s+)?((?:\\p{Lu}[\\p{L}&.]*(?:-\\p{Lu}[\\p{L}]*)*\\s+){1,3}(?:${OUTLET_HEADS})(?:\\s+(?:Agency|Network|Service))?)(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Outlet names shaped like one but missing from the lexicon. */
function shapedOutlets(text: string): OutletMention[] {
  const found: OutletMention[] = [];
  for (const m of text.matchAll(SHAPE)) {
    const name = m[1];
    if (NOT_NAME_START.has(name.split(/\s+/)[0])) continue;
    const start = m.index + m[0].length - name.length;
    found.push({ name, text: name, start, end: start + name.length });
  }
  return found;
}

/** Lexicon outlets in `text`; short forms ("the Journal") only where the text also names the outlet in full. */
function lexiconOutlets(text: string): OutletMention[] {
  const { pattern, byForm, byShort } = loadLexicon();
  const hits = [...text.matchAll(pattern)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const named = new Set(hits.map((h) => lookup(byForm, h.text)).filter((n): n is string => !!n));
  const found: OutletMention[] = [];
  for (const h of hits) {
    const candidates = byShort.get(key(h.text))?.filter((n) => named.has(n)) ?? [];
    const name = candidates.length === 1 ? candidates[0] : lookup(byForm, h.text);
    if (name) found.push({ ...h, name });
  }
  return found;
}

/** Every outlet mention in `text`, in order; lexicon matches win over shape matches they overlap. */
export function findOutlets(text: string): OutletMention[] {
  const known = lexiconOutlets(text);
  const overlaps = (s: Span) => known.some((k) => s.start < k.end && k.start < s.end);
  return [...known, ...shapedOutlets(text).filter((s) => !overlaps(s))].sort((a, b) => a.start - b.start);
}
