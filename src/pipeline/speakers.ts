// Speaker attribution: for each quote, the cue clause around it (after it, before it, a colon, a dash,
// "according to"), the subject of that clause (name, pronoun, role phrase or organization), resolved within
// the article; quotes with no cue continue the last speaker. Quoted labels nobody is said to have said are dropped.
// Only the narrative around quotes is tagged (wink), and earlier paragraphs only when a pronoun needs them.
import type { Article, Mention, Quote, SpeakerRef, SpeakerType, Span } from './doc.js';
import { firstName, honorific, isOrganizationWord, isRoleWord, lexTags, tag, tagWithin, type Gender, type Tagged, type Token } from './nlp.js';

// ---- word lists (closed classes of English news style, not names) ----

/** Lemmas of verbs that report speech or writing. */
const SPEECH = new Set(
  ('say tell add warn state emphasize emphasise note write tweet post ask explain claim insist argue continue respond reply ' +
    'declare announce stress assert maintain acknowledge admit recall quip sigh complain suggest mention observe remark report ' +
    'testify urge vow promise joke muse reiterate highlight caution boast lament proclaim pledge threaten tout contend concede ' +
    'confirm deny predict plead demand question wonder counter retort conclude describe call accuse charge criticize criticise ' +
    'slam blast dismiss label dub brand term reveal disclose inform recount quote sing chant shout yell scream whisper cry ' +
    'agree disagree object protest complain allege estimate concur affirm reaffirm acknowledged indicate point put begin ' +
    'cite rate rule opine reason posit tease mock hail praise summarize summarise interject interrupt recall reflect').split(' '),
);
/** Words that head the name of an organization. */
const ORG_HEADS = new Set(
  ('council command department house committee commission agency bureau office ministry party campaign association union ' +
    'company corporation corp inc ltd plc group university institute foundation center centre network news times post journal ' +
    'press reuters administration government court congress senate parliament assembly board authority service services ' +
    'bank fund firm police army navy force forces team club league federation organization organisation organizations ' +
    'coalition alliance cartel council school college hospital trust commission ministry white-house fbi cia nsc un eu nato ' +
    'magazine channel broadcaster newspaper website tribune herald gazette review daily agency').split(' '),
);
/** Nouns for people who speak for an organization: "a spokesperson for X" is X speaking. */
const SPOKES = new Set('spokesperson spokesman spokeswoman representative rep'.split(' '));
const PERSONAL = { he: 'male', him: 'male', she: 'female', her: 'female' } as const;
const PLURAL_PRONOUNS = new Set(['they', 'them']);
/** Words opening a clause whose pronoun subject is the main subject ("what she calls", "in which he called"). */
const BINDING = new Set(['what', 'which', 'that', 'when', 'whom']);
/** How far back in a paragraph antecedents of pronouns and role nouns are looked for. */
const LOOKBACK = 2000;
/** Paragraphs up to this long are tagged whole, once. */
const WHOLE_PARAGRAPH = 4000;
const POSSESSIVES = new Set(['his', 'her', 'its', 'their']);
const QUOTE_CHARS = /^["'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f`]+$/u;
const DASHES = new Set(['\u2015', '\u2014', '\u2013', '-', '--']);

// ---- entities of one article ----

interface Entity {
  name: string;
  type: SpeakerType;
  gender: Gender | null;
  role: string | null;
  plural: boolean;
}

interface Seen {
  start: number;
  end: number;
  entity: Entity;
}

/** A speaker found for a quote, before it is written into the quote. */
interface Found {
  entity: Entity | null;
  mention: Mention | null;
  cue: string | null;
  confidence: number;
  relayedBy?: string | null;
}

const isMarkToken = (t: Token) => QUOTE_CHARS.test(t.text);
const isCap = (t: Token) => /^\p{Lu}/u.test(t.text);
/** wink tags some capitalised names as verbs ("Lynch said", "Josh Earnest"); an inflected or speech verb is none. */
const isCapVerbName = (t: Token) => t.pos === 'VERB' && isCap(t) && t.lemma === t.lower && !SPEECH.has(t.lemma) && !/(ing|ed)$/u.test(t.lower);
const isNounish = (t: Token) =>
  t.pos === 'PROPN' || t.pos === 'NOUN' || ((t.pos === 'ADJ' || t.pos === 'NUM') && isCap(t)) || isCapVerbName(t);
/**
 * A speech verb at toks[k]; wink sometimes tags "reports" in "The Times reports:" as a plural noun (but after a
 * preposition the name is a modifier and the word a noun: "32% of Republican claims").
 */
const isSpeechVerbAt = (toks: Token[], k: number) => {
  const t = toks[k];
  if (!SPEECH.has(t.lemma)) return false;
  if (t.pos === 'VERB') return true;
  const prev = toks[k - 1];
  return t.pos === 'NOUN' && /s$/u.test(t.lower) && t.lemma !== t.lower && prev !== undefined && (prev.pos === 'PROPN' || prev.pos === 'PRON') && toks[k - 2]?.pos !== 'ADP';
};
/** A word of a person's or organization's name (not a date: "early Friday saying"). */
const isNameWord = (t: Token) => (t.pos === 'PROPN' || isCapVerbName(t)) && !isMarkToken(t) && !lexTags(t.lower).some((x) => x === 'WeekDay' || x === 'Month');
const isParticiple = (t: Token) => /ing$/u.test(t.lower);

class ArticleContext {
  readonly text: string;
  /** Named things seen so far, in text order (only the tagged stretches). */
  readonly seen: Seen[] = [];
  /** Surname or organization key -> entity. */
  readonly entities = new Map<string, Entity>();
  /** Role nouns that stood for a named entity ("the spokesperson" after "a spokesperson for the NSC"). */
  readonly roleNouns = new Map<string, Entity>();
  private readonly taggedParas = new Map<number, Tagged[]>();

  constructor(readonly article: Article, readonly quoteSpans: Span[]) {
    this.text = article.source.text;
  }

  /** Tags a stretch of narrative once and records the names in it. */
  tagStretch(start: number, end: number): Tagged {
    const t = this.tagged(start, end);
    this.collectNames(t);
    return t;
  }

  /**
   * A stretch as tagged within its whole paragraph: one tagging per paragraph serves every stretch in it (and the
   * topic and time stages after this one). A giant paragraph (unsplit text, stray marks) is tagged piece by piece.
   */
  tagged(start: number, end: number): Tagged {
    const para = this.article.paragraphs[paragraphAt(this.article.paragraphs, start)];
    return para && end <= para.end && para.end - para.start <= WHOLE_PARAGRAPH
      ? tagWithin(this.text, para, start, end)
      : tag(this.text, start, end);
  }

  /** Narrative of earlier paragraphs, tagged on demand (for pronouns and role phrases). */
  ensureParagraph(p: number): void {
    if (this.taggedParas.has(p)) return;
    const para = this.article.paragraphs[p];
    const parts: Tagged[] = [];
    // antecedents lie near the end: a giant paragraph (unsplit text, stray marks) is tagged only that far back
    let from = Math.max(para.start, para.end - LOOKBACK);
    // quote spans are in text order: start at the first one in the paragraph
    for (let n = firstAtOrAfter(this.quoteSpans, from); n < this.quoteSpans.length && this.quoteSpans[n].end <= para.end; n++) {
      const q = this.quoteSpans[n];
      if (q.start > from) parts.push(this.tagStretch(from, q.start));
      from = Math.max(from, q.end);
    }
    if (para.end > from) parts.push(this.tagStretch(from, para.end));
    this.taggedParas.set(p, parts);
  }

  private collectNames(t: Tagged): void {
    const toks = t.tokens;
    for (let i = 0; i < toks.length; i++) {
      if (toks[i].pos !== 'PROPN' || isMarkToken(toks[i])) continue;
      let j = i;
      while (j + 1 < toks.length && joinsName(toks, j + 1)) j++;
      const entity = this.entityForRun(toks, i, j, false);
      if (entity) {
        this.note(toks[i].start, toks[j].end, entity);
        // "a spokesperson for the NSC", "NSC spokesperson": later "the spokesperson" is the NSC
        const k = toks[i - 1]?.pos === 'DET' ? i - 2 : i - 1;
        const spokesBefore = (toks[k]?.lower === 'for' || toks[k]?.lower === 'of') && SPOKES.has(toks[k - 1]?.lower ?? '');
        const spokesAfter = SPOKES.has(toks[j + 1]?.lower ?? '') && entity.type === 'organization';
        if (spokesBefore || spokesAfter) {
          entity.type = 'organization';
          this.roleNouns.set(spokesBefore ? toks[k - 1].lower : toks[j + 1].lower, entity);
        }
      }
      i = j;
    }
  }

  note(start: number, end: number, entity: Entity): void {
    // kept in text order: insert from the end (stretches are mostly tagged in order)
    let i = this.seen.length;
    while (i > 0 && this.seen[i - 1].start > start) i--;
    const prev = this.seen[i - 1];
    if (prev && prev.start === start && prev.end === end) return;
    this.seen.splice(i, 0, { start, end, entity });
  }

  /**
   * The entity a run of name tokens stands for. A person needs some evidence (a first name, an honorific,
   * a known surname, or being the subject of a speech verb: `asSpeaker`); organizations need a head word.
   */
  entityForRun(toks: Token[], a: number, b: number, asSpeaker: boolean, role: string | null = null): Entity | null {
    const words = toks.slice(a, b + 1);
    const last = words[words.length - 1];
    const allCaps = /^[\p{Lu}.&]{2,5}$/u.test(last.text);
    const orgLike =
      words.some((w) => ORG_HEADS.has(w.lower) || ORG_HEADS.has(w.lemma)) ||
      isOrganizationWord(words.map((w) => w.lower).join(' ')) ||
      (allCaps && words.length === 1 && !asSpeaker);
    const runText = this.text.slice(words[0].start, last.end).replace(/^(the|a|an)\s+/iu, '');
    if (orgLike) {
      const key = `org:${runText.toLowerCase().replace(/^the\s+/u, '')}`;
      const known = this.entities.get(key) ?? this.findOrgByAcronym(runText);
      if (known) return known;
      const entity: Entity = { name: runText, type: 'organization', gender: null, role, plural: false };
      this.entities.set(key, entity);
      // "(NSC)" after a name: the acronym names it too
      const acro = runText.match(/\(([\p{Lu}.&]{2,8})\)$/u);
      if (acro) this.entities.set(`org:${acro[1].toLowerCase()}`, entity);
      return entity;
    }
    // where the person's name starts: at a first name, or after the title words
    let k = a;
    let gender: Gender | null = null;
    const first = words.findIndex((w, n) => n < words.length - 1 && firstName(w.text) !== null && !isRoleWord(w.text));
    if (first >= 0) {
      k = a + first;
      gender = firstName(toks[k].text)!.gender;
    } else {
      while (k < b && (isRoleWord(toks[k].text) || !isCap(toks[k]) || /^[\p{Lu}.]+\.$/u.test(toks[k].text) || toks[k].pos === 'DET')) k++;
    }
    if (k > a && honorific(toks[k - 1].text)) gender = honorific(toks[k - 1].text)!.gender ?? gender;
    const nameToks = toks.slice(k, b + 1).filter((w) => w.pos !== 'PUNCT' || w.text === '-' || w.text === '.');
    if (nameToks.length === 0 || nameToks.every((w) => isRoleWord(w.text) && !firstName(w.text))) return null;
    const name = this.text.slice(toks[k].start, last.end);
    const surname = nameToks[nameToks.length - 1].lower.replace(/['\u2019]s$/u, '');
    const known = this.entities.get(`person:${surname}`);
    const title = k > a ? this.text.slice(toks[a].start, toks[k - 1].end).replace(/^(the|a|an)\s+/iu, '') : null;
    let evidence = first >= 0 || (k > a && honorific(toks[k - 1].text) !== null) || asSpeaker || known !== undefined;
    if (!evidence && nameToks.length === 1) {
      // a bare surname counts when the article gives it a first name somewhere ("Claudia Sheinbaum")
      const probe: Entity = { name, type: 'person', gender: null, role: null, plural: false };
      this.expandName(probe);
      evidence = probe.name !== name;
    }
    if (!evidence) return null;
    if (known) {
      if (name.length > known.name.length && nameToks.length > 1) known.name = name;
      known.gender ??= gender;
      known.role ??= role ?? titleRole(title);
      return known;
    }
    const entity: Entity = { name, type: 'person', gender, role: role ?? titleRole(title), plural: false };
    this.entities.set(`person:${surname}`, entity);
    this.expandName(entity);
    return entity;
  }

  private findOrgByAcronym(runText: string): Entity | undefined {
    return this.entities.get(`org:${runText.toLowerCase()}`);
  }

  private readonly fuller = new Map<string, { name: string; gender: Gender | null } | null>();

  /** The fullest form of a person's name anywhere in the article ("Sheinbaum" -> "Claudia Sheinbaum"). */
  expandName(entity: Entity): void {
    if (entity.type !== 'person' || /\s/u.test(entity.name)) return;
    if (!this.fuller.has(entity.name)) this.fuller.set(entity.name, this.findFuller(entity.name));
    const f = this.fuller.get(entity.name);
    if (f) {
      entity.name = f.name;
      entity.gender ??= f.gender;
    }
  }

  private findFuller(surname: string): { name: string; gender: Gender | null } | null {
    for (const para of this.article.paragraphs) {
      let at = this.text.indexOf(surname, para.start);
      while (at >= 0 && at < para.end) {
        // capitalised words right before the surname: a first name (compromise's lexicon) makes it fuller
        const before = this.text.slice(Math.max(para.start, at - 40), at);
        const m = before.match(/((?:\p{Lu}[\p{L}'\u2019-]*\.?\s){1,3})$/u);
        if (m) {
          const words = m[1].trim().split(/\s+/u);
          const f = words.findIndex((w) => firstName(w) !== null && !isRoleWord(w));
          if (f >= 0) return { name: `${words.slice(f).join(' ')} ${surname}`, gender: firstName(words[f])!.gender };
        }
        at = this.text.indexOf(surname, at + surname.length);
      }
    }
    return null;
  }

  /** The latest entity before `pos` that fits: a person of a gender, an organization, a plural. */
  antecedent(pos: number, want: 'male' | 'female' | 'plural' | 'thing', exclude: Entity | null | undefined, from: number): Seen | null {
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const s = this.seen[i];
      if (s.start < from) break;
      if (s.start >= pos || s.entity === exclude) continue;
      const e = s.entity;
      if (want === 'plural' ? e.type === 'organization' || e.plural : want === 'thing' ? e.type === 'organization' : e.type === 'person' && (e.gender === null || e.gender === want)) return s;
    }
    return null;
  }
}

function titleRole(title: string | null): string | null {
  if (!title) return null;
  // "Mexican President" -> "President": nationality and place words qualify the role, they are not it
  const words = title.split(/\s+/u);
  let i = 0;
  while (i < words.length - 1 && (lexTags(words[i]).some((t) => t === 'Demonym' || t === 'Country') || /^[\p{Lu}.]+\.$/u.test(words[i]) || words[i].toLowerCase() === 'former')) i++;
  return words.slice(i).join(' ') || null;
}

/** Whether token j carries on the name run that ends at j-1 ("Holtz-Eakin", "Department of Agriculture", "(NSC)"). */
function joinsName(toks: Token[], j: number): boolean {
  const t = toks[j];
  const prev = toks[j - 1];
  if (t.pos === 'PROPN' && !isMarkToken(t)) return true;
  if (isCap(t) && isNounish(t) && prev.pos === 'PROPN') return true;
  const next = toks[j + 1];
  if (!next) return false;
  if ((t.text === '-' || t.text === '.') && t.start === prev.end && next.start === t.end && isCap(next)) return true;
  if ((t.lower === 'of' || t.lower === 'for' || t.lower === '&') && isCap(next) && next.pos === 'PROPN') return true;
  if (t.text === '(' && /^[\p{Lu}.&]{2,8}$/u.test(next.text) && toks[j + 2]?.text === ')' && prev.pos === 'PROPN') return true;
  if (/^[\p{Lu}.&]{2,8}$/u.test(t.text) && prev.text === '(' && next.text === ')') return true;
  if (t.text === ')' && prev.pos === 'PROPN' && toks[j - 2]?.text === '(') return true;
  return false;
}

// ---- noun phrases around a cue verb ----

interface NP {
  a: number;
  b: number; // inclusive
  role: string | null;
}

/** The noun phrase ending at token e (walking left): "A spokesperson for the National Security Council (NSC)". */
function npEndingAt(toks: Token[], e: number, lo: number): NP | null {
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

/** The noun phrase starting at token s (walking right), with an appositive role: "Douglas Holtz-Eakin, an economist ...". */
function npStartingAt(toks: Token[], s: number, hi: number): NP | null {
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
function appositive(toks: Token[], k: number, hi: number): string | null {
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

/** A speech verb whose subject is no speaker ("in a box labeled"): the words are quoted, by someone unnamed. */
const NOBODY: NP = { a: -1, b: -1, role: null };

/**
 * The subject of the speech verb at v: to its left (skipping adverbs, an appositive), or to its right when
 * inverted; NOBODY (only at depth 0) when the clause has a subject that cannot be the speaker.
 */
function subjectOf(toks: Token[], v: number, lo: number, hi: number, depth = 0): NP | null {
  let aux = v - 1;
  while (aux >= lo && toks[aux].pos === 'ADV') aux--;
  // "is once again questioning" is finite; a bare "-ing" is a participle
  const participle = isParticiple(toks[v]) && depth === 0 && toks[aux]?.pos !== 'AUX';
  // "footage of Trump saying": a name right before the participle does it
  if (participle && v - 1 >= lo && isNameWord(toks[v - 1])) {
    let a = v - 1;
    while (a - 1 >= lo && isNameWord(toks[a - 1])) a--;
    return { a, b: v - 1, role: null };
  }
  let k = v - 1;
  while (k >= lo && (toks[k].pos === 'ADV' || toks[k].pos === 'AUX' || toks[k].pos === 'PART' || toks[k].lower === 'also')) k--;
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
    // "Name, a role at X, said": the appositive sits between commas
    let c = k - 1;
    while (c > lo && toks[c].text !== ',' && k - c < 16 && !isMarkToken(toks[c])) c--;
    if (c > lo && toks[c].text === ',') {
      const np = npEndingAt(toks, c - 1, lo);
      const role = appositive(toks, c, k + 1);
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
  // "said the event brought back": a phrase with a verb of its own is the subject of what was said
  // ("said he hopes" is kept: such a pronoun is most often the speaker himself)
  const next = toks[inv.b + 1];
  return next && (next.pos === 'VERB' || next.pos === 'AUX') && toks[inv.a].pos !== 'PRON' ? NOBODY : inv;
}

/** Speech verbs whose next noun phrase is their object, never an inverted subject ("told the crowd"). */
const OBJECT_FIRST = new Set(
  'tell put call label dub brand term quote cite rate praise mock hail accuse charge criticize criticise slam blast dismiss describe urge inform'.split(' '),
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
    while (j >= lo && (toks[j].pos === 'ADV' || (toks[j].pos === 'VERB' && /(ing|ed)$/u.test(toks[j].lower)))) j--;
    // a phrase opening the frame may be cut from its head ("[groups] of protesters"): kept
    if (j < lo) return np;
    const before = npEndingAt(toks, j, lo);
    if (!before) return isCap(toks[np.b]) ? np : null;
    np = before;
  }
  return np;
}

/** A finite verb: not a bare participle ("Following", "swiftly called"), but "is questioning" is. */
const isFiniteAt = (toks: Token[], k: number) =>
  toks[k].pos === 'VERB' && !isCapVerbName(toks[k]) && (!isParticiple(toks[k]) || toks[k - 1]?.pos === 'AUX');

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

/** Index of the first span starting at or after pos, in spans sorted by start (binary search). */
function firstAtOrAfter(spans: Span[], pos: number): number {
  let lo = 0, hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The paragraph holding pos, or -1 (binary search: articles may have thousands of paragraphs). */
function paragraphAt(paras: Span[], pos: number): number {
  const k = firstAtOrAfter(paras, pos + 1) - 1;
  return k >= 0 && pos < paras[k].end ? k : -1;
}

// ---- attributing ----

interface Frame {
  toks: Token[];
  lo: number;
  hi: number;
}

/** The sentence of a tagged stretch that touches the quote: the last one before it, or the first one after it. */
function sentenceFrame(t: Tagged, which: 'last' | 'first'): Frame {
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

/** Characters tagged before and after a quote, and the longest stretch between two quotes tagged whole. */
const PRE_WINDOW = 260;
const POST_WINDOW = 220;
const SHARED_GAP = 400;

export function attributeSpeakers(article: Article, quotes: Quote[]): Quote[] {
  if (quotes.length === 0) return [];
  const text = article.source.text;
  const top = quotes.map((q, i) => ({ q, i })).filter(({ q }) => q.kind !== 'embedded');
  const topSpans = top.map(({ q }) => outerSpan(text, q));
  const ctx = new ArticleContext(article, topSpans);
  const paraOf = (pos: number) => paragraphAt(article.paragraphs, pos);
  const found: (Found | null)[] = quotes.map(() => null);

  // tag the narrative between quotes, paragraph by paragraph
  const frames = new Map<number, { pre: Tagged | null; post: Tagged | null; para: number }>();
  for (let n = 0; n < top.length; n++) {
    const { q, i } = top[n];
    const p = paraOf(q.start);
    const para = article.paragraphs[p];
    const prevInPara = n > 0 && paraOf(top[n - 1].q.start) === p ? topSpans[n - 1] : null;
    const nextInPara = n + 1 < top.length && paraOf(top[n + 1].q.start) === p ? topSpans[n + 1] : null;
    // tagging is the cost of this stage: a cue sits within a clause of the quote, so only that much is tagged;
    // a short stretch between two quotes is tagged once for both
    const shared = (gap: Span | null, from: number, to: number) => gap !== null && to - from <= SHARED_GAP;
    const preStart = Math.max(prevInPara ? prevInPara.end : para.start, topSpans[n].start - PRE_WINDOW);
    const postEnd = nextInPara && shared(nextInPara, topSpans[n].end, nextInPara.start) ? nextInPara.start : Math.min(nextInPara?.start ?? para.end, topSpans[n].end + POST_WINDOW);
    const prevPost = n > 0 ? frames.get(top[n - 1].i)?.post ?? null : null;
    const reuse = prevInPara && prevPost && shared(prevInPara, prevInPara.end, topSpans[n].start);
    const pre = reuse ? prevPost : topSpans[n].start > preStart ? ctx.tagStretch(preStart, topSpans[n].start) : null;
    const post = postEnd > topSpans[n].end ? ctx.tagStretch(topSpans[n].end, postEnd) : null;
    frames.set(i, { pre, post, para: p });
  }

  for (let n = 0; n < top.length; n++) {
    const { q, i } = top[n];
    const f = frames.get(i)!;
    const endsClause = /[,?!\u2014\u2013\u2026-]$/u.test(q.text) || q.kind === 'partial';
    const pre = f.pre ? sentenceFrame(f.pre, 'last') : null;
    const post = f.post ? sentenceFrame(f.post, 'first') : null;
    const sentenceInitial = !pre || pre.hi === pre.lo;
    let hit: Found | null = transcriptSpeaker(ctx, q);
    const tryPre = () => (pre && pre.hi > pre.lo ? cueIn(ctx, pre, 'pre') : null);
    const tryPost = () => (post && post.hi > post.lo && (endsClause || !/[.]$/u.test(q.text)) ? cueIn(ctx, post, 'post') : null);
    if (!hit) hit = sentenceInitial ? tryPost() ?? tryPre() : tryPre() ?? tryPost();
    if (!hit && post && post.hi > post.lo) hit = dashSpeaker(ctx, post) ?? accordingTo(ctx, post) ?? trailingCue(ctx, post);
    if (!hit && pre && pre.hi > pre.lo) hit = accordingTo(ctx, pre);
    // a quoted phrase woven into a sentence with no cue is the words of the sentence's subject, if a named one
    if (!hit && q.kind === 'partial' && pre && pre.hi > pre.lo && !isTitleCase(q.text)) hit = governingSubject(ctx, pre);
    // a quote opening its paragraph after "X said:" at the end of the paragraph before
    if (!hit && sentenceInitial && !f.pre && f.para > 0) {
      const prevPara = article.paragraphs[f.para - 1];
      if (/:\s*$/u.test(text.slice(prevPara.start, prevPara.end)) && !top.some(({ q: o }) => o.start >= prevPara.start && o.end <= prevPara.end)) {
        const t = ctx.tagStretch(Math.max(prevPara.start, prevPara.end - 300), prevPara.end);
        const fr = sentenceFrame(t, 'last');
        hit = cueIn(ctx, { ...fr, hi: t.tokens.length }, 'pre');
      }
    }
    found[i] = hit;
  }

  // quotes with no cue of their own: the rest of a split quote, a quote-only paragraph, a paragraph a quote runs on into
  for (let n = 0; n < top.length; n++) {
    const { q, i } = top[n];
    if (found[i]) continue;
    const prev = n > 0 ? top[n - 1] : null;
    const next = n + 1 < top.length ? top[n + 1] : null;
    const p = frames.get(i)!.para;
    const prevPara = prev ? frames.get(prev.i)!.para : -1;
    const runsOn = prev && prevPara === p - 1 && unclosed(text, prev.q, article.paragraphs[prevPara]) && startsWithMark(text, article.paragraphs[p]);
    const samePara = prev && prevPara === p;
    const paraOpensWithQuote = startsWithMark(text, article.paragraphs[p]) && topSpans[n].start <= article.paragraphs[p].start + 1;
    if (prev && found[prev.i] && (samePara || runsOn || (paraOpensWithQuote && prevPara >= p - 2))) {
      const from = found[prev.i]!;
      found[i] = { ...from, confidence: runsOn || samePara ? Math.min(from.confidence, 0.75) : 0.6 };
    } else if (next && frames.get(next.i)!.para === p + 1 && unclosed(text, q, article.paragraphs[p]) && found[next.i]) {
      // the first paragraph of a quote running over several takes the speaker named later
      found[i] = { ...found[next.i]!, confidence: 0.7 };
    }
  }
  // run the forward fill once more for chains whose first piece learnt its speaker from a later one
  for (let n = 1; n < top.length; n++) {
    const { i } = top[n];
    const prev = top[n - 1];
    if (!found[i] && found[prev.i] && frames.get(prev.i)!.para === frames.get(i)!.para - 1 && unclosed(text, prev.q, article.paragraphs[frames.get(prev.i)!.para])) found[i] = { ...found[prev.i]!, confidence: 0.7 };
  }

  // nested quotes: who the outer speaker reports
  quotes.forEach((q, i) => {
    if (q.kind !== 'embedded' || q.parent == null) return;
    const outer = found[q.parent] ?? null;
    found[i] = embeddedSpeaker(ctx, quotes[q.parent], q, outer);
  });

  const out: Quote[] = [];
  const newIndex = new Map<number, number>();
  quotes.forEach((q, i) => {
    const f = found[i];
    if (!keepQuote(q, f, quotes[q.parent ?? -1] && newIndex.has(q.parent!))) return;
    newIndex.set(i, out.length);
    if (f?.entity) ctx.expandName(f.entity);
    out.push({
      ...q,
      speaker: f?.entity ? toRef(f) : null,
      relayedBy: f?.relayedBy ?? null,
      cue: f?.cue ?? null,
      confidence: f?.entity ? f.confidence : 0,
      parent: q.parent == null ? null : newIndex.get(q.parent) ?? null,
    });
  });
  // names may have grown fuller after a quote was written
  const byLastWord = new Map<string, Entity[]>();
  for (const e of ctx.entities.values()) {
    const last = lastWord(e.name);
    byLastWord.set(last, [...(byLastWord.get(last) ?? []), e]);
  }
  for (const q of out) if (q.speaker) q.speaker.name = nameOf(q.speaker, byLastWord);
  return out;
}

const lastWord = (name: string) => name.slice(name.lastIndexOf(' ') + 1);

/** The fuller name of an entity ending in the speaker's name ("Obama" -> "Barack Obama"). */
function nameOf(ref: SpeakerRef, byLastWord: Map<string, Entity[]>): string {
  const e = byLastWord.get(lastWord(ref.name))?.find((x) => x.name.endsWith(ref.name) && x.name.length > ref.name.length && x.type === ref.type);
  return e ? e.name : ref.name;
}

function toRef(f: Found): SpeakerRef {
  const e = f.entity!;
  return { name: e.name, type: e.type, mention: f.mention, role: f.mention?.role ?? e.role ?? null };
}

/** Quoted labels, titles and scare quotes nobody is said to have said are not quotations. */
function keepQuote(q: Quote, f: Found | null, parentKept: boolean): boolean {
  // a quote with a cue verb is a quotation even when its speaker is unnamed
  const cued = f?.entity != null || f?.cue != null;
  if (q.kind === 'embedded') return parentKept && cued;
  if (cued) return true;
  const words = q.text.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length;
  return words > 4 && !isTitleCase(q.text);
}

/** The span with its marks, so the narrative around it starts after them. */
function outerSpan(text: string, q: Quote): Span {
  let s = q.start;
  while (s > 0 && /[\s"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f`]/u.test(text[s - 1]) && q.start - s < 4) s--;
  let e = q.end;
  while (e < text.length && /[\s"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f`]/u.test(text[e]) && e - q.end < 4 && text[e] !== '\n') e++;
  return { start: s, end: e };
}

/** A quote whose paragraph ends before its closing mark (it runs on into the next paragraph). */
const unclosed = (text: string, q: Span, para: Span) => text.slice(q.end, para.end).trim() === '';

function startsWithMark(text: string, para: Span): boolean {
  const c = text.slice(para.start, para.start + 2).trimStart()[0] ?? '';
  return /["\u201c\u201d\u201e'`]/u.test(c);
}

const spanText = (text: string, toks: Token[], a: number, b: number) => (b > a ? text.slice(toks[a].start, toks[b - 1].end) : null);

/** The cue verb of a clause and its subject, resolved to an entity. */
function cueIn(ctx: ArticleContext, fr: Frame, side: 'pre' | 'post'): Found | null {
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
const isTitleCase = (s: string) => {
  const words = s.split(/\s+/u).filter((w) => /^\p{L}/u.test(w));
  return words.length > 0 && words.every((w) => /^\p{Lu}/u.test(w) || /^(of|the|a|an|and|in|on|to|for|with)$/u.test(w));
};

/** The subject of the first finite verb of the sentence, when it names someone. */
function governingSubject(ctx: ArticleContext, fr: Frame): Found | null {
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
function trailingCue(ctx: ArticleContext, fr: Frame): Found | null {
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
function dashSpeaker(ctx: ArticleContext, fr: Frame): Found | null {
  const { toks, lo, hi } = fr;
  if (lo >= hi || !DASHES.has(toks[lo].text)) return null;
  const np = npStartingAt(toks, lo + 1, hi);
  if (!np || !isCap(toks[np.a])) return null;
  return resolveNP(ctx, toks, np, toks[lo].text, 0.8);
}

/** "according to X". */
function accordingTo(ctx: ArticleContext, fr: Frame): Found | null {
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
function transcriptSpeaker(ctx: ArticleContext, q: Quote): Found | null {
  const m = q.text.slice(0, 40).match(/^((?:\p{Lu}[\p{Lu}\p{L}.'\u2019-]*\s){0,2}\p{Lu}[\p{Lu}.'\u2019-]+):\s/u);
  if (!m || m[1] !== m[1].toUpperCase()) return null;
  const name = m[1].replace(/^(MR|MS|MRS|DR|SEN|REP|GOV)\.?\s/u, '');
  const start = q.start + m[1].length - name.length;
  const key = `person:${name.toLowerCase()}`;
  const entity = ctx.entities.get(key) ?? { name, type: 'person' as const, gender: null, role: null, plural: false };
  ctx.entities.set(key, entity);
  return { entity, mention: { start, end: start + name.length, text: name, role: null }, cue: ':', confidence: 0.85 };
}

/** The entity a noun phrase stands for, with the mention as written. */
function resolveNP(ctx: ArticleContext, toks: Token[], np: NP, cue: string | null, confidence: number): Found | null {
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
        while (toks[s].pos === 'DET') s++;
        entity = ctx.entityForRun(toks, s, np.b, false) ?? null;
        if (entity) entity.type = 'organization';
      } else if (ownerEnd >= 0 && words.slice(0, spokes).some((w) => w.pos === 'PROPN')) {
        let s = np.a;
        while (toks[s].pos === 'DET') s++;
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

function resolvePronoun(ctx: ArticleContext, t: Token, exclude?: Entity | null): Entity | 'self' | null {
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

/** "He said, 'How can we help?'" inside someone's quote: the inner words are his, relayed by the outer speaker. */
function embeddedSpeaker(ctx: ArticleContext, outer: Quote, inner: Quote, outerFound: Found | null): Found | null {
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
