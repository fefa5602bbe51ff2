// Larger corpora made from a real one: copy k of every article with its people, organizations, places, numbers
// and dates renamed consistently (the same name gets the same new name everywhere in copy k, another in copy
// k+1), so copy k is as many distinct articles with as many distinct speakers as the original, and a corpus of
// n copies grows what the graph holds n-fold while each answer stays the size it was. Deterministic from a seed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Capitalised words kept as they are: titles and cue words the extraction reads, pronouns. */
const KEEP = new Set(
  'I Mr Mrs Ms Miss Dr Sir Lord Lady Dame Prof Professor Rev St Jr Sr Mx The A An He She They We It You His Her Their Its Our'.split(' '),
);
const MONTHS = 'January February March April May June July August September October November December'.split(' ');
const DAYS = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' ');
const WORD = /\p{L}[\p{L}\p{M}]*/gu;
const CONSONANTS = 'bcdfghjklmnprstvz';
const VOWELS = 'aeiou';

/** Words that name something: written capitalised (or in capitals) and never in lower case anywhere in the corpus. */
export function nameWords(texts: string[]): Set<string> {
  const lower = new Set<string>();
  const capital = new Set<string>();
  for (const t of texts)
    for (const [w] of t.matchAll(WORD)) {
      if (w === w.toLowerCase()) lower.add(w);
      else if (/^\p{Lu}/u.test(w)) capital.add(w);
    }
  const names = new Set<string>();
  for (const w of capital)
    if (!lower.has(w.toLowerCase()) && !KEEP.has(w) && !MONTHS.includes(w) && !DAYS.includes(w)) names.add(w);
  return names;
}

/** A pronounceable word of the same length and case pattern, from a hash of the seed, copy and word. */
function newName(word: string, copy: number, seed: string): string {
  const h = createHash('sha256').update(`${seed}\0${copy}\0${word}`).digest();
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const pool = i % 2 === 0 ? CONSONANTS : VOWELS;
    const c = pool[h[i % h.length] % pool.length];
    out += word[i] === word[i].toUpperCase() ? c.toUpperCase() : c;
  }
  return out;
}

/** Copy `copy` of a text (copy 0 is the text itself): names renamed, digits shifted, months and weekdays moved on. */
export function renameText(text: string, names: Set<string>, copy: number, seed: string): string {
  if (copy === 0) return text;
  const renamed = text.replace(WORD, (w) => {
    if (names.has(w)) return newName(w, copy, seed);
    const m = MONTHS.indexOf(w);
    if (m >= 0) return MONTHS[(m + copy) % 12];
    const d = DAYS.indexOf(w);
    return d >= 0 ? DAYS[(d + copy) % 7] : w;
  });
  // every digit moves on by the copy number (1 in 10 numbers keep their digits only when copy is a multiple of 10)
  return renamed.replace(/\d/g, (d) => String((Number(d) + copy) % 10));
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Writes copies 0..n-1 of every file of `from` under `to/copy-k/`; returns the folders, one per copy. */
export function makeCorpus(from: string, to: string, copies: number, seed = 'quotegraph-growth'): string[] {
  const paths = files(from);
  const texts = paths.map((p) => readFileSync(p, 'utf8'));
  const names = nameWords(texts);
  const dirs: string[] = [];
  for (let k = 0; k < copies; k++) {
    const dir = join(to, `copy-${k}`);
    paths.forEach((p, i) => {
      const out = join(dir, relative(from, p));
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, renameText(texts[i], names, k, seed));
    });
    dirs.push(dir);
  }
  return dirs;
}
