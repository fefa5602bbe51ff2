// The occasion an article ties a quote to: what kind of event the words were said at (a debate, a rally, an
// interview, a written statement, a tweet ...), where, in which medium ("told CNN", "on Fox News Sunday") and
// when (the time stage's saidOn). Read from the quote's own sentences, outside any quotation marks, then the
// sentence before; a quote that names none continues the occasion of the same speaker's previous quote in the
// same or the next paragraph ("...," she added). Resolution groups excerpts of one occasion into one statement.
import type { Article, Occasion, OccasionKind, Quote, Span } from './doc.js';
import { tag } from './nlp.js';
import { findOutlets } from './outlets.js';

// A determiner or a dated possessive before an event noun: "a", "his", "Sunday's", "last night's", "the third".
const DET = String.raw`(?:(?:an?|the|his|her|their|its|this|that|last|one\s+of\s+(?:his|her|their|the))\s+)?(?:[\p{L}-]+(?:'s|’s)\s+)?`;
/** Up to `n` more words before the noun ("the third Democratic debate"). */
const W = (n: number) => String.raw`(?:[\p{L}\d-]+\s+){0,${n}}?`;
const AT = String.raw`\b(?:in|during|at|after|before|from|since|throughout|with|on|via|through|of)\s+`;
const rx = (s: string) => new RegExp(s, 'giu');

/** Event nouns and the phrasings that make them an occasion (not a topic: "the debate over trade" is none). */
const KINDS: [OccasionKind, RegExp, RegExp][] = [
  ['debate', /debate/i, rx(String.raw`${AT}${DET}${W(4)}debates?\b(?!\s+(?:over|about|on\s+(?:whether|how|the\s+(?!stage)))|\s+whether)|\bdebate\s+stage\b`)],
  ['town hall', /town.hall/i, rx(String.raw`\btown[- ]hall\b`)],
  ['press conference', /conferenc|briefing/i, rx(String.raw`\b(?:press|news)\s+conferences?\b|\b(?:press|news)\s+briefing\b`)],
  ['rally', /rall/i, rx(String.raw`(?:${AT}${DET}${W(1)})?\brall(?:y|ies)\b`)],
  ['campaign event', /campaign|fundraiser|stump/i, rx(String.raw`\bcampaign\s+(?:event|stop)s?\b|\bfundraiser\b|\bon\s+the\s+stump\b`)],
  ['speech', /speech|address|keynote|told/i, rx(String.raw`${AT}${DET}${W(3)}(?:speech|(?<!e-?mail\s)address|keynote)\b|\b(?:speech|keynote)\b|\btold\s+(?:a|the|his|her)\s+${W(2)}(?:crowd|audience|supporters|gathering|convention)\b`)],
  ['hearing', /hearing|testi/i, rx(String.raw`\bhearings?\b|\btestif(?:ied|ying|y)\b|\btestimony\b`)],
  ['interview', /interview|appear|podcast|radio/i, rx(String.raw`\binterview(?:s|ed)?\b|\b(?:appearance|appearing|appeared)\s+on\b|\bpodcast\b|\bradio\s+show\b`)],
  ['statement', /statement|release/i, rx(String.raw`${AT}${DET}${W(2)}statement\b(?!\s+that)|\b(?:issued|released|put\s+out)\s+(?:a|an|the)\s+${W(1)}statement\b|\bstatement\s+(?:released|issued|said|read)\b|\bpress\s+release\b`)],
  ['tweet', /tweet|twitter/i, rx(String.raw`\btweet(?:s|ed|ing)?\b|\b(?:on|via)\s+Twitter\b|\bTwitter\s+(?:post|feed)\b`)],
  ['post', /facebook|instagram|post/i, rx(String.raw`\b(?:on|via)\s+(?:Facebook|Instagram)\b|\b(?:Facebook|Instagram|blog)\s+post\b|\bin\s+(?:a|an|the|his|her)\s+post\b`)],
  ['email', /mail/i, rx(String.raw`${AT}${DET}${W(2)}e-?mail\b(?!\s+(?:server|account|address|scandal|system|use|practices|setup|arrangement|controversy))|\be-?mailed\b`)],
  ['letter', /letter/i, rx(String.raw`${AT}${DET}${W(2)}letter\b|\bletter\s+to\b`)],
  ['memo', /memo/i, rx(String.raw`\bmemo(?:randum)?\b`)],
  ['ad', /\bad\b|advert|commercial|spot/i, rx(String.raw`${AT}${DET}${W(2)}(?:ad|advertisement|commercial)\b|\b(?:radio|television|TV|campaign|web|new)\s+(?:ad|spot)\b|\bthe\s+spot\b`)],
  ['op-ed', /op-?ed|column|essay/i, rx(String.raw`\bop-?ed\b|${AT}${DET}${W(1)}(?:column|essay)\b`)],
  ['book', /book|memoir/i, rx(String.raw`\b(?:in|from)\s+(?:his|her|their|the|a)\s+${W(1)}(?:book|memoir)\b`)],
  ['ruling', /order|ruling|opinion|filing/i, rx(String.raw`${AT}(?:his|her|the|a|its|their)\s+${W(1)}(?:order|ruling|opinion|filing)\b`)],
  ['report', /report/i, rx(String.raw`\b(?:in|according\s+to)\s+(?:a|an|the|its|their|his|her)\s+${W(2)}report\b`)],
  ['remarks', /remarks|reporters/i, rx(String.raw`${AT}${DET}${W(1)}remarks\b|\bremarks\s+(?:at|to|in|on)\b|\b(?:told|telling|speaking\s+to|talking\s+to)\s+reporters\b`)],
  ['video', /video/i, rx(String.raw`${AT}(?:a|an|the|his|her|their)\s+${W(1)}video\b`)],
  ['convention', /convention/i, rx(String.raw`\b(?:at|during|to|addressed|addressing)\s+the\s+${W(3)}convention\b`)],
];
/** Cue words that are themselves the medium ("tweeted"). */
const CUE_KINDS: Record<string, OccasionKind> = { tweeted: 'tweet', tweeting: 'tweet', tweets: 'tweet', posted: 'post', emailed: 'email' };

// A place after an event noun: "at a rally in Wilmington, North Carolina", "a speech to the Republican Jewish
// Coalition"; capitalised words (with "of"), and an optional ", State"; never a date word.
const NAME = String.raw`\p{Lu}[\p{L}.'’-]*(?:\s+(?:of\s+|de\s+)?\p{Lu}[\p{L}.'’-]*){0,4}`;
const PLACE = new RegExp(
  String.raw`^\s*,?\s*(?:(?:in|at|to)\s+(?:the\s+)?)(${NAME}(?:,\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?(?=\s*(?:[,;:)]|\.(?:\s|$)|$|\s+(?:on|in|at|last|this|and)\b)))?)`,
  'u',
);
const DATE_WORD = /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/u;
/** A title before a person's name: what follows is someone addressed or named, not a place. */
const TITLE = String.raw`(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Secretary|President|Senator|Governor)\b`;
const TITLED = new RegExp(`^${TITLE}`, 'u'), TITLED_AFTER_COMMA = new RegExp(String.raw`,\s+${TITLE}.*$`, 'u');
const WEEKDAYS_AFTER = /(?:\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)+$/u;
/** How far after the event noun its place may begin. */
const PLACE_REACH = 40;

// A medium: an outlet named after "told", "on", "with", "to" ("told CNN's Jake Tapper", "on Fox News Sunday"), or
// a host's show ("on Hugh Hewitt's radio show").
const HOST_SHOW = new RegExp(String.raw`(${NAME})(?:'s|’s)\s+${W(2)}(?:show|program|podcast)\b|\bthe\s+(${NAME})\s+(?:Show|Program|Podcast)\b`, 'gu');


interface Hit extends Span {
  kind: OccasionKind;
}
interface MediumHit extends Span {
  name: string;
}
/** What a paragraph holds that may name occasions, in source offsets (found once per paragraph). */
interface ParagraphCues {
  blank: string;
  from: number;
  sentences: Span[];
  kinds: Hit[];
  media: MediumHit[];
}

interface Found {
  kind: OccasionKind;
  place: string | null;
  medium: string | null;
  cue: Span & { text: string };
}

// Most paragraphs name no occasion: one test for any event noun, or a capitalised name after "told"/"on"/...,
// spares them the patterns above.
const MEDIUM_AFTER = /(?<!\baccording\s)\b(?:told|on|with|to|for)\s+(?=\p{Lu})|\binterviewed\s+by\s+(?=\p{Lu})/gu;
const ANY_SHOW = /show|program|podcast/i;
/** How much text after "told"/"on"/... may hold the outlet's name. */
const MEDIUM_REACH = 50;

function cuesOf(blank: string, from: number): Pick<ParagraphCues, 'kinds' | 'media'> {
  const kinds: Hit[] = [];
  for (const [kind, head, re] of KINDS)
    if (head.test(blank)) {
      re.lastIndex = 0;
      for (let m; (m = re.exec(blank)); ) kinds.push({ kind, start: from + m.index, end: from + m.index + m[0].length });
    }
  const media: MediumHit[] = [];
  MEDIUM_AFTER.lastIndex = 0;
  for (let m; (m = MEDIUM_AFTER.exec(blank)); ) {
    // the outlet must open the words after "told" ("told CNN's Jake Tapper", "on Fox News Sunday")
    const at = m.index + m[0].length;
    const o = findOutlets(blank.slice(at, at + MEDIUM_REACH)).find((x) => x.start === 0 || (x.start === 4 && /^the /i.test(blank.slice(at))));
    if (o) media.push({ name: o.name, start: from + at + o.start, end: from + at + o.end });
  }
  if (ANY_SHOW.test(blank)) {
    HOST_SHOW.lastIndex = 0;
    for (let m; (m = HOST_SHOW.exec(blank)); ) media.push({ name: (m[1] ?? m[2]).trim(), start: from + m.index, end: from + m.index + m[0].length });
  }
  return { kinds, media };
}

/** The occasion words within [a, b) of the paragraph nearest the quote `q`. */
function findIn(c: ParagraphCues, a: number, b: number, q: Span): Found | null {
  const near = (s: Span) => (s.end <= q.start ? q.start - s.end : Math.abs(s.start - q.end));
  const inside = <T extends Span>(xs: T[]) => xs.filter((x) => x.start >= a && x.end <= b);
  // nearest wins; among equals the earlier entry of KINDS (the more specific event), as hits come in that order
  const best = inside(c.kinds).reduce<Hit | null>((m, h) => (!m || near(h) < near(m) ? h : m), null);
  const medium = inside(c.media).reduce<MediumHit | null>((m, h) => (!m || near(h) < near(m) ? h : m), null);
  if (!best && !medium) return null;
  const place = best ? placeAfter(c, best.end, b) : null;
  const from = Math.min(best?.start ?? Infinity, medium?.start ?? Infinity);
  const to = Math.max(best?.end ?? 0, medium?.end ?? 0, place?.end ?? 0);
  return {
    // "told CNN" with no event noun is an interview
    kind: best?.kind ?? 'interview',
    place: place?.name ?? null,
    medium: medium?.name ?? null,
    cue: { start: from, end: to, text: c.blank.slice(from - c.from, to - c.from).replace(/\s+/g, ' ') },
  };
}

function placeAfter(c: ParagraphCues, at: number, limit: number): { name: string; end: number } | null {
  const rest = c.blank.slice(at - c.from, Math.min(limit, at + PLACE_REACH + 80) - c.from);
  const m = PLACE.exec(rest);
  if (!m || m.index > PLACE_REACH) return null;
  // "in Miami Wednesday" is Miami; "at Mar-a-Lago, Mr. Trump said" is Mar-a-Lago; "a speech to Mrs. Clinton" no place
  const name = m[1].replace(/[,.]+$/, '').replace(TITLED_AFTER_COMMA, '').replace(WEEKDAYS_AFTER, '').replace(/[,.]+$/, '');
  if (TITLED.test(name) || DATE_WORD.test(name) || /(?:'s|’s)$/u.test(name) || findOutlets(name).some((o) => o.start === 0 && o.end === name.length)) return null;
  return { name, end: at + m.index + m[0].length - (m[1].length - name.length) };
}

/** The paragraph's text with every quotation blanked (offsets kept): the speaker's words never name the occasion. */
function blanked(text: string, p: Span, quotes: Quote[]): string {
  let out = '';
  let at = p.start;
  for (const q of quotes) {
    if (q.end <= at || q.start >= p.end) continue;
    const a = Math.max(q.start, at), b = Math.min(q.end, p.end);
    out += text.slice(at, a) + ' '.repeat(b - a);
    at = b;
  }
  return out + text.slice(at, p.end);
}

export function findOccasions(article: Article, quotes: Quote[]): Quote[] {
  const text = article.source.text;
  const paragraphs = article.paragraphs.length ? article.paragraphs : [article.span];
  const paragraphOf = quotes.map((q) => paragraphs.findIndex((p) => q.start < p.end && p.start < q.end));
  const sorted = [...quotes].sort((a, b) => a.start - b.start);
  const cues = new Map<number, ParagraphCues>();
  const cuesIn = (pi: number) => {
    let c = cues.get(pi);
    if (!c) {
      const p = paragraphs[pi] ?? article.span;
      const { tokens, sentences } = tag(text, p.start, p.end);
      const blank = blanked(text, p, sorted);
      const spans = sentences.filter(([a, b]) => b > a).map(([a, b]) => ({ start: tokens[a].start, end: tokens[b - 1].end }));
      cues.set(pi, (c = { blank, from: p.start, sentences: spans, ...cuesOf(blank, p.start) }));
    }
    return c;
  };

  let previous: { quote: Quote; paragraph: number; occasion: Occasion | null } | null = null;
  return quotes.map((q, k) => {
    // an embedded quote is words said on an earlier occasion, which the text seldom names
    if (q.kind === 'embedded') return { ...q, occasion: null };
    const pi = paragraphOf[k];
    const p = paragraphs[pi] ?? article.span;
    const c = cuesIn(pi);
    // its own sentences, else the sentence before ("At a rally, Doe spoke. '...'"), else the one after ("'...!' Doe wrote")
    const own = c.sentences.filter((s) => s.start < q.end && q.start < s.end);
    const first = own.length ? c.sentences.indexOf(own[0]) : -1, last = first + own.length - 1;
    const ownFrom = first < 0 ? p.start : own[0].start, to = own.length ? own[own.length - 1].end : p.end;
    const before = first > 0 ? c.sentences[first - 1] : null, after = first >= 0 ? c.sentences[last + 1] : undefined;
    const found =
      findIn(c, ownFrom, to, q) ?? (before && findIn(c, before.start, ownFrom, q)) ?? (after ? findIn(c, to, after.end, q) : null);
    const cueKind = q.cue ? CUE_KINDS[q.cue.toLowerCase().replace(/:$/, '')] : undefined;
    let occasion: Occasion | null = null;
    if (found || cueKind) {
      occasion = {
        kind: cueKind ?? found!.kind,
        date: q.saidOn ?? null,
        place: found?.place ?? null,
        medium: found?.medium ?? null,
        cue: found?.cue ?? null,
      };
    } else if (previous?.occasion && previous.quote.speaker?.name === q.speaker?.name && q.speaker && pi - previous.paragraph <= 1) {
      // "...," she continued: the same speaker, the same or the next paragraph, the same occasion
      occasion = { ...previous.occasion, date: q.saidOn ?? previous.occasion.date, cue: null };
    }
    previous = { quote: q, paragraph: pi, occasion };
    return { ...q, occasion };
  });
}
