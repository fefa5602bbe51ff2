// Reading a speaker mention: the name in it, the titles and places around it ("Mexican President Claudia
// Sheinbaum"), or what kind of description it is ("the Mexican president", "the council", "she").
import anyAscii from 'any-ascii';
import type { SpeakerType } from '../pipeline/doc.js';
import type { Gazetteer } from './gazetteer.js';

/** One word or phrase folded for comparison: ASCII, lower case, possessive and dots gone ("U.S." -> "us"). */
export function fold(s: string): string {
  return anyAscii(s.replace(/['\u2019]s\b/g, ''))
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^a-z0-9-]/g, ''))
    .filter(Boolean)
    .join(' ');
}

export const slug = (s: string) => fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const PRONOUNS = new Set('i me we us he him she her they them it you who this that one'.split(' '));
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our']);
const PARTICLES = new Set(['de', 'del', 'la', 'van', 'von', 'der', 'da', 'di', 'du', 'bin', 'al', 'le', 'y']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
const CONNECTORS = new Set(['of', 'for', 'and', 'the', '&', 'on']);
const SPOKES = /^spokes(?:person|man|woman)$/;

export type MentionKind = 'name' | 'acronym' | 'description' | 'pronoun';

export interface ParsedMention {
  kind: MentionKind;
  type: SpeakerType;
  /** The name as written, titles, places and "the" left out ("Claudia Sheinbaum", "National Security Council"). */
  display: string;
  /** Identity key: a person's surname, an organization's folded name without leading places. */
  core: string;
  /** What tells apart entities sharing the core: a person's first name, an organization's place. */
  qualifier: string | null;
  /** Folded title phrases ("president", "prime minister"). */
  titles: string[];
  /** Countries named around the name ("Mexico" for "Mexican President"). */
  places: string[];
  /** An organization's acronym: "(NSC)" or the initials of its name. */
  acronyms: string[];
  /** Head word of a description ("council", "president"). */
  head: string | null;
  /** Roles read off the mention ("President of Mexico", an appositive). */
  roles: string[];
  /** The whole mention folded, "the" left out: looked up among aliases. */
  aliasKey: string;
}

interface Word {
  raw: string;
  f: string;
  kind: 'title' | 'place' | 'cap' | 'lower';
  value?: string;
}

const capitalised = (raw: string) => /^\p{Lu}/u.test(raw) || /^\d/.test(raw);

/** Words of a name with titles and places found (longest phrase first). */
function classify(raws: string[], gaz: Gazetteer): Word[] {
  const fs = raws.map(fold);
  const out: Word[] = [];
  for (let i = 0; i < raws.length; ) {
    const title = gaz.titles.find((t) => t.every((w, j) => fs[i + j] === w));
    const place = gaz.places.find((p) => p.words.every((w, j) => fs[i + j] === w));
    // a capitalised title word inside a name run is still a title ("President Trump"), but "Mexico" beats "mex"
    if (place && (!title || place.words.length >= title.length)) {
      out.push({ raw: raws.slice(i, i + place.words.length).join(' '), f: place.words.join(' '), kind: 'place', value: place.place });
      i += place.words.length;
    } else if (title) {
      out.push({ raw: raws.slice(i, i + title.length).join(' '), f: title.join(' '), kind: 'title' });
      i += title.length;
    } else {
      out.push({ raw: raws[i], f: fs[i], kind: capitalised(raws[i]) ? 'cap' : 'lower' });
      i++;
    }
  }
  // "Martin Luther King", "Jack Washington": a title or place word ending a name is part of it
  // (but not inside one: "DNC Chairwoman Donna Brazile")
  const end = out.length - 1;
  if (end > 0 && out[end].kind !== 'lower' && out[end - 1].kind === 'cap' && capitalised(out[end].raw) && !out[end].raw.includes(' '))
    out[end].kind = 'cap';
  return out.filter((w) => w.f);
}

const titleCase = (s: string) => s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
const ofPlace = (place: string) => (/^(united|european)\b/i.test(place) ? `the ${place}` : place);

export function parseMention(mention: string, type: SpeakerType, gaz: Gazetteer): ParsedMention {
  let text = mention.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim().replace(/[.,:;]+$/, '');
  // a spokesperson speaks for the organization: "a spokesperson for the NSC", "a White House spokesman"
  const spokes = /^(?:an?|the)\s+spokes(?:person|man|woman)\s+(?:for|of|at|from)\s+(.+)$/i.exec(text) ??
    /^(?:an?|the)\s+(.+?)\s+spokes(?:person|man|woman)$/i.exec(text);
  if (spokes && /\p{Lu}/u.test(spokes[1])) return parseMention(spokes[1], 'organization', gaz);

  const acronyms: string[] = [];
  text = text.replace(/\s*\(([^)]*)\)/g, (_, inner: string) => {
    if (/^[A-Z][A-Z.&]{1,7}$/.test(inner.trim())) acronyms.push(fold(inner));
    return '';
  });
  const [head, ...rest] = text.split(/,\s*/);
  const appositive = rest.join(', ').trim();
  let raws = head.split(' ').filter(Boolean);
  while (raws.length > 1 && DETERMINERS.has(raws[0].toLowerCase())) raws = raws.slice(1);
  const aliasKey = fold(raws.join(' '));
  const base = { acronyms, aliasKey, roles: appositive ? [appositive.replace(/^(the|a|an) /i, '')] : [] };

  if (raws.length === 1 && PRONOUNS.has(raws[0].toLowerCase()))
    return { ...base, kind: 'pronoun', type, display: raws[0].toLowerCase(), core: '', qualifier: null, titles: [], places: [], head: null };

  const words = classify(raws, gaz);
  const titles = words.filter((w) => w.kind === 'title').map((w) => w.f);
  const places = [...new Set(words.filter((w) => w.kind === 'place').map((w) => w.value!))];
  const last = words[words.length - 1];
  const isOrg =
    type === 'organization' ||
    (last != null && gaz.orgWords.has(last.f)) ||
    (raws.length === 1 && /^[A-Z][A-Z&.]{1,6}$/.test(raws[0])); // an acronym: "NSC" 
  // a title right before a place reads "President of Mexico"
  const derived = words.flatMap((w, i) =>
    w.kind === 'title' && !SPOKES.test(w.f) && w.f !== 'former'
      ? places.length ? [`${titleCase(w.raw.replace(/\.$/, ''))} of ${ofPlace(places[0])}`] : []
      : [],
  );
  const roles = [...new Set([...derived, ...base.roles])];

  if (isOrg) {
    // the name starts after leading places and determiners: "U.S. National Security Council"
    let k = 0;
    while (k < words.length - 1 && words[k].kind === 'place') k++;
    const nameWords = words.slice(k);
    // "the Journal", "the Council": a bare head word is a description, whatever its case
    const hasName = nameWords.some((w) => w.kind === 'cap' || w.kind === 'place') && !(nameWords.length === 1 && gaz.orgWords.has(nameWords[0].f));
    if (!hasName)
      return { ...base, kind: 'description', type: 'organization', display: raws.join(' '), core: aliasKey, qualifier: null, titles, places, head: last?.f ?? null, roles };
    const display = raws.slice(raws.length - nameWords.reduce((n, w) => n + w.raw.split(' ').length, 0)).join(' ');
    const initials = nameWords.filter((w) => !CONNECTORS.has(w.f)).map((w) => w.f[0]).join('');
    if (nameWords.length === 1 && /^[A-Z][A-Z&]{1,7}$/.test(nameWords[0].raw.replace(/\./g, '')))
      return { ...base, kind: 'acronym', type: 'organization', display, core: nameWords[0].f, qualifier: null, titles, places, head: null, acronyms: [...acronyms, nameWords[0].f], roles };
    if (initials.length >= 2) acronyms.push(initials);
    return {
      ...base,
      kind: 'name',
      type: 'organization',
      display,
      core: nameWords.map((w) => w.f).join(' '),
      qualifier: k > 0 ? places[0] : null,
      titles,
      places,
      head: nameWords[nameWords.length - 1].f,
      acronyms: [...new Set(acronyms)],
      roles,
    };
  }

  // a person's name is the run of capitalised words at the end: "Trump adviser Elon Musk" -> "Elon Musk"
  let s = words.length;
  while (s > 0 && (words[s - 1].kind === 'cap' || (PARTICLES.has(words[s - 1].f) && s < words.length))) s--;
  while (s < words.length && PARTICLES.has(words[s].f)) s++;
  const name = words.slice(s);
  if (!name.length) {
    const titleWords = titles.filter((t) => t !== 'former' && t !== 'acting');
    return { ...base, kind: 'description', type, display: raws.join(' '), core: aliasKey, qualifier: null, titles, places, head: titleWords[titleWords.length - 1] ?? last?.f ?? null, roles };
  }
  const core = [...name].reverse().find((w) => !SUFFIXES.has(w.f)) ?? name[name.length - 1];
  return {
    ...base,
    kind: 'name',
    type: 'person',
    display: name.map((w) => w.raw).join(' '),
    core: core.f,
    qualifier: name.length > 1 && name[0] !== core ? name[0].f : null,
    titles,
    places,
    head: null,
    roles,
  };
}
