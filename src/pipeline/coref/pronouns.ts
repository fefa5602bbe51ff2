// Pronouns to their antecedent: the most prominent entity of the sentences before that agrees in gender and
// number (a presumed gender agrees less than a known one, an unknown one in between); "who" and "which" to the
// phrase right before them; "I" in the narrative to the article's author.
import type { Article, Span } from '../doc.js';
import type { Entities, Entity } from './entities.js';
import type { Agreement } from './mention.js';
import { readRun } from './names.js';
import { words } from './text.js';

/** How well e agrees with a pronoun: 0 not at all, 1 fully. */
export function agreement(e: Entity, agrees: Agreement): number {
  if (agrees === 'plural') return e.plural || e.type === 'organization' ? 1 : 0;
  if (agrees === 'thing') return e.type === 'organization' && !e.plural ? 1 : 0;
  if (e.type !== 'person' || e.plural) return 0;
  if (e.gender === agrees) return 1;
  if (e.gender === null) return 0.5;
  return e.genderSure ? 0 : 0.15;
}

/** The entity a pronoun at m stands for; never `exclude` (the speaker of the quotation it stands in). */
export function resolvePronoun(ents: Entities, article: Article, agrees: Agreement, m: Span, exclude: Entity | null): Entity | null {
  if (agrees === 'first') return author(ents, article, m);
  if (agrees === 'relative') {
    // "Stevie Wonder, who said": the phrase right before
    let best: Entity | null = null;
    let end = -1;
    for (const e of ents.all) for (const s of e.seen) if (e !== exclude && s.end <= m.start && s.end > end && m.start - s.end < 40) [best, end] = [e, s.end];
    return best;
  }
  const fit = (e: Entity) => (e === exclude ? 0 : agreement(e, agrees));
  // nothing before (a headline's "His"): the first fit named after it, in the next sentences
  const e = ents.mostSalient(ents.all, m.start, fit) ?? ents.mostSalient(ents.all, m.start, fit, Infinity) ?? ents.firstAfter(m.start, fit, 2);
  // the pronoun tells the gender, or confirms the one a first name suggested
  if (e && (agrees === 'male' || agrees === 'female') && (e.gender === null || e.gender === agrees)) [e.gender, e.genderSure] = [agrees, e.gender === agrees];
  return e;
}

/** "I" in the narrative is the author: the byline. */
function author(ents: Entities, article: Article, m: Span): Entity | null {
  if (ents.quotedAt(m.start) || article.byline.length !== 1) return null;
  const byline = words(article.byline[0], { start: 0, end: article.byline[0].length });
  const run = byline.length ? readRun(byline, 0, byline.length - 1) : null;
  return run ? ents.entityOf({ ...run, kind: 'person' }, m.start) : null;
}
