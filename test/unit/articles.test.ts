import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Article, Source } from '../../src/pipeline/doc.js';
import { MAX_PARAGRAPH, splitArticles } from '../../src/pipeline/articles.js';
import { sourceId } from '../../src/pipeline/read.js';

const SEEDS = new URL('../fixtures/seeds/', import.meta.url).pathname;
const gold = JSON.parse(readFileSync(new URL('../gold/seeds.gold.json', import.meta.url), 'utf8'));

const source = (text: string, given: Source['given'] = {}, file = 'x.txt'): Source => ({ file, id: sourceId(text), text, given });
const seed = (file: string) => source(readFileSync(SEEDS + file, 'utf8'), {}, file);
const paragraphTexts = (a: Article) => a.paragraphs.map((p) => a.source.text.slice(p.start, p.end));
const one = (text: string, given: Source['given'] = {}) => {
  const articles = splitArticles(source(text, given));
  expect(articles).toHaveLength(1);
  return articles[0];
};

describe('splitArticles on the seeds', () => {
  const files: string[] = [...new Set<string>(gold.articles.map((a: { file: string }) => a.file))];
  const found = files.flatMap((f) => splitArticles(seed(f)));

  it('finds the six gold articles with their metadata', () => {
    type Meta = Pick<Article, 'title' | 'outlet' | 'byline' | 'published' | 'basedOn' | 'cites'>;
    const meta = ({ title, outlet, byline, published, basedOn, cites }: Meta) => ({ title, outlet, byline, published, basedOn, cites });
    expect(found.map((a) => `${a.source.file.slice(0, 3)}#${a.index}`)).toEqual(gold.articles.map((a: { id: string }) => a.id));
    expect(found.map(meta)).toEqual(gold.articles.map(meta));
  });

  it('folds 002’s repeated body into its first article: no paragraph twice, every gold quote in a paragraph once', () => {
    const [hill, ap] = splitArticles(seed('002_7f814669e06ec963.txt'));
    expect(hill.span).toEqual({ start: 0, end: 5648 });
    expect(ap.span.start).toBeGreaterThan(5648);
    const texts = [...paragraphTexts(hill), ...paragraphTexts(ap)];
    expect(new Set(texts).size).toBe(texts.length);
    const all = [hill, ap].flatMap((a) => a.paragraphs);
    for (const q of gold.quotes.filter((q: { article: string }) => q.article.startsWith('002'))) {
      const inside = all.filter((p) => p.start <= q.offset && q.offset < p.end).length;
      expect(inside, q.text).toBe(q.repeatedBlock ? 0 : 1);
    }
  });

  it('leaves header, captions, copyright and boilerplate out of the body', () => {
    const [hill, ap] = splitArticles(seed('002_7f814669e06ec963.txt'));
    const body = [...paragraphTexts(hill), ...paragraphTexts(ap)].join('\n');
    for (const junk of ['Ashleigh Fields', 'Sat, May 3, 2025', 'The Hill.\n', 'Copyright', 'AAMER', 'AP Photo', 'No comments', 'Post a Comment']) {
      expect(body).not.toContain(junk);
    }
    expect(paragraphTexts(ap)[0]).toMatch(/^WEST PALM BEACH, Fla\. \(AP\) — President/);
    expect(ap.dateline).toBe('WEST PALM BEACH, Fla.');
  });

  it('keeps every body paragraph of a plain article, offsets into the text', () => {
    const a = splitArticles(seed('001_ad5055bf1d0914a9.txt'))[0];
    expect(a.paragraphs).toHaveLength(10);
    expect(a.span.start).toBe(0);
    expect(a.source.text.slice(a.span.start, a.span.end).trim()).toBe(a.source.text.trim());
  });
});

describe('splitArticles rules', () => {
  it('takes a short first line as the headline, a long one as body', () => {
    expect(one('Leaders meet in Paris\nThe leaders met on Monday.').title).toBe('Leaders meet in Paris');
    expect(one('Obama on Climate Change: The Trends Are \'Terrifying.\'\n\nBody text here.').title).toBe(
      "Obama on Climate Change: The Trends Are 'Terrifying'",
    );
    const long = `The prime minister said on Monday that ${'the talks would go on for some time and '.repeat(5)}end.`;
    expect(one(`${long}\nSecond paragraph.`).title).toBeNull();
  });

  it('joins a headline and its deck ("x;" / "y")', () => {
    const a = one('Candidates vie for support;\nBoth point out each other’s failings.\n\nThe forum began at noon.');
    expect(a.title).toBe('Candidates vie for support; Both point out each other’s failings');
    expect(a.paragraphs).toHaveLength(1);
  });

  it('reads byline, date and outlet lines of a header, and a "By" byline alone', () => {
    const a = one('Big news today\nJANE DOE and John O’Roe\nPublished: Mon, June 2, 2025 10:15 AM EDT\nPolitico\n\nBody paragraph one.');
    expect(a).toMatchObject({ title: 'Big news today', byline: ['Jane Doe', 'John O’Roe'], published: '2025-06-02', outlet: 'Politico' });
    expect(one('Headline words here\nBy Mary-Kate Smith, Reuters\nBody paragraph.')).toMatchObject({ byline: ['Mary-Kate Smith'], outlet: 'Reuters' });
  });

  it('does not take a subheading for a byline, nor a date without a year for a published date', () => {
    const a = one('Title of the piece\nThe body starts.\nCooperation Without Military Intervention\nMore body.\nSaturday, 26 February\nEnd.');
    expect(a.byline).toEqual([]);
    expect(a.published).toBeNull();
  });

  it('starts a new article at a byline/date header after body text, pulling its headline along', () => {
    const text = 'First headline here\nFirst body.\nSecond headline here\nBy Ann Lee\nMay 4, 2025\nSecond body.';
    const [a, b] = splitArticles(source(text));
    expect(a).toMatchObject({ title: 'First headline here', byline: [] });
    expect(b).toMatchObject({ title: 'Second headline here', byline: ['Ann Lee'], published: '2025-05-04', index: 2 });
    expect(paragraphTexts(a)).toEqual(['First body.']);
    expect(b.id).toBe(`${b.source.id}#2`);
  });

  it('folds a repeated header + body into the article it repeats', () => {
    const body = 'One paragraph of news.\n“A quote,” she said.\n';
    const articles = splitArticles(source(`Headline of it\nAnn Lee\nMay 4, 2025\n${body}Ann Lee\nMay 4, 2025\n${body}`));
    expect(articles).toHaveLength(1);
    expect(paragraphTexts(articles[0])).toEqual(['One paragraph of news.', '“A quote,” she said.']);
  });

  it('gets the outlet from a dateline, an outlet line or given metadata, and never guesses', () => {
    expect(one('LONDON, May 3 (Reuters) - Prices rose.')).toMatchObject({ outlet: 'Reuters', dateline: 'LONDON' });
    expect(one('(CNN) — Something happened.')).toMatchObject({ outlet: 'CNN', dateline: null });
    expect(one('WASHINGTON — Congress met.')).toMatchObject({ outlet: null, dateline: 'WASHINGTON' });
    expect(one('Body only.', { outlet: 'AP' }).outlet).toBe('Associated Press');
    expect(one('Body only.', { outlet: 'Some Local Paper' }).outlet).toBe('Some Local Paper');
    expect(one('Copyright 2025 Nexstar Media, Inc. All rights reserved.\nThe text.').outlet).toBeNull();
  });

  it('uses given metadata first', () => {
    const a = one('Body text.', { title: 'Given', byline: ['A B'], published: 'May 3, 2025', url: 'https://u' });
    expect(a).toMatchObject({ title: 'Given', byline: ['A B'], published: '2025-05-03', url: 'https://u' });
  });

  it('drops captions, copyright, boilerplate and credit lines, reading basedOn from credits', () => {
    const a = one(
      [
        'Storm hits coast',
        'Residents leave. (AP Photo/Jane Doe)',
        'A house in the rain. Photo: John Roe/Getty Images',
        'The storm arrived at night.',
        'The Associated Press contributed to this report.',
        'Copyright 2025 The Example. All rights reserved.',
        'Share this:',
        'Post a Comment',
      ].join('\n'),
    );
    expect(paragraphTexts(a)).toEqual(['The storm arrived at night.']);
    expect(a.basedOn).toEqual(['Associated Press']);
    expect(one('Body here.\n(Reference: Reuters)').basedOn).toEqual(['Reuters']);
    expect(one('Body here.\nBased on reporting by Bloomberg and the Des Moines Register.').basedOn).toEqual(['Bloomberg', 'Des Moines Register']);
    expect(one('Body here. (Reuters contributed)').basedOn).toEqual(['Reuters']);
    expect(one('Body here.\n(Reporting by Jane Doe; Editing by John Roe)').basedOn).toEqual([]);
  });

  it('lists cited outlets next to a reporting cue, not the own outlet nor a bare mention', () => {
    const text = [
      'WASHINGTON (AP) — The Wall Street Journal reported the call.',
      'A Friday report from the New York Times said more, according to Bloomberg.',
      'She told the Des Moines Register that it was true, and the Journal’s story agreed.',
      'Officials did not respond to a request for comment from the AP.',
      'CNN was at the event. The Hill reached out to the White House.',
    ].join('\n');
    expect(one(text).cites).toEqual(['The Wall Street Journal', 'The New York Times', 'Bloomberg', 'Des Moines Register']);
  });

  it('resolves a short name only when the article names the outlet in full', () => {
    expect(one('Intro line.\nThe Washington Post reported it. The Post’s report said more.').cites).toEqual(['The Washington Post']);
    expect(one('Intro line.\nThe Journal reported it.').cites).toEqual([]);
  });

  it('treats hard-wrapped text as blank-line separated paragraphs', () => {
    const para = 'This is a line of a hard wrapped paragraph that goes on\nand on across several lines of roughly equal length\nuntil it finally comes to an end somewhere near here.';
    const a = one(`Wrapped story title\n\n${para}\n\n${para.replace('This', 'Here')}\n\n${para.replace('This', 'And')}`);
    expect(a.paragraphs).toHaveLength(3);
    expect(paragraphTexts(a)[0]).toBe(para);
  });

  it('cuts a paragraph longer than any news paragraph after a sentence, else at a space, else anywhere', () => {
    const sentence = 'The council met again on Monday and said “we will decide soon” to reporters. ';
    const prose = one(sentence.repeat(200).trim());
    const texts = paragraphTexts(prose);
    expect(texts.join(' ')).toBe(sentence.repeat(200).trim());
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(MAX_PARAGRAPH);
      expect(t.endsWith('reporters.')).toBe(true);
    }
    const words = paragraphTexts(one('word '.repeat(3000).trim()));
    expect(words.join(' ')).toBe('word '.repeat(3000).trim());
    expect(Math.max(...words.map((t) => t.length))).toBeLessThanOrEqual(MAX_PARAGRAPH);
    // no space at all: cut anywhere, but never between the halves of a surrogate pair
    const emoji = paragraphTexts(one('x' + '😀'.repeat(5000)));
    expect(emoji.join('')).toBe('x' + '😀'.repeat(5000));
    for (const t of emoji) expect(t).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/u);
  });

  it('returns no article for blank text', () => {
    expect(splitArticles(source(' \n\n '))).toEqual([]);
  });
});

describe('splitArticles keeps body sentences that only look like furniture', () => {
  it('keeps sentences with "contributed", "based on", "picture" in the body', () => {
    const lines = [
      'Many factors contributed.',
      'Based on the data, the Fed raised rates, the New York Times said.',
      'The picture: a country divided.',
      'Sources: none were named.',
    ];
    expect(one(`Intro paragraph of the piece is long enough to be body, not a headline at all.\n${lines.join('\n')}`).paragraphs).toHaveLength(5);
  });
});

describe('splitArticles stays linear on pathological input', () => {
  const cpuMs = (f: () => void) => {
    const t0 = process.cpuUsage();
    f();
    const t = process.cpuUsage(t0);
    return (t.user + t.system) / 1000;
  };
  // CPU time, not wall time: the machine is shared. Each input takes ~0.1-0.6 s; quadratic code took seconds.
  it.each([
    ['1 MB of unmatched quote marks in one paragraph', '“word '.repeat(170_000)],
    ['12,000 short lines with an unmatched quote', 'He said “it is fine and so on\n'.repeat(12_000)],
    ['100,000 one-word lines', 'Word\n'.repeat(100_000)],
    ['20,000 date lines (one header run)', 'Body text comes first.\n' + 'May 3, 2025\n'.repeat(20_000)],
    ['1 MB of outlet-shaped capitalised words', 'The New Big Daily Times Post News '.repeat(30_000)],
    ['a hard-wrapped block with a long run of spaces', `${'a line of a hard wrapped paragraph that goes on and on\n'.repeat(6)}x${' '.repeat(200_000)}y`],
  ])('%s', (_what, text) => {
    let articles: Article[] = [];
    expect(cpuMs(() => (articles = splitArticles(source(text))))).toBeLessThan(3000);
    expect(articles).toHaveLength(1);
  });

  it('still finds outlets the way one alternation would: longest form, "the" forms, no overlaps', () => {
    const text = 'Fox News Channel reported it, according to the Wall Street Journal; TheHill did not.';
    expect(one(`Intro line.\n${text}`).cites).toEqual(['Fox News', 'The Wall Street Journal']);
    expect(one('Body here.\nBased on reporting by the A.P. and the Des Moines Register.').basedOn).toEqual(['Associated Press', 'Des Moines Register']);
  });
});
