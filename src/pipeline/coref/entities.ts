// The people and organizations one article names: every run of capitalised words in its narrative read as a
// name, grouped into entities by name structure (a surname joins the full name that has it; two full names with
// one surname and different first names stay two people), with where each is named and how prominently
// (subject of a speech verb, speaker of a quote), for pronouns and role nouns to find their antecedent.
import type { Article, SpeakerType, Span } from '../doc.js';
import { lexTags, type Gender } from '../nlp.js';
import { SPEECH } from '../speakers/words.js';
import { fold, nameRuns, type NameKind, type NameRun } from './names.js';
import { isPossessive, isPunct, lex, words, type Word } from './text.js';
import { firstNameOf, honorificOf, titleKey } from './words.js';

export interface Entity {
  /** Article-local key: "e1", "e2", ... in order of creation. */
  key: string;
  type: SpeakerType;
  /** The fullest name the article gives it (a description's phrase when it has no name). */
  name: string;
  /** Name words of `name` (its fullness). */
  fullness: number;
  surname: string;
  first: string | null;
  gender: Gender | null;
  /** The gender comes from an honorific or a gendered noun (else it is presumed from a first name, or from a pronoun). */
  genderSure: boolean;
  plural: boolean;
  /** Title words its names carry ("Sen." as "senator"); with the role words around them, see Entities.titlesOf. */
  titles: Set<string>;
  /** Folded words of its organization name and acronyms. */
  words: Set<string>;
  acronyms: Set<string>;
  /** A description with no name ("the senator" nobody named). */
  described: boolean;
  seen: Seen[];
}

export interface Seen {
  start: number;
  end: number;
  sent: number;
  para: number;
  /** Subject of a speech verb or first name of its sentence: what a later pronoun most likely means. */
  subject: boolean;
  /** The mention of a quote's speaker. */
  speaker: boolean;
  quoted: boolean;
  possessive: boolean;
  /** Named with a first name here. */
  full: boolean;
  /** Word indexes of the name in the narrative, while the role words around it are unread. */
  unread?: [number, number];
}

/** Speech verbs whose subject may follow them ("said Obama"); "told Obama" has its object there. */
const INVERTING = new Set('said says added adds wrote writes continued explained noted recalled quipped replied responded countered concluded joked observed remarked argued insisted declared tweeted'.split(' '));

/** Agent nouns before a name or in its appositive tell its role: "MSNBC host Chris Matthews". */
const roleWord = (w: Word) => !w.cap && /^\p{Ll}[\p{Ll}-]+$/u.test(w.text) && (lex(w).title || /(?:er|or|ist|ian|ee|man|woman|person)$/u.test(w.lower));

export class Entities {
  readonly all: Entity[] = [];
  /** Words of the article's narrative, paragraph by paragraph, in text order. */
  readonly words: Word[] = [];
  private readonly paraOf: number[] = [];
  private readonly bySurname = new Map<string, Entity[]>();
  /** People by the words of their name after the first ("Guajardo" of "Ildefonso Guajardo Villarreal"). */
  private readonly byNameWord = new Map<string, Set<Entity>>();
  private readonly byFirst = new Map<string, Set<Entity>>();
  /** Organizations, with the initials of their names ("nsc" for "National Security Council"). */
  private readonly orgs: { e: Entity; initials: string }[] = [];
  private readonly byOrg = new Map<string, Entity>();
  private readonly runsAt = new Map<number, { run: NameRun; entity: Entity }>();
  private readonly runsEnding = new Map<number, Entity>();
  /** Paragraphs in title case (headlines, section heads): every word capitalised, so no run there is a name. */
  private readonly headlines = new Set<number>();

  /** Paragraphs from this one on are read only for fuller names of the entities linked (see `growFromTail`). */
  private readonly tail: number;

  /**
   * The entities of an article, read up to the paragraph holding `upTo` and the two after it: nothing later can be
   * the antecedent of a mention before it.
   */
  constructor(readonly article: Article, private readonly quoteSpans: Span[], upTo = Infinity) {
    const text = article.source.text;
    let sent = 0;
    let last = 0;
    while (last < article.paragraphs.length && article.paragraphs[last].start <= upTo) last++;
    this.tail = Math.min(article.paragraphs.length, last + TAIL - 1);
    article.paragraphs.slice(0, this.tail).forEach((para, p) => {
      const ws = words(text, para, quoteSpans, sent);
      sent = (ws[ws.length - 1]?.sent ?? sent) + 1;
      if (isTitleCase(ws)) this.headlines.add(p);
      for (const w of ws) {
        this.words.push(w);
        this.paraOf.push(p);
      }
    });
    this.scan();
  }

  /**
   * Names given later than the paragraphs read make the entities' names fuller ("Kerry" named "John Kerry" in the
   * last paragraph); only paragraphs that hold one of their surnames are read, and no entity is made.
   */
  growFromTail(entities: Iterable<Entity>): void {
    const people = [...entities].filter((e) => e.type === 'person' && !e.described);
    const text = this.article.source.text;
    for (const para of this.article.paragraphs.slice(this.tail)) {
      const lower = text.slice(para.start, para.end).toLowerCase();
      if (!people.some((e) => lower.includes(e.surname))) continue;
      for (const r of nameRuns(words(text, para, this.quoteSpans))) {
        if (r.kind === 'organization' || r.kind === 'thing' || r.first === null) continue;
        const same = people.filter((e) => e.surname === r.surname && (e.first === null || sameFirst(e.first, r.first!)));
        if (same.length === 1 && (same[0].first !== null || (this.bySurname.get(r.surname) ?? []).length === 1)) this.grow(same[0], r);
      }
    }
  }

  /** Whether pos lies inside a quotation (spans sorted by start). */
  quotedAt(pos: number): boolean {
    const spans = this.quoteSpans;
    let lo = 0, hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start <= pos) lo = mid + 1;
      else hi = mid;
    }
    // the latest span starting at or before pos, or one that encloses it (an outer quotation)
    for (let k = lo - 1; k >= 0 && k >= lo - 3; k--) if (spans[k].start <= pos && pos < spans[k].end) return true;
    return false;
  }

  /** Paragraph index of word k. */
  para(k: number): number {
    return this.paraOf[k];
  }

  /** Index of the first word starting at or after pos. */
  wordAt(pos: number): number {
    let lo = 0, hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[mid].start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private scan(): void {
    const ws = this.words;
    const runs = nameRuns(ws).filter((r) => !this.headlines.has(this.paraOf[r.a]));
    // full names and organizations first, so surnames named before their full name still find it
    const full = (r: NameRun) => r.kind === 'organization' || r.first !== null;
    for (const pass of [true, false])
      for (const r of runs) {
        if (full(r) !== pass || r.kind === 'thing') continue;
        // a name alone that does the speaking ("Melanie said") is someone even with no full name
        const e = pass ? this.entityOf(r, r.nameStart) : this.partialOf(r, r.nameStart, () => this.isSubject(r.a, r.b));
        if (!e) continue;
        this.runsAt.set(r.nameStart, { run: r, entity: e });
        this.runsEnding.set(r.end, e);
        this.note(e, r, { speaker: false });
      }
  }

  /** The entity of the scanned name whose name proper starts at `start`, if any. */
  scanned(start: number): Entity | null {
    return this.runsAt.get(start)?.entity ?? null;
  }

  /**
   * Who put out the document a bare "the report" takes up, or whom "the spokesperson" speaks for: the owner of the
   * latest earlier mention of that noun ("a Washington Post article", "Ivana Trump's brief", "a report by the GAO",
   * "a spokesperson for the National Security Council").
   */
  ownerOfEarlier(noun: string, at: number): Entity | null {
    const ws = this.words;
    for (let k = this.wordAt(at) - 1; k > 0; k--) {
      if (ws[k].quoted || titleKey(ws[k].lower) !== noun) continue;
      for (let j = k - 1; j >= 0 && j >= k - 4 && ws[j].sent === ws[k].sent && !/^(a|an|the|this|that|,|\.)$/u.test(ws[j].lower); j--) {
        const owner = this.runsEnding.get(ws[j].end);
        if (owner) return owner;
      }
      if (/^(by|from|of|for|at|with)$/u.test(ws[k + 1]?.lower ?? '')) {
        const t = ws[k + 2]?.lower === 'the' ? k + 3 : k + 2;
        const owner = ws[t] && this.runsAt.get(ws[t].start)?.entity;
        if (owner) return owner;
      }
      return null;
    }
    return null;
  }

  /** Records a mention that is no name (a pronoun, a role noun) as a sighting of e. */
  saw(e: Entity, span: Span, speaker: boolean, subject: boolean): void {
    const k = this.wordAt(span.start);
    const w = this.words[Math.min(k, this.words.length - 1)];
    if (!w || e.seen.some((s) => s.start === span.start)) return;
    this.insert(e, { start: span.start, end: span.end, sent: w.sent, para: this.paraOf[k] ?? -1, subject, speaker, quoted: this.quotedAt(span.start), possessive: false, full: false });
  }

  /** Sightings are kept in text order; they mostly come in order, so the place is sought from the end. */
  private insert(e: Entity, seen: Seen): void {
    let i = e.seen.length;
    while (i > 0 && e.seen[i - 1].start > seen.start) i--;
    e.seen.splice(i, 0, seen);
  }

  /** Records a run as a sighting of e: where, how prominent, its titles and role words. */
  note(e: Entity, r: NameRun, how: { speaker: boolean }): void {
    const k = this.wordAt(r.start);
    const inText = this.words[k]?.start === r.start;
    const last = this.wordAt(r.end) - 1;
    const sent = inText ? this.words[k].sent : this.sentenceAt(r.start);
    const subject = inText && this.isSubject(k, last, true);
    const same = e.seen.length && e.seen[e.seen.length - 1].start >= r.start ? e.seen.find((s) => s.start === r.start && s.end === r.end) : undefined;
    if (!same) {
      const seen: Seen = { start: r.start, end: r.end, sent, para: inText ? this.paraOf[k] : -1, subject, speaker: how.speaker, quoted: r.quoted, possessive: r.possessive, full: r.first !== null };
      if (inText) seen.unread = [k, last];
      this.insert(e, seen);
    } else if (how.speaker) same.speaker = true;
    r.titles.forEach((t) => e.titles.add(t));
    this.grow(e, r);
  }

  private grow(e: Entity, r: NameRun): void {
    if (e.described) return;
    const fullness = r.parts.length;
    // no person's name runs on for more than five words: that is a run of capitals, not a name
    if (e.type === 'person' && fullness > 5) return;
    const better = e.type === 'organization' ? fullness > e.fullness && !(r.acronym === null && /^[\p{Lu}&.]+$/u.test(r.text) && fullness === 1) : fullness > e.fullness;
    if (better || e.fullness === 0) {
      e.name = r.text;
      e.fullness = fullness;
      if (e.type === 'person') for (const w of r.parts.slice(1)) this.byNameWord.set(w, (this.byNameWord.get(w) ?? new Set()).add(e));
      const org = this.orgs.find((o) => o.e === e);
      if (org) org.initials = initials(e.name);
    }
    if (e.first === null && r.first !== null && e.type === 'person') {
      e.first = r.first;
      this.byFirst.set(r.first, (this.byFirst.get(r.first) ?? new Set()).add(e));
    }
    if (r.gender && (!e.gender || (r.genderSure && !e.genderSure))) [e.gender, e.genderSure] = [r.gender, r.genderSure];
    if (r.acronym) e.acronyms.add(r.acronym);
    if (e.type === 'organization') for (const p of r.parts) e.words.add(p);
  }

  /**
   * The titles of e and the role words right before its names ("former campaign strategist David Axelrod") and in
   * an appositive after them: read when a role noun asks (most articles never do).
   */
  titlesOf(e: Entity): Set<string> {
    for (const s of e.seen)
      if (s.unread) {
        this.rolesAround(e, ...s.unread);
        delete s.unread;
      }
    return e.titles;
  }

  private rolesAround(e: Entity, a: number, b: number): void {
    const ws = this.words;
    for (let k = a - 1; k >= 0 && k >= a - 3 && ws[k].sent === ws[a].sent && roleWord(ws[k]); k--) e.titles.add(titleKey(ws[k].text));
    if (ws[b + 1]?.text !== ',') return;
    for (let k = b + 2; k < ws.length && k < b + 14 && ws[k].sent === ws[b].sent && !/^[,;.]$/u.test(ws[k].text); k++)
      if (roleWord(ws[k])) e.titles.add(titleKey(ws[k].text));
  }

  /** Subject of its clause: a verb follows (past an appositive), or it follows a speech verb that inverts ("said Obama"). */
  private isSubject(a: number, b: number, named = false): boolean {
    const ws = this.words;
    if (ws[a].quoted) return false;
    // "a photo of Heidi Cruz contrasted with ...": the object of a preposition is no subject
    if (a > 0 && ws[a - 1].sent === ws[a].sent && PREPOSITIONS.has(ws[a - 1].lower)) return false;
    let k = b + 1;
    // "House Speaker Paul Ryan, R-Wis., despite admitting ...": a name (known to be one) opening its sentence before a comma
    if (named && ws[k]?.text === ',' && (a === 0 || ws[a - 1].sent !== ws[a].sent)) return true;
    if (ws[k]?.text === ',') {
      // skip an appositive: "Jane Doe, a lawyer, said"
      let j = k + 1;
      while (j < ws.length && j < k + 16 && ws[j].text !== ',' && ws[j].sent === ws[b].sent) j++;
      if (ws[j]?.text === ',') k = j + 1;
    }
    while (ws[k] && ws[k].sent === ws[b].sent && lex(ws[k]).adverb) k++;
    if (ws[k] && ws[k].sent === ws[b].sent && !ws[k].cap && (lex(ws[k]).speech || lex(ws[k]).verb)) return true;
    // "noted NBC's Dante Chinni": a possessor between the verb and the name
    let v = a - 1;
    if (v >= 0 && isPossessive(ws[v])) while (v >= 0 && ws[v].cap && ws[v].sent === ws[a].sent) v--;
    return v >= 0 && ws[v].sent === ws[a].sent && INVERTING.has(ws[v].lower);
  }

  sentenceAt(pos: number): number {
    const k = this.wordAt(pos);
    return this.words[Math.min(k, this.words.length - 1)]?.sent ?? 0;
  }

  private create(type: SpeakerType, name: string, surname: string, fields: Partial<Entity> = {}): Entity {
    const e: Entity = {
      key: `e${this.all.length + 1}`, type, name, fullness: 0, surname, first: null, gender: null, genderSure: false, plural: false,
      titles: new Set(), words: new Set(), acronyms: new Set(), described: false, seen: [], ...fields,
    };
    this.all.push(e);
    if (type === 'person') this.bySurname.set(surname, [...(this.bySurname.get(surname) ?? []), e]);
    return e;
  }

  /** The entity a full name or an organization's name stands for, made if new. */
  entityOf(r: NameRun, at: number, hint: NameKind = r.kind): Entity | null {
    const kind = r.kind === 'unknown' ? hint : r.kind;
    if (kind === 'organization') {
      const known = this.findOrg(r);
      if (known) return known;
      const e = this.create('organization', r.text, r.surname);
      this.orgs.push({ e, initials: initials(r.text) });
      this.byOrg.set(r.surname, e);
      if (r.acronym) this.byOrg.set(r.acronym, e);
      if (r.parts.length === 1 && /^[\p{Lu}&.]+$/u.test(r.text)) e.acronyms.add(r.surname);
      return e;
    }
    if (r.first === null) return this.partialOf(r, at, kind === 'person');
    const same = (this.bySurname.get(r.surname) ?? []).filter((e) => e.first === null || sameFirst(e.first, r.first!));
    const named = same.find((e) => e.first !== null);
    if (named) return named;
    // a person named by surname before the full name: the full name completes it
    const bare = same.find((e) => e.first === null && (!r.gender || !e.gender || e.gender === r.gender));
    if (bare && (this.bySurname.get(r.surname) ?? []).every((e) => e === bare || e.first === null)) return bare;
    if (kind === 'unknown') return null;
    return this.create('person', r.text, r.surname);
  }

  private findOrg(r: NameRun): Entity | null {
    const direct = this.byOrg.get(r.surname) ?? (r.acronym ? this.byOrg.get(r.acronym) : undefined);
    if (direct) return direct;
    if (r.parts.length === 1) {
      // an acronym of a name given in full ("NSC" for "National Security Council")
      const acr = this.orgs.find((o) => o.e.acronyms.has(r.surname) || o.initials === r.surname);
      if (acr) return acr.e;
    }
    // the same name with a place or "the" before it: "U.S. Department of State" / "Department of State"
    return this.orgs.find(({ e }) => !e.described && (e.surname.endsWith(` ${r.surname}`) || r.surname.endsWith(` ${e.surname}`)))?.e ?? null;
  }

  /**
   * The person a surname (maybe with a title) stands for at `at`. News give a person's full name at the first
   * mention, so a surname long before someone's full name is someone else; of several people with the surname,
   * one the text just named in full, else the first the article named (the bare surname stays theirs; relatives
   * are told apart by first names). A person only known by the surname is made when `create`.
   */
  partialOf(r: NameRun, at: number, mayCreate: boolean | (() => boolean)): Entity | null {
    const surname = r.surname;
    let cands = this.bySurname.get(surname) ?? [];
    if (cands.length === 0 && this.byNameWord.has(surname)) cands = [...this.byNameWord.get(surname)!].filter((e) => !e.described);
    const here = cands.length ? this.sentenceAt(at) : 0;
    if (cands.length) cands = cands.filter((e) => e.seen.length === 0 || e.seen[0].start <= at || e.seen[0].sent - here <= CATAPHORA);
    const agree = cands.filter((e) => !r.gender || !e.gender || e.gender === r.gender);
    // a presumed gender gives way to an honorific ("Ms." before a name the lexicon reads as male)
    const fit = agree.length || cands.length !== 1 || (r.genderSure && cands[0].genderSure) ? agree : cands;
    if (fit.length === 1 && r.genderSure && fit[0].gender !== r.gender) [fit[0].gender, fit[0].genderSure] = [r.gender, true];
    if (fit.length === 1) return fit[0];
    // "Mayor Fox": of several, the one with that office
    const offices = r.titles.filter((t) => !honorificOf(t));
    const titled = offices.length ? fit.filter((e) => offices.some((t) => this.titlesOf(e).has(t))) : [];
    if (titled.length === 1) return titled[0];
    if (fit.length > 1) {
      const local = fit.filter((e) => e.seen.some((s) => s.start < at && here - s.sent <= 1 && s.full && s.subject));
      if (local.length === 1) return local[0];
      return fit.reduce((x, y) => (firstSeen(y) < firstSeen(x) ? y : x));
    }
    if (r.parts.length === 1 && r.titles.length === 0) {
      // a first name alone: "Heidi" after "Heidi Cruz"
      const byFirst = this.byFirst.get(surname);
      if (byFirst?.size === 1) return [...byFirst][0];
    }
    if (r.kind === 'organization') return this.entityOf(r, at);
    if (r.kind === 'thing') return null;
    // a person by the name's structure is made; a lone word only when allowed (asked last: it costs a look around)
    const doubtful = r.kind !== 'person' || (r.titles.length === 0 && isOnlyFirstName(r));
    if (doubtful && !(typeof mayCreate === 'function' ? mayCreate() : mayCreate)) return null;
    return this.create('person', r.text, surname);
  }

  /** The first entity that fits named after `at`, within `sentences` sentences. */
  firstAfter(at: number, fit: (e: Entity) => number, sentences: number): Entity | null {
    const here = this.sentenceAt(at);
    let best: { e: Entity; start: number } | null = null;
    for (const e of this.all) {
      if (!fit(e)) continue;
      const s = e.seen.find((x) => x.start >= at && !x.quoted);
      if (s && s.sent - here <= sentences && (!best || s.start < best.start)) best = { e, start: s.start };
    }
    return best?.e ?? null;
  }

  /** A description nobody named ("the senator"): one entity per phrase. */
  described(phrase: string, type: SpeakerType, plural: boolean, gender: Gender | null): Entity {
    const key = fold(phrase);
    const known = this.all.find((e) => e.described && e.surname === key);
    if (known) return known;
    return this.create(type, phrase, key, { described: true, plural, gender, fullness: 1 });
  }

  /**
   * The entity among `cands` most prominent just before `at`, by its most prominent sighting there: halved for each
   * sentence back, doubled as a subject, again as a quote's speaker; a possessive or a name inside a quotation
   * counts little. (The latest strong sighting decides, not how often a person was named: on PolNeAR dev the
   * maximum beats the sum.)
   * `fit` weighs each candidate (0: excluded; below 1: agrees only maybe, as an unknown gender).
   */
  mostSalient(cands: Entity[], at: number, fit: (e: Entity) => number | boolean, window = 12): Entity | null {
    const here = this.sentenceAt(at);
    // inside a quotation, names in it count as any other
    const inQuote = this.quotedAt(at);
    let best: Entity | null = null;
    let bestScore = 0;
    for (const e of cands) {
      const weight = Number(fit(e));
      if (!weight) continue;
      let score = 0;
      for (const s of e.seen) {
        if (s.start >= at) break;
        const back = here - s.sent;
        if (back > window) continue;
        let w = (1 + (s.subject ? 1 : 0) + (s.speaker ? 1 : 0)) * 0.5 ** back;
        if (s.possessive) w *= 0.5;
        if (s.quoted && !inQuote) w *= 0.1;
        score = Math.max(score, w);
      }
      score *= weight;
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    return best;
  }
}

/** One given name, or an initial or a short form of it ("Len" and "Leonard", "G." and "George"). */
export function sameFirst(a: string, b: string): boolean {
  if (a === b) return true;
  const x = a.replace(/\.$/u, ''), y = b.replace(/\.$/u, '');
  if (x.length === 1 || y.length === 1) return x[0] === y[0];
  return (x.length >= 3 && y.startsWith(x)) || (y.length >= 3 && x.startsWith(y));
}

/** Paragraphs read after the one holding the last mention: a name may follow its first mention shortly. */
const TAIL = 3;
/** How many sentences before its full name a surname may name someone (a headline, a lede). */
const PREPOSITIONS = new Set(['of', 'to', 'for', 'with', 'by', 'from', 'about', 'at', 'on', 'against', 'into', 'over']);
const CATAPHORA = 3;
const firstSeen = (e: Entity) => e.seen[0]?.start ?? Infinity;
const isOnlyFirstName = (r: NameRun) => r.parts.length === 1 && firstNameOf(r.text) !== null && !lexTags(r.text).some((t) => t === 'LastName' || t === 'Person');

/** Four or more words, all but short function words capitalised: "Hillary Clinton Sides With George W. Bush". */
function isTitleCase(ws: Word[]): boolean {
  let caps = 0;
  for (const w of ws) {
    if (w.quoted || !/^\p{L}/u.test(w.text)) continue;
    if (w.cap) caps++;
    else if (!SMALL_WORDS.has(w.lower)) return false;
  }
  return caps >= 4;
}
const SMALL_WORDS = new Set('a an the of in on at to for and or but with by as vs'.split(' '));

const initials = (name: string) =>
  name.split(/\s+/u).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0].toLowerCase()).join('');
