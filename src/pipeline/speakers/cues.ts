// Cue rules, each read in the sentence next to a quote (a frame): a speech verb and its subject, a trailing
// "X said", a dash, "according to", a colon, a transcript label, the sentence's subject. A rule no longer decides:
// it proposes a noun phrase (or NOBODY, a cue whose subject cannot be the speaker), and which rule proposed a
// candidate is one of the model's features (features.ts).
import type { Quote } from '../doc.js';
import type { Tagged, Token } from '../nlp.js';
import { npEndingAt, npStartingAt, type NP } from './phrases.js';
import { NOBODY, subjectOf } from './subject.js';
import { isCap, isFiniteAt, isMarkToken, isParticiple, isPossessiveS, isSpeechVerbAt } from './tokens.js';
import { BINDING, DASHES, PERSONAL, POSSESSIVES, SPEECH } from './words.js';

export interface Frame {
  toks: Token[];
  lo: number;
  hi: number;
}

export type Rule =
  | 'verb-pre' | 'verb-post' | 'colon' | 'quoted-as' | 'bound' | 'governing' | 'trailing' | 'dash' | 'according' | 'prev-colon' | 'embedded'
  | 'possessor';

/** A rule's guess: the noun phrase it reads as the speaker (NOBODY: a cue with no possible speaker), and its cue. */
export interface Proposal {
  rule: Rule;
  toks: Token[];
  np: NP;
  cue: string;
  /** Lemma of the cue verb, when there is one. */
  lemma: string | null;
  /** The subject of "X quoted Y as saying": who relays Y's words. */
  relayer?: NP | null;
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

/** The cue verb of a clause and its subject; a pronoun subject bound to the main subject adds that subject too. */
export function cueIn(text: string, fr: Frame, side: 'pre' | 'post', verbScan: number): Proposal[] {
  const { toks, lo, hi } = fr;
  // "X: “...”" and "X said: “...”"
  const colon = side === 'pre' && hi > lo && toks[hi - 1].text === ':';
  let v = -1;
  if (side === 'pre') {
    for (let k = hi - 1; k >= lo; k--) if (isSpeechVerbAt(toks, k)) { v = k; break; }
  } else {
    for (let k = lo; k < Math.min(hi, lo + verbScan); k++) if (isSpeechVerbAt(toks, k)) { v = k; break; }
  }
  if (v < 0) {
    if (colon) {
      const np = npEndingAt(toks, hi - 2, lo);
      if (np && np.a === lo) return [{ rule: 'colon', toks, np, cue: ':', lemma: null }];
    }
    return [];
  }
  const lemma = toks[v].lemma;
  // "she quoted Trump as saying": the words are Trump's, relayed by her
  if (lemma === 'quote') {
    const obj = npStartingAt(toks, v + 1, hi);
    if (obj && toks[obj.b + 1]?.lower === 'as') {
      const relayer = subjectOf(toks, v, lo, hi);
      const cue = `${toks[v].text} ${text.slice(toks[obj.a].start, toks[obj.b].end)} as saying`;
      return [{ rule: 'quoted-as', toks, np: obj, cue, lemma, relayer: relayer === NOBODY ? null : relayer }];
    }
  }
  if (side === 'post' && v > lo) {
    // after the quote the clause must open with its subject: "Trump said", "Name, a role at X, said", "as X put it"
    const np = npStartingAt(toks, toks[lo].lower === 'as' ? lo + 1 : lo, hi);
    if (!np || np.b >= v) return [];
    let k = np.b + 1;
    let role = np.role;
    if (toks[k]?.text === ',') {
      let c = v - 1;
      while (c > k && (toks[c].pos === 'ADV' || toks[c].pos === 'AUX')) c--;
      if (toks[c].text !== ',') return [];
      role ??= spanText(text, toks, k + 1, c);
      k = c + 1;
    }
    while (k < v && (toks[k].pos === 'ADV' || toks[k].pos === 'AUX' || toks[k].pos === 'PART')) k++;
    if (k !== v) return [];
    return [{ rule: 'verb-post', toks, np: { ...np, role }, cue: toks[v].text, lemma }];
  }
  const np = subjectOf(toks, v, lo, hi);
  if (!np) return [];
  const cue = colon ? `${toks[v].text}:` : toks[v].text;
  const own: Proposal = { rule: side === 'pre' ? 'verb-pre' : 'verb-post', toks, np, cue, lemma };
  const bound = np === NOBODY ? null : boundSubject(toks, np, lo);
  return bound ? [own, { rule: 'bound', toks, np: bound, cue, lemma }] : [own];
}

/**
 * The main subject a pronoun subject in a clause under the sentence's main verb may stand for:
 * "Clinton says she appreciated ... what she calls", "China said it was", "He did not address ... in which he called".
 */
function boundSubject(toks: Token[], np: NP, lo: number): NP | null {
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
  return subj;
}

/** Verbs that give official names, not words: "designated as “foreign terrorist organizations”". */
const NAMING = new Set('designate classify list rank name title rename categorize categorise register'.split(' '));

/** The subject of the first finite verb of the sentence, when it names someone. */
export function governingSubject(fr: Frame): Proposal | null {
  const { toks, lo, hi } = fr;
  for (let v = lo; v < hi; v++) {
    if (toks[v].pos !== 'VERB' || isParticiple(toks[v])) continue;
    if (NAMING.has(toks[v].lemma) || toks[v - 1]?.pos === 'AUX' && /^(was|were|been|is|are|be)$/u.test(toks[v - 1].lower) && /ed$/u.test(toks[v].lower)) return null;
    const np = subjectOf(toks, v, lo, hi, 1);
    if (!np || np.b >= v) return null;
    const named = toks.slice(np.a, np.b + 1).some((t) => t.pos === 'PROPN') || (np.a === np.b && toks[np.a].pos === 'PRON');
    return named ? { rule: 'governing', toks, np, cue: toks[v].text, lemma: toks[v].lemma } : null;
  }
  return null;
}

/**
 * "Smith's claim that there were “...”", "his promise to “...”": whose words a speech noun before the quote names
 * (the nearest such noun, with no speech verb between it and the quote).
 */
export function possessorCue(fr: Frame): Proposal | null {
  const { toks, lo, hi } = fr;
  for (let n = hi - 1; n > lo; n--) {
    if (isSpeechVerbAt(toks, n)) return null;
    if (toks[n].pos !== 'NOUN' || !SPEECH.has(toks[n].lemma)) continue;
    let j = n - 1;
    while (j > lo && toks[j].pos === 'ADJ') j--;
    const t = toks[j];
    const pronoun = t.pos === 'PRON' && POSSESSIVES.has(t.lower);
    const np = pronoun ? { a: j, b: j, role: null } : isPossessiveS(t) ? npEndingAt(toks, j, lo) : null;
    return np && (pronoun || np.a < j) ? { rule: 'possessor', toks, np, cue: toks[n].text, lemma: toks[n].lemma } : null;
  }
  return null;
}

/** "..., Warren said." closing the sentence a quote sits in. */
export function trailingCue(fr: Frame): Proposal | null {
  const { toks, lo, hi } = fr;
  for (let v = hi - 1; v > lo; v--) {
    if (!isSpeechVerbAt(toks, v)) continue;
    let c = v - 1;
    while (c > lo && toks[c].text !== ',' && v - c < 10) c--;
    if (toks[c].text !== ',') return null;
    const np = npStartingAt(toks, c + 1, v + 1);
    const found = np && np.b === v - 1 ? np : v === c + 1 ? npStartingAt(toks, v + 1, hi) : null;
    return found ? { rule: 'trailing', toks, np: found, cue: toks[v].text, lemma: toks[v].lemma } : null;
  }
  return null;
}

/** "― Adriana Rodarte" after a quote. */
export function dashSpeaker(fr: Frame): Proposal | null {
  const { toks, lo, hi } = fr;
  if (lo >= hi || !DASHES.has(toks[lo].text)) return null;
  const np = npStartingAt(toks, lo + 1, hi);
  if (!np || !isCap(toks[np.a])) return null;
  return { rule: 'dash', toks, np, cue: toks[lo].text, lemma: null };
}

/** "according to X". */
export function accordingTo(fr: Frame): Proposal | null {
  const { toks, lo, hi } = fr;
  for (let k = lo; k + 2 < hi; k++) {
    if (toks[k].lower === 'according' && toks[k + 1].lower === 'to') {
      const np = npStartingAt(toks, k + 2, hi);
      if (np) return { rule: 'according', toks, np, cue: 'according to', lemma: null };
    }
  }
  return null;
}

/** "PENCE: Well, look, ..." in a transcript: the speaker named inside the marks, as a span of the text. */
export function transcriptLabel(q: Quote): { start: number; end: number; text: string } | null {
  const m = q.text.slice(0, 40).match(/^((?:\p{Lu}[\p{Lu}\p{L}.'\u2019-]*\s){0,2}\p{Lu}[\p{Lu}.'\u2019-]+):\s/u);
  if (!m || m[1] !== m[1].toUpperCase()) return null;
  const name = m[1].replace(/^(MR|MS|MRS|DR|SEN|REP|GOV)\.?\s/u, '');
  const start = q.start + m[1].length - name.length;
  return { start, end: start + name.length, text: name };
}

/** "He said, 'How can we help?'" inside someone's quote: the subject of the last speech verb before the inner quote. */
export function embeddedCue(t: Tagged): Proposal | null {
  const toks = t.tokens;
  let v = -1;
  for (let k = toks.length - 1; k >= 0; k--) if (isSpeechVerbAt(toks, k)) { v = k; break; }
  if (v < 0) return null;
  const lo = t.sentences[toks[v].sentence][0];
  const np = subjectOf(toks, v, lo, toks.length);
  return np ? { rule: 'embedded', toks, np, cue: toks[v].text, lemma: toks[v].lemma } : null;
}
