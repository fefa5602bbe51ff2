// Why a speaker is wrong: each wrongly attributed matched quote in one class, the first that fits, in this order.
//   missed cue      no speaker, where the gold has one
//   spurious        a speaker, where the gold has none
//   continuation    a quote opening its paragraph given the previous quote's speaker, when the gold names another
//   pronoun         the gold or the predicted mention is a pronoun (the wrong one chosen, or the wrong antecedent)
//   wrong noun      the right noun phrase, the wrong noun in it ("Jane Doe of the Council" -> "Council")
//   surname         the right surname of the wrong person, or a surname taken for another's
//   other
import type { Match } from './score.js';

export const ERROR_CLASSES = ['missed cue', 'spurious', 'continuation', 'pronoun', 'wrong noun', 'surname', 'other'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

const PRONOUNS = new Set('i me we us you he him his she her they them their it its who this that'.split(' '));
const fold = (s: string) => s.normalize('NFKC').replace(/[\u2018\u2019]/gu, "'").toLowerCase();
const wordsOf = (s: string) => fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];
const isPronoun = (s: string | null | undefined) => {
  const ws = s ? wordsOf(s) : [];
  return ws.length === 1 && PRONOUNS.has(ws[0]);
};
/** Words that join the parts of one noun phrase ("of", "for", "'s", a comma before an appositive). */
const JOINERS = /^[\s,()\-]*(?:(?:of|for|at|from|with|and|the|a|an|'s|’s|s)[\s,()\-]+)*$/iu;

type Speaker = { name: string; mention?: { start: number; end: number; text?: string } | null } | string | null | undefined;
const nameOf = (s: Speaker) => (s && typeof s === 'object' ? s.name : (s ?? null));
const mentionOf = (s: Speaker) => (s && typeof s === 'object' && s.mention && Number.isFinite(s.mention.start) ? s.mention : null);

/** The error class of a wrongly attributed match; `text` is the article's source text when known. */
export function classify(m: Match, text?: string): ErrorClass {
  const g = m.gold as Match['gold'] & { speakerMention?: string };
  const pred = m.pred.speaker as Speaker;
  const name = nameOf(pred);
  const mention = mentionOf(pred);
  if (!name && !mention) return g.speaker == null ? 'other' : 'missed cue';
  if (g.speaker == null) return 'spurious';
  const prev = m.at > 0 ? mentionOf(m.filePreds[m.at - 1].speaker as Speaker) : null;
  if (mention && prev && prev.start === mention.start && prev.end === mention.end && opensParagraph(text, m.pred.start)) return 'continuation';
  const predText = mention && text ? text.slice(mention.start, mention.end) : name;
  if (isPronoun(g.speaker) || isPronoun(g.speakerMention) || isPronoun(predText)) return 'pronoun';
  const span = Array.isArray(g.speakerSpan) ? g.speakerSpan : null;
  if (span && mention && text) {
    const [a, b] = mention.end <= span[0] ? [mention.end, span[0]] : [span[1], mention.start];
    if (b - a <= 40 && JOINERS.test(text.slice(a, b))) return 'wrong noun';
  } else if (g.speakerMention && name) {
    const gw = new Set(wordsOf(g.speaker));
    const inMention: string[] = wordsOf(g.speakerMention);
    const pw: string[] = wordsOf(name);
    if (pw.length > 0 && pw.every((w) => inMention.includes(w)) && !pw.some((w) => gw.has(w))) return 'wrong noun';
  }
  const last = (s: string | null) => (s ? wordsOf(s).at(-1) : undefined);
  if (name && last(name) !== undefined && (last(name) === last(g.speaker) || last(name) === last(g.speakerMention ?? null))) return 'surname';
  return 'other';
}

/** Whether a quote at `start` is the first thing in its paragraph (marks and spaces aside). */
function opensParagraph(text: string | undefined, start: number | undefined): boolean {
  if (!text || start === undefined) return false;
  let k = start - 1;
  while (k >= 0 && /[ \t"'\u2018\u2019\u201c\u201d`]/u.test(text[k])) k--;
  return k < 0 || text[k] === '\n';
}

/** Counts per class over the wrong matches. */
export function errorCounts(matches: Match[], texts: Map<string, string>): Record<ErrorClass, number> {
  const counts = Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;
  for (const m of matches) if (m.right === false) counts[classify(m, texts.get(m.file))]++;
  return counts;
}
