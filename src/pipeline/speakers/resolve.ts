// Mentions resolved to entities of the article: names, spokespeople, role nouns and pronouns.
import type { Mention } from '../doc.js';
import type { Token } from '../nlp.js';
import { paragraphAt, type ArticleContext, type Entity, type Found } from './context.js';
import type { NP } from './phrases.js';
import { isCap, isNounish, joinsName } from './tokens.js';
import { ORG_HEADS, PERSONAL, PLURAL_PRONOUNS, SPOKES } from './words.js';

/** The entity a noun phrase stands for, with the mention as written. */
export function resolveNP(ctx: ArticleContext, toks: Token[], np: NP, cue: string | null, confidence: number): Found | null {
  const words = toks.slice(np.a, np.b + 1);
  const mention: Mention = { start: words[0].start, end: words[words.length - 1].end, text: ctx.text.slice(words[0].start, words[words.length - 1].end), role: np.role };
  const head = words[0];
  if (words.length === 1 && head.pos === 'PRON') {
    const entity = resolvePronoun(ctx, head);
    if (!entity) return null;
    return { entity: entity === 'self' ? null : entity, mention, cue, confidence: confidence - 0.15 };
  }
  // "a spokesperson for the National Security Council": the organization speaks
  const spokes = words.findIndex((w) => SPOKES.has(w.lower));
  if (spokes >= 0) {
    const conn = words.findIndex((w, k) => k > spokes && (w.lower === 'for' || w.lower === 'of'));
    const orgStart = conn >= 0 ? conn + 1 : -1;
    const ownerEnd = spokes - 1; // "White House spokesman" / "NSC spokesperson"
    const names = words.findIndex((w, k) => k > spokes && w.pos === 'PROPN' && (conn < 0 || k < conn));
    if (names < 0) {
      let entity: Entity | null = null;
      if (orgStart > 0) {
        let s = np.a + orgStart;
        while (s <= np.b && toks[s].pos === 'DET') s++;
        // "a spokesperson for the" with nothing after: no owner
        entity = s <= np.b ? ctx.entityForRun(toks, s, np.b, false) : null;
        if (entity) entity.type = 'organization';
      } else if (ownerEnd >= 0 && words.slice(0, spokes).some((w) => w.pos === 'PROPN')) {
        let s = np.a;
        while (s < np.a + ownerEnd && toks[s].pos === 'DET') s++;
        entity = ctx.entityForRun(toks, s, np.a + ownerEnd, false);
        if (entity) entity.type = 'organization';
      } else {
        entity = ctx.roleNouns.get(words[spokes].lower) ?? null;
      }
      if (entity) {
        ctx.roleNouns.set(words[spokes].lower, entity);
        ctx.note(mention.start, mention.end, entity);
        return { entity, mention, cue, confidence: confidence - 0.1 };
      }
    }
  }
  // a name: the run of proper nouns at the end of the phrase (after any title)
  const paren = words.findIndex((w, k) => k > 0 && w.text === '(');
  let e = paren > 0 ? np.a + paren - 1 : np.b;
  while (e >= np.a && toks[e].pos !== 'PROPN' && !(isCap(toks[e]) && isNounish(toks[e]))) e--;
  if (e >= np.a) {
    let s = e;
    while (s - 1 >= np.a && (joinsName(toks, s) || isNounish(toks[s - 1]) || toks[s - 1].pos === 'ADJ')) s--;
    while (s < e && toks[s].pos === 'DET') s++;
    // keep an acronym in parentheses with its organization
    const acronym = toks[e + 1]?.text === '(' && /^[\p{Lu}.&]{2,8}$/u.test(toks[e + 2]?.text ?? '') && toks[e + 3]?.text === ')';
    const end = acronym && e + 3 <= np.b ? e + 3 : e;
    const entity = ctx.entityForRun(toks, s, end, true, np.role);
    if (entity) {
      ctx.note(mention.start, mention.end, entity);
      return { entity, mention, cue, confidence };
    }
  }
  // a role or a common noun: "the council", "the Mexican president", "officials"
  const headTok = [...words].reverse().find((w) => w.pos === 'NOUN' || w.pos === 'PROPN');
  if (!headTok) return null;
  const entity = resolveRole(ctx, headTok, mention);
  ctx.note(mention.start, mention.end, entity);
  return { entity, mention, cue, confidence: confidence - 0.15 };
}

function resolveRole(ctx: ArticleContext, head: Token, mention: Mention): Entity {
  const known = ctx.roleNouns.get(head.lemma);
  if (known) return known;
  // the latest entity whose name ends in the noun or whose role names it ("the council", "the president"),
  // paragraph by paragraph backwards (earlier paragraphs are tagged only now)
  const fits = (e: Entity) => e.name.toLowerCase().split(/\s+/u).includes(head.lemma) || (e.role ?? '').toLowerCase().split(/\s+/u).includes(head.lemma);
  const paras = ctx.article.paragraphs;
  const here = paragraphAt(paras, mention.start);
  for (let p = here, again = true; p >= 0 && here - p < 6; again ? (again = false) : p--) {
    // the quote's own paragraph is searched as tagged so far, then whole
    if (p < here || !again) ctx.ensureParagraph(p);
    const spoken = ctx.roleNouns.get(head.lemma);
    if (spoken) return spoken;
    for (let i = ctx.seen.length - 1; i >= 0; i--) {
      const s = ctx.seen[i];
      if (s.start < paras[p].start) break;
      if (s.start < mention.start && fits(s.entity)) {
        ctx.roleNouns.set(head.lemma, s.entity);
        return s.entity;
      }
    }
  }
  const phrase = mention.text.replace(/^(the|a|an)\s+/iu, '');
  const org = ORG_HEADS.has(head.lemma) || ORG_HEADS.has(head.lower);
  const plural = head.lemma !== head.lower && /s$/u.test(head.lower);
  return { name: phrase, type: org ? 'organization' : 'person', gender: null, role: phrase, plural };
}

export function resolvePronoun(ctx: ArticleContext, t: Token, exclude?: Entity | null): Entity | 'self' | null {
  const w = t.lower;
  let want: 'male' | 'female' | 'plural' | 'thing' | null = null;
  if (w in PERSONAL) want = PERSONAL[w as keyof typeof PERSONAL];
  else if (PLURAL_PRONOUNS.has(w)) want = 'plural';
  else if (w === 'it') want = 'thing';
  if (!want) return null;
  // the latest fit, paragraph by paragraph backwards; earlier paragraphs are tagged only now
  const paras = ctx.article.paragraphs;
  const here = paragraphAt(paras, t.start);
  for (let p = here, again = true; p >= 0 && here - p < 6; again ? (again = false) : p--) {
    // the quote's own paragraph is searched as tagged so far, then whole
    if (p < here || !again) ctx.ensureParagraph(p);
    const hit = ctx.antecedent(t.start, want, exclude, paras[p].start);
    if (hit) return hit.entity;
  }
  return null;
}
