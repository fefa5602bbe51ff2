// Reading one speaker mention: a pronoun, a name (the head of the noun phrase, not a word of its modifiers or
// appositives: "Jane Doe of the Council" -> Jane Doe, "Obama's former strategist" -> a strategist), a spokesperson
// or a document standing for its organization, or a role noun ("the Vermont senator").
import type { Gender } from '../nlp.js';
import { ORG_HEADS } from '../speakers/words.js';
import { nameRuns, readRun, type NameRun } from './names.js';
import { isPunct, type Word } from './text.js';
import { COLLECTIVE_NOUNS, DOCUMENT_NOUNS, genderOfWord, PRONOUN, SPOKES_NOUNS, titleKey } from './words.js';

export type Agreement = (typeof PRONOUN)[string];

export type ReadMention =
  | { kind: 'pronoun'; agrees: Agreement; word: string }
  | { kind: 'name'; run: NameRun }
  /** Someone speaking for `owner` (a spokesperson, officials, a document): the owner is the speaker. */
  | { kind: 'owner'; run: NameRun; noun: string }
  /** A description: head noun as a title key ("senator" for "Sen.") and as written, its modifiers ("vermont"), the phrase without its determiner. */
  | { kind: 'role'; head: string; noun: string; modifiers: string[]; phrase: string; plural: boolean; gender: Gender | null; possessor: NameRun | null; definite: boolean };

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'another', 'one', 'some', 'his', 'her', 'its', 'their', 'our', 'my', 'your']);
const PREPOSITIONS = new Set(['of', 'at', 'for', 'from', 'with', 'in', 'on', 'by', 'to', 'under', 'about', 'who', 'which', 'that', 'whose', 'whom']);
const OWNER_PREPS = new Set(['for', 'of', 'at', 'from', 'with', 'by']);

/** The mention's words read as who it names. */
export function readMention(ws: Word[]): ReadMention | null {
  const content = ws.filter((w) => !isPunct(w) || w.text === '&');
  if (content.length === 0) return null;
  if (content.length === 1 && PRONOUN[content[0].lower]) return { kind: 'pronoun', agrees: PRONOUN[content[0].lower], word: content[0].lower };
  // segments: the head, then appositives after commas, dashes or parentheses
  const segments: Word[][] = [[]];
  let depth = 0;
  for (const w of ws) {
    if (w.text === '(') depth++;
    if (depth === 0 && /^[,;\u2014\u2013]$|^--$/u.test(w.text)) segments.push([]);
    else if (depth === 0 || w.text === ')') segments[segments.length - 1].push(w);
    if (w.text === ')') depth = Math.max(0, depth - 1);
  }
  const parts = segments.map((s) => s.filter((w) => w.text !== '(' && w.text !== ')')).filter((s) => s.some((w) => !isPunct(w)));
  if (parts.length === 0) return null;
  const head = readHead(parts[0]);
  if (head.kind !== 'role') return head;
  // "Scott's niece, state Del. Marcia Price", "Another critic, Laurence H. Tribe": the appositive names the head
  for (const app of parts.slice(1)) {
    const r = readHead(app);
    if (r.kind === 'name' && r.run.kind !== 'organization') return r;
  }
  return head;
}

/** One segment: the noun phrase up to its first preposition or relative clause, its head last. */
function readHead(words: Word[]): ReadMention {
  let [from, to] = [0, words.length];
  while (from < to - 1 && isPunct(words[from])) from++;
  while (to > from + 1 && isPunct(words[to - 1])) to--;
  const seg = words.slice(from, to);
  let cut = seg.length;
  // a preposition inside a name ("Secretary of State John Kerry", "Department of Homeland Security") cuts nothing
  const inName = new Set<number>();
  for (const r of nameRuns(seg)) for (let k = r.a; k <= r.b; k++) inName.add(k);
  for (let k = 1; k < seg.length; k++)
    if (PREPOSITIONS.has(seg[k].lower) && !inName.has(k) && seg.slice(0, k).some((w) => !DETERMINERS.has(w.lower))) {
      cut = k;
      break;
    }
  const np = seg.slice(0, cut);
  const rest = seg.slice(cut);
  const runs = nameRuns(np);
  const last = runs[runs.length - 1];
  const lastWord = np[np.length - 1];
  if (last && last.b === np.length - 1 && !(last.possessive && np.length - 1 > last.b)) {
    if (last.kind !== 'organization' || !last.possessive) return { kind: 'name', run: last };
  }
  // a description: its head noun is the last word
  const headWord = lastWord.lower.replace(/'s$/u, '');
  const noun = headWord.replace(/\.$/u, '');
  const before = np.slice(0, -1).filter((w) => !DETERMINERS.has(w.lower));
  const possessor = runs.find((r) => r.possessive) ?? null;
  const modifierRun = [...runs].reverse().find((r) => r.b < np.length - 1 && !r.possessive) ?? null;
  // an owner: "a spokesperson for the NSC", "White House officials", "a Homeland Security memo", "Ivana Trump's brief"
  if (SPOKES_NOUNS.has(noun) || DOCUMENT_NOUNS.has(noun)) {
    const prep = rest[0]?.lower;
    const after = prep && OWNER_PREPS.has(prep) && !(DOCUMENT_NOUNS.has(noun) && prep === 'of') ? nameRuns(rest.slice(1))[0] : undefined;
    const owner = after && after.a <= 1 ? after : possessor ?? withLowerHead(np, runs) ?? modifierRun;
    // someone speaking for it makes it an organization ("officials at Homeland Security Investigations")
    if (owner) return { kind: 'owner', run: SPOKES_NOUNS.has(noun) && owner.kind !== 'person' ? { ...owner, kind: 'organization' } : owner, noun };
  }
  const plural = (/s$/u.test(noun) && !/ss$/u.test(noun) && noun.length > 3) || COLLECTIVE_NOUNS.has(noun);
  let gender: Gender | null = genderOfWord(noun);
  for (const w of before) gender ??= genderOfWord(w.text);
  // the description as written, its determiner left out: "one Democratic source on the panel"
  const phrase = seg.filter((w, k) => k > 0 || !/^(the|a|an)$/u.test(w.lower)).map((w) => w.text).join(' ').replace(/ ([,.'])/gu, '$1');
  // "Obama's former campaign strategist", "his spokesman": a possessor makes it as definite as "the"
  const definite = /^(the|this|that|his|her|their)$/u.test(seg[0].lower) || (possessor !== null && possessor.a === 0);
  return { kind: 'role', head: titleKey(noun), noun, modifiers: before.map((w) => w.lower.replace(/'s$/u, '')), phrase, plural, gender, possessor, definite };
}

/** "a Trump campaign spokesman": a name with an organization's head noun after it is the organization. */
function withLowerHead(np: Word[], runs: NameRun[]): NameRun | null {
  const r = runs[runs.length - 1];
  if (!r || r.b + 1 >= np.length - 1 || !ORG_HEADS.has(np[r.b + 1].lower)) return null;
  const run = readRun(np, r.a, r.b + 1);
  return run && { ...run, kind: 'organization' };
}
