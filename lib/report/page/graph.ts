/// <reference lib="dom" />
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { el } from './dom';
import type { Select } from './matrix';
import type { PageEndpoint, PageModel } from './page-model';
import { provide } from './parts';

/** Above this many workloads the graph starts with one node per namespace; a namespace opens on a click. */
const WORKLOAD_NODES_UP_TO = 150;
/** Above this many nodes the force-directed layout would hold the page too long: a grid instead. */
const FORCE_LAYOUT_UP_TO = 600;
/** Above this many nodes the layout's polishing phase runs fewer iterations (fcose's default is 2,500). */
const SHORT_LAYOUT_ABOVE = 80;
/** Above this many edges, fully allowed pairs are hidden at first: they hide the ones policies shape. */
const ALL_EDGES_UP_TO = 150;

cytoscape.use(fcose);

interface Filters {
  namespace: string;
  workload: string;
  port: string;
  direction: 'both' | 'outgoing' | 'incoming';
  /** Hide pairs that allow every connection (and did not change). */
  shaped: boolean;
}

/**
 * The graph view: workloads inside their namespaces (compound nodes), outside endpoints as their
 * own nodes, an edge per connected pair (or namespace pair when collapsed). Drawn with cytoscape
 * when the view is first shown (its container must have a size). Above SHORT_LAYOUT_ABOVE nodes
 * that first layout is fcose's draft (its spectral phase alone), drawn at once; the force-directed
 * polish runs in the next task, so the draft shows while it runs. The returned function is called
 * on each later showing.
 */
export function drawGraph(container: HTMLElement, model: PageModel, select: Select): () => void {
  const opened = new Set<string>(model.workloads <= WORKLOAD_NODES_UP_TO ? model.groups : []);
  const filters: Filters = { namespace: '', workload: '', port: '', direction: 'both', shaped: false };
  let elements = graphElements(model, opened, filters);
  filters.shaped = elements.length > ALL_EDGES_UP_TO;
  if (filters.shaped) elements = graphElements(model, opened, filters);
  const canvas = el('div', { id: 'graph', role: 'img', 'aria-label': 'graph of the allowed connections; the matrices carry the same facts as text' });
  const summary = el('p', { class: 'meta', 'aria-live': 'polite' });
  container.replaceChildren(filterForm(model, filters, () => redraw()), summary, canvas);
  const cy = cytoscape({
    container: canvas,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 9, 'background-color': '#57606a', width: 14, height: 14 } },
      { selector: 'node[kind = "namespace"]', style: { 'background-color': '#eaeef2', 'border-color': '#8c959f', 'border-width': 1, shape: 'round-rectangle', 'text-valign': 'top', 'font-size': 11 } },
      { selector: 'node[kind = "outside"]', style: { shape: 'diamond', 'background-color': '#8250df' } },
      { selector: 'edge', style: { width: 1, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.6, 'line-color': '#1a7f37', 'target-arrow-color': '#1a7f37' } },
      { selector: 'edge[level = "some"]', style: { 'line-color': '#b35900', 'target-arrow-color': '#b35900' } },
      { selector: 'edge[change = "added"]', style: { 'line-color': '#cf222e', 'target-arrow-color': '#cf222e', width: 2.5 } },
      { selector: 'edge[change = "removed"]', style: { 'line-color': '#0969da', 'target-arrow-color': '#0969da', 'line-style': 'dashed', width: 2 } },
    ],
  });
  cy.on('tap', 'node[kind = "namespace"]', (event) => {
    const group = event.target.id().slice('ns:'.length);
    if (opened.has(group)) opened.delete(group);
    else opened.add(group);
    redraw();
  });
  cy.on('tap', 'edge', (event) => {
    const { sources, destinations, label } = event.target.data() as { sources: string[]; destinations: string[]; label: string };
    select(sources.map((name) => model.endpoint(name) as PageEndpoint), destinations.map((name) => model.endpoint(name) as PageEndpoint), label);
  });
  let first = true;
  const layOut = (nodes: number, quality: 'draft' | 'default', randomize = true) => {
    const layout = cy.layout(nodes <= FORCE_LAYOUT_UP_TO ? { name: 'fcose', animate: false, quality, randomize, numIter: nodes <= SHORT_LAYOUT_ABOVE ? 2500 : 400, nodeDimensionsIncludeLabels: true } as cytoscape.LayoutOptions : { name: 'grid' });
    layout.one('layoutstop', () => {
      // What the drawing shows: a draft, or the force-directed layout (the browser test reads it).
      canvas.setAttribute('data-layout', quality === 'draft' ? 'draft' : 'polished');
      // The polish starts from the draft's positions, after the draft is painted.
      if (quality === 'draft') requestAnimationFrame(() => setTimeout(() => layOut(nodes, 'default', false), 0));
    });
    layout.run();
  };
  const redraw = (fresh = true) => {
    if (fresh) elements = graphElements(model, opened, filters);
    cy.elements().remove();
    cy.add(elements);
    const nodes = elements.filter((element) => element.group === 'nodes').length;
    const edges = elements.length - nodes;
    summary.textContent = `${nodes} nodes, ${edges} edges${opened.size < model.groups.length ? '; click a namespace to show its workloads' : ''}`;
    layOut(nodes, first && nodes > SHORT_LAYOUT_ABOVE && nodes <= FORCE_LAYOUT_UP_TO ? 'draft' : 'default');
    first = false;
  };
  redraw(false);
  return () => cy.resize();
}

function filterForm(model: PageModel, filters: Filters, changed: () => void): HTMLElement {
  const namespaces = el('select', { id: 'filter-namespace' }, el('option', { value: '' }, 'every namespace'), ...model.groups.map((group) => el('option', { value: group }, group)));
  const workload = el('input', { id: 'filter-workload', type: 'search', placeholder: 'name contains' });
  const port = el('input', { id: 'filter-port', type: 'search', placeholder: 'e.g. TCP 8080' });
  const direction = el('select', { id: 'filter-direction' }, ...['both', 'outgoing', 'incoming'].map((value) => el('option', { value }, value)));
  const shaped = el('input', { id: 'filter-shaped', type: 'checkbox', ...(filters.shaped && { checked: '' }) });
  const update = () => {
    filters.namespace = (namespaces as HTMLSelectElement).value;
    filters.workload = (workload as HTMLInputElement).value.trim();
    filters.port = (port as HTMLInputElement).value.trim().toUpperCase();
    filters.direction = (direction as HTMLSelectElement).value as Filters['direction'];
    filters.shaped = (shaped as HTMLInputElement).checked;
    changed();
  };
  for (const input of [namespaces, workload, port, direction, shaped]) input.addEventListener('change', update);
  const label = (text: string, input: HTMLElement) => el('label', {}, `${text} `, input);
  return el('div', { class: 'filters', role: 'group', 'aria-label': 'graph filters' }, label('Namespace', namespaces), label('Workload', workload), label('Port', port), label('Direction', direction), label('Hide fully allowed pairs', shaped));
}

type Element = cytoscape.ElementDefinition;

// Nodes and edges: a namespace not opened is one node; edges join what is shown, aggregated.
function graphElements(model: PageModel, opened: ReadonlySet<string>, filters: Filters): Element[] {
  const nodeOf = (endpoint: PageEndpoint) => (endpoint.kind === 'workload' && !opened.has(endpoint.group) ? `ns:${endpoint.group}` : endpoint.name);
  const focused = (endpoint: PageEndpoint) =>
    (!filters.namespace || endpoint.group === filters.namespace) && (!filters.workload || endpoint.name.includes(filters.workload));
  const filtering = Boolean(filters.namespace || filters.workload);
  const edges = new Map<string, { source: string; target: string; sources: Set<string>; destinations: Set<string>; level: string; change: string; ports: Set<string> }>();
  const add = (from: string, to: string, sources: readonly PageEndpoint[], destinations: readonly PageEndpoint[], level: string, change: string, ports: string) => {
    if (from === to) return;
    const key = `${from}\u0000${to}`;
    const edge = edges.get(key) ?? { source: from, target: to, sources: new Set(), destinations: new Set(), level, change: '', ports: new Set() };
    sources.forEach((endpoint) => edge.sources.add(endpoint.name));
    destinations.forEach((endpoint) => edge.destinations.add(endpoint.name));
    edge.ports.add(ports);
    if (level === 'some') edge.level = 'some';
    if (change === 'added' || change === 'changed') edge.change = 'added';
    else if (change === 'removed' && edge.change !== 'added') edge.change = 'removed';
    edges.set(key, edge);
  };
  const wanted = (source: PageEndpoint, destination: PageEndpoint) => {
    if (!filtering) return true;
    const [outgoing, incoming] = [focused(source), focused(destination)];
    return filters.direction === 'outgoing' ? outgoing : filters.direction === 'incoming' ? incoming : outgoing || incoming;
  };
  for (const from of model.groups) {
    for (const to of model.groups) {
      const whole = model.groupCells.get(from)?.get(to);
      if (!whole || (whole.connected === 0 && whole.added === 0 && whole.removed === 0)) continue;
      if (filters.shaped && whole.level === 'all' && whole.added === 0 && whole.removed === 0) continue;
      const sources = model.endpointsOf(from, 'source');
      const destinations = model.endpointsOf(to, 'destination');
      // No filter, and each end a closed namespace or an outside endpoint (a group of its own): the
      // namespace cell is the edge, and no pair is evaluated (the page draws it before evaluating).
      const asGroup = (endpoints: readonly PageEndpoint[]) => endpoints[0].kind !== 'workload' || nodeOf(endpoints[0]) !== endpoints[0].name;
      if (!filtering && !filters.port && asGroup(sources) && asGroup(destinations)) {
        const change = whole.added > 0 ? 'added' : whole.removed > 0 ? 'removed' : '';
        add(nodeOf(sources[0]), nodeOf(destinations[0]), sources, destinations, whole.level, change, `${whole.connected} of ${whole.pairs} pairs connected`);
        continue;
      }
      for (const source of sources) {
        for (const destination of destinations) {
          if (!wanted(source, destination)) continue;
          const cell = model.cell(source, destination);
          if (!cell || (cell.level === 'none' && !cell.change) || (filters.shaped && cell.level === 'all' && !cell.change)) continue;
          if (filters.port && !cell.text.toUpperCase().includes(filters.port) && cell.text !== 'All Connections') continue;
          add(nodeOf(source), nodeOf(destination), [source], [destination], cell.level, cell.change ?? '', cell.text);
        }
      }
    }
  }
  const used = new Set([...edges.values()].flatMap((edge) => [edge.source, edge.target]));
  const nodes: Element[] = [];
  for (const group of model.groups) {
    const members = [...new Set([...model.endpointsOf(group, 'source'), ...model.endpointsOf(group, 'destination')])];
    if (members.length > 0 && members[0].kind !== 'workload') {
      if (used.has(group) || !filtering) nodes.push({ group: 'nodes', data: { id: group, label: group, kind: 'outside' } });
      continue;
    }
    const shown = opened.has(group) ? [...new Map(members.map((member) => [member.name, member])).values()].filter((member) => used.has(member.name) || (!filtering && members.length > 0)) : [];
    if (!opened.has(group) && !used.has(`ns:${group}`) && filtering) continue;
    if (opened.has(group) && shown.length === 0) continue;
    nodes.push({ group: 'nodes', data: { id: `ns:${group}`, label: group, kind: 'namespace' } });
    for (const member of shown) nodes.push({ group: 'nodes', data: { id: member.name, label: member.name.slice(group.length + 1), parent: `ns:${group}`, kind: 'workload' } });
  }
  const ids = new Set(nodes.map((node) => node.data.id));
  const edgeElements: Element[] = [...edges.values()]
    .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
    .map((edge, index) => ({
      group: 'edges',
      data: { id: `e${index}`, source: edge.source, target: edge.target, level: edge.level, change: edge.change, sources: [...edge.sources], destinations: [...edge.destinations], label: `${edge.source} → ${edge.target}: ${[...edge.ports].join('; ')}` },
    }));
  return [...nodes, ...edgeElements];
}

provide('graph', { drawGraph });
