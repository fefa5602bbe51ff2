// The overview: who said what on a topic (filtered, a page at a time) or what a search found (ranked hits with
// the matched words marked), drawn as a graph beside a list, and downloadable as CSV or JSON.
import { gql, EXPORT, SEARCH, STATEMENTS, WHO_SAID } from './api.js';
import { fmtDate, h, highlighted, plural, slug, SURE, truncate } from './dom.js';
import { download, exportRows, toCsv, toJson } from './export.js';
import { announce, FILTERS, hrefWith, load, navigate, readHash, supersede } from './state.js';

const $ = (id) => document.getElementById(id);

/** What the overview shows now: { kind: 'topic' | 'search', name, groups, … } (export and "show more" read it). */
let view = null;
let graph = null;

export function initOverview(answerGraph, outlets) {
  graph = answerGraph;
  const form = $('filters');
  form.elements.via.append(...outlets.map((o) => h('option', { value: o.name }, o.name)));
  const apply = () => {
    const data = new FormData(form);
    navigate(Object.fromEntries(FILTERS.map((k) => [k, String(data.get(k) ?? '').trim()])));
  };
  form.addEventListener('submit', (e) => (e.preventDefault(), apply()));
  form.addEventListener('change', (e) => e.target.name !== 'who' && apply());
  form.addEventListener('reset', () => setTimeout(apply));
  $('more').addEventListener('click', () => (view?.kind === 'topic' ? moreTopic() : moreSearch()));
  $('export-csv').addEventListener('click', () => exportView('csv'));
  $('export-json').addEventListener('click', () => exportView('json'));
  // a list item with focus spotlights its node in the graph, with its full text
  $('who-list').addEventListener('focusin', (e) => graph.hint(e.target.closest('a')?.dataset.node));
  $('who-list').addEventListener('focusout', () => graph.hint(null));
}

/** The filters of the hash as a StatementWhere. */
export function whereOf(state) {
  const where = {};
  if (state.via) where.outlet = { name: { eq: state.via } };
  if (state.from || state.to) where.published = { ...(state.from && { gte: state.from }), ...(state.to && { lte: state.to }) };
  if (state.who || state.type) {
    where.speaker = { ...(state.who && { name: { contains: state.who } }), ...(state.type && { type: { eq: state.type } }) };
  }
  if (state.sure) where.quote = { confidence: { gte: SURE } };
  return where;
}

const filtered = (state) => FILTERS.some((k) => state[k]);

function setHeading(title, subtitle) {
  $('view-title').textContent = title;
  $('view-subtitle').replaceChildren(...[].concat(subtitle ?? []));
}

function showFilters(state, on) {
  const form = $('filters');
  form.hidden = !on;
  if (!on) return;
  for (const k of FILTERS) {
    const field = form.elements[k];
    if (field.type === 'checkbox') field.checked = !!state[k];
    else field.value = state[k] ?? '';
  }
}

export function showWelcome() {
  supersede('overview');
  view = null;
  setHeading('Pick a topic or search', 'Choose a topic on the left to see who spoke about it and which outlets reported it.');
  showFilters({}, false);
  graph.clear('Pick a topic on the left, or search for words someone said.');
  $('who-list').replaceChildren();
  paging(0, 0, false);
}

// ------------------------------------------------------------------ a topic

export function showTopic(topic, state) {
  const where = whereOf(state);
  showFilters(state, true);
  return load('overview', `Loading “${topic}”…`, async (current) => {
    const { whoSaid } = await gql(WHO_SAID, { topic, where, withOutlets: true });
    if (!current()) return;
    view = { kind: 'topic', topic, where, name: whoSaid.topic.name, answer: whoSaid, groups: whoSaid.speakers, state };
    const narrower = whoSaid.covers.filter((t) => t.id !== whoSaid.topic.id);
    setHeading(whoSaid.topic.name, [
      `${plural(whoSaid.totalCount, 'speaker')}, ${plural(whoSaid.statementCount, 'statement')}${filtered(state) ? ' matching the filters' : ''}`,
      narrower.length ? ` · includes ${narrower.map((t) => t.name).join(', ')}` : '',
      whoSaid.topic.description ? h('span', { class: 'topic-desc' }, whoSaid.topic.description) : null,
    ]);
    drawTopic();
    announce(`${whoSaid.topic.name}: ${plural(whoSaid.totalCount, 'speaker')}, ${plural(whoSaid.statementCount, 'statement')}${filtered(state) ? ' matching the filters' : ''}. Showing ${view.groups.length}.`);
  });
}

function drawTopic() {
  const { answer, groups, name, state } = view;
  const empty = filtered(state) ? `No statement on ${name} matches these filters: clear one to see more.` : `Nobody is quoted on ${name} yet.`;
  graph.show(groups, { outlets: answer.outlets, total: answer.totalCount, empty });
  speakerList(groups, empty);
  paging(groups.length, answer.totalCount, answer.pageInfo.hasNextPage, 'speaker');
}

function moreTopic() {
  const before = view.groups.length;
  return load('overview', 'Loading more speakers…', async (current) => {
    const { whoSaid } = await gql(WHO_SAID, { topic: view.topic, where: view.where, after: view.answer.pageInfo.endCursor, withOutlets: false });
    if (!current()) return;
    view.groups = [...view.groups, ...whoSaid.speakers];
    view.answer = { ...view.answer, pageInfo: whoSaid.pageInfo, totalCount: whoSaid.totalCount };
    drawTopic();
    $('who-list').children[before]?.querySelector('a')?.focus();
    announce(`Showing ${view.groups.length} of ${plural(whoSaid.totalCount, 'speaker')}.`);
  });
}

// ------------------------------------------------------------------ a search

const KIND = { QUOTE: 'quote wordings', STATEMENT: 'statements', SPEAKER: 'speaker names', ARTICLE: 'article text' };
const HIT_LABEL = { QUOTE: 'Quote wording', STATEMENT: 'Statement', SPEAKER: 'Speaker', ARTICLE: 'Article text' };

export function showSearch(text) {
  showFilters({}, false);
  return load('overview', `Searching for “${text}”…`, async (current) => {
    const { searchResults: r } = await gql(SEARCH, { text });
    const hits = r.edges.map((e) => e.node);
    const groups = await statementGroups(hits);
    if (!current()) return;
    view = { kind: 'search', text, name: text, result: r, hits, groups };
    const { phrases, words, kinds } = r.query;
    const what = [
      phrases.length ? `the exact ${phrases.length > 1 ? 'phrases' : 'phrase'} ${phrases.map((p) => `“${p}”`).join(', ')}` : '',
      words.length ? `${phrases.length ? 'and ' : ''}the words ${words.join(', ')} (misspellings too)` : '',
    ].filter(Boolean).join(' ');
    setHeading(`Search: “${text}”`, [
      h('span', { 'data-testid': 'searched' }, `Searched ${listing(kinds.map((k) => KIND[k]))} for ${what || 'nothing (no words)'}. `),
      `${plural(r.totalCount, 'match', 'matches')}${r.totalIsLowerBound ? ' or more' : ''}, best first.`,
    ]);
    drawSearch();
    announce(`${plural(r.totalCount, 'match', 'matches')} for “${text}”. Showing ${hits.length}.`);
  });
}

const listing = (xs) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : xs.join(''));

/** The statements the hits point at, grouped by speaker, both in the order of the best hit. */
async function statementGroups(hits) {
  const ids = [...new Set(hits.map((x) => (x.kind === 'STATEMENT' ? x.node.id : x.kind === 'QUOTE' ? x.node.statement?.id : null)).filter(Boolean))];
  if (!ids.length) return [];
  const found = (await gql(STATEMENTS, { where: { id: { in: ids } } })).statements.edges.map((e) => e.node);
  const byId = new Map(found.map((st) => [st.id, st]));
  const groups = new Map();
  for (const id of ids) {
    const st = byId.get(id);
    if (!st?.speaker) continue;
    if (!groups.has(st.speaker.id)) groups.set(st.speaker.id, { speaker: st.speaker, statements: [] });
    groups.get(st.speaker.id).statements.push(st);
  }
  return [...groups.values()];
}

function drawSearch() {
  const { result, hits, groups, text } = view;
  const empty = hits.length ? 'The matches name no attributed statement: see the list.' : `Nothing matches “${text}”: try fewer or other words.`;
  graph.show(groups, { empty });
  const list = $('who-list');
  list.replaceChildren(...(hits.length ? hits.map(hitItem) : [h('li', { class: 'empty' }, `Nothing matches “${text}”.`)]));
  paging(hits.length, result.totalCount, result.pageInfo.hasNextPage, 'match', 'matches');
}

function hitItem(x) {
  const n = x.node;
  const article = x.kind === 'ARTICLE' ? n : n.article;
  const href =
    x.kind === 'SPEAKER' ? hrefWith({ speaker: n.id })
    : x.kind === 'STATEMENT' ? hrefWith({ statement: n.id })
    : x.kind === 'QUOTE' && n.statement ? hrefWith({ statement: n.statement.id })
    : hrefWith({ article: article.id });
  const node = x.kind === 'SPEAKER' ? n.id : x.kind === 'STATEMENT' ? n.id : n.statement?.id;
  const meta = [
    x.kind === 'SPEAKER' ? `${plural(n.statementCount, 'statement')}${n.roles?.length ? ` · ${n.roles[0]}` : ''}` : null,
    n.speaker ? n.speaker.name : null,
    article ? [article.outlet?.name ?? 'outlet not named', article.caption, fmtDate(article.published, 'undated')].join(' · ') : null,
  ].filter(Boolean);
  return h('li', { class: `hit-item hit-${x.kind.toLowerCase()}`, 'data-testid': 'hit' },
    h('p', { class: 'hit-kind' }, HIT_LABEL[x.kind], x.exact ? h('span', { class: 'badge exact' }, 'exact') : null),
    h('a', { href, class: 'hit-text', 'data-node': node ?? '' }, x.kind === 'SPEAKER' ? highlighted(x.text, x.highlights) : h('q', {}, highlighted(x.text, x.highlights))),
    meta.length ? h('span', { class: 'meta' }, meta.join(' — ')) : null,
  );
}

function moreSearch() {
  const before = view.hits.length;
  return load('overview', 'Loading more matches…', async (current) => {
    const { searchResults: r } = await gql(SEARCH, { text: view.text, after: view.result.pageInfo.endCursor });
    const hits = [...view.hits, ...r.edges.map((e) => e.node)];
    const groups = await statementGroups(hits);
    if (!current()) return;
    Object.assign(view, { result: r, hits, groups });
    drawSearch();
    $('who-list').children[before]?.querySelector('a')?.focus();
    announce(`Showing ${hits.length} of ${plural(r.totalCount, 'match', 'matches')}.`);
  });
}

// ------------------------------------------------------------------ shared: list, paging, export

function speakerList(groups, emptyText) {
  const list = $('who-list');
  if (!groups.length) {
    list.replaceChildren(h('li', { class: 'empty' }, emptyText));
    return;
  }
  list.replaceChildren(
    ...groups.map(({ speaker, statements }) =>
      h('li', { class: 'who-speaker', 'data-testid': `speaker-${slug(speaker.id)}` },
        h('div', { class: 'who-head' },
          h('a', { href: hrefWith({ speaker: speaker.id }), class: 'speaker-link', 'data-id': speaker.id, 'data-node': speaker.id, 'data-testid': `speaker-link-${slug(speaker.id)}` }, speaker.name),
          speaker.roles?.length ? h('span', { class: 'roles' }, truncate(speaker.roles[0], 60)) : null,
          h('span', { class: 'roles' }, `· ${plural(statements.length, 'statement')}`)),
        h('ul', { class: 'who-statements' },
          statements.map((st) =>
            h('li', {},
              h('a', { href: hrefWith({ statement: st.id }), class: 'statement-link', 'data-id': st.id, 'data-node': `st:${st.id}`, 'data-testid': `statement-${slug(st.id)}` },
                h('q', {}, truncate(st.canonical, 150))),
              h('span', { class: 'meta' }, `${fmtDate(st.saidOn)} · ${outletNames(st.reports)}`))),
        ),
      ),
    ),
  );
}

export function outletNames(reports) {
  const names = [...new Set((reports ?? []).map((r) => r.outlet?.name).filter(Boolean))];
  return names.length ? names.join(', ') : 'outlet not named';
}

function paging(shown, total, more, one = 'speaker', many = `${one}s`) {
  $('view-tools').hidden = !total;
  $('showing').textContent = total ? `Showing ${shown} of ${plural(total, one, many)}` : '';
  $('more').hidden = !more;
  $('more').textContent = `Show ${Math.min(20, total - shown)} more`;
}

/** The current view's statements with every report and its provenance, as a download. */
async function exportView(format) {
  if (!view) return;
  const ids = view.groups.flatMap((g) => g.statements.map((st) => st.id));
  const state = readHash();
  await load('overview-export', `Preparing ${format.toUpperCase()} of ${plural(ids.length, 'statement')}…`, async () => {
    const statements = [];
    for (let i = 0; i < ids.length; i += 25) {
      const { statements: page } = await gql(EXPORT, { ids: ids.slice(i, i + 25) });
      const byId = new Map(page.edges.map((e) => [e.node.id, e.node]));
      statements.push(...ids.slice(i, i + 25).map((id) => byId.get(id)).filter(Boolean));
    }
    const rows = exportRows(statements, { minConfidence: state.sure ? SURE : 0 });
    const name = `quotegraph-${slug(view.name) || 'view'}`;
    if (format === 'csv') download(`${name}.csv`, 'text/csv;charset=utf-8', toCsv(rows));
    else download(`${name}.json`, 'application/json', toJson(rows));
    announce(`Downloaded ${plural(rows.length, 'row')} as ${format.toUpperCase()}.`);
  });
}
