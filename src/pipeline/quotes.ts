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

interface Open extends Mark {
  /** Index in the output of the quote this one sits in (set when the outer one is emitted). */
  children: RawQuote[];
}

interface RawQuote extends Span {
  depth: number;
  children: RawQuote[];
  open: Mark;
  closed: boolean;
}

const isSpace = (c: string) => c === '' || /\s/u.test(c);
const isLetter = (c: string) => c !== '' && /[\p{L}\p{N}]/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';
/** Characters after which a mark opens a quotation. */
const OPENERS = '([{\u2014\u2013-/:';
/** Characters before which a mark closes a quotation. */
const CLOSERS = '.,;:!?)]}\u2014\u2013-\u2026/';
const DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f';
const SINGLE_MARKS = "'\u2018\u2019\u201a\u201b";
const isMarkChar = (c: string) => DOUBLE_MARKS.includes(c) || SINGLE_MARKS.includes(c);

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
  for (let i = from; i < to; i++) {
    const c = text[i];
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

/** Quotations of one paragraph; an open double quote left at its end is returned unclosed. */
function matchParagraph(text: string, para: Span): RawQuote[] {
  const stack: Open[] = [];
  const top: RawQuote[] = [];
  const emit = (open: Open, end: number, closed: boolean) => {
    const q: RawQuote = { start: open.end, end, depth: stack.length, children: open.children, open, closed };
    if (stack.length > 0) stack[stack.length - 1].children.push(q);
    else top.push(q);
  };
  const topmost = (family: Family) => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k].family === family) return k;
      // a single quote cannot close across an open double quote above it
      if (family === 'single' && stack[k].family === 'double') return -1;
    }
    return -1;
  };
  for (const mark of scanMarks(text, para.start, para.end)) {
    const k = mark.role === 'open' ? -1 : topmost(mark.family);
    const sameGlyphOpen =
      mark.role === 'open' && mark.family === 'double' && stack.length > 0 && stack[stack.length - 1].family === 'double' &&
      stack[stack.length - 1].glyph === mark.glyph;
    if (k >= 0) {
      // single quotes left open inside are apostrophes after all: fold their children into the parent
      while (stack.length - 1 > k) {
        const dropped = stack.pop()!;
        stack[stack.length - 1].children.push(...dropped.children);
      }
      const open = stack.pop()!;
      emit(open, mark.start, true);
    } else if (sameGlyphOpen) {
      // "a “b “c”: the first mark never closed; restart the quote here
      stack.pop();
      stack.push({ ...mark, children: [] });
    } else if (mark.role !== 'close') {
      stack.push({ ...mark, children: [] });
    }
  }
  // what is left open: only the outermost double quote counts (it may go on in the next paragraph)
  const outer = stack.find((o) => o.family === 'double');
  if (outer) {
    const children = stack.slice(stack.indexOf(outer) + 1).flatMap((o) => o.children);
    stack.length = 0;
    emit({ ...outer, children: [...outer.children, ...children] }, para.end, false);
  }
  return top;
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

/** Words of a quote: enough to tell a quotation from a stray mark pair. */
const wordCount = (s: string) => s.split(/\s+/u).filter((w) => isLetter(w[0] ?? '') || /\p{L}/u.test(w)).length;

/**
 * Every quoted stretch in the body paragraphs, in text order, with nested quotes as `embedded`
 * (parent = index of the enclosing quote). Whether a quoted stretch is someone's words (and not a
 * title or a scare-quoted label) is decided with the speakers, in attributeSpeakers.
 */
export function findQuotes(article: Article): Quote[] {
  const text = article.source.text;
  const out: Quote[] = [];
  const visit = (raw: RawQuote, para: Span, parent: number | null, nextPara: Span | undefined) => {
    const span = trimSpan(text, raw.start, raw.end);
    const body = text.slice(span.start, span.end);
    // an unclosed quote counts when the next paragraph carries it on, or when it is long enough to be one
    const keep = span.end > span.start && (raw.closed || startsParagraphWithMark(text, nextPara) || wordCount(body) >= 6);
    let index = parent;
    if (keep) {
      index = out.length;
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
    for (const child of raw.children.sort((a, b) => a.start - b.start)) visit(child, para, index, undefined);
  };
  article.paragraphs.forEach((para, p) => {
    for (const raw of matchParagraph(text, para)) visit(raw, para, null, article.paragraphs[p + 1]);
  });
  return out;
}
