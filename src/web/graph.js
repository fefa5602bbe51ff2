// The picture of an answer, read left to right: who (speakers) -> said what (statements) -> reported by whom
// (outlets). A layered layout, not a force-directed one: with every statement in one column nothing overlaps, and
// a speaker or outlet sits level with the statements it connects to, so the picture reads like the sentence.
// A busy answer (or a narrow screen) draws only the top speakers and outlets, one edge per pair weighted by its
// reports, so labels stay readable; every node shows its full text on hover, and the list beside it on focus.
import cytoscape from './vendor/cytoscape.mjs';
import { plural, truncate } from './dom.js';

const ROW = 62; // px between statements
const OUTLET_ROW = 70; // at least this between outlets
const AGG_ROW = 54; // px between speakers in the busy picture
/** More statements than this, or a canvas narrower than NARROW px, and the picture is aggregated. */
export const BUSY = 24;
const NARROW = 600;
const TOP_SPEAKERS = 12;
const TOP_OUTLETS = 10;
const COLORS = { speaker: '#4338ca', statement: '#b45309', outlet: '#0f766e', ink: '#1f2937', line: '#cbd5e1' };

const STYLE = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-family': 'Inter, "Segoe UI", system-ui, sans-serif',
      'font-size': 11,
      color: COLORS.ink,
      'text-wrap': 'wrap',
      'text-max-width': 130,
      'text-valign': 'bottom',
      'text-margin-y': 5,
      'min-zoomed-font-size': 6,
    },
  },
  {
    selector: 'node.speaker',
    style: {
      shape: 'ellipse',
      'background-color': COLORS.speaker,
      width: 'mapData(weight, 1, 8, 30, 54)',
      height: 'mapData(weight, 1, 8, 30, 54)',
      'font-size': 12,
      'font-weight': 600,
    },
  },
  {
    selector: 'node.statement',
    style: {
      shape: 'round-rectangle',
      'background-color': '#fffbeb',
      'border-color': COLORS.statement,
      'border-width': 1.5,
      width: 150,
      height: 46,
      'text-valign': 'center',
      'text-margin-y': 0,
      'text-max-width': 138,
      'font-size': 10,
      'font-style': 'italic',
    },
  },
  {
    selector: 'node.outlet',
    style: {
      shape: 'round-hexagon',
      'background-color': COLORS.outlet,
      width: 'mapData(weight, 1, 8, 26, 44)',
      height: 'mapData(weight, 1, 8, 24, 40)',
      'font-weight': 600,
    },
  },
  {
    selector: 'edge',
    style: {
      width: 1.4,
      'line-color': COLORS.line,
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': COLORS.line,
      'arrow-scale': 0.8,
    },
  },
  // the busy picture: names beside their nodes, speakers' to the left and outlets' to the right, so rows stay apart
  { selector: 'node.agg', style: { 'text-valign': 'center', 'text-max-width': 190, 'text-margin-y': 0, 'font-size': 12.5 } },
  { selector: 'node.agg.speaker', style: { 'text-halign': 'left', 'text-margin-x': -8, width: 'mapData(weight, 1, 8, 22, 36)', height: 'mapData(weight, 1, 8, 22, 36)' } },
  { selector: 'node.agg.outlet', style: { 'text-halign': 'right', 'text-margin-x': 8 } },
  { selector: 'edge.quoted', style: { width: 'data(width)', 'line-color': '#94a3b8', 'target-arrow-color': '#94a3b8', opacity: 0.8 } },
  { selector: 'edge.reported', style: { 'line-style': 'dashed', 'line-dash-pattern': [5, 4], width: 'mapData(weight, 1, 4, 1.4, 3.4)' } },
  { selector: '.faded', style: { opacity: 0.22 } },
  {
    selector: 'node:selected, node.focus',
    style: { 'border-width': 3, 'border-color': '#f59e0b', 'underlay-color': '#fde68a', 'underlay-opacity': 0.6, 'underlay-padding': 5 },
  },
];

/**
 * Elements from groups of { speaker, statements[] } (whoSaid's shape): one node per speaker, statement and outlet;
 * SAID edges, and one REPORTED edge per statement and outlet weighted by how many of its articles carried it.
 */
export function elementsFor(groups) {
  const nodes = new Map();
  const edges = [];
  const outletWeight = new Map();
  for (const { speaker, statements } of groups) {
    nodes.set(speaker.id, { data: { id: speaker.id, kind: 'speaker', label: speaker.name, weight: statements.length, full: `${speaker.name}: ${plural(statements.length, 'statement')}` }, classes: 'speaker' });
    for (const st of statements) {
      const stId = `st:${st.id}`;
      nodes.set(stId, { data: { id: stId, ref: st.id, kind: 'statement', label: `“${truncate(st.canonical, 58)}”`, full: `${speaker.name}: “${truncate(st.canonical, 400)}”` }, classes: 'statement' });
      edges.push({ data: { id: `${speaker.id}->${stId}`, source: speaker.id, target: stId }, classes: 'said' });
      const perOutlet = new Map();
      for (const r of st.reports ?? []) if (r.outlet) perOutlet.set(r.outlet.key, { outlet: r.outlet, n: (perOutlet.get(r.outlet.key)?.n ?? 0) + 1 });
      for (const { outlet, n } of perOutlet.values()) {
        const oId = `outlet:${outlet.key}`;
        outletWeight.set(oId, (outletWeight.get(oId) ?? 0) + n);
        nodes.set(oId, { data: { id: oId, ref: outlet.name, kind: 'outlet', label: outlet.name }, classes: 'outlet' });
        edges.push({ data: { id: `${stId}->${oId}`, source: stId, target: oId, weight: n }, classes: 'reported' });
      }
    }
  }
  for (const [id, w] of outletWeight) {
    const n = nodes.get(id);
    n.data.weight = w;
    n.data.full = `${n.data.label}: ${plural(w, 'report')} here`;
  }
  return { nodes: [...nodes.values()], edges };
}

/**
 * The busy picture: the first TOP_SPEAKERS speakers (the answer's order: most statements first, or best search
 * match first) and the top outlets (`outlets`, the answer's ranking over every page, else counted here), one
 * QUOTED edge per speaker and outlet weighted by how many reports link them.
 */
export function aggregatedFor(groups, outlets = null) {
  const perPair = new Map();
  const perOutlet = new Map();
  const speakers = groups.slice(0, TOP_SPEAKERS);
  for (const { speaker, statements } of speakers) {
    for (const st of statements) {
      for (const r of st.reports ?? []) {
        if (!r.outlet) continue;
        const key = `${speaker.id}|${r.outlet.key}`;
        perPair.set(key, { speaker, outlet: r.outlet, n: (perPair.get(key)?.n ?? 0) + 1 });
        perOutlet.set(r.outlet.key, { outlet: r.outlet, count: (perOutlet.get(r.outlet.key)?.count ?? 0) + 1 });
      }
    }
  }
  const ranking = outlets?.length ? outlets : [...perOutlet.values()].sort((a, b) => b.count - a.count);
  const top = ranking.filter((o) => perOutlet.has(o.outlet.key)).slice(0, TOP_OUTLETS);
  const shown = new Set(top.map((o) => o.outlet.key));
  const nodes = speakers.map(({ speaker, statements }) => ({
    data: { id: speaker.id, kind: 'speaker', label: speaker.name, weight: statements.length, full: `${speaker.name}: ${plural(statements.length, 'statement')}` },
    classes: 'speaker agg',
  }));
  for (const { outlet, count } of top) {
    nodes.push({ data: { id: `outlet:${outlet.key}`, ref: outlet.name, kind: 'outlet', label: outlet.name, weight: count, full: `${outlet.name}: ${plural(count, 'report')}` }, classes: 'outlet agg' });
  }
  const max = Math.max(1, ...[...perPair.values()].map((p) => p.n));
  const edges = [...perPair.values()]
    .filter((p) => shown.has(p.outlet.key))
    .map(({ speaker, outlet, n }) => ({
      data: { id: `${speaker.id}->${outlet.key}`, source: speaker.id, target: `outlet:${outlet.key}`, weight: n, width: 1.5 + (6 * n) / max },
      classes: 'quoted',
    }));
  return { nodes, edges, outletsShown: top.length };
}

/** Speakers in a column in their order; each outlet level with the mean of the speakers it quotes, spread apart. */
function twoColumns(nodes, edges, column) {
  const pos = new Map();
  nodes.filter((n) => n.data.kind === 'speaker').forEach((n, i) => pos.set(n.data.id, { x: 0, y: i * AGG_ROW }));
  const ys = new Map();
  for (const e of edges) ys.set(e.data.target, [...(ys.get(e.data.target) ?? []), pos.get(e.data.source).y]);
  const outlets = nodes
    .filter((n) => n.data.kind === 'outlet')
    .map((n) => ({ id: n.data.id, y: (ys.get(n.data.id) ?? [0]).reduce((a, b) => a + b, 0) / (ys.get(n.data.id)?.length ?? 1) }))
    .sort((a, b) => a.y - b.y);
  for (let i = 1; i < outlets.length; i++) outlets[i].y = Math.max(outlets[i].y, outlets[i - 1].y + AGG_ROW);
  for (const o of outlets) pos.set(o.id, { x: column, y: o.y });
  return pos;
}

/**
 * Positions for elementsFor's nodes: statements stacked in speaker order (a gap between speakers), each speaker at
 * the middle of its statements, each outlet at the mean height of the statements it reported (then spread apart).
 */
export function layered(nodes, edges, column = 280) {
  const pos = new Map();
  const outletsOf = new Map();
  const statementsOf = new Map();
  for (const e of edges) {
    const map = e.classes === 'said' ? statementsOf : outletsOf;
    if (!map.has(e.data.source)) map.set(e.data.source, []);
    map.get(e.data.source).push(e.data.target);
  }
  // statements reported by the same outlets sit together: order a speaker's statements by their first outlet
  const outletRank = new Map(
    nodes.filter((n) => n.data.kind === 'outlet').sort((a, b) => b.data.weight - a.data.weight).map((n, i) => [n.data.id, i]),
  );
  const firstOutlet = (st) => Math.min(Infinity, ...(outletsOf.get(st) ?? []).map((o) => outletRank.get(o)));
  let y = 0;
  for (const sp of nodes.filter((n) => n.data.kind === 'speaker')) {
    const sts = [...(statementsOf.get(sp.data.id) ?? [])].sort((a, b) => firstOutlet(a) - firstOutlet(b));
    const top = y;
    for (const st of sts) {
      pos.set(st, { x: column, y });
      y += ROW;
    }
    pos.set(sp.data.id, { x: 0, y: sts.length ? (top + y - ROW) / 2 : y });
    y += ROW / 2;
  }
  const reporters = new Map();
  for (const [st, outlets] of outletsOf) for (const o of outlets) reporters.set(o, [...(reporters.get(o) ?? []), pos.get(st).y]);
  const outlets = [...reporters.entries()]
    .map(([id, ys]) => ({ id, y: ys.reduce((a, b) => a + b, 0) / ys.length }))
    .sort((a, b) => a.y - b.y);
  for (let i = 1; i < outlets.length; i++) outlets[i].y = Math.max(outlets[i].y, outlets[i - 1].y + OUTLET_ROW);
  for (const o of outlets) pos.set(o.id, { x: 2 * column, y: o.y });
  return pos;
}

export class AnswerGraph {
  /** onSelect({ kind: 'speaker' | 'statement' | 'outlet', ref }) */
  constructor(container, onSelect) {
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.2,
      maxZoom: 1.4,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      autoungrabify: false,
    });
    this.tip = container.parentElement.querySelector('.graph-tip');
    this.empty = container.parentElement.querySelector('.graph-empty');
    this.caption = container.parentElement.querySelector('.graph-caption');
    this.cy.on('tap', 'node', (evt) => {
      const d = evt.target.data();
      onSelect({ kind: d.kind, ref: d.ref ?? d.id });
    });
    // hovering a node fades what is not connected to it and shows its full text
    this.cy.on('mouseover', 'node', (evt) => this.spotlight(evt.target));
    this.cy.on('mouseout', 'node', () => this.spotlight(null));
    // the canvas follows its box (a narrowed window, a rotated phone), never the other way round
    new ResizeObserver(() => this.cy.resize()).observe(container);
    // the page's tests (and curious users in the console) can find nodes on the canvas
    container.cy = this.cy;
  }

  /**
   * Draws groups of { speaker, statements[] }: every statement when few, else the top speakers and outlets.
   * `outlets`: the answer's outlet ranking ({ outlet, count }) over every page; `total`: speakers over every page.
   */
  show(groups, { outlets = null, total = groups.length, empty = '' } = {}) {
    const width = this.cy.container().clientWidth || 800;
    const statements = groups.reduce((n, g) => n + g.statements.length, 0);
    const busy = statements > BUSY || width < NARROW;
    let nodes, edges, pos, note;
    if (busy) {
      const agg = aggregatedFor(groups, outlets);
      ({ nodes, edges } = agg);
      pos = twoColumns(nodes, edges, Math.min(420, Math.max(100, width - 380)));
      const speakers = nodes.length - agg.outletsShown;
      note = agg.outletsShown
        ? `Top ${speakers} of ${plural(total, 'speaker')} and their top ${plural(agg.outletsShown, 'outlet')}; a line’s width is how many reports link them. Hover a node for its full text.`
        : `Top ${speakers} of ${plural(total, 'speaker')}; their reports name no outlet. Hover a node for its full text.`;
    } else {
      ({ nodes, edges } = elementsFor(groups));
      pos = layered(nodes, edges, Math.min(280, Math.max(170, (width - 210) / 2)));
      note = '';
    }
    // a tall answer gets a taller canvas rather than ever smaller labels
    const bottom = Math.max(0, ...[...pos.values()].map((p) => p.y));
    this.cy.container().style.height = nodes.length ? `${Math.min(busy ? 760 : 900, Math.max(busy ? 300 : 420, bottom + 120))}px` : '200px';
    this.cy.resize();
    this.cy.elements().remove();
    this.cy.add([...nodes, ...edges]);
    this.cy.layout({ name: 'preset', positions: (n) => pos.get(n.id()), fit: true, padding: 36, animate: false }).run();
    this.caption.textContent = note;
    this.caption.hidden = !note;
    this.empty.textContent = empty;
    this.empty.hidden = nodes.length > 0;
    this.spotlight(null);
    return { busy };
  }

  /** Fades what is not connected to a node and shows its full text (null: back to normal). */
  spotlight(node) {
    this.cy.elements().removeClass('faded');
    if (!node || !node.length) {
      this.tip.hidden = true;
      return;
    }
    this.cy.elements().not(node.closedNeighborhood()).addClass('faded');
    const p = node.renderedPosition();
    this.tip.textContent = node.data('full') ?? node.data('label');
    this.tip.hidden = false;
    const box = this.cy.container();
    this.tip.style.left = `${Math.max(4, Math.min(p.x + 14, box.clientWidth - this.tip.offsetWidth - 4))}px`;
    this.tip.style.top = `${Math.max(4, Math.min(p.y + 14, box.clientHeight - this.tip.offsetHeight - 4))}px`;
  }

  /** The node of a list item (a statement id, speaker id or outlet name) spotlit while the item has focus. */
  hint(ref) {
    this.spotlight(ref ? this.nodeOf(ref) : null);
  }

  nodeOf(ref) {
    return this.cy.nodes().filter((n) => n.id() === ref || n.data('ref') === ref);
  }

  /** Highlights the node of what the detail panel shows (a statement id, speaker id or outlet name). */
  focus(ref) {
    this.cy.nodes().removeClass('focus');
    if (ref) this.nodeOf(ref).addClass('focus');
  }

  clear(empty = '') {
    this.cy.elements().remove();
    this.cy.container().style.height = '200px';
    this.caption.hidden = true;
    this.empty.textContent = empty;
    this.empty.hidden = !empty;
    this.tip.hidden = true;
  }
}
