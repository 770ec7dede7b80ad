/// <reference lib="dom" />
// Keeps a windowed grid's element holding the rows and columns of its window. A window that
// overlaps the one drawn is reached by removing the rows and columns that left and writing those
// that entered: a scroll of ten rows writes ten rows, not the window's 3,000 cells (whose text
// alone took half of a redraw's time). Any other window is written whole.
import { cellStart, GridWindow, indexes, overlaps, Span, Track } from './grid-window';

/** A grid's parts as HTML: the corner, a column's header, a row's header, a cell. */
export interface GridParts {
  readonly corner: string;
  readonly columnHeader: (column: number) => string;
  readonly rowHeader: (row: number) => string;
  readonly cell: (row: number, column: number) => string;
}

/**
 * Draws `next` in the grid, where `drawn` is what it holds (none: write it whole). Each line, the
 * header row as the others, is its header, a spacer as wide as the columns before the window
 * (the cells flow in their row: an absolutely placed cell is a paint layer of its own), then one
 * cell per column of the window; each row is placed at its own offset.
 */
export function drawWindow(grid: HTMLElement, parts: GridParts, tracks: { readonly rows: Track; readonly columns: Track }, next: GridWindow, drawn?: GridWindow): void {
  const spacer = `<div aria-hidden="true" style="width:${next.columns.start * tracks.columns.cellSize}px"></div>`;
  const rowsHtml = (rows: Span) =>
    indexes(rows).map((row) => `<div role="row" aria-rowindex="${row + 2}" style="top:${cellStart(tracks.rows, row)}px">${parts.rowHeader(row)}${spacer}${indexes(next.columns).map((column) => parts.cell(row, column)).join('')}</div>`).join('');
  if (!drawn || !overlaps(drawn.rows, next.rows) || !overlaps(drawn.columns, next.columns)) {
    grid.innerHTML = `<div role="row" aria-rowindex="1" class="column-headers">${parts.corner}${spacer}${indexes(next.columns).map(parts.columnHeader).join('')}</div>${rowsHtml(next.rows)}`;
    return;
  }
  const [head, ...rows] = Array.from(grid.children) as HTMLElement[];
  // Columns first, in the lines that stay: those that left go, those that entered are written at either end.
  const shift = (line: HTMLElement, html: (column: number) => string) => {
    for (let column = drawn.columns.end; column > Math.max(next.columns.end, drawn.columns.start); column--) line.lastElementChild?.remove();
    for (let column = drawn.columns.start; column < Math.min(next.columns.start, drawn.columns.end); column++) line.children[2].remove();
    const lineSpacer = line.children[1] as HTMLElement;
    lineSpacer.style.width = `${next.columns.start * tracks.columns.cellSize}px`;
    lineSpacer.insertAdjacentHTML('afterend', indexes({ start: next.columns.start, end: drawn.columns.start }).map(html).join(''));
    line.insertAdjacentHTML('beforeend', indexes({ start: drawn.columns.end, end: next.columns.end }).map(html).join(''));
  };
  shift(head, parts.columnHeader);
  rows.forEach((line, at) => {
    const row = drawn.rows.start + at;
    if (row < next.rows.start || row >= next.rows.end) line.remove();
    else shift(line, (column) => parts.cell(row, column));
  });
  // Then the rows that entered, above and below those that stayed.
  head.insertAdjacentHTML('afterend', rowsHtml({ start: next.rows.start, end: drawn.rows.start }));
  grid.insertAdjacentHTML('beforeend', rowsHtml({ start: drawn.rows.end, end: next.rows.end }));
}
