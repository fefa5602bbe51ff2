// Coreference to the entity: each quote's speaker mention (a name, a surname, a title and surname, a pronoun, a
// role noun, a spokesperson or a document) linked to the person or organization of the article it denotes; the
// quote's speaker then carries that entity's fullest name in the article, its type and an article-local key.
// Reads only the mention spans and the article text (so it can be measured on gold mentions), by name structure,
// agreement in gender and number, recency and prominence; no tagging.
import type { Article, Mention, Quote, SpeakerType, Span } from '../doc.js';
import { ORG_HEADS } from '../speakers/words.js';
import { appositiveGroup } from './apposition.js';
import { Entities, type Entity } from './entities.js';
import { readMention, type ReadMention } from './mention.js';
import { resolvePronoun } from './pronouns.js';
import { words } from './text.js';
import { DOCUMENT_NOUNS, GENDERED, PRONOUN, SPEECH_NOUNS, SPOKES_NOUNS } from './words.js';

export function resolveEntities(article: Article, quotes: Quote[]): Quote[] {
  if (!quotes.some((q) => q.speaker?.mention)) return quotes;
  const spans: Span[] = [...quotes].sort((a, b) => a.start - b.start);
  const lastMention = Math.max(...quotes.map((q) => q.speaker?.mention?.end ?? -1));
  const ents = new Entities(article, spans, lastMention);
  const linked = new Map<string, Entity | null>();
  const key = (m: Span) => `${m.start}:${m.end}`;
  // each mention span once, with the quote it speaks and the quote it stands inside (an embedded quote's "he")
  const byMention = new Map<string, { m: Mention; q: Quote; inside: Quote | null }>();
  for (const q of quotes) {
    const m = q.speaker?.mention;
    if (m && !byMention.has(key(m))) byMention.set(key(m), { m, q, inside: quotes.find((o) => o.start <= m.start && m.end <= o.end) ?? null });
  }
  const all = [...byMention.values()].sort((a, b) => a.m.start - b.m.start || a.m.end - b.m.end);
  const narrative = all.filter((x) => !x.inside);
  const resolve = ({ m, q, inside }: (typeof all)[number]) => {
    // inside a quotation "he" is never the one speaking it (who says "I")
    const outer = inside?.speaker?.mention ? linked.get(key(inside.speaker.mention)) ?? null : null;
    linked.set(key(m), link(ents, article, spans, m, q.speaker!.type, outer));
  };
  // the narrative's speaker mentions and its other gendered pronouns, in text order: each pronoun resolved is a
  // sighting later ones weigh ("... his refusal ... she said")
  let next = 0;
  for (const w of ents.words) {
    while (next < narrative.length && narrative[next].m.start <= w.start) resolve(narrative[next++]);
    if (w.quoted || w.lower.length > 3 || !GENDERED.has(w.lower) || byMention.has(key(w))) continue;
    const agrees = PRONOUN[w.lower] as 'male' | 'female';
    const e = resolvePronoun(ents, article, agrees, w, null);
    if (e) ents.saw(e, w, false, w.lower === 'he' || w.lower === 'she');
  }
  narrative.slice(next).forEach(resolve);
  all.filter((x) => x.inside).forEach(resolve);
  ents.growFromTail(new Set([...linked.values()].filter((e): e is Entity => e !== null)));
  return quotes.map((q) => {
    const m = q.speaker?.mention;
    const e = m ? linked.get(key(m)) : null;
    return e && q.speaker ? { ...q, speaker: { ...q.speaker, name: e.name, type: e.type, entity: e.key } } : q;
  });
}

function link(ents: Entities, article: Article, spans: Span[], m: Mention, hint: SpeakerType, exclude: Entity | null): Entity | null {
  const ws = words(article.source.text, appositiveGroup(article.source.text, m, spans, article.span), spans);
  const read = readMention(ws);
  if (!read) return null;
  const e = read.kind === 'pronoun' ? resolvePronoun(ents, article, read.agrees, m, exclude) : entityFor(ents, read, m, hint);
  if (!e) return null;
  if (read.kind === 'name' || read.kind === 'owner') ents.note(e, read.run, { speaker: true });
  else ents.saw(e, m, true, true);
  return e;
}

function entityFor(ents: Entities, read: Exclude<ReadMention, { kind: 'pronoun' }>, m: Mention, hint: SpeakerType): Entity | null {
  switch (read.kind) {
    case 'name':
    case 'owner': {
      const r = read.run;
      // the scanned run at the same words already knows its entity
      const known = ents.scanned(r.nameStart);
      if (known) return known;
      // a surname in capitals ("PENCE:" in a transcript) or an acronym
      if (r.kind === 'organization' && r.parts.length === 1) {
        const person = ents.partialOf({ ...r, kind: 'unknown' }, m.start, false);
        if (person) return person;
      }
      return r.first === null && r.kind !== 'organization' ? ents.partialOf(r, m.start, true) : ents.entityOf(r, m.start, r.kind === 'unknown' ? hint : r.kind);
    }
    case 'role':
      return role(ents, read, m);
  }
}

/**
 * A role noun: a document to whoever put it out, "the senator" to the person the article gave that title, "the
 * council" to the organization with the word in its name; failing those, a definite singular description to the
 * entity of its kind most prominent in the last sentences ("the Vermont senator" after a paragraph on Sanders).
 */
function role(ents: Entities, read: Extract<ReadMention, { kind: 'role' }>, m: Mention): Entity {
  const org = ORG_HEADS.has(read.head);
  // the noun as written: "congressman" is a representative by title, no one's spokesperson
  const speaksFor = DOCUMENT_NOUNS.has(read.noun) || SPOKES_NOUNS.has(read.noun);
  const owner = read.possessor ? ents.partialOf(read.possessor, m.start, false) : null;
  // "Clinton's campaign", "Trump's claim": whose words they are
  if (owner && (DOCUMENT_NOUNS.has(read.noun) || SPEECH_NOUNS.has(read.noun))) return owner;
  if (speaksFor) {
    // "The Post ran a feature ... The piece says": failing a stated owner, the organization just named
    const stated =
      ents.ownerOfEarlier(read.head, m.start) ??
      (DOCUMENT_NOUNS.has(read.noun) ? ents.mostSalient(ents.all, m.start, (e) => e.type === 'organization' && !e.described, NEAR) : null);
    if (stated) return stated;
  }
  if (!read.plural && !speaksFor) {
    const agrees = (e: Entity) => !read.gender || !e.gender || e.gender === read.gender;
    const fits = org
      ? (e: Entity) => e.type === 'organization' && !e.described && e.words.has(read.head)
      : (e: Entity) => e.type === 'person' && !e.described && e !== owner && ents.titlesOf(e).has(read.head) && agrees(e);
    // a headline's "Retired General" takes up the general the article then names
    const e = ents.mostSalient(ents.all, m.start, fits, Infinity) ?? ents.firstAfter(m.start, (x) => Number(fits(x)), NEAR);
    if (e) return e;
    if (read.definite) {
      const near = org
        ? (e: Entity) => e.type === 'organization' && !e.described
        : (e: Entity) => e.type === 'person' && !e.described && e !== owner && agrees(e);
      const salient = ents.mostSalient(ents.all, m.start, near, NEAR);
      if (salient) return salient;
    }
  }
  // a document nobody is said to have put out ("the book") speaks for no person: no "he" or "she" takes it up
  return ents.described(read.phrase, org || speaksFor && !SPOKES_NOUNS.has(read.noun) ? 'organization' : 'person', read.plural, read.gender);
}

/** How many sentences back a definite description looks for the entity it takes up. */
const NEAR = 2;
