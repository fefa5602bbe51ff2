// Candidates and their features, for every top-level quote of an article: the noun phrases (names, pronouns,
// role and organization phrases) in the quote's sentence and the sentences around it, the previous quote's
// speaker (continuation) and "nobody". Each candidate carries binary features (strings) telling what the cue
// rules (cues.ts), the clause (subject.ts) and the layout say about it; model.ts scores them, train.ts learns
// the weights. Deterministic: the same article always gives the same candidates and features.
import { z } from 'zod';
import type { Article, Quote, Span } from '../doc.js';
import { firstName, honorific, isOrganizationWord, isRoleWord, type Tagged, type Token } from '../nlp.js';
import { ArticleContext, paragraphAt } from './context.js';
import { accordingTo, cueIn, dashSpeaker, governingSubject, sentenceFrame, trailingCue, transcriptLabel, type Frame, type Proposal } from './cues.js';
import { npStartingAt, type NP } from './phrases.js';
import { NOBODY, subjectOf } from './subject.js';
import { isCap, isDateWord, isMarkToken, isNameWord, isNounish, isSpeechVerbAt } from './tokens.js';
import { DASHES, ORG_HEADS, PERSONAL, PLURAL_PRONOUNS, SPOKES } from './words.js';

/** Bump when candidates or features change: a model trained on other features refuses to load. */
export const FEATURE_VERSION = 3;

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
  feats: string[];
}

export interface QuoteCase {
  /** Index of the quote in the stage's input. */
  index: number;
  quote: Quote;
  candidates: Candidate[];
  /** Features of the quote itself (for the keep decision). */
  quoteFeats: string[];
  /** Position in `cases` of the previous top-level quote (whose speaker a continuation takes), or -1. */
  prev: number;
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

const bucket = (n: number, edges: number[]) => {
  for (const e of edges) if (n <= e) return String(e);
  return `${edges[edges.length - 1]}+`;
};
const words = (s: string) => s.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length;

export const isTitleCase = (s: string) => {
  const ws = s.split(/\s+/u).filter((w) => /^\p{L}/u.test(w));
  return ws.length > 0 && ws.every((w) => /^\p{Lu}/u.test(w) || /^(of|the|a|an|and|in|on|to|for|with)$/u.test(w));
};

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

/** The head word of a phrase (its last nounish word before "of"/"for" or a parenthesis), lower case. */
function headOf(toks: Token[], np: NP): string {
  let e = np.b;
  for (let k = np.a + 1; k <= np.b; k++) if (toks[k].lower === 'of' || toks[k].lower === 'for' || toks[k].text === '(') { e = k - 1; break; }
  while (e > np.a && !isNounish(toks[e]) && toks[e].pos !== 'PRON') e--;
  return toks[e].lower.replace(/['\u2019]s$/u, '');
}

/** A stretch's noun phrases and the subjects of its speech verbs, read once (stretches between quotes serve two). */
const parsedCache = new WeakMap<Tagged, { speechSubjects: Map<string, string>; nps: NP[] }>();
function parsed(t: Tagged): { speechSubjects: Map<string, string>; nps: NP[] } {
  let p = parsedCache.get(t);
  if (!p) {
    const toks = t.tokens;
    const speechSubjects = new Map<string, string>();
    for (let k = 0; k < toks.length; k++) {
      if (!isSpeechVerbAt(toks, k)) continue;
      const [lo, hi] = t.sentences[toks[k].sentence] ?? [0, toks.length];
      const np = subjectOf(toks, k, lo, hi);
      if (np && np !== NOBODY) speechSubjects.set(`${np.a}:${np.b}`, toks[k].lemma);
    }
    parsedCache.set(t, (p = { speechSubjects, nps: phrases(toks, 0, toks.length) }));
  }
  return p;
}

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
      const acc = accordingTo(preFrame);
      if (acc) proposals.push(acc);
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
    const real = proposals.filter((r) => r.np !== NOBODY);

    // quote features
    const qf: string[] = [`qk=${q.kind}`, `qlen=${bucket(words(q.text), [1, 2, 3, 4, 6, 8, 12, 20, 40])}`];
    if (isTitleCase(q.text)) qf.push('qtitle');
    if (/^\p{Lu}/u.test(q.text)) qf.push('qcap');
    const last = q.text.trimEnd().slice(-1);
    qf.push(`qend=${/[,.?!:;]/u.test(last) ? last : /[\u2014\u2013\u2026-]/u.test(last) ? 'dash' : 'w'}`);
    if (opensPara) qf.push('opens-para');
    const runsOn = unclosed(text, q, para);
    if (runsOn) qf.push('runs-on');
    if (opensPara && runsOn && text.slice(para.start, outer.start).trim().length <= 1) qf.push('quote-only-para');
    if (sentenceInitial) qf.push('sent-initial');
    if (n > 0 && paraOf(top[n - 1].q.start) === p - 1 && unclosed(text, top[n - 1].q, paras[p - 1]) && opensPara) qf.push('continues-prev');
    if (prevInPara) qf.push('prev-in-para');
    if (nextInPara) qf.push('next-in-para');
    if (text[outer.start - 1] === '(' || text[outer.end] === ')') qf.push('in-parens');
    const preT = preFrame && preFrame.hi > preFrame.lo ? preFrame.toks[preFrame.hi - 1] : null;
    if (preT) qf.push(`pw=${preT.pos === 'PUNCT' ? preT.text : preT.lemma}`, `pp=${preT.pos}`);
    const postT = postFrame && postFrame.hi > postFrame.lo ? postFrame.toks[postFrame.lo] : null;
    if (postT) qf.push(`np=${postT.pos}`);
    if (real.length === 0) qf.push('no-rule');
    for (const r of new Set(real.map((x) => x.rule))) qf.push(`rule=${r}`);
    if (nobodyCue) qf.push('cue-no-subject');
    if (transcriptLabel(q)) qf.push('transcript');

    // candidates: phrases of every stretch, the rules' phrases, a transcript label
    const bySpan = new Map<string, Candidate>();
    const add = (c: Candidate) => {
      const key = `${c.span!.start}:${c.span!.end}`;
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
      const { speechSubjects, nps } = parsed(s.t);
      // nearest the quote first
      const ordered = s.side === 'post' ? nps : [...nps].reverse();
      let near = 0, far = 0;
      for (const np of ordered) {
        const inFrame = np.a >= s.frame.lo && np.b < Math.max(s.frame.hi, s.frame.lo + 1);
        const rel = s.side === 'prev' ? 'prev-para' : `${s.side}-${inFrame ? 'same' : 'other'}`;
        const rank = inFrame || s.side === 'prev' ? near++ : far++;
        if (inFrame || s.side === 'prev' ? rank >= settings.nearPhrases : rank >= settings.farPhrases) continue;
        const kind = phraseKind(text, toks, np);
        const feats = phraseFeats(toks, np, kind, s.side, rel, rank, qf);
        const subj = speechSubjects.get(`${np.a}:${np.b}`);
        if (subj) feats.push('subj-speech', `subj-speech&${rel}`, `subj-lemma=${subj}`);
        add(candidateOf(toks, np, kind, feats, null));
      }
    }
    for (const r of real) {
      const kind = phraseKind(text, r.toks, r.np);
      const feats = [`rule=${r.rule}`, `rule=${r.rule}&lemma=${r.lemma ?? '-'}`, `rule=${r.rule}&kind=${kind}`, `rules=${real.length}`];
      // what the quote looks like decides how far a rule is to be trusted ("“...” ― Name" after a full stop)
      for (const f of qf) if (/^(qk|qend|opens-para|quote-only-para|sent-initial|qtitle|qlen)/u.test(f)) feats.push(`rule=${r.rule}&${f}`);
      if (r.np.role) feats.push('rule-role');
      add({ ...candidateOf(r.toks, r.np, kind, feats, r.cue), relayer: r.relayer ? { toks: r.toks, np: r.relayer } : null });
    }
    const label = transcriptLabel(q);
    if (label) add({ kind: 'name', span: { start: label.start, end: label.end }, phrase: null, cue: ':', relayer: null, feats: ['rule=transcript', 'kind=name'] });

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
          if (fit) c.feats.push('pron-agree');
          if (clash) c.feats.push('pron-clash');
        }
        if (PLURAL_PRONOUNS.has(pr) && list.some((o) => o.kind === 'organization')) c.feats.push('pron-plural-org');
      } else {
        if (spoke.has(head)) c.feats.push('spoke-before', `spoke-before&${c.kind}`);
        if (prevHeads.has(head)) c.feats.push('spoke-prev', `spoke-prev&${c.kind}`);
        if (c.kind === 'name' || c.kind === 'organization') {
          const cased = toks.slice(np.a, np.b + 1).reverse().find((t) => t.lower.replace(/['\u2019]s$/u, '') === head)?.text.replace(/['\u2019]s$/u, '');
          if (cased && /^\p{Lu}/u.test(cased)) c.feats.push(`freq=${bucket(countOf(head, cased), [1, 2, 4, 8])}`);
        }
      }
      if (c.feats.some((f) => f.startsWith('rule='))) c.feats.push(`kind=${c.kind}&ruled`);
    }
    // "nobody" and the continuation of the previous quote's speaker
    const nobody: Candidate = { kind: 'nobody', span: null, phrase: null, cue: nobodyCue?.cue ?? null, relayer: null, feats: ['nobody', ...qf.map((f) => `nobody&${f}`)] };
    list.push(nobody);
    const prevN = n - 1;
    if (prevN >= 0) {
      const pp = paraOf(top[prevN].q.start);
      const gap = p - pp;
      const cf = ['cont', `cont&gap=${bucket(gap, [0, 1, 2])}`, ...qf.map((f) => `cont&${f}`)];
      const prevQf = cases[cases.length - 1].quoteFeats;
      cf.push(prevQf.includes('no-rule') ? 'cont&prev-no-rule' : 'cont&prev-ruled', `cont&prev-${prevQf.find((f) => f.startsWith('qk=')) ?? ''}`);
      if (real.length > 0) cf.push(`cont&gap=${bucket(gap, [0, 1, 2])}&ruled`);
      for (const f of qf) if (gap > 0) cf.push(`cont&gap1&${f}`);
      list.push({ kind: 'continuation', span: null, phrase: null, cue: null, relayer: null, feats: cf });
    }
    cases.push({ index: i, quote: q, candidates: list, quoteFeats: qf, prev: n > 0 ? cases.length - 1 : -1 });

    prevHeads = new Set(real.map((r) => headOf(r.toks, r.np)));
    for (const h of prevHeads) spoke.add(h);
  }
  return { ctx, cases };
}

function candidateOf(toks: Token[], np: NP, kind: Candidate['kind'], feats: string[], cue: string | null): Candidate {
  return { kind, span: { start: toks[np.a].start, end: toks[np.b].end }, phrase: { toks, np }, cue, relayer: null, feats: [`kind=${kind}`, ...feats] };
}

/** Where a phrase stands from the quote and what is around it. */
function phraseFeats(toks: Token[], np: NP, kind: Candidate['kind'], side: Side, rel: string, rank: number, qf: string[]): string[] {
  const f: string[] = [`rel=${rel}`, `rel=${rel}&kind=${kind}`, `rank=${Math.min(rank, 4)}&${rel}`, `rank=${Math.min(rank, 4)}&${rel}&kind=${kind}`];
  // tokens and punctuation between the phrase and the quote
  const from = side === 'post' ? 0 : np.b + 1;
  const between = side === 'post' ? toks.slice(0, np.a) : toks.slice(np.b + 1);
  f.push(`dist=${bucket(between.length, [0, 1, 2, 4, 8, 16])}&${rel}`);
  const punct = new Set(between.filter((t) => t.pos === 'PUNCT' || DASHES.has(t.text)).map((t) => (DASHES.has(t.text) ? 'dash' : isMarkToken(t) ? 'mark' : t.text)));
  for (const c of punct) if (/^[,.:;()!?]$|^dash$|^mark$/u.test(c)) f.push(`between=${c}&${rel}`);
  if (between.length === 0) f.push(`adjacent&${rel}`);
  if (between.some((_, k) => isSpeechVerbAt(toks, from + k))) f.push(`verb-between&${rel}`);
  // the clause around it
  let j = np.a - 1;
  while (j >= 0 && toks[j].pos === 'DET') j--;
  const before = toks[j];
  if (!before || /^[.!?]$/u.test(before.text) || isMarkToken(before)) f.push('clause-initial');
  else if (before.pos === 'ADP') f.push(`after-adp=${before.lower}`);
  else if (before.pos === 'VERB') f.push(isSpeechVerbAt(toks, j) ? 'after-speech-verb' : 'after-verb');
  else if (before.text === ',') f.push('after-comma');
  let k = np.b + 1;
  while (k < toks.length && (toks[k].pos === 'ADV' || toks[k].pos === 'AUX')) k++;
  const after = toks[k];
  if (after && isSpeechVerbAt(toks, k)) f.push('before-speech-verb', `before-speech-verb=${after.lemma}`);
  else if (after && after.pos === 'VERB') f.push('before-verb');
  if (/^['\u2019]s$/u.test(toks[np.b + 1]?.text ?? '') || /['\u2019]s$/u.test(toks[np.b].text)) f.push('possessive');
  if (np.role) f.push('has-appositive');
  // the phrase itself
  const ws = toks.slice(np.a, np.b + 1);
  f.push(`ntok=${bucket(ws.length, [1, 2, 3, 5])}`);
  if (kind === 'pronoun') f.push(`pron=${ws[0].lower}`, `pron=${ws[0].lower}&${rel}`);
  if (ws.some((w) => SPOKES.has(w.lower))) f.push('spokes');
  if (ws.some((w) => isRoleWord(w.text) && !isCap(w))) f.push('role-word');
  if (ws.some((w) => w.lower === 'of' || w.lower === 'for')) f.push('has-of');
  if (ws.some((w) => isDateWord(w))) f.push('date-word');
  if (ws.some((w) => w.pos === 'NUM')) f.push('number');
  if (ws[0].pos === 'DET') f.push(`det=${ws[0].lower === 'the' || ws[0].lower === 'a' || ws[0].lower === 'an' ? ws[0].lower : 'other'}`);
  const lastW = ws[ws.length - 1];
  if (lastW.pos === 'NOUN' && lastW.lemma !== lastW.lower && /s$/u.test(lastW.lower)) f.push('plural');
  if (kind === 'name' && ws.some((w) => firstName(w.text) !== null)) f.push('first-name');
  if (ws.some((w, n) => n < ws.length - 1 && honorific(w.text) !== null)) f.push('honorific');
  // the quote, crossed with where the phrase stands
  for (const q of qf) if (/^(qk|qend|opens-para|sent-initial|qtitle|quote-only-para|no-rule)/u.test(q)) f.push(`${rel}&${q}`);
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
