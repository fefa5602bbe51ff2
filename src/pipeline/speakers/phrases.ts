// Noun phrases around a cue verb: walking left from its end, right from its start, and an appositive role.
import { isRoleWord, type Token } from '../nlp.js';
import { isCap, isDateWord, isMarkToken, isNameWord, isNounish, joinsName } from './tokens.js';
import { POSSESSIVES } from './words.js';

export interface NP {
  a: number;
  b: number; // inclusive
  role: string | null;
}

/** The noun phrase ending at token e (walking left): "A spokesperson for the National Security Council (NSC)". */
export function npEndingAt(toks: Token[], e: number, lo: number): NP | null {
  let b = e;
  if (b < lo) return null;
  if (toks[b].pos === 'PRON') return { a: b, b, role: null };
  if (toks[b].text === ')') {
    // "(R-IN)" or "(NSC)" after a name
    let k = b - 1;
    while (k > lo && toks[k].text !== '(' && b - k < 6) k--;
    if (toks[k]?.text !== '(') return null;
    b = k - 1;
    if (b < lo) return null;
    const inner = npEndingAt(toks, b, lo);
    return inner && { ...inner, b: e };
  }
  if (!isNounish(toks[b]) && !(toks[b].pos === 'PART' && /['\u2019]s$/u.test(toks[b].text))) return null;
  let a = b;
  while (a - 1 >= lo) {
    const t = toks[a - 1];
    if (isDateBefore(toks, a - 1, e, lo)) break;
    if (isNounish(t) || t.pos === 'NUM' || (t.pos === 'ADJ' && a - 1 >= lo) || /^['\u2019]s$/u.test(t.text)) a--;
    else if ((t.text === '-' || t.text === '.') && t.end === toks[a].start) a--;
    else if ((t.lower === 'of' || t.lower === 'for') && a - 2 >= lo && isNounish(toks[a - 2])) a--;
    else if (t.pos === 'DET' && (t.lower === 'the' || t.lower === 'a' || t.lower === 'an')) {
      a--;
      if (a - 1 >= lo && (toks[a - 1].lower === 'of' || toks[a - 1].lower === 'for') && a - 2 >= lo && isNounish(toks[a - 2])) a--;
      else break;
    } else break;
  }
  // trailing lower-case words of the reporter's clause are no name: "Trump's response" keeps its head
  return { a, b: e, role: null };
}

/**
 * A weekday or a month right before a bare name, opening the phrase: a date ("On Monday Smith said"), not a
 * first name after a title ("chairman Jan Berry") nor a word of a longer name ("Sunday Telegraph journalist").
 */
function isDateBefore(toks: Token[], k: number, e: number, lo: number): boolean {
  if (!isDateWord(toks[k])) return false;
  for (let j = k + 1; j <= e; j++) if (!isNameWord(toks[j])) return false;
  const prev = toks[k - 1];
  return k - 1 < lo || !(isNounish(prev) || /^['\u2019]s$/u.test(prev.text));
}

/** The noun phrase starting at token s (walking right), with an appositive role: "Douglas Holtz-Eakin, an economist ...". */
export function npStartingAt(toks: Token[], s: number, hi: number): NP | null {
  if (s >= hi) return null;
  if (toks[s].pos === 'PRON') return { a: s, b: s, role: null };
  let a = s;
  while (a < hi && toks[a].pos === 'DET') a++;
  while (a + 1 < hi && toks[a].pos === 'ADJ' && isNounish(toks[a + 1])) a++;
  if (a >= hi || !isNounish(toks[a])) return null;
  let b = a;
  while (b + 1 < hi) {
    const t = toks[b + 1];
    if (isNounish(t) || (t.pos === 'ADJ' && b + 2 < hi && isNounish(toks[b + 2]))) b++;
    // "the ad's narrator", "Obama's former campaign strategist"
    else if (/^['’]s$/u.test(t.text) && b + 2 < hi && (isNounish(toks[b + 2]) || toks[b + 2].pos === 'ADJ')) b++;
    else if (joinsName(toks, b + 1)) b++;
    else if (t.text === '(' && toks[b].pos === 'PROPN') {
      // "Rep. Gwen Moore (D-Wis.)": a party and state, or an acronym
      let c = b + 2;
      while (c < hi && c - b < 9 && toks[c].text !== ')') c++;
      if (c >= hi || toks[c].text !== ')') break;
      b = c;
    }
    else if ((t.lower === 'of' || t.lower === 'for') && b + 2 < hi && (isNounish(toks[b + 2]) || toks[b + 2].pos === 'DET')) b += toks[b + 2].pos === 'DET' ? 2 : 1;
    else break;
  }
  return { a: s, b, role: appositive(toks, b + 1, hi) };
}

/** ", commander of U.S. Northern Command," after a name: the role the text gives. */
export function appositive(toks: Token[], k: number, hi: number): string | null {
  if (toks[k]?.text !== ',' || k + 1 >= hi) return null;
  const first = toks[k + 1];
  // "a role ...", "her Republican opponent", "McCrory's opponent"
  const possessor = POSSESSIVES.has(first.lower) || (isNounish(first) && /^['’]s$/u.test(toks[k + 2]?.text ?? ''));
  if (!(first.pos === 'DET' || possessor || (first.pos === 'NOUN' && !isCap(first)) || (first.pos === 'ADJ' && !isCap(first)) || isRoleWord(first.text))) return null;
  let end = k + 1;
  while (end < hi && toks[end].text !== ',' && toks[end].text !== '.' && toks[end].pos !== 'VERB' && !isMarkToken(toks[end]) && end - k < 14) end++;
  if (end === k + 1) return null;
  return toks.slice(k + 1, end).map((t, i, all) => (i > 0 && all[i - 1].end === t.start ? '' : i > 0 ? ' ' : '') + t.text).join('');
}
