// The picture of an answer: speakers -> statements -> outlets, laid out left to right with fcose.
import cytoscape from './vendor/cytoscape.mjs';
import { truncate } from './dom.js';

let fcoseReady = false;
function useFcose() {
  // the UMD bundles load as deferred classic scripts, which run before this module
  if (!fcoseReady && window.cytoscapeFcose) {
    cytoscape.use(window.cytoscapeFcose);
    fcoseReady = true;
  }
  return fcoseReady;
}

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

/** Left-to-right reading order for fcose: each speaker before its statements, each statement before its outlets. */
function flowConstraints(edges) {
  return edges.map((e) => ({ left: e.data.source, right: e.data.target, gap: e.classes === 'said' ? 190 : 200 }));
}

export class AnswerGraph {
  /** onSelect({ kind: 'speaker' | 'statement' | 'outlet', ref }) */
  constructor(container, onSelect) {
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.2,
      maxZoom: 2.5,
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
    this.cy.elements().remove();
    this.cy.add([...nodes, ...edges]);
    const layout = useFcose() && nodes.length > 2
      ? {
          name: 'fcose',
          quality: 'proof',
          randomize: true,
          animate: false,
          nodeDimensionsIncludeLabels: true,
          idealEdgeLength: 90,
          nodeRepulsion: 9000,
          nodeSeparation: 60,
          relativePlacementConstraint: flowConstraints(edges),
          padding: 24,
        }
      : { name: 'breadthfirst', directed: true, padding: 24, animate: false };
    this.cy.layout(layout).run();
    this.cy.fit(undefined, 24);
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
    this.cy.fit(undefined, 24);
  }
}
