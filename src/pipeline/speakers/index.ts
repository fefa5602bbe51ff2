// Speaker attribution as a component: candidates and features (features.ts), the trained model's choice and
// keep decision (model.ts), and here the writing: the chosen mention resolved to an entity of the article, the
// calibrated confidence, and quoted stretches the model judges no quotation dropped. Nested quotes have no
// training labels (PolNeAR gives a token one role), so theirs stays a rule: the subject of the speech verb
// before them inside the outer quote, kept when the outer quote is and a cue introduces them.
import type { Article, Mention, Quote, SpeakerRef } from '../doc.js';
import { type ArticleContext, type Entity, type Found } from './context.js';
import { embeddedCue, transcriptLabel } from './cues.js';
import { candidates, type Candidate, type QuoteCase, type SpeakerSettings } from './features.js';
import { decide, speakerModel, type Decision, type ModelFile } from './model.js';
import { resolveNP, resolvePronoun } from './resolve.js';
import { npEndingAt } from './phrases.js';
import { NOBODY } from './subject.js';

/** What the stage decided for one quote before it is written: a resolved speaker, or none. */
interface Written {
  ref: SpeakerRef | null;
  cue: string | null;
  relayedBy: string | null;
  confidence: number;
  entity: Entity | null;
}

export function attributeSpeakers(article: Article, quotes: Quote[], model: ModelFile = speakerModel()): Quote[] {
  if (quotes.length === 0) return [];
  const { ctx, cases } = candidates(article, quotes, model.settings as SpeakerSettings);
  const decisions = decide(model, cases);
  return annotate(article, quotes, ctx, cases, decisions);
}

/** Writes the decisions into the quotes (spaCy's set_annotations): speakers, cues, confidence, and which stay. */
export function annotate(article: Article, quotes: Quote[], ctx: ArticleContext, cases: QuoteCase[], decisions: Decision[]): Quote[] {
  const written: (Written | null)[] = quotes.map(() => null);
  const keep = quotes.map(() => false);
  cases.forEach((c, n) => {
    const d = decisions[n];
    const chosen = c.candidates[d.choice];
    keep[c.index] = d.keep;
    if (chosen.kind === 'continuation') {
      const from = written[cases[c.prev].index];
      written[c.index] = from && { ...from, confidence: d.confidence };
    } else if (chosen.kind === 'nobody') {
      written[c.index] = { ref: null, cue: chosen.cue, relayedBy: null, confidence: d.confidence, entity: null };
    } else {
      written[c.index] = { ...resolveChoice(ctx, c.quote, chosen), confidence: d.confidence };
    }
  });

  // nested quotes: who the outer speaker reports
  quotes.forEach((q, i) => {
    if (q.kind !== 'embedded' || q.parent == null) return;
    const outer = written[q.parent];
    const found = embeddedSpeaker(ctx, quotes[q.parent], q, outer?.entity ?? null);
    keep[i] = keep[q.parent] && (found?.entity != null || found?.cue != null);
    written[i] = found && {
      ref: found.entity ? refOf(found.entity, found.mention!) : null,
      cue: found.cue,
      relayedBy: outer?.ref?.name ?? null,
      confidence: found.confidence,
      entity: found.entity,
    };
  });

  const out: Quote[] = [];
  const outWritten: (Written | null)[] = [];
  const newIndex = new Map<number, number>();
  quotes.forEach((q, i) => {
    if (!keep[i]) return;
    const w = written[i];
    newIndex.set(i, out.length);
    if (w?.entity) ctx.expandName(w.entity);
    outWritten.push(w);
    out.push({
      ...q,
      speaker: w?.ref ? { ...w.ref } : null,
      relayedBy: w?.relayedBy ?? null,
      cue: w?.cue ?? null,
      confidence: w?.confidence ?? 0,
      parent: q.parent == null ? null : newIndex.get(q.parent) ?? null,
    });
  });
  // names may have grown fuller after a quote was written
  const byLastWord = new Map<string, Entity[]>();
  for (const e of ctx.entities.values()) {
    const last = lastWord(e.name);
    byLastWord.set(last, [...(byLastWord.get(last) ?? []), e]);
  }
  out.forEach((q, k) => {
    if (!q.speaker) return;
    const e = outWritten[k]?.entity;
    if (e) q.speaker.name = e.name;
    q.speaker.name = nameOf(q.speaker, byLastWord);
  });
  return out;
}

/** The chosen phrase as a speaker: the entity it stands for, or (a pronoun with no antecedent) the mention itself. */
function resolveChoice(ctx: ArticleContext, q: Quote, c: Candidate): Omit<Written, 'confidence'> {
  const span = c.span!;
  const text = ctx.text.slice(span.start, span.end);
  if (!c.phrase) {
    // a transcript label inside the quote ("PENCE: ...")
    const label = transcriptLabel(q)!;
    const key = `person:${label.text.toLowerCase()}`;
    const entity = ctx.entities.get(key) ?? { name: label.text, type: 'person' as const, gender: null, role: null, plural: false };
    ctx.entities.set(key, entity);
    return { ref: refOf(entity, { ...span, text, role: null }), cue: c.cue, relayedBy: null, entity };
  }
  const { toks, np } = c.phrase;
  // "Smith, who joked": the relative pronoun stands for the phrase before its comma
  const relative = np.a === np.b && (toks[np.a].lower === 'who' || toks[np.a].lower === 'which') && toks[np.a - 1]?.text === ',';
  const antecedent = relative ? npEndingAt(toks, np.a - 2, 0) : null;
  const viaAntecedent = antecedent ? resolveNP(ctx, toks, antecedent, c.cue, 0) : null;
  const found = resolveNP(ctx, toks, np, c.cue, 0) ?? (viaAntecedent && { ...viaAntecedent, mention: null });
  const relay = c.relayer ? resolveNP(ctx, c.relayer.toks, c.relayer.np, null, 0) : null;
  const relayedBy = relay?.entity?.name ?? null;
  const mention: Mention = found?.mention ?? { ...span, text, role: c.phrase.np.role };
  if (found?.entity) return { ref: refOf(found.entity, mention, c.kind), cue: c.cue, relayedBy, entity: found.entity };
  // "I", "we", or a pronoun whose antecedent lies beyond what is read: the mention stands as written
  const type = c.kind === 'organization' ? 'organization' : 'person';
  return { ref: { name: text, type, mention, role: mention.role ?? null, mentionKind: c.kind as SpeakerRef['mentionKind'] }, cue: c.cue, relayedBy, entity: null };
}

function refOf(e: Entity, mention: Mention, kind?: Candidate['kind']): SpeakerRef {
  const ref: SpeakerRef = { name: e.name, type: e.type, mention, role: mention.role ?? e.role ?? null };
  if (kind && kind !== 'continuation' && kind !== 'nobody') ref.mentionKind = kind;
  return ref;
}

const lastWord = (name: string) => name.slice(name.lastIndexOf(' ') + 1);

/** The fuller name of an entity ending in the speaker's name ("Obama" -> "Barack Obama"). */
function nameOf(ref: SpeakerRef, byLastWord: Map<string, Entity[]>): string {
  const e = byLastWord.get(lastWord(ref.name))?.find((x) => x.name.endsWith(ref.name) && x.name.length > ref.name.length && x.type === ref.type);
  return e ? e.name : ref.name;
}

/** "He said, 'How can we help?'" inside someone's quote: the inner words are his. */
function embeddedSpeaker(ctx: ArticleContext, outer: Quote, inner: Quote, outerEntity: Entity | null): Found | null {
  const t = ctx.tagged(outer.start, inner.start);
  const r = embeddedCue(t);
  if (!r) return null;
  if (r.np === NOBODY) return { entity: null, mention: null, cue: r.cue, confidence: 0 };
  const toks = r.toks;
  const w = toks[r.np.a];
  const mention: Mention = { start: w.start, end: toks[r.np.b].end, text: ctx.text.slice(w.start, toks[r.np.b].end), role: null };
  if (r.np.a === r.np.b && w.pos === 'PRON') {
    if (w.lower === 'i' || w.lower === 'we') return outerEntity ? { entity: outerEntity, mention, cue: r.cue, confidence: 0.7 } : null;
    const entity = resolvePronoun(ctx, { ...w, start: outer.start }, outerEntity);
    return entity && entity !== 'self' ? { entity, mention, cue: r.cue, confidence: 0.6 } : null;
  }
  return resolveNP(ctx, toks, r.np, r.cue, 0.7);
}
