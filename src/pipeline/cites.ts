// Outlets whose reporting an article mentions: "a Friday report from the Wall Street Journal",
// "The Wall Street Journal reported", "a request for comment from Reuters", "the Journal's report".
// An outlet counts only next to a reporting cue, so "The Hill reached out to the White House" is no citation.
import { findOutlets } from './outlets.js';

const REPORT_NOUNS =
  'report|reports|reporting|story|stories|article|interview|investigation|analysis|poll|survey|piece|editorial|' +
  'op-ed|column|broadcast|programme|program|podcast|documentary|exclusive|review|tally|count|estimate';

/** Cue ending right before the outlet: "a report published by", "according to", "told". */
const CUE_BEFORE = new RegExp(
  `(?:\\b(?:${REPORT_NOUNS})(?:\\s+[\\p{Ll}\\d-]+){0,2}?\\s+(?:from|by|in|on|with|for|to)` +
  `|\\baccording\\s+to|\\b(?:request|requests|questions?)\\s+(?:for\\s+comment\\s+)?from` +
  `|\\b(?:told|telling|tells|(?:spoke|speaking|talking|talked|said)\\s+(?:to|with)|(?:statement|comments?|remarks)\\s+to` +
  `|confirmed\\s+to|appeared\\s+on|appearing\\s+on` +
  `|(?:reported|published|obtained|reviewed|seen|cited|quoted|confirmed|broadcast|aired|revealed|first\\s+reported)\\s+by)` +
  `)\\s+(?:the\\s+)?$`,
  'iu',
);

/** Cue right after the outlet: "reported", "'s report", "poll shows". */
const CUE_AFTER = new RegExp(
  `^(?:['’]s?)?(?:\\s+(?:first|exclusively|previously|also|earlier|recently|has|had|was|is))?` +
  `\\s+(?:${REPORT_NOUNS}|reported|revealed|published|obtained|broke\\s+the\\s+news|first\\s+reported|cited)\\b`,
  'iu',
);

/** Cited outlets in the body, first mention first, leaving out the article's own outlet. */
export function findCites(body: string[], own: string | null): string[] {
  const text = body.join('\n');
  const cites: string[] = [];
  for (const m of findOutlets(text)) {
    const before = text.slice(Math.max(0, m.start - 80), m.start).split('\n').pop() ?? '';
    const after = text.slice(m.end, m.end + 60).split('\n')[0];
    if (!CUE_BEFORE.test(before) && !CUE_AFTER.test(after)) continue;
    if (m.name !== own && !cites.includes(m.name)) cites.push(m.name);
  }
  return cites;
}
