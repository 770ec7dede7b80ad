/// <reference lib="dom" />
// The report page: evaluates the embedded manifests with the same evaluator as `netpol reach`,
// then draws the matrices, the graph and the lists; sets data-ready on #report when all are drawn.
import { analyse } from '../../analysis/analyse';
import { Endpoint } from '../../analysis/endpoints';
import { Port } from '../../model/port';
import { DATA_ELEMENT_ID, ReportData } from '../data';
import { ReportModel } from '../model';
import { groupText, pairText } from './cells';
import { el } from './dom';
import { drawGraph } from './graph';
import { drawMatrix } from './matrix';

const VIEWS = [
  { id: 'namespaces', title: 'Namespaces' },
  { id: 'workloads', title: 'Workloads' },
  { id: 'graph', title: 'Graph' },
  { id: 'protection', title: 'Isolated and unprotected' },
  { id: 'lint', title: 'Lint findings' },
] as const;

function start(): void {
  const root = document.getElementById('report') as HTMLElement;
  try {
    const data = JSON.parse((document.getElementById(DATA_ELEMENT_ID) as HTMLElement).textContent as string) as ReportData;
    const model = new ReportModel(data.versions.map((version) => analyse(version.manifests, data.engine)));
    performance.mark('netpol-evaluated');
    render(root, data, model);
  } catch (error) {
    root.replaceChildren(el('p', { class: 'banner', role: 'alert' }, `The report could not be drawn: ${(error as Error).message}`));
    root.setAttribute('data-error', 'true');
    throw error;
  }
}

function render(root: HTMLElement, data: ReportData, model: ReportModel): void {
  const explainPanel = el('aside', { id: 'explain', 'aria-live': 'polite', 'aria-label': 'explanation' }, el('h2', {}, 'Explain'), el('p', { class: 'meta' }, 'Choose a cell (click, or Enter) or a graph edge to see which policy and rule decide it.'));
  const select = (sources: readonly Endpoint[], destinations: readonly Endpoint[], title: string) => showSelection(explainPanel, model, sources, destinations, title);
  const tabs = el('nav', { role: 'tablist', 'aria-label': 'views' });
  const views = el('div', { class: 'views' });
  const panels = new Map<string, HTMLElement>();
  for (const view of VIEWS) {
    const tab = el('button', { role: 'tab', id: `tab-${view.id}`, 'aria-controls': `view-${view.id}`, 'aria-selected': String(view.id === 'namespaces'), type: 'button' }, view.title);
    const panel = el('section', { role: 'tabpanel', id: `view-${view.id}`, 'aria-labelledby': `tab-${view.id}` });
    if (view.id !== 'namespaces') panel.hidden = true;
    tab.addEventListener('click', () => {
      tabs.querySelectorAll('button').forEach((other) => other.setAttribute('aria-selected', String(other === tab)));
      panels.forEach((other, id) => (other.hidden = id !== view.id));
      if (view.id === 'graph') graphShown();
    });
    tabs.append(tab);
    views.append(panel);
    panels.set(view.id, panel);
  }
  root.replaceChildren(header(data, model), tabs, el('div', { class: 'layout' }, views, explainPanel));
  const legend = () =>
    el('p', { class: 'legend' }, ...[['all', '● all allowed'], ['some', '◐ partly allowed'], ['none', '○ denied']].map(([level, text]) => el('span', {}, el('span', { class: `swatch ${level}`, style: `background:var(--${level})` }), text)),
      ...(model.isDiff ? [el('span', {}, '▣ red outline: widened (added)'), el('span', {}, '⬚ blue dashed: narrowed (removed)')] : []));
  // The graph first: cytoscape measures its container, which is cheap while the page is small.
  const graph = el('div');
  const graphPanel = panels.get('graph') as HTMLElement;
  graphPanel.append(graph);
  // A graph laid out while hidden would have no size: it is drawn visible, then hidden.
  graphPanel.hidden = false;
  let graphDrawn = false;
  let matricesDrawn = false;
  const graphShown = drawGraph(graph, model, select, () => {
    graphPanel.hidden = true;
    graphDrawn = true;
    finish();
  });
  const namespaces = el('div');
  panels.get('namespaces')?.append(legend(), namespaces);
  drawMatrix(namespaces, model, select, false, 'namespace by namespace');
  const workloads = el('div');
  panels.get('workloads')?.append(legend(), el('p', { class: 'meta' }, 'Namespaces first: open one (its header) to see its workloads.'), workloads);
  drawMatrix(workloads, model, select, true, 'workload by workload');
  panels.get('protection')?.append(protectionList(model));
  panels.get('lint')?.append(findingsList(data));
  performance.mark('netpol-matrices-drawn');
  matricesDrawn = true;
  finish();

  function finish(): void {
    if (!graphDrawn || !matricesDrawn || root.hasAttribute('data-ready')) return;
    root.removeAttribute('aria-busy');
    performance.mark('netpol-ready');
    root.setAttribute('data-ready', 'true');
  }
}

function header(data: ReportData, model: ReportModel): HTMLElement {
  const engine = model.versions[model.versions.length - 1].policies.engine;
  const head = el('header', {}, el('h1', {}, data.title), el('p', { class: 'meta' }, `${data.versions.map((version) => version.label).join(' → ')} · engine: ${engine} · ${model.sources.filter((endpoint) => endpoint.kind === 'workload').length} workloads`));
  const notAnalysed = model.versions.flatMap((version, index) => version.policies.notAnalysed.map((item) => ({ ...item, version: data.versions[index].label })));
  if (notAnalysed.length > 0) {
    head.append(
      el('div', { class: 'banner', role: 'alert', id: 'partial' }, el('strong', {}, 'Partial read: what follows ignores what was not analysed.'),
        el('ul', {}, ...notAnalysed.map((item) => el('li', {}, `${model.isDiff ? `${item.version}: ` : ''}${item.policy}: ${item.feature}`)))),
    );
  }
  if (model.isDiff) {
    const { added, removed } = model.changeCounts();
    head.append(el('p', { class: 'summary', id: 'diff-summary' }, el('span', { class: 'added' }, `+${added} pairs widened (added)`), ' · ', el('span', { class: 'removed' }, `−${removed} pairs narrowed (removed)`)));
  }
  return head;
}

function showSelection(panel: HTMLElement, model: ReportModel, sources: readonly Endpoint[], destinations: readonly Endpoint[], title: string): void {
  const heading = el('h2', {}, 'Explain');
  if (sources.length === 1 && destinations.length === 1) {
    const [source, destination] = [sources[0], destinations[0]];
    const cell = model.cell(source, destination);
    const port = el('input', { type: 'search', id: 'explain-port', placeholder: 'TCP/8080 (blank: every connection)', 'aria-label': 'port to explain' });
    const answer = el('pre', { id: 'explain-text' }, model.explain(source.name, destination.name));
    port.addEventListener('change', () => {
      const text = (port as HTMLInputElement).value.trim();
      try {
        answer.textContent = model.explain(source.name, destination.name, text ? Port.parse(text) : undefined);
      } catch (error) {
        answer.textContent = (error as Error).message;
      }
    });
    panel.replaceChildren(heading, el('p', {}, el('strong', {}, `${source.name} → ${destination.name}`)), el('p', {}, cell ? pairText(cell) : 'not applicable'), port, answer);
    return;
  }
  const cell = model.combined(sources, destinations);
  const list = el('ul', { class: 'pairs' });
  let shown = 0;
  for (const source of sources) {
    for (const destination of destinations) {
      const pair = model.cell(source, destination);
      if (!pair || shown >= 200) continue;
      shown++;
      const button = el('button', { type: 'button' }, `${source.name} → ${destination.name}: ${pairText(pair)}`);
      button.addEventListener('click', () => showSelection(panel, model, [source], [destination], ''));
      list.append(el('li', {}, button));
    }
  }
  panel.replaceChildren(heading, el('p', {}, el('strong', {}, title.split(':')[0])), el('p', {}, groupText(cell)), el('p', { class: 'meta' }, shown < cell.pairs ? `the first ${shown} pairs:` : 'its pairs:'), list);
}

function protectionList(model: ReportModel): HTMLElement {
  const rows = model.protection();
  if (rows.length === 0) return el('p', {}, 'Every workload is selected by a policy in both directions and has some connection.');
  const describe = { unprotected: 'unprotected (no policy selects it)', isolated: 'isolated (nothing gets through)', restricted: 'restricted' };
  return el('table', { class: 'list', id: 'protection-list' }, el('thead', {}, el('tr', {}, el('th', {}, 'Workload'), el('th', {}, 'Incoming'), el('th', {}, 'Outgoing'))),
    el('tbody', {}, ...rows.map((row) => el('tr', {}, el('td', {}, row.name), el('td', {}, describe[row.ingress]), el('td', {}, describe[row.egress])))));
}

function findingsList(data: ReportData): HTMLElement {
  if (data.findings.length === 0) return el('p', { id: 'lint-findings' }, 'No lint findings.');
  return el('table', { class: 'list', id: 'lint-findings' }, el('thead', {}, el('tr', {}, el('th', {}, 'Severity'), el('th', {}, 'Check'), el('th', {}, 'Policy'), el('th', {}, 'Finding'), el('th', {}, 'Fix'))),
    el('tbody', {}, ...data.findings.map((finding) => el('tr', {}, el('td', {}, finding.severity), el('td', {}, finding.id), el('td', {}, finding.policy ?? ''), el('td', {}, finding.message), el('td', {}, finding.fix ?? '')))));
}

start();
