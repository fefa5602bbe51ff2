// Binary searches over things in text order (paragraphs, sentences, tokens): the stages look these up once per
// quote, and a pathological article holds thousands of paragraphs, a paragraph thousands of quotes.
import type { Span } from './doc.js';

/** The first index at which `before` turns false, in items for which it is true up to some index, then false. */
export function firstNotBefore<T>(items: readonly T[], before: (item: T) => boolean, lo = 0, hi = items.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(items[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first of `spans` (in text order, disjoint) that overlaps `s`, or -1. */
export function firstOverlapping(spans: readonly Span[], s: Span): number {
  const k = firstNotBefore(spans, (p) => p.end <= s.start);
  return k < spans.length && spans[k].start < s.end ? k : -1;
}

/** The index range [from, to) of the `spans` (in text order, disjoint) that overlap `s`. */
export function overlappingRange(spans: readonly Span[], s: Span): [number, number] {
  const from = firstNotBefore(spans, (p) => p.end <= s.start);
  return [from, firstNotBefore(spans, (p) => p.start < s.end, from)];
}

/** The index range [from, to) of the `spans` (in text order, disjoint) that lie inside `s`. */
export function insideRange(spans: readonly Span[], s: Span): [number, number] {
  const from = firstNotBefore(spans, (p) => p.start < s.start);
  return [from, firstNotBefore(spans, (p) => p.end <= s.end, from)];
}
