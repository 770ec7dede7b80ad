/// <reference lib="dom" />
// The report page: draws the matrices, the graph and the lists from the snapshot `netpol report`
// embeds and sets data-ready on #report when all are drawn; then evaluates the embedded manifests
// with the same evaluator as `netpol reach`, for workloads' cells and explanations.
import { DATA_ELEMENT_ID, MANIFESTS_ELEMENT_ID, PageData } from '../data';
import { groupText, pairText } from './cells';
import { el } from './dom';
import { drawMatrix } from './matrix';
import { PageEndpoint, PageModel } from './page-model';
import { part } from './parts';

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
    const json = (id: string) => JSON.parse((document.getElementById(id) as HTMLElement).textContent as string);
    const data = json(DATA_ELEMENT_ID) as PageData;
    const model = new PageModel(data, () => json(MANIFESTS_ELEMENT_ID));
    render(root, data, model);
    // Once the rest of the file is parsed and the page painted (the frame after the next), so the
    // page shows before the evaluation holds its thread; a click that comes earlier evaluates at once.
    const evaluate = () => requestAnimationFrame(() => setTimeout(() => model.evaluate(), 0));
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', evaluate);
    else evaluate();
  } catch (error) {
    root.replaceChildren(el('p', { class: 'banner', role: 'alert' }, `The report could not be drawn: ${(error as Error).message}`));
    root.setAttribute('data-error', 'true');
    throw error;
  }
}

function render(root: HTMLElement, data: PageData, model: PageModel): void {
  const explainPanel = el('aside', { id: 'explain', 'aria-live': 'polite', 'aria-label': 'explanation' }, el('h2', {}, 'Explain'), el('p', { class: 'meta' }, 'Choose a cell (click, or Enter) or a graph edge to see which policy and rule decide it.'));
  const select = (sources: readonly PageEndpoint[], destinations: readonly PageEndpoint[], title: string) => showSelection(explainPanel, model, sources, destinations, title);
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
      // The graph is laid out when first shown (a layout needs a visible container), then resized.
      if (view.id === 'graph') (graphShown ??= part('graph').drawGraph(graph, model, select))();
    });
    tabs.append(tab);
    views.append(panel);
    panels.set(view.id, panel);
  }
  root.replaceChildren(header(data, model), tabs, el('div', { class: 'layout' }, views, explainPanel));
  const legend = () =>
    el('p', { class: 'legend' }, ...[['all', '● all allowed'], ['some', '◐ partly allowed'], ['none', '○ denied']].map(([level, text]) => el('span', {}, el('span', { class: `swatch ${level}`, style: `background:var(--${level})` }), text)),
      ...(model.isDiff ? [el('span', {}, '▣ red outline: widened (added)'), el('span', {}, '⬚ blue dashed: narrowed (removed)')] : []));
  const graph = el('div');
  panels.get('graph')?.append(graph);
  let graphShown: (() => void) | undefined;
  const namespaces = el('div');
  panels.get('namespaces')?.append(legend(), namespaces);
  drawMatrix(namespaces, model, select, false, 'namespace by namespace');
  const workloads = el('div');
  panels.get('workloads')?.append(legend(), el('p', { class: 'meta' }, 'Namespaces first: open one (its header) to see its workloads.'), workloads);
  drawMatrix(workloads, model, select, true, 'workload by workload');
  panels.get('protection')?.append(protectionList(model));
  panels.get('lint')?.append(findingsList(data));
  performance.mark('netpol-matrices-drawn');
  root.removeAttribute('aria-busy');
  performance.mark('netpol-ready');
  root.setAttribute('data-ready', 'true');
}

function header(data: PageData, model: PageModel): HTMLElement {
  const head = el('header', {}, el('h1', {}, data.title), el('p', { class: 'meta' }, `${data.versions.map((version) => version.label).join(' → ')} · engine: ${model.engine} · ${model.workloads} workloads`));
  const notAnalysed = data.snapshot.notAnalysed.map((item) => ({ ...item, version: data.versions[item.version].label }));
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

function showSelection(panel: HTMLElement, model: PageModel, sources: readonly PageEndpoint[], destinations: readonly PageEndpoint[], title: string): void {
  const heading = el('h2', {}, 'Explain');
  if (sources.length === 1 && destinations.length === 1) {
    const [source, destination] = [sources[0], destinations[0]];
    const cell = model.cell(source, destination);
    const port = el('input', { type: 'search', id: 'explain-port', placeholder: 'TCP/8080 (blank: every connection)', 'aria-label': 'port to explain' });
    const answer = el('pre', { id: 'explain-text' }, model.explain(source.name, destination.name));
    port.addEventListener('change', () => {
      const text = (port as HTMLInputElement).value.trim();
      try {
        answer.textContent = model.explain(source.name, destination.name, text || undefined);
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

function protectionList(model: PageModel): HTMLElement {
  const rows = model.protection();
  if (rows.length === 0) return el('p', {}, 'Every workload is selected by a policy in both directions and has some connection.');
  const describe = { unprotected: 'unprotected (no policy selects it)', isolated: 'isolated (nothing gets through)', restricted: 'restricted' };
  return el('table', { class: 'list', id: 'protection-list' }, el('thead', {}, el('tr', {}, el('th', {}, 'Workload'), el('th', {}, 'Incoming'), el('th', {}, 'Outgoing'))),
    el('tbody', {}, ...rows.map((row) => el('tr', {}, el('td', {}, row.name), el('td', {}, describe[row.ingress]), el('td', {}, describe[row.egress])))));
}

function findingsList(data: PageData): HTMLElement {
  if (data.findings.length === 0) return el('p', { id: 'lint-findings' }, 'No lint findings.');
  return el('table', { class: 'list', id: 'lint-findings' }, el('thead', {}, el('tr', {}, el('th', {}, 'Severity'), el('th', {}, 'Check'), el('th', {}, 'Policy'), el('th', {}, 'Finding'), el('th', {}, 'Fix'))),
    el('tbody', {}, ...data.findings.map((finding) => el('tr', {}, el('td', {}, finding.severity), el('td', {}, finding.id), el('td', {}, finding.policy ?? ''), el('td', {}, finding.message), el('td', {}, finding.fix ?? '')))));
}

start();
