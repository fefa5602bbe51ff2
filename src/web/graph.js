// The picture of an answer, read left to right: who (speakers) -> said what (statements) -> reported by whom
// (outlets). A layered layout, not a force-directed one: with every statement in one column nothing overlaps, and
// a speaker or outlet sits level with the statements it connects to, so the picture reads like the sentence.
import cytoscape from './vendor/cytoscape.mjs';
import { truncate } from './dom.js';

const COLUMN = 280; // px between the columns' centres
const ROW = 62; // px between statements
const OUTLET_ROW = 70; // at least this between outlets

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
    nodes.set(speaker.id, { data: { id: speaker.id, kind: 'speaker', label: speaker.name, weight: statements.length }, classes: 'speaker' });
    for (const st of statements) {
      const stId = `st:${st.id}`;
      nodes.set(stId, { data: { id: stId, ref: st.id, kind: 'statement', label: `“${truncate(st.canonical, 58)}”` }, classes: 'statement' });
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
  for (const [id, w] of outletWeight) nodes.get(id).data.weight = w;
  return { nodes: [...nodes.values()], edges };
}

/**
 * Positions for elementsFor's nodes: statements stacked in speaker order (a gap between speakers), each speaker at
 * the middle of its statements, each outlet at the mean height of the statements it reported (then spread apart).
 */
export function layered(nodes, edges) {
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
      pos.set(st, { x: COLUMN, y });
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
  for (const o of outlets) pos.set(o.id, { x: 2 * COLUMN, y: o.y });
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
    this.cy.on('tap', 'node', (evt) => {
      const d = evt.target.data();
      onSelect({ kind: d.kind, ref: d.ref ?? d.id });
    });
    // hovering a node fades what is not connected to it, so one speaker's statements stand out
    this.cy.on('mouseover', 'node', (evt) => {
      const keep = evt.target.closedNeighborhood();
      this.cy.elements().not(keep).addClass('faded');
    });
    this.cy.on('mouseout', 'node', () => this.cy.elements().removeClass('faded'));
    // the page's tests (and curious users in the console) can find nodes on the canvas
    container.cy = this.cy;
  }

  show(groups) {
    const { nodes, edges } = elementsFor(groups);
    const pos = layered(nodes, edges);
    // a tall answer gets a taller canvas rather than ever smaller labels
    const bottom = Math.max(0, ...[...pos.values()].map((p) => p.y));
    this.cy.container().style.height = `${Math.min(900, Math.max(420, bottom * 0.9 + 120))}px`;
    this.cy.resize();
    this.cy.elements().remove();
    this.cy.add([...nodes, ...edges]);
    this.cy.layout({ name: 'preset', positions: (n) => pos.get(n.id()), fit: true, padding: 36, animate: false }).run();
  }

  /** Highlights the node of what the detail panel shows (a statement id, speaker id or outlet name). */
  focus(ref) {
    this.cy.nodes().removeClass('focus');
    if (ref) this.cy.nodes().filter((n) => n.id() === ref || n.data('ref') === ref).addClass('focus');
  }

  clear() {
    this.cy.elements().remove();
  }

  resize() {
    this.cy.resize();
    this.cy.fit(undefined, 36);
  }
}
