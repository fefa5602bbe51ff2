// The subject of a speech verb: before it, inverted after it, shared with a verb it is joined to, or NOBODY.
import type { Token } from '../nlp.js';
import { appositive, npEndingAt, npStartingAt, type NP } from './phrases.js';
import { auxBefore, isCap, isFiniteAt, isMarkToken, isNameWord, isParticipial, isParticiple, isSpeechVerbAt } from './tokens.js';

/** A speech verb whose subject is no speaker ("in a box labeled"): the words are quoted, by someone unnamed. */
export const NOBODY: NP = { a: -1, b: -1, role: null };

/**
 * The subject of the speech verb at v: to its left (skipping adverbs, an appositive), or to its right when
 * inverted; NOBODY (only at depth 0) when the clause has a subject that cannot be the speaker.
 */
export function subjectOf(toks: Token[], v: number, lo: number, hi: number, depth = 0): NP | null {
  // "is once again questioning" is finite; a bare "-ing" is a participle
  const participle = isParticiple(toks[v]) && depth === 0 && !auxBefore(toks, v);
  // "footage of Trump saying": a name right before the participle does it
  if (participle && v - 1 >= lo && isNameWord(toks[v - 1])) {
    let a = v - 1;
    while (a - 1 >= lo && isNameWord(toks[a - 1])) a--;
    return { a, b: v - 1, role: null };
  }
  let k = v - 1;
  while (k >= lo && (toks[k].pos === 'ADV' || toks[k].pos === 'AUX' || toks[k].pos === 'PART' || toks[k].lower === 'also')) k--;
  // "who in 2010 said": a year or a number after a preposition dates the verb, the subject is before it
  while (k - 1 > lo && toks[k].pos === 'NUM' && toks[k - 1].pos === 'ADP') {
    k -= 2;
    while (k >= lo && toks[k].pos === 'ADV') k--;
  }
  // "..., saying" and "... but said": the verb shares the subject of the sentence's first finite verb
  const coordinated = depth === 0 && k >= lo && toks[k].pos === 'CCONJ';
  if (participle || coordinated) {
    // "when his mother asked, I laughed and said": a bare verb right before the conjunction is the one joined
    // (not one with an auxiliary: "thinks the video should be released but said" shares the main subject)
    const bare = coordinated && k - 1 >= lo && isFiniteAt(toks, k - 1) && toks[k - 2]?.pos !== 'AUX';
    const joined = bare ? subjectOf(toks, k - 1, lo, hi, 1) : null;
    if (joined) return joined;
    const s = sharedSubject(toks, lo, coordinated ? k : v, hi);
    // the words after a participle are its object ("telling O'Reilly that"), never its subject
    if (s || participle) return s;
  }
  if (k >= lo && toks[k].text === ',') {
    // asides between commas are passed over: "Trump, speaking in Ohio, at a rally on Friday, said"
    let end = k;
    for (let c = commaBefore(toks, end, lo); c > lo && opensAside(toks[c + 1]); c = commaBefore(toks, c, lo)) end = c;
    // "Name, a role at X, said": the appositive sits between commas
    let c = commaBefore(toks, end, lo);
    if (c > lo) {
      const np = npEndingAt(toks, c - 1, lo);
      const role = appositive(toks, c, end + 1);
      if (np && role && np.b >= c - 1) return { ...np, b: c - 1, role };
    }
    // "Name, who has campaigned for X since May, said": a relative clause between commas, of any length
    for (c = k - 1; c > lo && k - c < 40 && !isMarkToken(toks[c]); c--) {
      if (toks[c].text === ',' && (toks[c + 1].lower === 'who' || toks[c + 1].lower === 'which')) {
        const np = npEndingAt(toks, c - 1, lo);
        if (np) return np;
        break;
      }
    }
    // "Trump, at a rally in Ohio, said": the name before the asides
    const np = end < k ? npEndingAt(toks, end - 1, lo) : null;
    if (np) return np;
  }
  if (k >= lo && !isMarkToken(toks[k]) && toks[k].text !== ',') {
    const np = npEndingAt(toks, k, lo);
    const subject = beyondPrepositions(toks, np, lo);
    return subject ?? (np && depth === 0 ? NOBODY : null);
  }
  // nothing before it in the clause: "said Caddell", "said the spokesman" (only a speech verb inverts, and
  // not one whose next noun is its object: "put the money in")
  if (depth !== 0) return null;
  const inv = npStartingAt(toks, v + 1, hi);
  if (!inv) return null;
  if (OBJECT_FIRST.has(toks[v].lemma)) return NOBODY;
  const next = toks[inv.b + 1];
  // "urged the council to act": a phrase before an infinitive is the verb's object
  if (next?.pos === 'PART' && next.lower === 'to') return NOBODY;
  // "said the event brought back": a phrase with a verb of its own is the subject of what was said
  // ("said he hopes" is kept: such a pronoun is most often the speaker himself)
  return next && (next.pos === 'VERB' || next.pos === 'AUX') && toks[inv.a].pos !== 'PRON' ? NOBODY : inv;
}

/** A phrase set off by commas that is neither a role nor a clause: "at a rally in Ohio", "speaking in Ohio". */
const opensAside = (t: Token) => t.pos === 'ADP' || isParticipial(t);

/** The comma opening the phrase that ends at the comma k, a few words back and not past a quote mark; else -1. */
function commaBefore(toks: Token[], k: number, lo: number): number {
  let c = k - 1;
  while (c > lo && toks[c].text !== ',' && k - c < 16 && !isMarkToken(toks[c])) c--;
  return c > lo && toks[c].text === ',' ? c : -1;
}

/**
 * Speech verbs whose next noun phrase is their object, never an inverted subject ("told the crowd"). Not "urge"
 * or "charge": they invert ("“Stay indoors,” urged the mayor"), and "urged the council to act" is caught above.
 */
const OBJECT_FIRST = new Set(
  'tell put call label dub brand term quote cite rate praise mock hail accuse criticize criticise slam blast dismiss describe inform'.split(' '),
);

/**
 * A noun phrase right after a preposition is its object, not the subject: "protesters marching through the
 * streets chanted", "the head of research at the firm said". The subject is looked for before the prepositional
 * phrase (and a participle it hangs on); a lower-case phrase with nothing before it is no speaker ("in a box
 * labeled"), a name is kept ("On Monday Smith said").
 */
function beyondPrepositions(toks: Token[], np: NP | null, lo: number): NP | null {
  for (let hops = 0; np && hops < 3 && np.a - 1 >= lo && toks[np.a - 1].pos === 'ADP'; hops++) {
    let j = np.a - 2;
    while (j >= lo && (toks[j].pos === 'ADV' || isParticipial(toks[j]))) j--;
    // a phrase opening the frame may be cut from its head ("[groups] of protesters"): kept
    if (j < lo) return np;
    const before = npEndingAt(toks, j, lo);
    if (!before) return isCap(toks[np.b]) ? np : null;
    np = before;
  }
  return np;
}

/**
 * The subject a participle or a subject-less coordinated verb shares, from the verbs before `end`: a speech verb
 * nearest first ("said ... but said"), else the sentence's finite verbs in order ("I laughed and said").
 */
function sharedSubject(toks: Token[], lo: number, end: number, hi: number): NP | null {
  for (let k = end - 1; k >= lo; k--) {
    if (isSpeechVerbAt(toks, k) && isFiniteAt(toks, k)) {
      const s = subjectOf(toks, k, lo, hi, 1);
      if (s) return s;
    }
  }
  for (let k = lo; k < end; k++) {
    if (!isFiniteAt(toks, k)) continue;
    const s = subjectOf(toks, k, lo, hi, 1);
    if (s) return s;
  }
  return null;
}
