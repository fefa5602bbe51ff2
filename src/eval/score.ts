// Scores extraction output against a gold file, by the rules documented in ../shared/eval/score.mjs:
// quotes match one-to-one, best first, when their token Dice overlap reaches the threshold; speakers are right
// when mention spans overlap or the predicted name names the gold speaker; statements are scored pairwise
// across articles; outlets by article position within a file.
import { basename } from 'node:path';

export interface GoldQuote {
  article: string;
  text: string;
  speaker: string | null;
  speakerSpan?: [number, number] | null;
  statement?: string | null;
  topics?: string[];
  notAQuote?: boolean;
  repeatedBlock?: boolean;
}

export interface Gold {
  articles: { id: string; file: string; outlet?: string | null }[];
  people?: { name: string; aliases?: string[] }[];
  quotes: GoldQuote[];
}

export interface PredQuote {
  text: string;
  start?: number;
  end?: number;
  speaker?: string | { name: string; mention?: { start: number; end: number } | null } | null;
  confidence?: number;
  topics?: string[];
  statement?: string | null;
}

export interface PredArticle {
  file: string;
  article?: { outlet?: string | null };
  quotes?: PredQuote[];
}

export interface Scores {
  gold_quotes: number;
  predicted_quotes: number;
  matched: number;
  not_a_quote_predicted: number;
  quote_precision: number;
  quote_recall: number;
  quote_f1: number;
  speaker_accuracy: number;
  speaker_left_out: number;
  attribution_precision: number;
  attribution_recall: number;
  attribution_f1: number;
  statement_precision: number;
  statement_recall: number;
  statement_f1: number;
  topic_f1: number;
  outlet_accuracy: number;
}

export interface Finding {
  kind: 'missed' | 'extra' | 'speaker';
  file: string;
  text: string;
  gold?: string | null;
  pred?: string | null;
  why?: string;
}

// ---- text normalisation, shared by quotes and names ----

const fold = (s: unknown) =>
  String(s ?? '')
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201b\u2032]/gu, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/gu, '"')
    .toLowerCase();
/** The scorer's tokens of a text (case-folded words and numbers). */
export const words = (s: unknown) => fold(s).match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];

/** Sørensen–Dice over token multisets. */
export function tokenDice(a: string[], b: string[]): number {
  if (a.length + b.length === 0) return 0;
  const left = new Map<string, number>();
  for (const t of a) left.set(t, (left.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of b) {
    const n = left.get(t) ?? 0;
    if (n > 0) {
      common++;
      left.set(t, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

/** Predicted and gold quotes (as tokens) paired one-to-one, best Dice first, when it reaches the threshold: [pred, gold]. */
export function matchQuotes(pred: string[][], gold: string[][], threshold = 0.5): [number, number][] {
  const candidates: [number, number, number][] = [];
  pred.forEach((p, i) =>
    gold.forEach((g, j) => {
      const d = tokenDice(p, g);
      if (d >= threshold) candidates.push([d, i, j]);
    }),
  );
  // a stable sort: ties keep prediction order, as in score.mjs
  candidates.sort((x, y) => y[0] - x[0]);
  const usedP = new Set<number>(), usedG = new Set<number>();
  const pairs: [number, number][] = [];
  for (const [, i, j] of candidates) {
    if (usedP.has(i) || usedG.has(j)) continue;
    usedP.add(i);
    usedG.add(j);
    pairs.push([i, j]);
  }
  return pairs;
}

// ---- speaker names ----

const NOT_NAME = new Set(
  ('the a an of u s us mr mrs ms president former mexican american mexico united states said spokesperson spokesman de la ' +
    'jr sr ii iii').split(' '),
);
const TITLE_WORDS = new Set(
  ('rep sen gov gen judge justice secretary senator governor speaker chairman chairwoman leader nominee candidate mayor ' +
    'spokesman spokeswoman ambassador congressman congresswoman director').split(' '),
);
const PRONOUN_WORDS = new Set(
  ('i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers herself ' +
    'it its itself they them their theirs themselves who whom whose which that this these those one someone somebody anyone everyone').split(' '),
);
const FUNCTION_WORDS = new Set([
  ...PRONOUN_WORDS,
  ...('the a an some many most several both all other others another such each every any no few more one two three four ' +
    'five six seven eight nine ten of and or in on at for by with from').split(' '),
]);

/** Common English nicknames of one given name ("Jim" for "James"): they do not contradict it. */
const NICKNAMES = [
  'james jim jimmy', 'timothy tim', 'william bill will billy', 'robert bob rob bobby', 'richard dick rick', 'michael mike',
  'charles chuck charlie', 'joseph joe', 'thomas tom', 'steven stephen steve', 'edward ed ted', 'christopher chris',
  'daniel dan', 'anthony tony', 'elizabeth liz beth', 'katherine kathy kate katy', 'jennifer jen', 'patrick pat',
  'donald don', 'gerald jerry', 'nicholas nick', 'benjamin ben', 'samuel sam', 'andrew andy', 'jonathan jon',
  'douglas doug', 'frederick fred', 'lawrence larry', 'ronald ron', 'kenneth ken', 'gregory greg', 'matthew matt',
  'peter pete', 'alexander alex', 'david dave', 'john jack', 'leonard len', 'theodore ted', 'mitchell mitch',
  'charlotte charlie', 'margaret maggie peggy',
].map((s) => s.split(' '));
const sameGivenName = (a: string, b: string) => NICKNAMES.some((set) => set.includes(a) && set.includes(b));

const nameWords = (s: string) => words(s).map((t) => t.replace(/'s$/u, '')).filter((t) => !NOT_NAME.has(t));

/** A gold speaker no name can be checked against: a pronoun, or no capitalised content word ("the campaign"). */
function vague(speaker: string | null): boolean {
  if (speaker == null) return false;
  const ws = speaker.match(/[\p{L}\p{N}]+(?:['\u2019]\p{L}+)?/gu) ?? [];
  if (ws.length === 1 && PRONOUN_WORDS.has(ws[0].toLowerCase())) return true;
  return !ws.some((w) => /^\p{Lu}/u.test(w) && !FUNCTION_WORDS.has(w.toLowerCase()));
}

class SpeakerJudge {
  private readonly forms = new Map<string, string[]>();

  constructor(gold: Gold) {
    for (const p of gold.people ?? []) this.forms.set(p.name, [p.name, ...(p.aliases ?? [])]);
  }

  /** Whether a predicted name names the gold speaker (`goldIsMention`: gold is the mention text itself). */
  names(pred: string | null, goldName: string | null, goldIsMention: boolean): boolean {
    if (goldName == null) return !pred;
    if (!pred) return false;
    const forms = this.forms.get(goldName) ?? [goldName];
    if (forms.some((f) => fold(f).trim() === fold(pred).trim())) return true;
    const p = nameWords(pred);
    const g = nameWords(goldName);
    if (p.length === 0 || g.length === 0) return false;
    const formWords = forms.map(nameWords);
    // the gold surname is there and no predicted word contradicts the gold forms (an initial, a nickname do not)
    const agrees = (t: string) => t.length === 1 || formWords.some((f) => f.some((u) => u === t || sameGivenName(u, t)));
    if (p.includes(g[g.length - 1]) && p.every(agrees)) return true;
    if (!goldIsMention) return false;
    // the predicted surname occurs in the gold mention, not right after a different first name
    const mentionWords = goldName.normalize('NFKC').match(/[\p{L}\p{N}]+(?:['\u2018\u2019\u201b\u2032]\p{L}+)?\.?/gu) ?? [];
    const at = mentionWords.findIndex((w) => nameWords(w)[0] === p[p.length - 1]);
    if (at < 0) return false;
    const before = mentionWords[at - 1] ?? '';
    const firstName =
      /^\p{Lu}[\p{L}'\u2019-]*$/u.test(before) && !TITLE_WORDS.has(before.toLowerCase()) ? nameWords(before)[0] : undefined;
    return p.length === 1 || !firstName || p.includes(firstName) || g.includes(p[0]);
  }

  /** true, false, or null when the speaker cannot be judged. */
  judge(pred: PredQuote['speaker'], g: GoldQuote): boolean | null {
    const name = pred && typeof pred === 'object' ? pred.name : (pred ?? null);
    const m = pred && typeof pred === 'object' && pred.mention && Number.isFinite(pred.mention.start) && Number.isFinite(pred.mention.end) ? pred.mention : null;
    const span = Array.isArray(g.speakerSpan) ? g.speakerSpan : null;
    if (span && m) {
      if (m.start < span[1] && span[0] < m.end) return true;
    } else if (vague(g.speaker)) return null;
    return this.names(name, g.speaker, span !== null);
  }
}

const OUTLET_SETS = [
  ['associated press', 'ap'],
  ['wall street journal', 'wsj'],
  ['new york times', 'nyt'],
  ['reuters', 'thomson reuters'],
];
function outletRight(pred: string | null | undefined, gold: string | null | undefined): boolean {
  const clean = (x: string | null | undefined) =>
    fold(x ?? '').replace(/[^\p{L}\p{N} ]/gu, '').trim().replace(/^the /u, '');
  const a = clean(pred);
  const b = clean(gold);
  if (!b) return !a || a === 'unknown';
  return a === b || OUTLET_SETS.some((set) => set.includes(a) && set.includes(b));
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const speakerName = (s: PredQuote['speaker']) => (s && typeof s === 'object' ? s.name : (s ?? null));

/** A predicted quote matched to a gold one, and whether its speaker is right (null: cannot be judged). */
export interface Match {
  file: string;
  gold: GoldQuote;
  pred: PredQuote;
  /** The predicted quotes of the file in order, and this one's position among them. */
  filePreds: PredQuote[];
  at: number;
  right: boolean | null;
}

/** Every metric of the official scorer, plus the findings --verbose lists and the matched pairs. */
export interface ScoreResult {
  scores: Scores;
  findings: Finding[];
  outlets: { right: number; total: number };
  matches: Match[];
}

export function score(gold: Gold, preds: PredArticle[], threshold = 0.5): ScoreResult {
  const judge = new SpeakerJudge(gold);
  const fileOf = new Map(gold.articles.map((a) => [a.id, a.file]));
  const goldByFile = new Map<string, (GoldQuote & { toks: string[] })[]>();
  for (const q of gold.quotes) {
    const f = fileOf.get(q.article)!;
    if (!goldByFile.has(f)) goldByFile.set(f, []);
    goldByFile.get(f)!.push({ ...q, toks: words(q.text) });
  }
  const predByFile = new Map<string, PredArticle[]>();
  for (const a of preds) {
    const f = basename(String(a.file ?? ''));
    if (!predByFile.has(f)) predByFile.set(f, []);
    predByFile.get(f)!.push(a);
  }

  let matched = 0, predicted = 0, goldCount = 0, right = 0, leftOut = 0, notAQuote = 0;
  let topicHit = 0, topicPred = 0, topicGold = 0;
  const pairs: { g: GoldQuote; p: PredQuote }[] = [];
  const findings: Finding[] = [];
  const matches: Match[] = [];

  for (const [file, golds] of goldByFile) {
    goldCount += golds.filter((g) => !g.notAQuote && !g.repeatedBlock).length;
    const pq = (predByFile.get(file) ?? []).flatMap((a) => (a.quotes ?? []).map((q) => ({ q, toks: words(q.text) })));
    predicted += pq.length;
    const usedP = new Set<number>(), usedG = new Set<number>();
    for (const [i, j] of matchQuotes(pq.map((p) => p.toks), golds.map((g) => g.toks), threshold)) {
      usedP.add(i);
      usedG.add(j);
      const g = golds[j], p = pq[i].q;
      if (g.repeatedBlock) {
        predicted--; // a copy of the body: neither required nor penalised
        continue;
      }
      if (g.notAQuote) {
        notAQuote++;
        findings.push({ kind: 'extra', file, text: p.text, why: 'not a quote in gold' });
        continue;
      }
      matched++;
      const ok = judge.judge(p.speaker, g);
      matches.push({ file, gold: g, pred: p, filePreds: pq.map((x) => x.q), at: i, right: ok });
      if (ok === null) leftOut++;
      else if (ok) right++;
      else findings.push({ kind: 'speaker', file, text: g.text, gold: g.speaker, pred: speakerName(p.speaker) });
      pairs.push({ g, p });
      const pt = new Set((p.topics ?? []).map(fold)), gt = new Set((g.topics ?? []).map(fold));
      topicPred += pt.size;
      topicGold += gt.size;
      for (const t of pt) if (gt.has(t)) topicHit++;
    }
    pq.forEach((p, i) => usedP.has(i) || findings.push({ kind: 'extra', file, text: p.q.text, why: 'no gold match' }));
    golds.forEach((g, j) => usedG.has(j) || g.notAQuote || g.repeatedBlock || findings.push({ kind: 'missed', file, text: g.text, gold: g.speaker }));
  }

  let outletOk = 0, outletN = 0;
  const byFile = new Map<string, Gold['articles']>();
  for (const a of gold.articles) byFile.set(a.file, [...(byFile.get(a.file) ?? []), a]);
  for (const [file, arts] of byFile) {
    const parts = predByFile.get(file) ?? [];
    arts.forEach((g, i) => {
      outletN++;
      if (parts[i] && outletRight(parts[i].article?.outlet, g.outlet)) outletOk++;
    });
  }

  let sHit = 0, sPred = 0, sGold = 0;
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      const a = pairs[i], b = pairs[j];
      if (a.g.article === b.g.article) continue;
      const inGold = !!a.g.statement && a.g.statement === b.g.statement;
      const inPred = a.p.statement != null && a.p.statement === b.p.statement;
      if (inGold) sGold++;
      if (inPred) sPred++;
      if (inGold && inPred) sHit++;
    }
  }

  const qp = ratio(matched, predicted), qr = ratio(matched, goldCount);
  const ap = ratio(right, predicted - leftOut), ar = ratio(right, goldCount - leftOut);
  const sp = ratio(sHit, sPred), sr = ratio(sHit, sGold);
  const tp = ratio(topicHit, topicPred), tr = ratio(topicHit, topicGold);
  const scores: Scores = {
    gold_quotes: goldCount,
    predicted_quotes: predicted,
    matched,
    not_a_quote_predicted: notAQuote,
    quote_precision: qp,
    quote_recall: qr,
    quote_f1: f1(qp, qr),
    speaker_accuracy: ratio(right, matched - leftOut),
    speaker_left_out: leftOut,
    attribution_precision: ap,
    attribution_recall: ar,
    attribution_f1: f1(ap, ar),
    statement_precision: sp,
    statement_recall: sr,
    statement_f1: f1(sp, sr),
    topic_f1: f1(tp, tr),
    outlet_accuracy: ratio(outletOk, outletN),
  };
  return { scores, findings, outlets: { right: outletOk, total: outletN }, matches };
}

/** The scorer's text report. */
export function formatScores({ scores: s, findings, outlets }: ScoreResult, verbose = false): string {
  const pct = (x: number) => `${(100 * x).toFixed(1).padStart(5)}%`;
  const lines = [
    `gold quotes ${s.gold_quotes}, predicted ${s.predicted_quotes}, matched ${s.matched}`,
    `quotes       P ${pct(s.quote_precision)}  R ${pct(s.quote_recall)}  F1 ${pct(s.quote_f1)}`,
    `attribution  P ${pct(s.attribution_precision)}  R ${pct(s.attribution_recall)}  F1 ${pct(s.attribution_f1)}   (speaker right on ${pct(s.speaker_accuracy)} of matched` +
      (s.speaker_left_out ? `; ${s.speaker_left_out} left out: pronoun or common-noun gold speaker)` : ')'),
    `statements   P ${pct(s.statement_precision)}  R ${pct(s.statement_recall)}  F1 ${pct(s.statement_f1)}   (pairs across articles)`,
    `topics       F1 ${pct(s.topic_f1)}`,
    `outlets      ${outlets.right}/${outlets.total} articles right`,
  ];
  if (verbose) {
    for (const f of findings.filter((x) => x.kind === 'missed')) lines.push(`MISSED  [${f.file}] (${f.gold}) ${f.text.slice(0, 90)}`);
    for (const f of findings.filter((x) => x.kind === 'extra')) lines.push(`EXTRA   [${f.file}] ${f.why}: ${f.text.slice(0, 90)}`);
    for (const f of findings.filter((x) => x.kind === 'speaker')) lines.push(`SPEAKER [${f.file}] gold=${f.gold} pred=${f.pred}: ${f.text.slice(0, 70)}`);
  }
  return `${lines.join('\n')}\n`;
}
