// The entities of one article: names seen so far in the tagged narrative, role nouns that stand for them,
// and each paragraph tagged at most once.
import type { Article, Mention, SpeakerType, Span } from '../doc.js';
import { firstName, honorific, isOrganizationWord, isRoleWord, lexTags, tag, tagWithin, type Gender, type Tagged, type Token } from '../nlp.js';
import { isCap, isMarkToken, joinsName } from './tokens.js';
import { ORG_HEADS, SPOKES } from './words.js';

export interface Entity {
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
export interface Found {
  entity: Entity | null;
  mention: Mention | null;
  cue: string | null;
  confidence: number;
  relayedBy?: string | null;
}

/** How far back in a paragraph antecedents of pronouns and role nouns are looked for. */
const LOOKBACK = 2000;
/** Paragraphs up to this long are tagged whole, once. */
const WHOLE_PARAGRAPH = 4000;

export class ArticleContext {
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
    if (surname === '') return null; // an empty run (a token wink could not place): nothing to look for
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
export function paragraphAt(paras: Span[], pos: number): number {
  const k = firstAtOrAfter(paras, pos + 1) - 1;
  return k >= 0 && pos < paras[k].end ? k : -1;
}
