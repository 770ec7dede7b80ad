/// <reference lib="dom" />
import { Endpoint } from '../../analysis/endpoints';
import { GroupCell, ReportModel } from '../model';
import { changeClass, groupText, pairText, SYMBOL } from './cells';
import { el } from './dom';

/** A row or column: a namespace (or outside endpoint) as a whole, or one workload of an expanded namespace. */
interface Axis {
  readonly label: string;
  readonly group: string;
  readonly endpoint?: Endpoint;
}

/** What the page does when a cell is chosen: explain one pair, or list a cell's pairs. */
export type Select = (sources: readonly Endpoint[], destinations: readonly Endpoint[], title: string) => void;

/**
 * A connectivity matrix as an ARIA grid: arrow keys move between cells, Enter or a click selects.
 * `expandable`: namespaces open into their workloads (Enter or a click on the header).
 */
export function drawMatrix(container: HTMLElement, model: ReportModel, select: Select, expandable: boolean, label: string): void {
  const expanded = new Set<string>();
  const axis = (side: 'source' | 'destination'): Axis[] =>
    model.groups.flatMap((group): Axis[] => {
      const endpoints = model.endpointsOf(group, side);
      if (!expandable || !expanded.has(group) || endpoints.length === 0 || endpoints[0].kind !== 'workload') return endpoints.length === 0 ? [] : [{ label: group, group }];
      return endpoints.map((endpoint) => ({ label: `  ${endpoint.name}`, group, endpoint }));
    });
  const endpointsOf = (item: Axis, side: 'source' | 'destination') => (item.endpoint ? [item.endpoint] : model.endpointsOf(item.group, side));
  let focus: [number, number] = [0, 0];

  const draw = () => {
    const rows = axis('source');
    const columns = axis('destination');
    const table = el('table', { class: 'matrix', role: 'grid', 'aria-label': `${label}: rows are sources, columns destinations` });
    const header = el('tr', {}, el('th', { scope: 'col' }, 'from \\ to'));
    for (const column of columns) header.append(el('th', { scope: 'col', title: column.label.trim() }, headerContent(column)));
    table.append(el('thead', {}, header));
    const body = el('tbody');
    const chosen = new WeakMap<HTMLElement, { sources: readonly Endpoint[]; destinations: readonly Endpoint[]; text: string }>();
    rows.forEach((row, rowIndex) => {
      const tr = el('tr', {}, el('th', { scope: 'row', title: row.label.trim() }, headerContent(row)));
      columns.forEach((column, columnIndex) => {
        const sources = endpointsOf(row, 'source');
        const destinations = endpointsOf(column, 'destination');
        const words = cellWords(sources, destinations, row, column);
        const td = el('td', { role: 'gridcell', tabindex: rowIndex === focus[0] && columnIndex === focus[1] ? '0' : '-1', 'data-row': String(rowIndex), 'data-column': String(columnIndex) });
        if (!words) {
          td.className = 'na';
          td.setAttribute('aria-label', `${row.label.trim()} to ${column.label.trim()}: not applicable`);
        } else {
          td.className = `${words.cell.level} ${changeClass(words.cell)}`.trim();
          td.textContent = SYMBOL[words.cell.level] + CHANGE_MARK[changeClass(words.cell)];
          const text = `${row.label.trim()} → ${column.label.trim()}: ${words.text}`;
          td.title = text;
          td.setAttribute('aria-label', text);
          chosen.set(td, { sources, destinations, text });
        }
        tr.append(td);
      });
      body.append(tr);
    });
    table.append(body);
    // One listener for the table, not one per cell: a 136 × 136 matrix would add 18,000.
    table.addEventListener('click', (event) => {
      const td = (event.target as HTMLElement).closest('td');
      const selection = td && chosen.get(td);
      if (selection) choose(td, selection.sources, selection.destinations, selection.text);
    });
    table.addEventListener('keydown', (event) => navigate(event as KeyboardEvent, table, rows.length, columns.length));
    container.replaceChildren(el('div', { class: 'matrix-scroll' }, table));
  };

  const cellWords = (sources: readonly Endpoint[], destinations: readonly Endpoint[], row: Axis, column: Axis): { cell: GroupCell; text: string } | undefined => {
    if (row.endpoint && column.endpoint) {
      const pair = model.cell(row.endpoint, column.endpoint);
      if (!pair) return undefined;
      const added = pair.change === 'added' || pair.change === 'changed' ? 1 : 0;
      const removed = pair.change === 'removed' || pair.change === 'changed' ? 1 : 0;
      return { cell: { level: pair.level, pairs: 1, connected: pair.level === 'none' ? 0 : 1, added, removed }, text: pairText(pair) };
    }
    const cell = !row.endpoint && !column.endpoint ? model.groupCells.get(row.group)?.get(column.group) : model.combined(sources, destinations);
    return cell && cell.pairs > 0 ? { cell, text: groupText(cell) } : undefined;
  };

  const headerContent = (item: Axis): Node | string => {
    if (!expandable || item.endpoint || model.endpointsOf(item.group, 'source').concat(model.endpointsOf(item.group, 'destination')).every((endpoint) => endpoint.kind !== 'workload')) return item.label;
    const button = el('button', { type: 'button', 'aria-expanded': String(expanded.has(item.group)), title: `show the workloads of ${item.group}` }, `▸ ${item.label}`);
    button.addEventListener('click', () => toggle(item.group));
    return button;
  };

  const toggle = (group: string) => {
    if (expanded.has(group)) expanded.delete(group);
    else expanded.add(group);
    draw();
  };

  const choose = (td: HTMLElement, sources: readonly Endpoint[], destinations: readonly Endpoint[], text: string) => {
    container.querySelectorAll('td[aria-selected=true]').forEach((cell) => cell.removeAttribute('aria-selected'));
    td.setAttribute('aria-selected', 'true');
    select(sources, destinations, text);
  };

  const navigate = (event: KeyboardEvent, table: HTMLElement, rowCount: number, columnCount: number) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Home: [0, -columnCount], End: [0, columnCount] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      focus = [clamp(focus[0] + move[0], rowCount), clamp(focus[1] + move[1], columnCount)];
      table.querySelectorAll('td[tabindex="0"]').forEach((cell) => cell.setAttribute('tabindex', '-1'));
      const next = table.querySelector<HTMLElement>(`td[data-row="${focus[0]}"][data-column="${focus[1]}"]`);
      next?.setAttribute('tabindex', '0');
      next?.focus();
    } else if ((event.key === 'Enter' || event.key === ' ') && (event.target as HTMLElement).tagName === 'TD') {
      event.preventDefault();
      (event.target as HTMLElement).click();
    }
  };
  draw();
}

/** A change's mark beside the level's symbol, so a change reads without its outline's colour. */
const CHANGE_MARK: Record<string, string> = { added: '+', removed: '−', changed: '±', '': '' };

const clamp = (value: number, count: number) => Math.max(0, Math.min(count - 1, value));
