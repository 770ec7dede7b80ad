/// <reference lib="dom" />
import { escapeHtml } from '../escape';
import { GroupCell } from '../model';
import { changeClass, groupText, pairText, SYMBOL } from './cells';
import { el } from './dom';
import { drawWindow, GridParts } from './grid-drawing';
import { cellStart, clampInto, covers, GridWindow, scrollToShow, Track, visibleSpan, widened } from './grid-window';
import { PageEndpoint, PageModel } from './page-model';

/** A row or column: a namespace (or outside endpoint) as a whole, or one workload of an expanded namespace. */
interface Axis {
  readonly label: string;
  readonly group: string;
  readonly endpoint?: PageEndpoint;
}

/** What the page does when a cell is chosen: explain one pair, or list a cell's pairs. */
export type Select = (sources: readonly PageEndpoint[], destinations: readonly PageEndpoint[], title: string) => void;

/** Rows and columns drawn beyond each edge of the view, so that a short scroll needs no drawing. */
const MARGIN = 10;

/**
 * A connectivity matrix as an ARIA grid: arrow keys move between cells, Enter or a click selects.
 * `expandable`: namespaces open into their workloads (Enter or a click on the header).
 *
 * Only what is in view is in the page, and MARGIN around it (./grid-drawing.ts): 500 × 500
 * cells drawn whole cost the browser 17 s of style and layout. Every matrix takes this one path,
 * small ones too (their window is all of them), so the tests of small reports test it as well.
 * Every row and column has one size, so a cell's place and the window are arithmetic
 * (./grid-window.ts); aria-rowcount and aria-colcount tell assistive technology the whole size,
 * aria-rowindex and aria-colindex where each drawn row and cell is. A hidden matrix (the Workloads
 * view at first) draws nothing until it is shown.
 */
export function drawMatrix(container: HTMLElement, model: PageModel, select: Select, expandable: boolean, label: string): void {
  const expanded = new Set<string>();
  const axis = (side: 'source' | 'destination'): Axis[] =>
    model.groups.flatMap((group): Axis[] => {
      const endpoints = model.endpointsOf(group, side);
      if (!expandable || !expanded.has(group) || endpoints.length === 0 || endpoints[0].kind !== 'workload') return endpoints.length === 0 ? [] : [{ label: group, group }];
      return endpoints.map((endpoint) => ({ label: `  ${endpoint.name}`, group, endpoint }));
    });
  const endpointsOf = (item: Axis, side: 'source' | 'destination') => (item.endpoint ? [item.endpoint] : model.endpointsOf(item.group, side));

  const grid = el('div', { class: 'matrix', role: 'grid', 'aria-label': `${label}: rows are sources, columns destinations` });
  const scroller = el('div', { class: 'matrix-scroll' }, grid);
  container.replaceChildren(scroller);
  let rows: Axis[] = [];
  let columns: Axis[] = [];
  let tracks: { rows: Track; columns: Track };
  /** The roving focus: the one cell with tabindex 0, where the arrow keys move from. */
  let focus = { row: 0, column: 0 };
  let selected: { row: number; column: number } | undefined;
  /** The rows and columns drawn; none while the matrix is hidden. */
  let drawn: GridWindow | undefined;

  // Rows and columns, and the sizes the window's arithmetic needs: one cell size (1.3 rem), the
  // row headers as wide as their widest label and the column headers as tall (capped; the title says the rest).
  const arrange = () => {
    rows = axis('source');
    columns = axis('destination');
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    context.font = getComputedStyle(grid).font;
    const widest = (items: readonly string[], most: number) => Math.min(most, Math.ceil(Math.max(...items.map((text) => context.measureText(text).width))) + HEADER_PADDING);
    const cellSize = Math.round(1.3 * rem);
    tracks = {
      rows: { count: rows.length, cellSize, headerSize: widest([CORNER, ...columns.map(headerText)], 12 * rem) },
      columns: { count: columns.length, cellSize, headerSize: widest([CORNER, ...rows.map(headerText)], 20 * rem) },
    };
    grid.setAttribute('aria-rowcount', String(rows.length + 1));
    grid.setAttribute('aria-colcount', String(columns.length + 1));
    grid.setAttribute('style', `--cell:${cellSize}px;--row-header:${tracks.columns.headerSize}px;--column-header:${tracks.rows.headerSize}px;width:${cellStart(tracks.columns, columns.length)}px;height:${cellStart(tracks.rows, rows.length)}px`);
  };

  // Draws the window when what is in view is not all drawn (or `again`: the rows or columns changed).
  const update = (again = false) => {
    if (scroller.clientHeight === 0) return;
    const visible = { rows: visibleSpan(tracks.rows, { scroll: scroller.scrollTop, size: scroller.clientHeight }), columns: visibleSpan(tracks.columns, { scroll: scroller.scrollLeft, size: scroller.clientWidth }) };
    if (!again && drawn && covers(drawn.rows, visible.rows) && covers(drawn.columns, visible.columns)) return;
    const next = { rows: widened(visible.rows, MARGIN, rows.length), columns: widened(visible.columns, MARGIN, columns.length) };
    // The roving focus stays drawn (Tab must find it): when the window leaves it, it moves to the nearest cell in view.
    if (clampInto(next.rows, focus.row) !== focus.row || clampInto(next.columns, focus.column) !== focus.column) {
      focus = { row: clampInto(visible.rows, focus.row), column: clampInto(visible.columns, focus.column) };
    }
    const refocus = focusedSelector();
    drawWindow(grid, parts, tracks, next, again ? undefined : drawn);
    drawn = next;
    cellAt(focus)?.setAttribute('tabindex', '0');
    if (refocus && !grid.contains(document.activeElement)) (grid.querySelector(refocus) as HTMLElement | null)?.focus({ preventScroll: true });
  };

  // The grid's parts, written as HTML: elements built one by one (and their attributes set one by
  // one) cost several times what the parser takes for the markup.
  const parts: GridParts = {
    corner: `<div role="columnheader" aria-colindex="1" class="corner">${escapeHtml(CORNER)}</div>`,
    columnHeader: (column) => `<div role="columnheader" aria-colindex="${column + 2}" title="${escapeHtml(columns[column].label.trim())}">${headerContent(columns[column])}</div>`,
    rowHeader: (row) => `<div role="rowheader" aria-colindex="1" title="${escapeHtml(rows[row].label.trim())}">${headerContent(rows[row])}</div>`,
    cell: (row, column) => {
      const words = cellWords(endpointsOf(rows[row], 'source'), endpointsOf(columns[column], 'destination'), rows[row], columns[column]);
      // Only the roving focus's cell carries a tabindex (the rest get one as the focus reaches them).
      const place = `<div role="gridcell" aria-colindex="${column + 2}"${row === focus.row && column === focus.column ? ' tabindex="0"' : ''}${row === selected?.row && column === selected.column ? ' aria-selected="true"' : ''}`;
      const [rowLabel, columnLabel] = [escapeHtml(rows[row].label.trim()), escapeHtml(columns[column].label.trim())];
      if (!words) return `${place} class="na" aria-label="${rowLabel} to ${columnLabel}: not applicable"></div>`;
      const change = changeClass(words.cell);
      // No title here: the mouseover below copies the label into it, so each cell carries its words once.
      return `${place} class="${`${words.cell.level} ${change}`.trim()}" aria-label="${rowLabel} → ${columnLabel}: ${escapeHtml(words.text)}">${SYMBOL[words.cell.level]}${CHANGE_MARK[change]}</div>`;
    },
  };

  // What has the keyboard's focus in the grid, to find it again if the drawing removes it.
  const focusedSelector = (): string | undefined => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || !grid.contains(active)) return undefined;
    const group = active.getAttribute('data-group');
    if (group === null) return '[role=gridcell][tabindex="0"]';
    return `[role=${active.parentElement?.getAttribute('role')}] button[data-group="${CSS.escape(group)}"]`;
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

  /** Whether a header opens its namespace into workloads. */
  const opens = (item: Axis) => expandable && !item.endpoint && model.endpointsOf(item.group, 'source').concat(model.endpointsOf(item.group, 'destination')).some((endpoint) => endpoint.kind === 'workload');
  const headerText = (item: Axis) => (opens(item) ? `${TOGGLE} ${item.label}` : item.label);
  const headerContent = (item: Axis): string => {
    const text = escapeHtml(item.label);
    if (!opens(item)) return text;
    const group = escapeHtml(item.group);
    return `<button type="button" aria-expanded="${expanded.has(item.group)}" title="show the workloads of ${group}" data-group="${group}">${TOGGLE} ${text}</button>`;
  };

  const toggle = (group: string) => {
    if (expanded.has(group)) expanded.delete(group);
    else expanded.add(group);
    arrange();
    focus = inGrid(focus);
    selected = undefined;
    update(true);
  };

  /** The cell of the grid nearest to a place. */
  const inGrid = (place: { row: number; column: number }) => ({ row: clampInto({ start: 0, end: rows.length }, place.row), column: clampInto({ start: 0, end: columns.length }, place.column) });
  const cellAt = (place: { row: number; column: number }) => grid.querySelector<HTMLElement>(`[aria-rowindex="${place.row + 2}"] > [aria-colindex="${place.column + 2}"]`);

  const choose = (cell: HTMLElement) => {
    if (cell.classList.contains('na')) return;
    const place = placeOf(cell);
    moveFocus(place, false);
    grid.querySelector('[aria-selected=true]')?.removeAttribute('aria-selected');
    cell.setAttribute('aria-selected', 'true');
    selected = place;
    select(endpointsOf(rows[place.row], 'source'), endpointsOf(columns[place.column], 'destination'), cell.getAttribute('aria-label') as string);
  };

  // The focus moves to a cell, which the keyboard brings into view (the window follows the scroll at once).
  // The cell left gets tabindex -1: still focusable by script, out of the Tab order.
  const moveFocus = (place: { row: number; column: number }, byKeyboard: boolean) => {
    cellAt(focus)?.setAttribute('tabindex', '-1');
    focus = place;
    if (byKeyboard) {
      scroller.scrollTop = scrollToShow(tracks.rows, { scroll: scroller.scrollTop, size: scroller.clientHeight }, place.row);
      scroller.scrollLeft = scrollToShow(tracks.columns, { scroll: scroller.scrollLeft, size: scroller.clientWidth }, place.column);
      update();
    }
    const cell = cellAt(place);
    cell?.setAttribute('tabindex', '0');
    if (byKeyboard) cell?.focus({ preventScroll: true });
  };

  // One listener of each kind for the grid, not one per cell.
  grid.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const group = target.closest('button')?.getAttribute('data-group');
    if (group !== null && group !== undefined) return toggle(group);
    const cell = target.closest<HTMLElement>('[role=gridcell]');
    if (cell) choose(cell);
  });
  grid.addEventListener('mouseover', (event) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[role=gridcell]');
    if (cell && !cell.title) cell.title = cell.getAttribute('aria-label') as string;
  });
  grid.addEventListener('keydown', (event) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Home: [0, -columns.length], End: [0, columns.length] };
    const move = moves[event.key];
    const target = event.target as HTMLElement;
    if (move) {
      event.preventDefault();
      moveFocus(inGrid({ row: focus.row + move[0], column: focus.column + move[1] }), true);
    } else if ((event.key === 'Enter' || event.key === ' ') && target.getAttribute('role') === 'gridcell') {
      event.preventDefault();
      choose(target);
    }
  });
  // The scroll events of a frame make one drawing, before it is painted.
  let frame = 0;
  scroller.addEventListener('scroll', () => {
    if (frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      update();
    });
  });
  // Shown (a hidden matrix measures 0), or resized: a different window.
  new ResizeObserver(() => update()).observe(scroller);
  arrange();
  update();
}

/** What the corner cell says. */
const CORNER = 'from \\ to';
/** The mark of a header that opens its namespace. */
const TOGGLE = '▸';
/** A header's padding (style.ts), and a pixel for rounding. */
const HEADER_PADDING = 9;

/** A drawn cell's row and column, from its aria-rowindex and aria-colindex (the headers are row and column 1). */
const placeOf = (cell: HTMLElement) => ({ row: Number(cell.parentElement?.getAttribute('aria-rowindex')) - 2, column: Number(cell.getAttribute('aria-colindex')) - 2 });

/** A change's mark beside the level's symbol, so a change reads without its outline's colour. */
const CHANGE_MARK: Record<string, string> = { added: '+', removed: '−', changed: '±', '': '' };
