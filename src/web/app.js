// The explorer: pick a topic or search, see who said what (graph + list), open a statement, a speaker or an outlet.
// State lives in the URL hash (#topic=sovereignty&statement=…), so views can be shared and Back works.
import { gql, TOPICS, WHO_SAID, SEARCH, STATEMENTS, STATEMENT, ARTICLE, SPEAKER, OUTLET } from './api.js';
import { h, slug, fmtDate, plural, truncate } from './dom.js';
import { AnswerGraph } from './graph.js';

const $ = (id) => document.getElementById(id);
const graph = new AnswerGraph($('graph'), ({ kind, ref }) => navigate({ [kind]: ref }));

// ------------------------------------------------------------------ state and routing

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  return Object.fromEntries([...p].filter(([, v]) => v));
}

/** Merges into the current hash; choosing a new topic or search drops the open detail. */
function navigate(change) {
  const next = { ...readHash(), ...change };
  if ('topic' in change || 'q' in change) {
    for (const k of ['statement', 'speaker', 'outlet']) if (!(k in change)) delete next[k];
    if ('topic' in change) delete next.q;
    if ('q' in change) delete next.topic;
  } else if (['statement', 'speaker', 'outlet'].some((k) => k in change)) {
    for (const k of ['statement', 'speaker', 'outlet']) if (!(k in change)) delete next[k];
  }
  location.hash = new URLSearchParams(Object.entries(next).filter(([, v]) => v)).toString();
}

const shown = { overview: null, detail: null };

async function route() {
  const state = readHash();
  const overview = state.topic ? `topic:${state.topic}` : state.q ? `q:${state.q}` : null;
  const detail = state.statement ? `statement:${state.statement}` : state.speaker ? `speaker:${state.speaker}` : state.outlet ? `outlet:${state.outlet}` : null;
  markActiveTopic(state.topic);
  $('search-input').value = state.q ?? '';
  $('detail-hint').hidden = !overview || !!detail;
  const jobs = [];
  if (overview !== shown.overview) {
    shown.overview = overview;
    jobs.push(state.topic ? showTopic(state.topic) : state.q ? showSearch(state.q) : showWelcome());
  }
  if (detail !== shown.detail) {
    shown.detail = detail;
    jobs.push(state.statement ? showStatement(state.statement) : state.speaker ? showSpeaker(state.speaker) : state.outlet ? showOutlet(state.outlet) : hideDetail());
  }
  await Promise.all(jobs);
  graph.focus(state.statement ?? state.speaker ?? state.outlet);
  markActiveItem(state);
}

const latest = { overview: 0, detail: 0 };
let busy = 0;

function setStatus(text, kind = '') {
  const status = $('status');
  status.hidden = !text;
  status.className = `status ${kind}`.trim();
  status.textContent = text ?? '';
}

/**
 * Runs a loader for one slot of the page (overview or detail) with a status line. A newer load of the same slot
 * wins: `current()` turns false once the user has moved on, so a slow answer never paints over a newer view.
 */
async function load(slot, label, body) {
  const ticket = ++latest[slot];
  const current = () => latest[slot] === ticket;
  setStatus(label);
  busy += 1;
  document.body.setAttribute('aria-busy', 'true');
  let failed = null;
  try {
    await body(current);
  } catch (e) {
    if (current()) failed = e;
  }
  busy -= 1;
  if (!busy) document.body.removeAttribute('aria-busy');
  if (failed) setStatus(`Could not load: ${failed.message}`, 'error');
  else if (!busy && !$('status').classList.contains('error')) setStatus(null);
}

// ------------------------------------------------------------------ topics (sidebar)

async function loadTopics() {
  const list = $('topic-list');
  try {
    const data = await gql(TOPICS);
    const topics = data.topics.edges.map((e) => e.node).filter((t) => t.statementCount > 0);
    list.replaceChildren(
      ...topics.map((t) =>
        h('li', {},
          h('a', {
            href: `#topic=${encodeURIComponent(t.id)}`,
            class: 'topic',
            'data-testid': `topic-${slug(t.id)}`,
            'data-topic': t.id,
            title: t.description ?? '',
          },
            h('span', { class: 'topic-name' }, t.name),
            t.broader.length ? h('span', { class: 'topic-parent' }, t.broader.map((b) => b.name).join(', ')) : null,
            h('span', { class: 'count', 'aria-label': plural(t.statementCount, 'statement') }, t.statementCount)),
        ),
      ),
    );
    if (!topics.length) list.replaceChildren(h('li', { class: 'muted' }, 'No topics yet: ingest some articles.'));
    markActiveTopic(readHash().topic);
    return topics;
  } catch (e) {
    list.replaceChildren(h('li', { class: 'error' }, `Topics could not be loaded: ${e.message}`));
    return [];
  }
}

function markActiveTopic(id) {
  for (const a of document.querySelectorAll('.topic')) {
    const on = a.dataset.topic === id;
    a.classList.toggle('active', on);
    if (on) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

// ------------------------------------------------------------------ overview: graph + who said what

function setHeading(title, subtitle) {
  $('view-title').textContent = title;
  $('view-subtitle').replaceChildren(...[].concat(subtitle ?? []));
}

function showWelcome() {
  latest.overview++;
  setHeading('Pick a topic or search', 'Choose a topic on the left to see who spoke about it and which outlets reported it.');
  graph.clear();
  $('who-list').replaceChildren();
}

function showTopic(topic) {
  return load('overview', `Loading “${topic}”…`, async (current) => {
    const { whoSaid } = await gql(WHO_SAID, { topic });
    if (!current()) return;
    const narrower = whoSaid.covers.filter((t) => t.id !== whoSaid.topic.id);
    const n = whoSaid.speakers.reduce((s, g) => s + g.statements.length, 0);
    setHeading(whoSaid.topic.name, [
      `${plural(whoSaid.speakers.length, 'speaker')}, ${plural(n, 'statement')}`,
      narrower.length ? ` · includes ${narrower.map((t) => t.name).join(', ')}` : '',
      whoSaid.topic.description ? h('span', { class: 'topic-desc' }, whoSaid.topic.description) : null,
    ]);
    drawOverview(whoSaid.speakers, `Nobody is quoted on ${whoSaid.topic.name} yet.`);
  });
}

function showSearch(text) {
  return load('overview', `Searching for “${text}”…`, async (current) => {
    const { search } = await gql(SEARCH, { text });
    // every hit becomes statements to draw: a statement itself, a quote's statement, or all of a speaker's
    const statementIds = new Set();
    const speakerIds = new Set();
    for (const { node } of search) {
      if (node.__typename === 'Statement') statementIds.add(node.id);
      else if (node.__typename === 'Quote' && node.statement) statementIds.add(node.statement.id);
      else if (node.__typename === 'Speaker') speakerIds.add(node.id);
    }
    const or = [];
    if (statementIds.size) or.push({ id: { in: [...statementIds] } });
    if (speakerIds.size) or.push({ speaker: { id: { in: [...speakerIds] } } });
    const statements = or.length ? (await gql(STATEMENTS, { where: { OR: or } })).statements.edges.map((e) => e.node) : [];
    const groups = new Map();
    for (const st of statements) {
      if (!st.speaker) continue;
      if (!groups.has(st.speaker.id)) groups.set(st.speaker.id, { speaker: st.speaker, statements: [] });
      groups.get(st.speaker.id).statements.push(st);
    }
    if (!current()) return;
    const ranked = [...groups.values()].sort((a, b) => b.statements.length - a.statements.length);
    setHeading(`Search: “${text}”`, `${plural(search.length, 'match', 'matches')} · ${plural(ranked.length, 'speaker')}, ${plural(statements.length, 'statement')}`);
    drawOverview(ranked, `Nothing matches “${text}”.`);
  });
}

function drawOverview(groups, emptyText) {
  graph.show(groups);
  const list = $('who-list');
  if (!groups.length) {
    list.replaceChildren(h('li', { class: 'empty' }, emptyText));
    return;
  }
  list.replaceChildren(
    ...groups.map(({ speaker, statements }) =>
      h('li', { class: 'who-speaker', 'data-testid': `speaker-${slug(speaker.id)}` },
        h('div', { class: 'who-head' },
          h('a', { href: hrefWith({ speaker: speaker.id }), class: 'speaker-link', 'data-id': speaker.id, 'data-testid': `speaker-link-${slug(speaker.id)}` }, speaker.name),
          speaker.roles?.length ? h('span', { class: 'roles' }, truncate(speaker.roles[0], 60)) : null),
        h('ul', { class: 'who-statements' },
          statements.map((st) =>
            h('li', {},
              h('a', { href: hrefWith({ statement: st.id }), class: 'statement-link', 'data-id': st.id, 'data-testid': `statement-${slug(st.id)}` },
                h('q', {}, truncate(st.canonical, 150))),
              h('span', { class: 'meta' }, `${fmtDate(st.saidOn)} · ${outletNames(st.reports)}`))),
        ),
      ),
    ),
  );
  markActiveItem(readHash());
}

function outletNames(reports) {
  const names = [...new Set((reports ?? []).map((r) => r.outlet?.name).filter(Boolean))];
  return names.length ? names.join(', ') : 'outlet not named';
}

/** A link that opens a detail while keeping the overview. */
function hrefWith(detail) {
  const p = new URLSearchParams();
  const state = readHash();
  if (state.topic) p.set('topic', state.topic);
  if (state.q) p.set('q', state.q);
  for (const [k, v] of Object.entries(detail)) p.set(k, v);
  return `#${p}`;
}

function markActiveItem(state) {
  for (const a of document.querySelectorAll('.statement-link')) a.classList.toggle('active', a.dataset.id === state.statement);
  for (const a of document.querySelectorAll('.speaker-link')) a.classList.toggle('active', a.dataset.id === state.speaker);
}

// ------------------------------------------------------------------ details

function hideDetail() {
  latest.detail++;
  $('detail').hidden = true;
  $('detail').replaceChildren();
}

function openDetail(...children) {
  const d = $('detail');
  d.replaceChildren(
    h('button', { class: 'close', type: 'button', 'aria-label': 'Close details', 'data-testid': 'detail-close', onclick: () => navigate({ statement: '', speaker: '', outlet: '' }) }, '×'),
    ...children,
  );
  d.hidden = false;
  // bring it into view only when it would start below the fold; otherwise keep the graph in sight
  if (d.getBoundingClientRect().top > window.innerHeight * 0.6) d.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function showStatement(id) {
  return load('detail', 'Loading the statement…', async (current) => {
    const { statement: st } = await gql(STATEMENT, { id });
    if (!st) throw new Error(`no statement ${id}`);
    // one card per article: an outlet's wordings of the statement, then its text with them marked
    const byArticle = new Map();
    for (const r of st.reports) {
      if (!byArticle.has(r.article.id)) byArticle.set(r.article.id, { article: r.article, outlet: r.outlet, date: r.date, reports: [] });
      byArticle.get(r.article.id).reports.push(r);
    }
    const texts = new Map(
      await Promise.all([...byArticle.keys()].map(async (aid) => [aid, (await gql(ARTICLE, { id: aid })).article])),
    );
    if (!current()) return;
    const outlets = new Set(st.reports.map((r) => r.outlet?.key).filter(Boolean));
    const ids = new Set();
    openDetail(
      h('article', { class: 'statement-detail', 'data-testid': 'statement-detail', 'aria-labelledby': 'statement-title' },
        h('header', { class: 'detail-head' },
          h('p', { class: 'kicker' }, 'Statement', st.saidOn ? ` · said ${fmtDate(st.saidOn)}` : '', ...st.topics.map((t) => h('a', { class: 'chip', href: `#topic=${encodeURIComponent(t.id)}` }, t.name))),
          h('blockquote', { id: 'statement-title', class: 'canonical', 'data-testid': 'canonical' }, st.canonical),
          h('p', { class: 'byline' },
            '— ',
            st.speaker ? h('a', { href: hrefWith({ speaker: st.speaker.id }), 'data-testid': 'statement-speaker' }, st.speaker.name) : 'unknown speaker',
            st.speaker?.roles?.length ? h('span', { class: 'muted' }, `, ${st.speaker.roles[0]}`) : null,
            h('span', { class: 'muted' }, ` · ${plural(st.reports.length, 'wording')} in ${plural(byArticle.size, 'article')}, ${plural(outlets.size, 'named outlet')}`)),
        ),
        h('div', { class: 'section-head' },
          h('h3', {}, 'How each outlet worded it'),
          h('p', { class: 'diff-key' }, 'Against the canonical wording: ', h('ins', {}, 'added'), ' ', h('del', {}, 'left out'), ' ', h('span', { class: 'elided' }, '… words not quoted'))),
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

const DIFFERENCE = {
  canonical: 'canonical wording',
  verbatim: 'verbatim',
  trimmed: 'trimmed',
  repunctuated: 'repunctuated',
  reworded: 'reworded',
  translated: 'translated differently',
};

function articleCard({ article, outlet, date, reports }, text, testId) {
  const a = text ?? article;
  return h('section', { class: 'wording-card', 'data-testid': testId, 'aria-label': `${outlet?.name ?? a.title ?? 'Article'}: wording` },
    h('header', {},
      outlet ? h('a', { class: 'outlet-name', href: hrefWith({ outlet: outlet.name }) }, outlet.name) : h('span', { class: 'outlet-name none' }, 'Outlet not named'),
      h('span', { class: 'muted' }, fmtDate(date, 'no date'))),
    reports.map((r) =>
      h('div', { class: 'wording-block' },
        h('p', { class: 'wording', 'data-testid': 'wording-text' }, '“', diffSpans(r), '”'),
        h('p', { class: 'meta' },
          r.difference ? h('span', { class: `badge diff-${r.difference}`, title: 'How this wording differs from the canonical one' }, DIFFERENCE[r.difference] ?? r.difference) : null,
          r.quote.mention ? [' named as ', h('strong', {}, r.quote.mention.text)] : null,
          r.quote.cue ? [' · ', h('em', {}, r.quote.cue)] : null,
          r.quote.kind !== 'direct' ? ` · ${r.quote.kind} quote` : null))),
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
function articleView(article, chosen) {
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
  return h('details', { class: 'article', open: true },
    h('summary', {},
      h('span', { class: 'article-title' }, article.title ?? 'Untitled article'),
      h('span', { class: 'muted' }, [article.byline?.length ? ` · ${article.byline.join(', ')}` : '', article.basedOn?.length ? ` · based on ${article.basedOn.map((o) => o.name).join(', ')}` : ''].join(''))),
    article.url ? h('a', { class: 'source-link', href: article.url, target: '_blank', rel: 'noopener noreferrer' }, 'Original article ↗') : null,
    h('div', { class: 'article-text', tabindex: 0, 'aria-label': `Text of “${article.title ?? article.id}”`, 'data-testid': 'article-text' }, parts),
  );
}

/** Scrolls an article box (not the page) so its first marked quote sits in the upper third. */
function centreMark(box) {
  const mark = box.querySelector('mark');
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
}

function showSpeaker(id) {
  return load('detail', 'Loading the speaker…', async (current) => {
    const { speaker: sp } = await gql(SPEAKER, { id });
    if (!current()) return;
    if (!sp) throw new Error(`no speaker ${id}`);
    const aliases = sp.aliases.filter((a) => a !== sp.name);
    const maxQuoted = Math.max(1, ...sp.quotedBy.map((o) => o.count));
    openDetail(
      h('article', { class: 'speaker-detail', 'data-testid': 'speaker-detail', 'aria-labelledby': 'speaker-title' },
        h('header', { class: 'detail-head speaker-head' },
          h('div', { class: 'avatar', 'aria-hidden': 'true' }, initials(sp.name)),
          h('div', {},
            h('p', { class: 'kicker' }, sp.type === 'ORGANIZATION' ? 'Organization' : 'Person', ` · ${plural(sp.statementCount, 'statement')}`),
            h('h2', { id: 'speaker-title' }, sp.name),
            sp.roles.length ? h('ul', { class: 'chips', 'aria-label': 'Roles', 'data-testid': 'speaker-roles' }, sp.roles.map((r) => h('li', { class: 'chip role' }, r))) : null,
            aliases.length ? h('p', { class: 'aliases', 'data-testid': 'speaker-aliases' }, 'Also named ', aliases.map((a, i) => [i ? ', ' : '', h('strong', {}, a)])) : null,
            sp.wikidata ? h('a', { href: `https://www.wikidata.org/wiki/${sp.wikidata}`, target: '_blank', rel: 'noopener noreferrer' }, `Wikidata ${sp.wikidata} ↗`) : null),
        ),
        h('div', { class: 'speaker-body' },
          h('section', { class: 'timeline', 'aria-labelledby': 'timeline-h' },
            h('h3', { id: 'timeline-h' }, 'Statements over time'),
            h('ol', { 'data-testid': 'speaker-statements' },
              sp.statements.map((st) =>
                h('li', {},
                  h('time', { datetime: st.saidOn ?? '' }, fmtDate(st.saidOn)),
                  h('div', {},
                    h('a', { href: hrefWith({ statement: st.id }), class: 'statement-link', 'data-id': st.id }, h('q', {}, st.canonical)),
                    h('span', { class: 'meta' }, `${outletNames(st.reports)}${st.topics.length ? ` · ${st.topics.map((t) => t.name).join(', ')}` : ''}`)))),
            ),
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

function showOutlet(name) {
  return load('detail', 'Loading the outlet…', async (current) => {
    const { outlet: o } = await gql(OUTLET, { name });
    if (!current()) return;
    if (!o) throw new Error(`no outlet ${name}`);
    const maxQuotes = Math.max(1, ...o.quotes.map((s) => s.count));
    openDetail(
      h('article', { class: 'outlet-detail', 'data-testid': 'outlet-detail' },
        h('header', { class: 'detail-head' },
          h('p', { class: 'kicker' }, `Outlet · ${plural(o.articleCount, 'article')}`),
          h('h2', {}, o.name)),
        h('div', { class: 'speaker-body' },
          h('section', {},
            h('h3', {}, 'Articles'),
            h('ol', { class: 'articles' }, o.articles.map((a) => h('li', {}, h('time', {}, fmtDate(a.published, '')), ' ', a.title ?? a.id)))),
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

// ------------------------------------------------------------------ wiring

$('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = $('search-input').value.trim();
  if (q) navigate({ q });
});
window.addEventListener('hashchange', route);
window.addEventListener('resize', () => graph.resize());

const topics = await loadTopics();
// a first visit shows the busiest topic rather than an empty page
if (!location.hash && topics.length) navigate({ topic: topics[0].id });
else await route();
document.body.dataset.ready = 'true';
