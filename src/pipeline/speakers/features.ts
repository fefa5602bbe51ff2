// Candidates and their features, for every top-level quote of an article: the noun phrases (names, pronouns,
// role and organization phrases) in the quote's sentence and the sentences around it, the previous quote's
// speaker (continuation) and "nobody". Each candidate carries binary features (ids of space.ts, by name
// "rel=post-same") telling what the cue rules (cues.ts), the clause (subject.ts) and the layout say about it;
// model.ts scores them, train.ts learns the weights. Deterministic: the same article always gives the same
// candidates and features. What depends only on a tagged stretch (its noun phrases, the subjects of its speech
// verbs, each phrase's own features) is computed once per stretch: a stretch between two quotes serves both.
import { z } from 'zod';
import type { Article, Quote, Span } from '../doc.js';
import { firstName, honorific, isOrganizationWord, isRoleWord, type Tagged, type Token } from '../nlp.js';
import { isCommonWord } from '../coref/words.js';
import { ArticleContext, paragraphAt } from './context.js';
import { accordingTo, cueIn, dashSpeaker, governingSubject, possessorCue, sentenceFrame, trailingCue, transcriptLabel, type Frame, type Proposal } from './cues.js';
import { npStartingAt, type NP } from './phrases.js';
import { NOBODY, subjectOf } from './subject.js';
import { isCap, isDateWord, isMarkToken, isNameWord, isNounish, isPossessiveS, isSpeechVerbAt } from './tokens.js';
import { SPACE } from './space.js';
import { DASHES, ORG_HEADS, PERSONAL, PLURAL_PRONOUNS, SPEECH, SPOKES, WORKS } from './words.js';

/** Bump when candidates or features change: a model trained on other features refuses to load. */
export const FEATURE_VERSION = 7;

/** Every setting of the stage, stored with the weights (model.json) so a model runs as it was trained. */
export const SpeakerSettings = z
  .object({
    /** Characters tagged before and after a quote, and the longest stretch between two quotes tagged whole. */
    preWindow: z.number().int().positive().default(260),
    postWindow: z.number().int().positive().default(220),
    sharedGap: z.number().int().positive().default(400),
    /** How far into the clause after a quote a cue verb is looked for (tokens). */
    verbScan: z.number().int().positive().default(48),
    /** Characters read at the end of the previous paragraph for a quote that opens its paragraph. */
    prevParagraph: z.number().int().nonnegative().default(300),
    /** Noun phrases kept per stretch, nearest the quote first (sentence of the quote / sentences beyond it). */
    nearPhrases: z.number().int().positive().default(8),
    farPhrases: z.number().int().nonnegative().default(3),
  })
  .strict();
export type SpeakerSettings = z.infer<typeof SpeakerSettings>;
export const DEFAULT_SETTINGS: SpeakerSettings = SpeakerSettings.parse({});

export type CandidateKind = 'name' | 'pronoun' | 'role' | 'organization' | 'continuation' | 'nobody';

export interface Candidate {
  kind: CandidateKind;
  /** The mention in source.text; null for nobody, and for continuation until the previous quote is decided. */
  span: Span | null;
  /** The phrase as tagged, for resolving it to an entity once chosen. */
  phrase: { toks: Token[]; np: NP } | null;
  /** The cue that goes with choosing it ("said", "according to", ":"), from the strongest rule that proposed it. */
  cue: string | null;
  relayer: { toks: Token[]; np: NP } | null;
  /** Feature ids (SPACE). */
  feats: number[];
}

export interface QuoteCase {
  /** Index of the quote in the stage's input. */
  index: number;
  quote: Quote;
  candidates: Candidate[];
  /** Features of the quote itself (for the keep decision). */
  quoteFeats: number[];
  /** Position in `cases` of the previous top-level quote (whose speaker a continuation takes), or -1. */
  prev: number;
  /**
   * A quoted term, not a quotation: a few words in a sentence with no speech verb and no cue ("designated as
   * “foreign terrorist organizations”", "a suspected “extermination camp”"). Whoever is near did not say them.
   */
  term: boolean;
}

export interface ArticleCases {
  ctx: ArticleContext;
  cases: QuoteCase[];
}

/** Pronouns that may stand for a speaker: subjects, a relative "who" ("Smith, who joked"), a possessor ("his claim"). */
const SPEAKING_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'who', 'which', 'his', 'her']);

/** Where a stretch lies from the quote: before or after it, in its paragraph, or the previous paragraph. */
type Side = 'pre' | 'post' | 'prev';

interface Stretch {
  side: Side;
  t: Tagged;
  frame: Frame;
}

const words = (s: string) => s.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length;

export const isTitleCase = (s: string) => {
  const ws = s.split(/\s+/u).filter((w) => /^\p{L}/u.test(w));
  return ws.length > 0 && ws.every((w) => /^\p{Lu}/u.test(w) || /^(of|the|a|an|and|in|on|to|for|with)$/u.test(w));
};

/** A quoted word between a first name and a capitalised word: a nickname (Marcia "Cia" Price), nobody's words. */
export function isNickname(text: string, q: Span & { text: string }): boolean {
  const before = /(\p{Lu}\p{L}*) ["'\u201c\u2018]$/u.exec(text.slice(Math.max(0, q.start - 24), q.start));
  return /^\p{Lu}[\p{L}'.-]*$/u.test(q.text) && before !== null && firstName(before[1]) !== null && /^["'\u201d\u2019] \p{Lu}/u.test(text.slice(q.end, q.end + 3));
}

/** The span with its marks, so the narrative around it starts after them. */
export function outerSpan(text: string, q: Span): Span {
  let s = q.start;
  while (s > 0 && /[\s"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f`]/u.test(text[s - 1]) && q.start - s < 4) s--;
  let e = q.end;
  while (e < text.length && /[\s"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f`]/u.test(text[e]) && e - q.end < 4 && text[e] !== '\n') e++;
  return { start: s, end: e };
}

/** A quote whose paragraph ends before its closing mark (it runs on into the next paragraph). */
export const unclosed = (text: string, q: Span, para: Span) => text.slice(q.end, para.end).trim() === '';

export function startsWithMark(text: string, para: Span): boolean {
  const c = text.slice(para.start, para.start + 2).trimStart()[0] ?? '';
  return /["\u201c\u201d\u201e'`]/u.test(c);
}

/** What kind of thing a phrase names. */
export function phraseKind(text: string, toks: Token[], np: NP): Exclude<CandidateKind, 'continuation' | 'nobody'> {
  if (np.a === np.b && toks[np.a].pos === 'PRON') return 'pronoun';
  const ws = toks.slice(np.a, np.b + 1);
  const acronym = ws.length === 1 && /^[\p{Lu}.&]{2,5}$/u.test(ws[0].text);
  if (acronym || ws.some((w) => ORG_HEADS.has(w.lower) || ORG_HEADS.has(w.lemma)) || isOrganizationWord(text.slice(ws[0].start, ws[ws.length - 1].end).toLowerCase())) {
    return 'organization';
  }
  return ws.some((w) => isNameWord(w)) ? 'name' : 'role';
}

/**
 * A capitalised word opening its sentence that the lexicon knows as an ordinary word and the article never
 * capitalises inside a sentence: an opener the tagger took for a name ("Talk compared to ...", "Preys on ..."),
 * not someone who could speak. `midCapitalised` says whether the article writes the word capitalised mid-sentence.
 */
export function isOpener(toks: Token[], np: NP, midCapitalised: (word: string) => boolean): boolean {
  if (np.a !== np.b) return false;
  const t = toks[np.a];
  const before = toks[np.a - 1];
  const opens = !before || before.sentence !== t.sentence || /^[.!?:;]$/u.test(before.text) || isMarkToken(before) || DASHES.has(before.text);
  return opens && isNameWord(t) && isCommonWord(t.lower) && !midCapitalised(t.text);
}

/** The head word of a phrase (its last nounish word before "of"/"for" or a parenthesis), lower case. */
function headOf(toks: Token[], np: NP): string {
  let e = np.b;
  for (let k = np.a + 1; k <= np.b; k++) if (toks[k].lower === 'of' || toks[k].lower === 'for' || toks[k].text === '(') { e = k - 1; break; }
  while (e > np.a && !isNounish(toks[e]) && toks[e].pos !== 'PRON') e--;
  return toks[e].lower.replace(/['\u2019]s$/u, '');
}

/** A number for a span of text (candidates are kept by span). */
const spanKey = (start: number, end: number) => start * 65536 + (end - start);

/** The maximal noun phrases of toks[lo, hi): names, pronouns, role and organization phrases. */
function phrases(toks: Token[], lo: number, hi: number): NP[] {
  const out: NP[] = [];
  for (let k = lo; k < hi; ) {
    const t = toks[k];
    if (t.pos === 'PRON') {
      if (SPEAKING_PRONOUNS.has(t.lower)) out.push({ a: k, b: k, role: null });
      k++;
      continue;
    }
    if (isMarkToken(t) || !(t.pos === 'DET' || t.pos === 'ADJ' || isNounish(t))) {
      k++;
      continue;
    }
    const np = npStartingAt(toks, k, hi);
    if (!np || np.b < k) {
      k++;
      continue;
    }
    let nounish = false;
    for (let j = np.a; j <= np.b; j++) if (isNounish(toks[j]) && !isDateWord(toks[j])) nounish = true;
    if (nounish) out.push(np);
    k = np.b + 1;
  }
  return out;
}


// ---- feature ids, interned once (names as the model file has them)
const F = (name: string) => SPACE.id(name);
const KINDS = ['name', 'pronoun', 'role', 'organization', 'continuation', 'nobody'] as const;
const KIND = Object.fromEntries(KINDS.map((k) => [k, F(`kind=${k}`)])) as Record<CandidateKind, number>;
const RELS = ['pre-same', 'pre-other', 'post-same', 'post-other', 'prev-para'] as const;
type Rel = (typeof RELS)[number];
/** "rel=pre-same", and the bare "pre-same" that other features are crossed with ("rank=0&pre-same"). */
const REL = Object.fromEntries(RELS.map((r) => [r, F(`rel=${r}`)])) as Record<Rel, number>;
const REL_BARE = Object.fromEntries(RELS.map((r) => [r, F(r)])) as Record<Rel, number>;
const RANK = [0, 1, 2, 3, 4].map((r) => F(`rank=${r}`));
const bucketed = (prefix: string, edges: number[]) => {
  const ids = [...edges.map((e) => F(`${prefix}=${e}`)), F(`${prefix}=${edges[edges.length - 1]}+`)];
  return (n: number) => {
    for (let i = 0; i < edges.length; i++) if (n <= edges[i]) return ids[i];
    return ids[edges.length];
  };
};
const DIST = bucketed('dist', [0, 1, 2, 4, 8, 16]);
const NTOK = bucketed('ntok', [1, 2, 3, 5]);
const QLEN = bucketed('qlen', [1, 2, 3, 4, 6, 8, 12, 20, 40]);
const GAP = bucketed('cont&gap', [0, 1, 2]);
const FREQ = bucketed('freq', [1, 2, 4, 8]);
const BETWEEN = SPACE.template('between');
const ADJACENT = F('adjacent'), VERB_BETWEEN = F('verb-between'), ONE_VERB_BETWEEN = F('one-verb-between');
const SUBJ_NEAREST = F('subj-nearest');
const CLAUSE_INITIAL = F('clause-initial'), AFTER_ADP = SPACE.template('after-adp');
const AFTER_SPEECH_VERB = F('after-speech-verb'), AFTER_VERB = F('after-verb'), AFTER_COMMA = F('after-comma');
const BEFORE_SPEECH_VERB = F('before-speech-verb'), BEFORE_SPEECH_LEMMA = SPACE.template('before-speech-verb'), BEFORE_VERB = F('before-verb');
const POSSESSIVE = F('possessive'), HAS_APPOSITIVE = F('has-appositive');
const PRON = SPACE.template('pron');
const SPOKES_F = F('spokes'), ROLE_WORD = F('role-word'), HAS_OF = F('has-of'), DATE_WORD = F('date-word'), NUMBER = F('number');
const DET = { the: F('det=the'), a: F('det=a'), an: F('det=an'), other: F('det=other') };
const PLURAL = F('plural'), FIRST_NAME = F('first-name'), HONORIFIC = F('honorific');
const SUBJ_SPEECH = F('subj-speech'), SUBJ_LEMMA = SPACE.template('subj-lemma');
const RULE = SPACE.template('rule'), RULES = SPACE.template('rules'), LEMMA = SPACE.template('lemma'), RULE_ROLE = F('rule-role');
const RULED = F('ruled');
const PRON_AGREE = F('pron-agree'), PRON_CLASH = F('pron-clash'), PRON_PLURAL_ORG = F('pron-plural-org');
const SPOKE_BEFORE = F('spoke-before'), SPOKE_PREV = F('spoke-prev');
const NOBODY_F = F('nobody'), CONT = F('cont'), CONT_GAP1 = F('cont&gap1');
const CONT_PREV_NO_RULE = F('cont&prev-no-rule'), CONT_PREV_RULED = F('cont&prev-ruled');
const CONT_PREV_KIND = SPACE.template('cont&prev-qk');
// quote features
const QK = SPACE.template('qk'), QTITLE = F('qtitle'), QCAP = F('qcap'), QEND = SPACE.template('qend');
const OPENS_PARA = F('opens-para'), RUNS_ON = F('runs-on'), QUOTE_ONLY_PARA = F('quote-only-para'), SENT_INITIAL = F('sent-initial');
const CONTINUES_PREV = F('continues-prev'), PREV_IN_PARA = F('prev-in-para'), NEXT_IN_PARA = F('next-in-para'), IN_PARENS = F('in-parens');
const PW = SPACE.template('pw'), PP = SPACE.template('pp'), NP_POS = SPACE.template('np');
const COMMON_WORD = F('common-word');
const HEADLINE = F('headline'), HEADLINE_COLON = F('headline-colon'), BEFORE_COLON = F('before-colon');
const NO_RULE = F('no-rule'), CUE_NO_SUBJECT = F('cue-no-subject'), TRANSCRIPT = F('transcript');
/** Which quote features a candidate's position, a rule, and the continuation are crossed with. */
const crossesRel = SPACE.matcher(/^(qk|qend|opens-para|sent-initial|qtitle|quote-only-para|no-rule|headline)/u);
const crossesRule = SPACE.matcher(/^(qk|qend|opens-para|quote-only-para|sent-initial|qtitle|qlen|headline)/u);
const isQk = SPACE.matcher(/^qk=/u);

/** A noun phrase of a stretch with what depends on the stretch alone. */
interface Phrase {
  np: NP;
  kind: Exclude<CandidateKind, 'continuation' | 'nobody'>;
  /** Its own features and the clause around it (not where it stands from a quote). */
  own: number[];
  /** The lemma of the speech verb it is the subject of, or null. */
  speechLemma: string | null;
  /** Features of the tokens between it and a quote after it (pre) or before it (post), by side. */
  between: Partial<Record<Side, number[]>>;
}

/** A stretch's phrases and the subjects of its speech verbs, read once (stretches between quotes serve two). */
const parsedCache = new WeakMap<Tagged, Phrase[]>();
function parsed(text: string, t: Tagged): Phrase[] {
  let p = parsedCache.get(t);
  if (!p) {
    const toks = t.tokens;
    const speechSubjects = new Map<number, string>();
    for (let k = 0; k < toks.length; k++) {
      if (!isSpeechVerbAt(toks, k)) continue;
      const [lo, hi] = t.sentences[toks[k].sentence] ?? [0, toks.length];
      const np = subjectOf(toks, k, lo, hi);
      if (np && np !== NOBODY) speechSubjects.set(np.a * 65536 + np.b, toks[k].lemma);
    }
    p = phrases(toks, 0, toks.length).map((np) => {
      const kind = phraseKind(text, toks, np);
      return { np, kind, own: ownFeats(toks, np, kind), speechLemma: speechSubjects.get(np.a * 65536 + np.b) ?? null, between: {} };
    });
    parsedCache.set(t, p);
  }
  return p;
}

/**
 * Candidates and features for the top-level quotes of an article (embedded quotes are left to index.ts).
 * `quotes` are in text order, as findQuotes gives them.
 */
export function candidates(article: Article, quotes: Quote[], settings: SpeakerSettings = DEFAULT_SETTINGS): ArticleCases {
  const text = article.source.text;
  const top = quotes.map((q, i) => ({ q, i })).filter(({ q }) => q.kind !== 'embedded');
  const topSpans = top.map(({ q }) => outerSpan(text, q));
  const ctx = new ArticleContext(article, topSpans);
  const paras = article.paragraphs;
  const paraOf = (pos: number) => paragraphAt(paras, pos);
  const cases: QuoteCase[] = [];
  /** Heads proposed by cue rules for earlier quotes: "spoke before". */
  const spoke = new Set<string>();
  let prevHeads = new Set<string>();
  const headCount = new Map<string, number>();
  const countOf = (head: string, cased: string) => {
    let n = headCount.get(head);
    if (n === undefined) {
      n = 0;
      for (let at = text.indexOf(cased, article.span.start); at >= 0 && at < article.span.end && n < 9; at = text.indexOf(cased, at + cased.length)) n++;
      headCount.set(head, n);
    }
    return n;
  };
  let prevPost: Tagged | null = null;
  /** Cases that are titles, not quotations. */
  const titles = new Set<number>();
  const capitalisedMid = new Map<string, boolean>();
  const body = text.slice(article.span.start, article.span.end);
  const midCapitalised = (word: string) => {
    let seen = capitalisedMid.get(word);
    if (seen === undefined) {
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
      seen = new RegExp(`[\\p{Ll}\\p{N},]\\s+${escaped}(?![\\p{L}])`, 'u').test(body);
      capitalisedMid.set(word, seen);
    }
    return seen;
  };

  for (let n = 0; n < top.length; n++) {
    const { q, i } = top[n];
    const outer = topSpans[n];
    const p = paraOf(q.start);
    const para = paras[p] ?? article.span;
    const prevInPara = n > 0 && paraOf(top[n - 1].q.start) === p ? topSpans[n - 1] : null;
    const nextInPara = n + 1 < top.length && paraOf(top[n + 1].q.start) === p ? topSpans[n + 1] : null;
    // tagging is the cost of this stage: only the clauses next to a quote are tagged, a short stretch between
    // two quotes once for both
    const preStart = Math.max(prevInPara ? prevInPara.end : para.start, outer.start - settings.preWindow);
    const sharedNext = nextInPara !== null && nextInPara.start - outer.end <= settings.sharedGap;
    const postEnd = sharedNext ? nextInPara.start : Math.min(nextInPara?.start ?? para.end, outer.end + settings.postWindow);
    const reuse = prevInPara !== null && prevPost !== null && outer.start - prevInPara.end <= settings.sharedGap;
    const pre = reuse ? prevPost : outer.start > preStart ? ctx.tagStretch(preStart, outer.start) : null;
    const post = postEnd > outer.end ? ctx.tagStretch(outer.end, postEnd) : null;
    prevPost = post;

    const stretches: Stretch[] = [];
    if (pre && pre.tokens.length) stretches.push({ side: 'pre', t: pre, frame: sentenceFrame(pre, 'last') });
    if (post && post.tokens.length) stretches.push({ side: 'post', t: post, frame: sentenceFrame(post, 'first') });
    const preFrame = stretches.find((s) => s.side === 'pre')?.frame ?? null;
    const postFrame = stretches.find((s) => s.side === 'post')?.frame ?? null;
    const sentenceInitial = !preFrame || preFrame.hi === preFrame.lo;
    const opensPara = startsWithMark(text, para) && outer.start <= para.start + 1;
    // a quote opening its paragraph: the end of the paragraph before may name its speaker ("X said:")
    let prevParaColon = false;
    if (opensPara && !pre && p > 0 && settings.prevParagraph > 0) {
      const before = paras[p - 1];
      const lastQuote = n > 0 && top[n - 1].q.start >= before.start ? topSpans[n - 1].end : before.start;
      const from = Math.max(lastQuote, before.start, before.end - settings.prevParagraph);
      if (before.end > from) {
        const t = ctx.tagStretch(from, before.end);
        if (t.tokens.length) {
          const fr = sentenceFrame(t, 'last');
          // the last sentence of the paragraph, whole (sentenceFrame stops after its final period)
          const s = t.sentences[t.sentences.length - 1] ?? [0, t.tokens.length];
          stretches.push({ side: 'prev', t, frame: { toks: t.tokens, lo: s[0], hi: t.tokens.length } });
          prevParaColon = /:\s*$/u.test(text.slice(before.start, before.end)) && fr.hi > fr.lo;
        }
      }
    }

    // the cue rules' proposals
    const endsClause = /[,?!\u2014\u2013\u2026-]$/u.test(q.text) || q.kind === 'partial';
    const proposals: Proposal[] = [];
    if (preFrame && preFrame.hi > preFrame.lo) {
      proposals.push(...cueIn(text, preFrame, 'pre', settings.verbScan));
      for (const r of [accordingTo(preFrame), possessorCue(preFrame)]) if (r) proposals.push(r);
      if (q.kind === 'partial' && !isTitleCase(q.text)) {
        const g = governingSubject(preFrame);
        if (g) proposals.push(g);
      }
    }
    if (postFrame && postFrame.hi > postFrame.lo) {
      if (endsClause || !/[.]$/u.test(q.text)) proposals.push(...cueIn(text, postFrame, 'post', settings.verbScan));
      for (const r of [dashSpeaker(postFrame), accordingTo(postFrame), trailingCue(postFrame)]) if (r) proposals.push(r);
    }
    const prevStretch = stretches.find((s) => s.side === 'prev');
    if (prevStretch && prevParaColon) {
      for (const r of cueIn(text, prevStretch.frame, 'pre', settings.verbScan)) proposals.push({ ...r, rule: 'prev-colon' });
    }
    const nobodyCue = proposals.find((r) => r.np === NOBODY) ?? null;
    const real = proposals.filter((r) => r.np !== NOBODY && !isOpener(r.toks, r.np, midCapitalised));
    // a speech verb or noun is a cue here ("his claim that people would “learn nothing”"); a name is not ("Jalisco State")
    const speechIn = (fr: Frame | null) => fr !== null && fr.toks.slice(fr.lo, fr.hi).some((t) => (t.pos === 'VERB' || t.pos === 'NOUN') && SPEECH.has(t.lemma));
    // a sentence that goes on from the quote before takes that one's cue ("called Trump a “liar” who is “amoral”")
    const joined = prevInPara !== null && preStart === prevInPara.end && (preFrame === null || preFrame.lo === 0);
    // a headline quotes in its own way ("Doe: Plan Is 'a Disgrace'", "Doe Says Plan Is 'a Disgrace'"); its colon is a cue
    const inHeadline = article.headline?.some((h) => h.start === para.start) ?? false;
    const headlineColon = inHeadline && /^[^:]{1,80}:\s/u.test(text.slice(para.start, outer.start));
    const preT = preFrame && preFrame.hi > preFrame.lo ? preFrame.toks[preFrame.hi - 1] : null;
    // a few title-case words owned by a name are a title ("MSNBC's “Morning Joe”", "CBS's “Face the Nation”"):
    // on PolNeAR train 26 such stretches are no quotation, 2 are; the quote after one does not go on from it
    // and so are they after a noun for a work ("his 2002 book, “Make Your Kid a Millionaire”"): train 3 quotations, 12 not
    const beforeT = preT ? preFrame!.toks[preFrame!.hi - 2] : undefined;
    const work = preT?.text === ',' ? beforeT : preT;
    const ownedTitle = preT !== null && words(q.text) <= 5 && isTitleCase(q.text) &&
      ((q.kind === 'partial' && isPossessiveS(preT) && beforeT?.pos === 'PROPN') ||
        (work?.pos === 'NOUN' && WORKS.has(work.lemma)));
    if (ownedTitle) titles.add(cases.length);
    const term =
      isNickname(text, q) || ownedTitle ||
      q.kind === 'partial' && words(q.text) <= 4 && proposals.length === 0 && !headlineColon && !speechIn(preFrame) && !speechIn(postFrame) &&
        (!joined || (cases[cases.length - 1].term && !titles.has(cases.length - 1)));

    // quote features
    const qf: number[] = [QK(q.kind), QLEN(words(q.text))];
    if (isTitleCase(q.text)) qf.push(QTITLE);
    if (/^\p{Lu}/u.test(q.text)) qf.push(QCAP);
    const last = q.text.trimEnd().slice(-1);
    qf.push(QEND(/[,.?!:;]/u.test(last) ? last : /[\u2014\u2013\u2026-]/u.test(last) ? 'dash' : 'w'));
    if (opensPara) qf.push(OPENS_PARA);
    const runsOn = unclosed(text, q, para);
    if (runsOn) qf.push(RUNS_ON);
    if (opensPara && runsOn && text.slice(para.start, outer.start).trim().length <= 1) qf.push(QUOTE_ONLY_PARA);
    if (sentenceInitial) qf.push(SENT_INITIAL);
    if (n > 0 && paraOf(top[n - 1].q.start) === p - 1 && unclosed(text, top[n - 1].q, paras[p - 1]) && opensPara) qf.push(CONTINUES_PREV);
    if (prevInPara) qf.push(PREV_IN_PARA);
    if (nextInPara) qf.push(NEXT_IN_PARA);
    if (text[outer.start - 1] === '(' || text[outer.end] === ')') qf.push(IN_PARENS);
    if (preT) qf.push(PW(preT.pos === 'PUNCT' ? preT.text : preT.lemma), PP(preT.pos));
    const postT = postFrame && postFrame.hi > postFrame.lo ? postFrame.toks[postFrame.lo] : null;
    if (postT) qf.push(NP_POS(postT.pos));
    if (real.length === 0) qf.push(NO_RULE);
    for (const r of new Set(real.map((x) => x.rule))) qf.push(RULE(r));
    if (nobodyCue) qf.push(CUE_NO_SUBJECT);
    if (transcriptLabel(q)) qf.push(TRANSCRIPT);
    if (inHeadline) qf.push(HEADLINE);
    if (headlineColon) qf.push(HEADLINE_COLON);
    const qfRel = qf.filter(crossesRel);
    const qfRule = qf.filter(crossesRule);

    // candidates: phrases of every stretch, the rules' phrases, a transcript label
    const bySpan = new Map<number, Candidate>();
    const add = (c: Candidate) => {
      const key = spanKey(c.span!.start, c.span!.end);
      const had = bySpan.get(key);
      if (!had) bySpan.set(key, c);
      else {
        for (const f of c.feats) if (!had.feats.includes(f)) had.feats.push(f);
        had.cue ??= c.cue;
        had.relayer ??= c.relayer;
      }
    };
    for (const s of stretches) {
      const toks = s.t.tokens;
      const phrasesOf = parsed(text, s.t);
      let near = 0, far = 0;
      // nearest the quote first
      for (let m = 0; m < phrasesOf.length; m++) {
        const ph = phrasesOf[s.side === 'post' ? m : phrasesOf.length - 1 - m];
        const { np, kind } = ph;
        if (kind === 'name' && isOpener(toks, np, midCapitalised)) continue;
        const inFrame = np.a >= s.frame.lo && np.b < Math.max(s.frame.hi, s.frame.lo + 1);
        const rel: Rel = s.side === 'prev' ? 'prev-para' : inFrame ? (s.side === 'pre' ? 'pre-same' : 'post-same') : s.side === 'pre' ? 'pre-other' : 'post-other';
        const rank = inFrame || s.side === 'prev' ? near++ : far++;
        if (inFrame || s.side === 'prev' ? rank >= settings.nearPhrases : rank >= settings.farPhrases) continue;
        const rb = REL_BARE[rel];
        const rk = SPACE.cross(RANK[Math.min(rank, 4)], rb);
        const feats = [...ph.own, REL[rel], SPACE.cross(REL[rel], KIND[kind]), rk, SPACE.cross(rk, KIND[kind])];
        for (const b of (ph.between[s.side] ??= betweenFeats(toks, ph.np, s.side))) feats.push(SPACE.cross(b, rb));
        if (kind === 'pronoun') feats.push(SPACE.cross(PRON(toks[np.a].lower), rb));
        for (const f of qfRel) feats.push(SPACE.cross(rb, f));
        if (ph.speechLemma) {
          feats.push(SUBJ_SPEECH, SPACE.cross(SUBJ_SPEECH, rb), SUBJ_LEMMA(ph.speechLemma));
          // the subject of the speech verb next to the quote, not of one farther off ("X, who had said that",
          // "as Y put it"): before the quote only its own verb lies between, after it none
          const between = ph.between[s.side]!;
          const nearest = s.side === 'post' ? !between.includes(VERB_BETWEEN) : between.includes(ONE_VERB_BETWEEN);
          if (nearest) feats.push(SUBJ_NEAREST, SPACE.cross(SUBJ_NEAREST, rb), SPACE.cross(SUBJ_NEAREST, KIND[kind]));
          if (kind === 'pronoun') feats.push(SPACE.cross(PRON(toks[np.a].lower), SUBJ_SPEECH));
        }
        if (headlineColon && ph.own.includes(BEFORE_COLON)) feats.push(SPACE.cross(HEADLINE_COLON, BEFORE_COLON));
        add({ kind, span: { start: toks[np.a].start, end: toks[np.b].end }, phrase: { toks, np }, cue: null, relayer: null, feats });
      }
    }
    for (const r of real) {
      const kind = phraseKind(text, r.toks, r.np);
      const rule = RULE(r.rule);
      const feats = [KIND[kind], rule, SPACE.cross(rule, LEMMA(r.lemma ?? '-')), SPACE.cross(rule, KIND[kind]), RULES(String(real.length))];
      // what the quote looks like decides how far a rule is to be trusted ("“...” ― Name" after a full stop)
      for (const f of qfRule) feats.push(SPACE.cross(rule, f));
      if (r.np.role) feats.push(RULE_ROLE);
      const span = { start: r.toks[r.np.a].start, end: r.toks[r.np.b].end };
      add({ kind, span, phrase: { toks: r.toks, np: r.np }, cue: r.cue, relayer: r.relayer ? { toks: r.toks, np: r.relayer } : null, feats });
    }
    const label = transcriptLabel(q);
    if (label) add({ kind: 'name', span: { start: label.start, end: label.end }, phrase: null, cue: ':', relayer: null, feats: [RULE('transcript'), KIND.name] });

    // "she quoted Trump as saying": who relays the words is not who said them
    for (const r of real) if (r.relayer) bySpan.delete(spanKey(r.toks[r.relayer.a].start, r.toks[r.relayer.b].end));
    const list = [...bySpan.values()];
    // agreement and history, now that all phrases are known
    for (const c of list) {
      if (!c.phrase) continue;
      const { toks, np } = c.phrase;
      const head = headOf(toks, np);
      if (c.kind === 'pronoun') {
        const pr = toks[np.a].lower;
        const want = pr in PERSONAL ? PERSONAL[pr as keyof typeof PERSONAL] : null;
        if (want) {
          const genders = list.filter((o) => o.kind === 'name' && o.span!.start < c.span!.start).map((o) => genderOf(o.phrase!.toks, o.phrase!.np));
          const fit = genders.some((g) => g === want);
          const clash = genders.length > 0 && genders.every((g) => g !== null && g !== want);
          if (fit) c.feats.push(PRON_AGREE);
          if (clash) c.feats.push(PRON_CLASH);
        }
        if (PLURAL_PRONOUNS.has(pr) && list.some((o) => o.kind === 'organization')) c.feats.push(PRON_PLURAL_ORG);
      } else {
        if (spoke.has(head)) c.feats.push(SPOKE_BEFORE, SPACE.cross(SPOKE_BEFORE, KIND_BARE[c.kind]));
        if (prevHeads.has(head)) c.feats.push(SPOKE_PREV, SPACE.cross(SPOKE_PREV, KIND_BARE[c.kind]));
        if (c.kind === 'name' || c.kind === 'organization') {
          const cased = toks.slice(np.a, np.b + 1).reverse().find((t) => t.lower.replace(/['\u2019]s$/u, '') === head)?.text.replace(/['\u2019]s$/u, '');
          if (cased && /^\p{Lu}/u.test(cased)) c.feats.push(FREQ(countOf(head, cased)));
        }
      }
      if (c.feats.some(isRuleFeature)) c.feats.push(SPACE.cross(KIND[c.kind], RULED));
    }
    // "nobody" and the continuation of the previous quote's speaker
    const nobody: Candidate = { kind: 'nobody', span: null, phrase: null, cue: nobodyCue?.cue ?? null, relayer: null, feats: [NOBODY_F, ...qf.map((f) => SPACE.cross(NOBODY_F, f))] };
    list.push(nobody);
    const prevN = n - 1;
    // a quote that opens with its speaker's label ("PENCE: Well, ...") continues no one
    if (prevN >= 0 && !label) {
      const pp = paraOf(top[prevN].q.start);
      const gap = p - pp;
      const g = GAP(gap);
      const cf = [CONT, g, ...qf.map((f) => SPACE.cross(CONT, f))];
      const prevQf = cases[cases.length - 1].quoteFeats;
      const prevQk = prevQf.find(isQk);
      cf.push(prevQf.includes(NO_RULE) ? CONT_PREV_NO_RULE : CONT_PREV_RULED, CONT_PREV_KIND(prevQk === undefined ? '' : SPACE.names[prevQk].slice(3)));
      if (real.length > 0) cf.push(SPACE.cross(g, RULED));
      if (gap > 0) for (const f of qf) cf.push(SPACE.cross(CONT_GAP1, f));
      list.push({ kind: 'continuation', span: null, phrase: null, cue: null, relayer: null, feats: cf });
    }
    cases.push({ index: i, quote: q, candidates: list, quoteFeats: qf, prev: n > 0 ? cases.length - 1 : -1, term });

    prevHeads = new Set(real.map((r) => headOf(r.toks, r.np)));
    for (const h of prevHeads) spoke.add(h);
  }
  return { ctx, cases };
}

const KIND_BARE = Object.fromEntries(KINDS.map((k) => [k, F(k)])) as Record<CandidateKind, number>;
/** "rule=…" alone (not a cross): the candidate was proposed by a cue rule. */
const isRuleFeature = SPACE.matcher(/^rule=[^&]*$/u);

/** Tokens and punctuation between a phrase and the quote (after it in a stretch before the quote, and so on). */
function betweenFeats(toks: Token[], np: NP, side: Side): number[] {
  const from = side === 'post' ? 0 : np.b + 1;
  const to = side === 'post' ? np.a : toks.length;
  const f = [DIST(to - from)];
  const punct = new Set<string>();
  let verbs = 0;
  for (let k = from; k < to; k++) {
    const t = toks[k];
    if (t.pos === 'PUNCT' || DASHES.has(t.text)) punct.add(DASHES.has(t.text) ? 'dash' : isMarkToken(t) ? 'mark' : t.text);
    if (isSpeechVerbAt(toks, k)) verbs++;
  }
  for (const c of punct) if (/^[,.:;()!?]$|^dash$|^mark$/u.test(c)) f.push(BETWEEN(c));
  if (to === from) f.push(ADJACENT);
  if (verbs > 0) f.push(VERB_BETWEEN);
  if (verbs === 1) f.push(ONE_VERB_BETWEEN);
  return f;
}

/** A phrase's own features and the clause around it. */
function ownFeats(toks: Token[], np: NP, kind: Candidate['kind']): number[] {
  const f: number[] = [KIND[kind]];
  let j = np.a - 1;
  while (j >= 0 && toks[j].pos === 'DET') j--;
  const before = toks[j];
  if (!before || /^[.!?]$/u.test(before.text) || isMarkToken(before)) f.push(CLAUSE_INITIAL);
  else if (before.pos === 'ADP') f.push(AFTER_ADP(before.lower));
  else if (before.pos === 'VERB') f.push(isSpeechVerbAt(toks, j) ? AFTER_SPEECH_VERB : AFTER_VERB);
  else if (before.text === ',') f.push(AFTER_COMMA);
  let k = np.b + 1;
  while (k < toks.length && (toks[k].pos === 'ADV' || toks[k].pos === 'AUX')) k++;
  const after = toks[k];
  if (after && isSpeechVerbAt(toks, k)) f.push(BEFORE_SPEECH_VERB, BEFORE_SPEECH_LEMMA(after.lemma));
  else if (after && after.pos === 'VERB') f.push(BEFORE_VERB);
  if (/^['\u2019]s$/u.test(toks[np.b + 1]?.text ?? '') || /['\u2019]s$/u.test(toks[np.b].text)) f.push(POSSESSIVE);
  if (np.role) f.push(HAS_APPOSITIVE);
  if (toks[np.b + 1]?.text === ':') f.push(BEFORE_COLON);
  // the phrase itself
  const ws = toks.slice(np.a, np.b + 1);
  f.push(NTOK(ws.length));
  // one capitalised word the lexicon knows as an ordinary word, never as a name: a sentence opener ("Talk
  // compared to ...", "Check out ..."), not a person
  if (ws.length === 1 && isCap(ws[0]) && isCommonWord(ws[0].lower)) f.push(COMMON_WORD, SPACE.cross(COMMON_WORD, f.includes(CLAUSE_INITIAL) ? CLAUSE_INITIAL : KIND[kind]));
  if (kind === 'pronoun') f.push(PRON(ws[0].lower));
  if (ws.some((w) => SPOKES.has(w.lower))) f.push(SPOKES_F);
  if (ws.some((w) => isRoleWord(w.text) && !isCap(w))) f.push(ROLE_WORD);
  if (ws.some((w) => w.lower === 'of' || w.lower === 'for')) f.push(HAS_OF);
  if (ws.some((w) => isDateWord(w))) f.push(DATE_WORD);
  if (ws.some((w) => w.pos === 'NUM')) f.push(NUMBER);
  if (ws[0].pos === 'DET') f.push(ws[0].lower === 'the' ? DET.the : ws[0].lower === 'a' ? DET.a : ws[0].lower === 'an' ? DET.an : DET.other);
  const lastW = ws[ws.length - 1];
  if (lastW.pos === 'NOUN' && lastW.lemma !== lastW.lower && /s$/u.test(lastW.lower)) f.push(PLURAL);
  if (kind === 'name' && ws.some((w) => firstName(w.text) !== null)) f.push(FIRST_NAME);
  if (ws.some((w, n) => n < ws.length - 1 && honorific(w.text) !== null)) f.push(HONORIFIC);
  return f;
}

/** A person's presumed gender from a first name or an honorific in the phrase. */
function genderOf(toks: Token[], np: NP): 'male' | 'female' | null {
  for (let k = np.a; k <= np.b; k++) {
    const g = honorific(toks[k].text)?.gender ?? firstName(toks[k].text)?.gender;
    if (g) return g;
  }
  return null;
}
