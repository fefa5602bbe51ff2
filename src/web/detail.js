// The detail panel: a statement (each outlet's wording with its provenance, marked in its article), a speaker,
// an outlet or an article. Opening one moves focus into it; Escape or × closes it and gives focus back.
import { ARTICLE, cursorAt, gql, OUTLET, SPEAKER, STATEMENT } from './api.js';
import { basename, fmtDate, h, occasionLabel, percent, plural, saidLabel, slug, SURE } from './dom.js';
import { outletNames } from './overview.js';
import { announce, DETAILS, hrefWith, load, navigate, readHash, supersede } from './state.js';

const $ = (id) => document.getElementById(id);

/** Where focus was when a detail opened, to give it back on close. */
let opener = null;

export const closeDetail = () => navigate(Object.fromEntries(DETAILS.map((k) => [k, ''])));

export function hideDetail() {
  supersede('detail');
  const d = $('detail');
  const hadFocus = d.contains(document.activeElement);
  d.hidden = true;
  d.replaceChildren();
  if (hadFocus || document.activeElement === document.body) (opener?.isConnected ? opener : $('view-title'))?.focus({ preventScroll: true });
  opener = null;
}

/** Shows the panel, moves focus to its heading (marked data-focus) and says in one sentence what opened. */
function openDetail(summary, ...children) {
  const d = $('detail');
  if (d.hidden && !d.contains(document.activeElement)) opener = document.activeElement;
  d.replaceChildren(
    h('button', { class: 'close', type: 'button', 'aria-label': 'Close details (Escape)', 'data-testid': 'detail-close', onclick: closeDetail }, '×'),
    ...children,
  );
  d.hidden = false;
  const heading = d.querySelector('[data-focus]');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus({ preventScroll: true });
  // bring it into view only when it would start below the fold; otherwise keep the graph in sight
  if (d.getBoundingClientRect().top > window.innerHeight * 0.6) d.scrollIntoView({ behavior: 'smooth', block: 'start' });
  announce(summary);
}

// ------------------------------------------------------------------ a statement

const DIFFERENCE = {
  canonical: 'canonical wording',
  verbatim: 'verbatim',
  trimmed: 'trimmed',
  repunctuated: 'repunctuated',
  reworded: 'reworded',
  translated: 'translated differently',
};

export function showStatement(id) {
  return load('detail', 'Loading the statement…', async (current) => {
    const { statement: st } = await gql(STATEMENT, { id });
    if (!st) throw new Error(`no statement ${id}`);
    const hideUnsure = !!readHash().sure;
    const unsure = st.reports.filter((r) => (r.quote.confidence ?? 0) < SURE);
    const shown = hideUnsure ? st.reports.filter((r) => !unsure.includes(r)) : st.reports;
    // one card per article: an outlet's wordings of the statement, then its text with them marked
    const byArticle = new Map();
    for (const r of shown) {
      if (!byArticle.has(r.article.id)) byArticle.set(r.article.id, { article: r.article, outlet: r.outlet, date: r.date, reports: [] });
      byArticle.get(r.article.id).reports.push(r);
    }
    const texts = new Map(await Promise.all([...byArticle.keys()].map(async (aid) => [aid, (await gql(ARTICLE, { id: aid })).article])));
    if (!current()) return;
    const outlets = new Set(st.reports.map((r) => r.outlet?.key).filter(Boolean));
    const dated = st.reports.find((r) => r.quote.saidOn === st.saidOn && r.quote.saidOnFrom);
    const ids = new Set();
    const who = st.speaker?.name ?? 'an unknown speaker';
    openDetail(
      `Statement by ${who}: ${plural(st.reports.length, 'wording')} in ${plural(byArticle.size, 'article')}${hideUnsure && unsure.length ? `, ${unsure.length} unsure hidden` : ''}.`,
      h('article', { class: 'statement-detail', 'data-testid': 'statement-detail', 'aria-labelledby': 'statement-title' },
        h('header', { class: 'detail-head' },
          h('p', { class: 'kicker' }, 'Statement', st.saidOn ? ` · ${saidLabel(st.saidOn, dated?.quote.saidOnFrom)}` : '', ...st.topics.map((t) => h('a', { class: 'chip', href: `#topic=${encodeURIComponent(t.id)}` }, t.name))),
          h('blockquote', { id: 'statement-title', class: 'canonical', 'data-testid': 'canonical', 'data-focus': '' }, st.canonical),
          st.occasion ? h('p', { class: 'occasion', 'data-testid': 'statement-occasion' }, 'Said at: ', occasionLabel(st.occasion)) : null,
          h('p', { class: 'byline' },
            '— ',
            st.speaker ? h('a', { href: hrefWith({ speaker: st.speaker.id }), 'data-testid': 'statement-speaker' }, st.speaker.name) : 'unknown speaker',
            st.speaker?.roles?.length ? h('span', { class: 'muted' }, `, ${st.speaker.roles[0]}`) : null,
            h('span', { class: 'muted' }, ` · ${plural(st.reports.length, 'wording')} in ${plural(new Set(st.reports.map((r) => r.article.id)).size, 'article')}, ${plural(outlets.size, 'named outlet')}`)),
        ),
        h('div', { class: 'section-head' },
          h('h3', {}, 'How each outlet worded it'),
          h('p', { class: 'diff-key' }, 'Against the canonical wording: ', h('ins', {}, 'added'), ' ', h('del', {}, 'left out'), ' ', h('span', { class: 'elided' }, '… words not quoted'))),
        hideUnsure && unsure.length
          ? h('p', { class: 'unsure-note', 'data-testid': 'unsure-hidden' },
              `${plural(unsure.length, 'wording')} attributed with less than ${percent(SURE)} confidence ${unsure.length === 1 ? 'is' : 'are'} hidden. `,
              h('a', { href: hrefWith({ statement: st.id, sure: '' }) }, 'Show them'))
          : null,
        h('div', { class: 'wordings', 'data-testid': 'wordings' },
          [...byArticle.values()].map((g) => {
            // test ids name the outlet; a second article of the same outlet, or one without an outlet, gets its own
            let tid = g.outlet ? `wording-${slug(g.outlet.key)}` : `wording-article-${slug(g.article.id)}`;
            if (ids.has(tid)) tid = `${tid}-${slug(g.article.id)}`;
            ids.add(tid);
            return articleCard(g, texts.get(g.article.id), tid);
          })),
      ),
    );
    for (const box of document.querySelectorAll('.article-text')) centreMark(box);
  });
}

/** Where a wording was published: outlet, headline, date, and a link to the source (its URL, else its file). */
function provenance(article, outlet, date) {
  return [
    h('header', {},
      outlet ? h('a', { class: 'outlet-name', href: hrefWith({ outlet: outlet.name }) }, outlet.name) : h('span', { class: 'outlet-name none' }, 'Outlet not named'),
      h('span', { class: 'muted' }, fmtDate(date, 'no date'))),
    h('p', { class: 'source', 'data-testid': 'source' },
      h('span', { class: 'headline' }, article.caption),
      ' · ',
      article.url
        ? h('a', { class: 'source-link', href: article.url, target: '_blank', rel: 'noopener noreferrer' }, `${hostOf(article.url)} ↗`)
        : h('span', { class: 'source-file', title: article.file }, `file ${basename(article.file)}`)),
    outlet ? null : h('p', { class: 'opening', 'data-testid': 'opening' }, `Begins: “${article.opening}”`),
  ];
}

const hostOf = (url) => {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
};

function articleCard({ article, outlet, date, reports }, text, testId) {
  return h('section', { class: 'wording-card', 'data-testid': testId, 'aria-label': `${outlet?.name ?? article.caption}: wording` },
    provenance(article, outlet, date),
    reports.map((r) => {
      const conf = r.quote.confidence ?? 0;
      const said = saidLabel(r.quote.saidOn, r.quote.saidOnFrom);
      return h('div', { class: 'wording-block' },
        h('p', { class: 'wording', 'data-testid': 'wording-text' }, '“', diffSpans(r), '”'),
        h('p', { class: 'meta' },
          r.difference ? h('span', { class: `badge diff-${r.difference}`, title: 'How this wording differs from the canonical one' }, DIFFERENCE[r.difference] ?? r.difference) : null,
          h('span', { class: `badge ${conf < SURE ? 'unsure' : 'sure'}`, 'data-testid': 'confidence', title: 'How sure the attribution to this speaker is' }, `attribution ${percent(conf)}${conf < SURE ? ' (unsure)' : ''}`),
          r.quote.mention ? [' named as ', h('strong', { 'data-testid': 'mention' }, `“${r.quote.mention.text}”`), r.quote.mention.role ? `, ${r.quote.mention.role}` : ''] : ' speaker not named here',
          r.quote.cue ? [' · ', h('em', {}, r.quote.cue)] : null,
          r.quote.kind !== 'direct' ? ` · ${r.quote.kind} quote` : null,
          said ? [' · ', h('span', { 'data-testid': 'said-on' }, said)] : null));
    }),
    text ? articleView(text, reports.map((r) => r.quote)) : null,
  );
}

/** Runs of more left-out words than this fold into one "…" marker (an excerpt would otherwise drown in strikes). */
const FOLD_WORDS = 6;

/** The wording as word-level changes from the canonical one (the API computes them). */
function diffSpans(r) {
  if (!r.changes?.length) return r.wording;
  return r.changes.map((c) => {
    if (c.op === 'ADDED') return h('ins', {}, c.value);
    if (c.op === 'SAME') return c.value;
    const words = c.value.trim().split(/\s+/).filter(Boolean).length;
    if (words <= FOLD_WORDS) return h('del', {}, c.value);
    return h('span', { class: 'elided', title: `Not in this wording: ${c.value.trim()}`, 'aria-label': `${words} words of the canonical wording left out` }, ' … ');
  });
}

/** The article's text with these quotes marked at their offsets and the article's other quotes underlined. */
function articleView(article, chosen, { open = true } = {}) {
  const text = article.text;
  const chosenIds = new Set(chosen.map((q) => q.id));
  // chosen quotes claim their span first, so an overlapping (embedded or enclosing) other quote gives way
  const spans = [];
  for (const q of [...chosen.map((c) => ({ ...c, chosen: true })), ...article.quotes.filter((o) => !chosenIds.has(o.id))]) {
    if (!spans.some((t) => q.start < t.end && q.end > t.start)) spans.push(q);
  }
  const parts = [];
  let at = 0;
  for (const m of spans.sort((x, y) => x.start - y.start)) {
    parts.push(text.slice(at, m.start));
    parts.push(
      m.chosen
        ? h('mark', { 'data-testid': 'quote-mark' }, text.slice(m.start, m.end))
        : h('span', { class: 'other-quote', title: m.speaker ? `quote of ${m.speaker.name}` : 'another quote' }, text.slice(m.start, m.end)),
    );
    at = m.end;
  }
  parts.push(text.slice(at));
  return h('details', { class: 'article', open },
    h('summary', {},
      h('span', { class: 'article-title' }, article.title ?? article.caption ?? 'Untitled article'),
      h('span', { class: 'muted' }, [article.byline?.length ? ` · ${article.byline.join(', ')}` : '', article.basedOn?.length ? ` · based on ${article.basedOn.map((o) => o.name).join(', ')}` : ''].join(''))),
    h('div', { class: 'article-text', tabindex: 0, 'aria-label': `Text of “${article.caption ?? article.id}”`, 'data-testid': 'article-text' }, parts),
  );
}

/** Scrolls an article box (not the page) so its first marked quote sits in the upper third. */
function centreMark(box) {
  const mark = box.querySelector('mark');
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
}

// ------------------------------------------------------------------ an article

export function showArticle(id) {
  return load('detail', 'Loading the article…', async (current) => {
    const { article: a } = await gql(ARTICLE, { id });
    if (!current()) return;
    if (!a) throw new Error(`no article ${id}`);
    openDetail(
      `Article ${a.caption}: ${plural(a.quotes.length, 'quote')}.`,
      h('article', { class: 'article-detail', 'data-testid': 'article-detail' },
        h('header', { class: 'detail-head' },
          h('p', { class: 'kicker' }, `Article · ${plural(a.quotes.length, 'quote')}`),
          h('h2', { 'data-focus': '' }, a.caption)),
        h('div', { class: 'wording-card' }, provenance(a, a.outlet, a.published), articleView(a, [])),
      ),
    );
  });
}

// ------------------------------------------------------------------ a speaker

export function showSpeaker(id) {
  let statements = [];
  // the timeline is grouped by occasion: a heading where the statements move to another one (pages continue it)
  let lastOccasion = null;
  const page = (sp) =>
    h('div', { class: 'paging' },
      h('span', { class: 'muted', 'data-testid': 'speaker-showing' }, `Showing ${statements.length} of ${plural(sp.statementCount, 'statement')}`),
      statements.length < sp.statementCount ? h('button', { type: 'button', class: 'more', onclick: () => more(sp) }, 'Show more') : null);
  const items = (list) =>
    list.flatMap((st) => {
      const heading = st.occasion && st.occasion.id !== lastOccasion
        ? h('li', { class: 'occasion-head', 'data-testid': 'speaker-occasion' }, occasionLabel(st.occasion))
        : null;
      lastOccasion = st.occasion?.id ?? null;
      return [heading, item(st)].filter(Boolean);
    });
  const item = (st) =>
    h('li', {},
      h('time', { datetime: st.saidOn ?? '' }, fmtDate(st.saidOn)),
      h('div', {},
        h('a', { href: hrefWith({ statement: st.id }), class: 'statement-link', 'data-id': st.id }, h('q', {}, st.canonical)),
        h('span', { class: 'meta' }, `${outletNames(st.reports)}${st.topics.length ? ` · ${st.topics.map((t) => t.name).join(', ')}` : ''}`)));
  const more = (sp) =>
    load('detail-more', 'Loading more statements…', async () => {
      const { speaker } = await gql(SPEAKER, { id, after: cursorAt(statements.length - 1) });
      const list = $('detail').querySelector('[data-testid="speaker-statements"]');
      if (!speaker || !list) return;
      statements = [...statements, ...speaker.statements];
      const added = items(speaker.statements);
      list.append(...added);
      $('detail').querySelector('.paging').replaceWith(page(sp));
      added.find((li) => li.querySelector('a'))?.querySelector('a')?.focus();
    });
  return load('detail', 'Loading the speaker…', async (current) => {
    const { speaker: sp } = await gql(SPEAKER, { id });
    if (!current()) return;
    if (!sp) throw new Error(`no speaker ${id}`);
    statements = sp.statements;
    lastOccasion = null;
    const aliases = sp.aliases.filter((a) => a !== sp.name);
    const maxQuoted = Math.max(1, ...sp.quotedBy.map((o) => o.count));
    openDetail(
      `${sp.name}: ${plural(sp.statementCount, 'statement')}, quoted by ${plural(sp.quotedBy.length, 'outlet')}.`,
      h('article', { class: 'speaker-detail', 'data-testid': 'speaker-detail', 'aria-labelledby': 'speaker-title' },
        h('header', { class: 'detail-head speaker-head' },
          h('div', { class: 'avatar', 'aria-hidden': 'true' }, initials(sp.name)),
          h('div', {},
            h('p', { class: 'kicker' }, sp.type === 'ORGANIZATION' ? 'Organization' : 'Person', ` · ${plural(sp.statementCount, 'statement')}`),
            h('h2', { id: 'speaker-title', 'data-focus': '' }, sp.name),
            sp.roles.length ? h('ul', { class: 'chips', 'aria-label': 'Roles', 'data-testid': 'speaker-roles' }, sp.roles.map((r) => h('li', { class: 'chip role' }, r))) : null,
            aliases.length ? h('p', { class: 'aliases', 'data-testid': 'speaker-aliases' }, 'Also named ', aliases.map((a, i) => [i ? ', ' : '', h('strong', {}, a)])) : null,
            sp.wikidata ? h('a', { href: `https://www.wikidata.org/wiki/${sp.wikidata}`, target: '_blank', rel: 'noopener noreferrer' }, `Wikidata ${sp.wikidata} ↗`) : null),
        ),
        h('div', { class: 'speaker-body' },
          h('section', { class: 'timeline', 'aria-labelledby': 'timeline-h' },
            h('h3', { id: 'timeline-h' }, 'Statements over time'),
            h('ol', { 'data-testid': 'speaker-statements' }, items(sp.statements)),
            page(sp),
          ),
          h('aside', {},
            h('h3', {}, 'Quoted by'),
            h('ul', { class: 'bars', 'data-testid': 'speaker-outlets' },
              sp.quotedBy.map((o) =>
                h('li', {},
                  h('a', { href: hrefWith({ outlet: o.outlet.name }) }, o.outlet.name),
                  h('span', { class: 'bar', style: `--w:${(100 * o.count) / maxQuoted}%` }),
                  h('span', { class: 'count' }, o.count)))),
            h('h3', {}, 'Topics'),
            h('ul', { class: 'chips' },
              sp.topics.map((t) => h('li', {}, h('a', { class: 'chip', href: `#topic=${encodeURIComponent(t.topic.id)}` }, t.topic.name, h('span', { class: 'count' }, t.count))))),
          ),
        ),
      ),
    );
  });
}

// ------------------------------------------------------------------ an outlet

export function showOutlet(name) {
  let articles = [];
  const item = (a) => h('li', {}, h('time', {}, fmtDate(a.published, '')), ' ', h('a', { href: hrefWith({ article: a.id }) }, a.caption));
  const page = (o) =>
    h('div', { class: 'paging' },
      h('span', { class: 'muted', 'data-testid': 'outlet-showing' }, `Showing ${articles.length} of ${plural(o.articleCount, 'article')}`),
      articles.length < o.articleCount ? h('button', { type: 'button', class: 'more', onclick: () => more(o) }, 'Show more') : null);
  const more = (o) =>
    load('detail-more', 'Loading more articles…', async () => {
      const { outlet } = await gql(OUTLET, { name, after: cursorAt(articles.length - 1) });
      const list = $('detail').querySelector('.articles');
      if (!outlet || !list) return;
      articles = [...articles, ...outlet.articles];
      list.append(...outlet.articles.map(item));
      $('detail').querySelector('.paging').replaceWith(page(o));
    });
  return load('detail', 'Loading the outlet…', async (current) => {
    const { outlet: o } = await gql(OUTLET, { name });
    if (!current()) return;
    if (!o) throw new Error(`no outlet ${name}`);
    articles = o.articles;
    const maxQuotes = Math.max(1, ...o.quotes.map((s) => s.count));
    openDetail(
      `${o.name}: ${plural(o.articleCount, 'article')}, quoting ${plural(o.quotes.length, 'speaker')}.`,
      h('article', { class: 'outlet-detail', 'data-testid': 'outlet-detail' },
        h('header', { class: 'detail-head' },
          h('p', { class: 'kicker' }, `Outlet · ${plural(o.articleCount, 'article')}`),
          h('h2', { 'data-focus': '' }, o.name)),
        h('div', { class: 'speaker-body' },
          h('section', {},
            h('h3', {}, 'Articles'),
            h('ol', { class: 'articles' }, o.articles.map(item)),
            page(o)),
          h('aside', {},
            h('h3', {}, 'Whom it quotes'),
            h('ul', { class: 'bars' },
              o.quotes.map((s) =>
                h('li', {},
                  h('a', { href: hrefWith({ speaker: s.speaker.id }) }, s.speaker.name),
                  h('span', { class: 'bar', style: `--w:${(100 * s.count) / maxQuotes}%` }),
                  h('span', { class: 'count' }, s.count)))),
            o.cites.length ? [h('h3', {}, 'Draws on'), h('ul', { class: 'chips' }, o.cites.map((c) => h('li', { class: 'chip' }, c.outlet.name, h('span', { class: 'count' }, c.count))))] : null),
        ),
      ),
    );
  });
}

const initials = (name) => name.split(/\s+/).filter(Boolean).map((w) => w[0]).slice(0, 2).join('').toUpperCase();
