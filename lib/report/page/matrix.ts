/// <reference lib="dom" />
import { escapeHtml } from '../escape';
import { GroupCell } from '../model';
import { changeClass, groupText, pairText, SYMBOL } from './cells';
import { el } from './dom';
import { PageEndpoint, PageModel } from './page-model';

/** A row or column: a namespace (or outside endpoint) as a whole, or one workload of an expanded namespace. */
interface Axis {
  readonly label: string;
  readonly group: string;
  readonly endpoint?: PageEndpoint;
}

/** What the page does when a cell is chosen: explain one pair, or list a cell's pairs. */
export type Select = (sources: readonly PageEndpoint[], destinations: readonly PageEndpoint[], title: string) => void;

/**
 * A connectivity matrix as an ARIA grid: arrow keys move between cells, Enter or a click selects.
 * `expandable`: namespaces open into their workloads (Enter or a click on the header). `like`: a
 * matrix of the same cells already drawn (the namespace matrix, for the workload matrix with no
 * namespace open), copied rather than parsed again. Returns the table drawn first.
 */
export function drawMatrix(container: HTMLElement, model: PageModel, select: Select, expandable: boolean, label: string, like?: HTMLTableElement): HTMLTableElement {
  const expanded = new Set<string>();
  const axis = (side: 'source' | 'destination'): Axis[] =>
    model.groups.flatMap((group): Axis[] => {
      const endpoints = model.endpointsOf(group, side);
      if (!expandable || !expanded.has(group) || endpoints.length === 0 || endpoints[0].kind !== 'workload') return endpoints.length === 0 ? [] : [{ label: group, group }];
      return endpoints.map((endpoint) => ({ label: `  ${endpoint.name}`, group, endpoint }));
    });
  const endpointsOf = (item: Axis, side: 'source' | 'destination') => (item.endpoint ? [item.endpoint] : model.endpointsOf(item.group, side));
  let focus: [number, number] = [0, 0];

  // The table is written as one HTML string: at 136 × 136 cells, 18,000 elements built one by one
  // (and their attributes set one by one) cost several times what the parser takes for the markup.
  const written = (rows: readonly Axis[], columns: readonly Axis[]): HTMLTableElement => {
    const table = el('table', { class: 'matrix', role: 'grid' }) as HTMLTableElement;
    const html: string[] = [`<thead><tr><th scope="col">from \\ to</th>`];
    for (const column of columns) html.push(`<th scope="col" title="${escapeHtml(column.label.trim())}">${headerContent(column)}</th>`);
    html.push('</tr></thead><tbody>');
    rows.forEach((row, rowIndex) => {
      const rowLabel = escapeHtml(row.label.trim());
      html.push(`<tr><th scope="row" title="${rowLabel}">${headerContent(row)}</th>`);
      const sources = endpointsOf(row, 'source');
      columns.forEach((column, columnIndex) => {
        const words = cellWords(sources, endpointsOf(column, 'destination'), row, column);
        // A td of a grid is a gridcell without saying so; only the roving focus's cell carries a
        // tabindex (the rest get one as the focus reaches them): fewer attributes, a faster parse.
        const place = rowIndex === focus[0] && columnIndex === focus[1] ? ' tabindex="0"' : '';
        const columnLabel = escapeHtml(column.label.trim());
        if (!words) {
          html.push(`<td${place} class="na" aria-label="${rowLabel} to ${columnLabel}: not applicable"></td>`);
        } else {
          const change = changeClass(words.cell);
          // No title here: the mouseover below copies the label into it, so 18,000 cells carry their words once.
          html.push(`<td${place} class="${`${words.cell.level} ${change}`.trim()}" aria-label="${rowLabel} → ${columnLabel}: ${escapeHtml(words.text)}">${SYMBOL[words.cell.level]}${CHANGE_MARK[change]}</td>`);
        }
      });
      html.push('</tr>');
    });
    html.push('</tbody>');
    table.innerHTML = html.join('');
    return table;
  };

  const draw = () => {
    const rows = axis('source');
    const columns = axis('destination');
    let table: HTMLTableElement;
    if (like) {
      table = like.cloneNode(true) as HTMLTableElement;
      like = undefined;
      // Only the headers differ: here they open their namespaces.
      const head = (table.tHead as HTMLTableSectionElement).rows[0];
      columns.forEach((column, at) => (head.cells[at + 1].innerHTML = headerContent(column)));
      rows.forEach((row, at) => (table.tBodies[0].rows[at].cells[0].innerHTML = headerContent(row)));
    } else {
      table = written(rows, columns);
    }
    table.setAttribute('aria-label', `${label}: rows are sources, columns destinations`);
    // One listener of each kind for the table, not one per cell: a 136 × 136 matrix would add 18,000.
    table.addEventListener('click', (event) => {
      const target = event.target as HTMLElement;
      const group = target.closest('button')?.getAttribute('data-group');
      if (group !== null && group !== undefined) return toggle(group);
      const td = target.closest('td');
      if (!td || td.classList.contains('na')) return;
      const [rowIndex, columnIndex] = placeOf(td);
      moveFocus(table, rowIndex, columnIndex, false);
      choose(td, endpointsOf(rows[rowIndex], 'source'), endpointsOf(columns[columnIndex], 'destination'), td.getAttribute('aria-label') as string);
    });
    table.addEventListener('mouseover', (event) => {
      const td = (event.target as HTMLElement).closest('td');
      if (td && !td.title) td.title = td.getAttribute('aria-label') as string;
    });
    table.addEventListener('keydown', (event) => navigate(event as KeyboardEvent, table, rows.length, columns.length));
    container.replaceChildren(el('div', { class: 'matrix-scroll' }, table));
    return table;
  };

  const cellWords = (sources: readonly PageEndpoint[], destinations: readonly PageEndpoint[], row: Axis, column: Axis): { cell: GroupCell; text: string } | undefined => {
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

  const headerContent = (item: Axis): string => {
    const text = escapeHtml(item.label);
    if (!expandable || item.endpoint || model.endpointsOf(item.group, 'source').concat(model.endpointsOf(item.group, 'destination')).every((endpoint) => endpoint.kind !== 'workload')) return text;
    const group = escapeHtml(item.group);
    return `<button type="button" aria-expanded="${expanded.has(item.group)}" title="show the workloads of ${group}" data-group="${group}">▸ ${text}</button>`;
  };

  const toggle = (group: string) => {
    if (expanded.has(group)) expanded.delete(group);
    else expanded.add(group);
    draw();
  };

  const choose = (td: HTMLElement, sources: readonly PageEndpoint[], destinations: readonly PageEndpoint[], text: string) => {
    container.querySelectorAll('td[aria-selected=true]').forEach((cell) => cell.removeAttribute('aria-selected'));
    td.setAttribute('aria-selected', 'true');
    select(sources, destinations, text);
  };

  const navigate = (event: KeyboardEvent, table: HTMLElement, rowCount: number, columnCount: number) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Home: [0, -columnCount], End: [0, columnCount] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      moveFocus(table, clamp(focus[0] + move[0], rowCount), clamp(focus[1] + move[1], columnCount), true);
    } else if ((event.key === 'Enter' || event.key === ' ') && (event.target as HTMLElement).tagName === 'TD') {
      event.preventDefault();
      (event.target as HTMLElement).click();
    }
  };
  // The roving focus: one cell has tabindex 0, the one left gets -1 (still focusable by script).
  const moveFocus = (table: HTMLElement, rowIndex: number, columnIndex: number, focusIt: boolean) => {
    table.querySelector('td[tabindex="0"]')?.setAttribute('tabindex', '-1');
    focus = [rowIndex, columnIndex];
    const next = (table as HTMLTableElement).tBodies[0].rows[rowIndex]?.cells[columnIndex + 1];
    next?.setAttribute('tabindex', '0');
    if (focusIt) next?.focus();
  };
  return draw();
}

/** A body cell's row and column (the first cell of a row is its header). */
const placeOf = (td: HTMLTableCellElement): [number, number] => [(td.parentElement as HTMLTableRowElement).sectionRowIndex, td.cellIndex - 1];

/** A change's mark beside the level's symbol, so a change reads without its outline's colour. */
const CHANGE_MARK: Record<string, string> = { added: '+', removed: '−', changed: '±', '': '' };

const clamp = (value: number, count: number) => Math.max(0, Math.min(count - 1, value));
