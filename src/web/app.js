// The explorer: pick a topic or search, see who said what (graph + list), open a statement, a speaker, an outlet
// or an article. The view is the URL hash (state.js); overview.js draws the answer, detail.js the open detail.
import { gql, TOPICS } from './api.js';
import { closeDetail, hideDetail, showArticle, showOutlet, showSpeaker, showStatement } from './detail.js';
import { h, plural, slug } from './dom.js';
import { AnswerGraph } from './graph.js';
import { initOverview, showSearch, showTopic, showWelcome } from './overview.js';
import { FILTERS, navigate, readHash, setStatus } from './state.js';

const $ = (id) => document.getElementById(id);
const graph = new AnswerGraph($('graph'), ({ kind, ref }) => navigate({ [kind]: ref }));

const shown = { overview: null, detail: null };

async function route() {
  const state = readHash();
  const overview = state.topic ? `topic:${state.topic}:${FILTERS.map((k) => state[k] ?? '').join('|')}` : state.q ? `q:${state.q}` : null;
  const detail = state.statement ? `statement:${state.statement}:${state.sure ?? ''}` : state.speaker ? `speaker:${state.speaker}` : state.outlet ? `outlet:${state.outlet}` : state.article ? `article:${state.article}` : null;
  // a new view starts clean: an error about the last one no longer applies
  if (overview !== shown.overview || detail !== shown.detail) setStatus(null);
  markActiveTopic(state.topic);
  $('search-input').value = state.q ?? '';
  $('detail-hint').hidden = !overview || !!detail;
  const jobs = [];
  if (overview !== shown.overview) {
    shown.overview = overview;
    jobs.push(state.topic ? showTopic(state.topic, state) : state.q ? showSearch(state.q) : showWelcome());
  }
  if (detail !== shown.detail) {
    shown.detail = detail;
    jobs.push(
      state.statement ? showStatement(state.statement)
      : state.speaker ? showSpeaker(state.speaker)
      : state.outlet ? showOutlet(state.outlet)
      : state.article ? showArticle(state.article)
      : hideDetail(),
    );
  }
  await Promise.all(jobs);
  graph.focus(state.statement ? `st:${state.statement}` : (state.speaker ?? state.outlet));
  markActiveItem(state);
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
    return { topics, outlets: data.outlets.edges.map((e) => e.node) };
  } catch (e) {
    list.replaceChildren(h('li', { class: 'error' }, `Topics could not be loaded: ${e.message}`));
    return { topics: [], outlets: [] };
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

function markActiveItem(state) {
  for (const a of document.querySelectorAll('.statement-link')) a.classList.toggle('active', a.dataset.id === state.statement);
  for (const a of document.querySelectorAll('.speaker-link')) a.classList.toggle('active', a.dataset.id === state.speaker);
}

// ------------------------------------------------------------------ wiring

$('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = $('search-input').value.trim();
  if (q) navigate({ q });
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !$('detail').hidden && !e.defaultPrevented) {
    e.preventDefault();
    closeDetail();
  }
});
window.addEventListener('hashchange', route);

const { topics, outlets } = await loadTopics();
initOverview(graph, outlets);
// a first visit shows the busiest topic rather than an empty page
if (!location.hash && topics.length) navigate({ topic: topics[0].id });
else await route();
document.body.dataset.ready = 'true';
