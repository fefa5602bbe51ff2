// Speaker attribution: for each quote, the cue clause around it (after it, before it, a colon, a dash,
// "according to"), the subject of that clause (name, pronoun, role phrase or organization), resolved within
// the article; quotes with no cue continue the last speaker. Quoted labels nobody is said to have said are dropped.
// Only the narrative around quotes is tagged (wink), and earlier paragraphs only when a pronoun needs them.
import type { Article, Quote, SpeakerRef, Span } from '../doc.js';
import type { Tagged } from '../nlp.js';
import { ArticleContext, paragraphAt, type Entity, type Found } from './context.js';
import { accordingTo, cueIn, dashSpeaker, embeddedSpeaker, governingSubject, sentenceFrame, trailingCue, transcriptSpeaker } from './cues.js';

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

const isTitleCase = (s: string) => {
  const words = s.split(/\s+/u).filter((w) => /^\p{L}/u.test(w));
  return words.length > 0 && words.every((w) => /^\p{Lu}/u.test(w) || /^(of|the|a|an|and|in|on|to|for|with)$/u.test(w));
};

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
