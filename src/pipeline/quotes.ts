// Quotation spans: one linear pass over the quote marks of each body paragraph, matched with a stack
// (no regular expressions over the text, so unbalanced marks cost O(n), never backtracking).
import type { Article, Quote, QuoteKind, Span } from './doc.js';

type Family = 'double' | 'single';
/** What a mark can do, judged from the characters on either side of it. */
type Role = 'open' | 'close' | 'either';

interface Mark {
  start: number;
  end: number;
  family: Family;
  role: Role;
  /** Straight and curly marks may nest inside each other, same-glyph marks may not. */
  glyph: 'straight' | 'curly';
}

interface RawQuote extends Span {
  open: Mark;
  closed: boolean;
}

// ASCII first: these run once or twice per character of every article
const isSpace = (c: string) => c === '' || c === ' ' || c === '\n' || c === '\t' || c === '\r' || (c > '\x7f' && /\s/u.test(c));
const isLetter = (c: string) =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c > '\x7f' && /[\p{L}\p{N}]/u.test(c));
const isDigit = (c: string) => c >= '0' && c <= '9';
/** Characters after which a mark opens a quotation. */
const OPENERS = '([{\u2014\u2013-/:';
/** Characters before which a mark closes a quotation. */
const CLOSERS = '.,;:!?)]}\u2014\u2013-\u2026/';
const DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f';
const SINGLE_MARKS = "'\u2018\u2019\u201a\u201b";
const isMarkChar = (c: string) => DOUBLE_MARKS.includes(c) || SINGLE_MARKS.includes(c);
/** Characters scanMarks looks at (marks, backticks, markup): the regex engine skips the rest of the text natively. */
const CANDIDATE = new RegExp(`[<\`${DOUBLE_MARKS}${SINGLE_MARKS}]`, 'gu');

function roleFrom(before: string, after: string): Role | null {
  const freeBefore = isSpace(before) || OPENERS.includes(before) || isMarkChar(before);
  const freeAfter = isSpace(after) || CLOSERS.includes(after) || isMarkChar(after);
  if (freeBefore && !freeAfter) return 'open';
  if (!freeBefore && freeAfter) return 'close';
  if (freeBefore && freeAfter) return 'either';
  return null; // inside a word
}

/** The quote marks of text[from, to), classified; apostrophes are left out. */
function scanMarks(text: string, from: number, to: number): Mark[] {
  const marks: Mark[] = [];
  // the search runs in the paragraph alone: over the whole text, a paragraph without marks would cost the rest of it
  const own = text.slice(from, to);
  const nextCandidate = (i: number) => {
    CANDIDATE.lastIndex = i - from;
    const m = CANDIDATE.exec(own);
    return m ? from + m.index : to;
  };
  let nextGt = -2;
  for (let i = nextCandidate(from); i < to; i = nextCandidate(i + 1)) {
    const c = text[i];
    if (c === '<' && /[A-Za-z/]/u.test(text[i + 1] ?? '')) {
      // markup left in the text (<tweet id="...">): its attribute quotes are no quotations
      if (nextGt !== -1 && nextGt < i) {
        const k = own.indexOf('>', i - from);
        nextGt = k < 0 ? -1 : from + k;
      }
      if (nextGt > i) {
        i = nextGt;
        continue;
      }
    }
    if (!isMarkChar(c) && c !== '`') continue;
    const before = i > from ? text[i - 1] : '';
    // two-character marks of older copy: ``...'' and ''...''
    if ((c === '`' || c === "'") && text[i + 1] === c && i + 1 < to) {
      const after = i + 2 < to ? text[i + 2] : '';
      const role = c === '`' ? 'open' : roleFrom(before, after);
      if (role) marks.push({ start: i, end: i + 2, family: 'double', role, glyph: 'straight' });
      i++;
      continue;
    }
    if (c === '`') continue;
    const after = i + 1 < to ? text[i + 1] : '';
    if (DOUBLE_MARKS.includes(c)) {
      let role = roleFrom(before, after) ?? 'either';
      // curly marks say which side they are on, unless the spacing says otherwise
      if ((c === '\u201c' || c === '\u201e' || c === '\u201f') && role !== 'close') role = 'open';
      else if (c === '\u201d' && role !== 'open') role = 'close';
      marks.push({ start: i, end: i + 1, family: 'double', role, glyph: c === '"' ? 'straight' : 'curly' });
      continue;
    }
    // single marks: most are apostrophes (don't, Trump's, '90s, rock 'n' roll, Clintons')
    if (isLetter(before) && isLetter(after)) continue;
    if (isDigit(after) && !isLetter(before)) continue;
    if ((after === 'n' || after === 'N') && SINGLE_MARKS.includes(text[i + 2] ?? '') && isSpace(text[i + 3] ?? '')) {
      i += 2;
      continue;
    }
    const role = roleFrom(before, after);
    if (!role || role === 'either') continue;
    if (c === '\u2018' && role === 'close') continue;
    marks.push({ start: i, end: i + 1, family: 'single', role, glyph: c === "'" ? 'straight' : 'curly' });
  }
  return marks;
}

/**
 * Quotations of one paragraph, in no particular order (nesting is read from the spans afterwards); an open
 * double quote left at the paragraph's end is returned unclosed. Every mark is pushed and popped at most once.
 */
function matchParagraph(text: string, para: Span): RawQuote[] {
  const stack: Mark[] = [];
  // where the double and single marks sit in the stack, so finding the nearest one is O(1)
  const doubles: number[] = [];
  const singles: number[] = [];
  const out: RawQuote[] = [];
  const push = (mark: Mark) => {
    (mark.family === 'double' ? doubles : singles).push(stack.length);
    stack.push(mark);
  };
  const truncate = (k: number) => {
    stack.length = k;
    while (doubles.length && doubles[doubles.length - 1] >= k) doubles.pop();
    while (singles.length && singles[singles.length - 1] >= k) singles.pop();
  };
  const topmost = (family: Family) => {
    const d = doubles.length ? doubles[doubles.length - 1] : -1;
    if (family === 'double') return d;
    // a single quote cannot close across an open double quote above it
    const s = singles.length ? singles[singles.length - 1] : -1;
    return s > d ? s : -1;
  };
  let first = para.start;
  while (first < para.end && isSpace(text[first])) first++;
  for (const mark of scanMarks(text, para.start, para.end)) {
    // a closing mark opening the paragraph is a typo for an opening one
    if (mark.role === 'close' && mark.family === 'double' && mark.start === first) mark.role = 'open';
    const k = mark.role === 'open' ? -1 : topmost(mark.family);
    const top = stack[stack.length - 1];
    // straight marks cannot nest in straight ones (curly ones say which way they face, so they can)
    const sameGlyphOpen =
      mark.role === 'open' && mark.family === 'double' && mark.glyph === 'straight' && top?.family === 'double' && top.glyph === 'straight';
    if (k >= 0) {
      // single marks left open above it were apostrophes after all
      const open = stack[k];
      truncate(k);
      out.push({ start: open.end, end: mark.start, open, closed: true });
    } else if (sameGlyphOpen) {
      // "a "b "c": the first mark never closed; the quote starts again here
      truncate(stack.length - 1);
      push(mark);
    } else if (mark.role !== 'close') {
      push(mark);
    }
  }
  // what is left open: only the outermost double quote counts (it may go on in the next paragraph)
  if (doubles.length) out.push({ start: stack[doubles[0]].end, end: para.end, open: stack[doubles[0]], closed: false });
  return out;
}

/** Trim whitespace inside the marks. */
function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return { start, end };
}

function startsParagraphWithMark(text: string, para: Span | undefined): boolean {
  if (!para) return false;
  let i = para.start;
  while (i < para.end && isSpace(text[i])) i++;
  const c = text[i];
  return c === '"' || c === '\u201c' || c === '\u201e' || (c === "'" && text[i + 1] === "'") || (c === '`' && text[i + 1] === '`');
}

/** Woven into the reporter's sentence (after a word, or starting in lower case) or standing on its own. */
function kindOf(text: string, para: Span, open: Mark, span: Span): QuoteKind {
  let i = open.start - 1;
  while (i >= para.start && isSpace(text[i])) i--;
  const before = i >= para.start ? text[i] : '';
  const first = text.slice(span.start, span.start + 1);
  if (first !== first.toUpperCase()) return 'partial';
  return before === '' || /[,:;.?!\u2014\u2013([]/u.test(before) || isMarkChar(before) ? 'direct' : 'partial';
}

/** The longest stretch taken for one quotation (a long speech is quoted paragraph by paragraph). */
const MAX_QUOTE = 4000;
/**
 * Quotations inside one quotation, and levels of nesting. News holds at most four in one and nests two deep
 * (BBC, PolNeAR); beyond these the marks are stray, and reading each inner one against its host would cost
 * the later stages the host's length per inner quote.
 */
const MAX_EMBEDDED = 12;
const MAX_DEPTH = 3;
const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * Every quoted stretch in the body paragraphs, in text order, with nested quotes as `embedded`
 * (parent = index of the enclosing quote). Whether a quoted stretch is someone's words (and not a
 * title or a scare-quoted label) is decided with the speakers, in attributeSpeakers.
 */
export function findQuotes(article: Article): Quote[] {
  const text = article.source.text;
  const out: Quote[] = [];
  // per kept quote: how deep it is nested, how many quotes it holds
  const depth: number[] = [];
  const inner: number[] = [];
  article.paragraphs.forEach((para, p) => {
    const raws = matchParagraph(text, para).sort((x, y) => x.start - y.start || y.end - x.end);
    // kept quotes that contain the current one, innermost last
    const outer: number[] = [];
    for (const raw of raws) {
      while (outer.length && out[outer[outer.length - 1]].end < raw.end) outer.pop();
      const span = trimSpan(text, raw.start, raw.end);
      const body = text.slice(span.start, span.end);
      // an unclosed quote counts only when the next paragraph carries it on (a stray mark is no quote), no
      // quotation runs to thousands of characters (those are unmatched marks), and one has words: marks around
      // nothing but marks ("'", in a run of "'"') are none
      const keep =
        span.end > span.start &&
        span.end - span.start <= MAX_QUOTE &&
        (raw.closed || startsParagraphWithMark(text, article.paragraphs[p + 1])) &&
        HAS_WORD.test(body);
      const parent = outer.length ? outer[outer.length - 1] : null;
      if (!keep || (parent !== null && (depth[parent] >= MAX_DEPTH || inner[parent] >= MAX_EMBEDDED))) continue;
      if (parent !== null) inner[parent]++;
      depth[out.length] = parent === null ? 0 : depth[parent] + 1;
      inner[out.length] = 0;
      outer.push(out.length);
      out.push({
        start: span.start,
        end: span.end,
        text: body,
        kind: parent === null ? kindOf(text, para, raw.open, span) : 'embedded',
        speaker: null,
        relayedBy: null,
        cue: null,
        confidence: 0,
        topics: [],
        statement: null,
        parent,
      });
    }
  });
  return out;
}
