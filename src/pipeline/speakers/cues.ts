// Cues naming a quote's speaker, each read in the sentence next to the quote (a frame): a speech verb and its
// subject, a trailing "X said", a dash, "according to", a transcript label, the sentence's subject; and the
// speaker of a quote nested in another.
import type { Mention, Quote } from '../doc.js';
import type { Tagged, Token } from '../nlp.js';
import type { ArticleContext, Found } from './context.js';
import { npEndingAt, npStartingAt, type NP } from './phrases.js';
import { resolveNP, resolvePronoun } from './resolve.js';
import { NOBODY, subjectOf } from './subject.js';
import { isCap, isFiniteAt, isMarkToken, isParticiple, isSpeechVerbAt } from './tokens.js';
import { BINDING, DASHES, PERSONAL } from './words.js';

interface Frame {
  toks: Token[];
  lo: number;
  hi: number;
}

/** The sentence of a tagged stretch that touches the quote: the last one before it, or the first one after it. */
export function sentenceFrame(t: Tagged, which: 'last' | 'first'): Frame {
  const toks = t.tokens;
  if (toks.length === 0) return { toks, lo: 0, hi: 0 };
  let [lo, hi] = t.sentences[which === 'last' ? t.sentences.length - 1 : 0] ?? [0, toks.length];
  // wink may keep a lone closing mark as its own sentence
  if (which === 'last') {
    while (hi > lo && isMarkToken(toks[hi - 1])) hi--;
    if (hi === lo && t.sentences.length > 1) [lo, hi] = t.sentences[t.sentences.length - 2];
    while (hi > lo && isMarkToken(toks[hi - 1])) hi--;
    const endsSentence = hi > lo && /^[.!?]$/u.test(toks[hi - 1].text);
    if (endsSentence) return { toks, lo: hi, hi };
  } else {
    while (lo < hi && (isMarkToken(toks[lo]) || toks[lo].text === ',')) lo++;
    // stop at the next quote mark: what follows belongs to the next quote
    for (let k = lo; k < hi; k++) if (isMarkToken(toks[k])) { hi = k; break; }
  }
  return { toks, lo, hi };
}

const spanText = (text: string, toks: Token[], a: number, b: number) => (b > a ? text.slice(toks[a].start, toks[b - 1].end) : null);

/** The cue verb of a clause and its subject, resolved to an entity. */
export function cueIn(ctx: ArticleContext, fr: Frame, side: 'pre' | 'post'): Found | null {
  const { toks, lo, hi } = fr;
  // "X: “...”" and "X said: “...”"
  const colon = side === 'pre' && hi > lo && toks[hi - 1].text === ':';
  let v = -1;
  if (side === 'pre') {
    for (let k = hi - 1; k >= lo; k--) if (isSpeechVerbAt(toks, k)) { v = k; break; }
  } else {
    for (let k = lo; k < Math.min(hi, lo + 48); k++) if (isSpeechVerbAt(toks, k)) { v = k; break; }
  }
  if (v < 0) {
    if (colon) {
      const np = npEndingAt(toks, hi - 2, lo);
      if (np && np.a === lo) return resolveNP(ctx, toks, np, ':', 0.7);
    }
    return null;
  }
  // "she quoted Trump as saying": the words are Trump's, relayed by her
  if (toks[v].lemma === 'quote') {
    const obj = npStartingAt(toks, v + 1, hi);
    if (obj && toks[obj.b + 1]?.lower === 'as') {
      const speaker = resolveNP(ctx, toks, obj, `${toks[v].text} ${ctx.text.slice(toks[obj.a].start, toks[obj.b].end)} as saying`, 0.85);
      const relayer = subjectOf(toks, v, lo, hi);
      const relay = relayer && relayer !== NOBODY ? resolveNP(ctx, toks, relayer, null, 0) : null;
      if (speaker) return { ...speaker, relayedBy: relay?.entity?.name ?? null };
    }
  }
  if (side === 'post' && v > lo) {
    // after the quote the clause must open with its subject: "Trump said", "Name, a role at X, said"
    const np = npStartingAt(toks, lo, hi);
    if (!np || np.b >= v) return null;
    let k = np.b + 1;
    let role = np.role;
    if (toks[k]?.text === ',') {
      let c = v - 1;
      while (c > k && (toks[c].pos === 'ADV' || toks[c].pos === 'AUX')) c--;
      if (toks[c].text !== ',') return null;
      role ??= spanText(ctx.text, toks, k + 1, c);
      k = c + 1;
    }
    while (k < v && (toks[k].pos === 'ADV' || toks[k].pos === 'AUX' || toks[k].pos === 'PART')) k++;
    if (k !== v) return null;
    return resolveNP(ctx, toks, { ...np, role }, toks[v].text, 0.9);
  }
  const np = subjectOf(toks, v, lo, hi);
  if (!np) return null;
  const cue = colon ? `${toks[v].text}:` : toks[v].text;
  if (np === NOBODY) return { entity: null, mention: null, cue, confidence: 0 };
  return boundSubject(ctx, toks, np, lo, cue) ?? resolveNP(ctx, toks, np, cue, 0.9);
}

/**
 * A pronoun subject in a clause under the sentence's main verb refers to the main subject when it fits:
 * "Clinton says she appreciated ... what she calls", "China said it was", "He did not address ... in which he called".
 */
function boundSubject(ctx: ArticleContext, toks: Token[], np: NP, lo: number, cue: string): Found | null {
  const pron = toks[np.a];
  if (np.a !== np.b || pron.pos !== 'PRON' || !(pron.lower in PERSONAL || pron.lower === 'it')) return null;
  // only a clause the main verb takes ("said it was", "what he called"); "though he said" starts a clause of its own
  const before = toks[np.a - 1];
  if (!before || !(BINDING.has(before.lower) || before.pos === 'VERB')) return null;
  let main = -1;
  for (let k = lo; k < np.a; k++) if (isFiniteAt(toks, k)) { main = k; break; }
  if (main < 0) return null;
  const subj = subjectOf(toks, main, lo, np.a, 1);
  if (!subj || subj.b >= np.a) return null;
  const head = toks[subj.a];
  if (subj.a === subj.b && head.pos === 'PRON') return head.lower === pron.lower ? resolveNP(ctx, toks, subj, cue, 0.85) : null;
  const r = resolveNP(ctx, toks, subj, cue, 0.85);
  const e = r?.entity;
  if (!e) return null;
  const fits = pron.lower === 'it' ? e.type === 'organization' : e.type === 'person' && (e.gender === null || e.gender === PERSONAL[pron.lower as keyof typeof PERSONAL]);
  return fits ? r : null;
}

/** Verbs that give official names, not words: "designated as “foreign terrorist organizations”". */
const NAMING = new Set('designate classify list rank name title rename categorize categorise register'.split(' '));

/** The subject of the first finite verb of the sentence, when it names someone. */
export function governingSubject(ctx: ArticleContext, fr: Frame): Found | null {
  const { toks, lo, hi } = fr;
  for (let v = lo; v < hi; v++) {
    if (toks[v].pos !== 'VERB' || isParticiple(toks[v])) continue;
    if (NAMING.has(toks[v].lemma) || toks[v - 1]?.pos === 'AUX' && /^(was|were|been|is|are|be)$/u.test(toks[v - 1].lower) && /ed$/u.test(toks[v].lower)) return null;
    const np = subjectOf(toks, v, lo, hi, 1);
    if (!np || np.b >= v) return null;
    const named = toks.slice(np.a, np.b + 1).some((t) => t.pos === 'PROPN') || (np.a === np.b && toks[np.a].pos === 'PRON');
    if (!named) return null;
    const r = resolveNP(ctx, toks, np, null, 0.6);
    return r && { ...r, confidence: 0.45 };
  }
  return null;
}

/** "..., Warren said." closing the sentence a quote sits in. */
export function trailingCue(ctx: ArticleContext, fr: Frame): Found | null {
  const { toks, lo, hi } = fr;
  for (let v = hi - 1; v > lo; v--) {
    if (!isSpeechVerbAt(toks, v)) continue;
    let c = v - 1;
    while (c > lo && toks[c].text !== ',' && v - c < 10) c--;
    if (toks[c].text !== ',') return null;
    const np = npStartingAt(toks, c + 1, v + 1);
    if (np && np.b === v - 1) return resolveNP(ctx, toks, np, toks[v].text, 0.8);
    const inv = v === c + 1 ? npStartingAt(toks, v + 1, hi) : null;
    return inv ? resolveNP(ctx, toks, inv, toks[v].text, 0.8) : null;
  }
  return null;
}

/** "― Adriana Rodarte" after a quote. */
export function dashSpeaker(ctx: ArticleContext, fr: Frame): Found | null {
  const { toks, lo, hi } = fr;
  if (lo >= hi || !DASHES.has(toks[lo].text)) return null;
  const np = npStartingAt(toks, lo + 1, hi);
  if (!np || !isCap(toks[np.a])) return null;
  return resolveNP(ctx, toks, np, toks[lo].text, 0.8);
}

/** "according to X". */
export function accordingTo(ctx: ArticleContext, fr: Frame): Found | null {
  const { toks, lo, hi } = fr;
  for (let k = lo; k + 2 < hi; k++) {
    if (toks[k].lower === 'according' && toks[k + 1].lower === 'to') {
      const np = npStartingAt(toks, k + 2, hi);
      if (np) return resolveNP(ctx, toks, np, 'according to', 0.85);
    }
  }
  return null;
}

/** "PENCE: Well, look, ..." in a transcript: the speaker is named inside the marks. */
export function transcriptSpeaker(ctx: ArticleContext, q: Quote): Found | null {
  const m = q.text.slice(0, 40).match(/^((?:\p{Lu}[\p{Lu}\p{L}.'\u2019-]*\s){0,2}\p{Lu}[\p{Lu}.'\u2019-]+):\s/u);
  if (!m || m[1] !== m[1].toUpperCase()) return null;
  const name = m[1].replace(/^(MR|MS|MRS|DR|SEN|REP|GOV)\.?\s/u, '');
  const start = q.start + m[1].length - name.length;
  const key = `person:${name.toLowerCase()}`;
  const entity = ctx.entities.get(key) ?? { name, type: 'person' as const, gender: null, role: null, plural: false };
  ctx.entities.set(key, entity);
  return { entity, mention: { start, end: start + name.length, text: name, role: null }, cue: ':', confidence: 0.85 };
}

/** "He said, 'How can we help?'" inside someone's quote: the inner words are his, relayed by the outer speaker. */
export function embeddedSpeaker(ctx: ArticleContext, outer: Quote, inner: Quote, outerFound: Found | null): Found | null {
  const t = ctx.tagged(outer.start, inner.start);
  const toks = t.tokens;
  let v = -1;
  for (let k = toks.length - 1; k >= 0; k--) if (isSpeechVerbAt(toks, k)) { v = k; break; }
  if (v < 0) return null;
  const lo = t.sentences[toks[v].sentence][0];
  const np = subjectOf(toks, v, lo, toks.length);
  if (!np) return null;
  const relayedBy = outerFound?.entity?.name ?? null;
  if (np === NOBODY) return { entity: null, mention: null, cue: toks[v].text, confidence: 0, relayedBy };
  const w = toks[np.a];
  const mention: Mention = { start: w.start, end: toks[np.b].end, text: ctx.text.slice(w.start, toks[np.b].end), role: null };
  if (np.a === np.b && w.pos === 'PRON') {
    if (w.lower === 'i' || w.lower === 'we') return outerFound?.entity ? { entity: outerFound.entity, mention, cue: toks[v].text, confidence: 0.7, relayedBy } : null;
    const entity = resolvePronoun(ctx, { ...w, start: outer.start }, outerFound?.entity);
    return entity && entity !== 'self' ? { entity, mention, cue: toks[v].text, confidence: 0.6, relayedBy } : null;
  }
  const r = resolveNP(ctx, toks, np, toks[v].text, 0.7);
  return r ? { ...r, relayedBy } : null;
}
