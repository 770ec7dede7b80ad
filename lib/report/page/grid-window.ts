// The arithmetic of a windowed grid: which rows (or columns) a scroller shows, how many to draw
// around them, and where to scroll to show one. Rows and columns are the same problem along two
// directions, so each function takes one direction: a track.

/** One direction of a grid in pixels: `count` cells of `cellSize` each, after a sticky header of `headerSize`. */
export interface Track {
  readonly count: number;
  readonly cellSize: number;
  readonly headerSize: number;
}

/** What the scroller shows along a track: its scroll offset and its inner size (without scrollbar). */
export interface View {
  readonly scroll: number;
  readonly size: number;
}

/** The cells from `start` up to, not including, `end`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The rows and columns of a grid drawn, or to draw. */
export interface GridWindow {
  readonly rows: Span;
  readonly columns: Span;
}

/** The cells at least partly in view: those the sticky header covers are not. */
export function visibleSpan(track: Track, view: View): Span {
  const start = clampCount(Math.floor(view.scroll / track.cellSize), track.count);
  const end = clampCount(Math.ceil((view.scroll + view.size - track.headerSize) / track.cellSize), track.count);
  return { start, end: Math.max(start, end) };
}

/** A span with `margin` more cells on each side, within the track. */
export function widened(span: Span, margin: number, count: number): Span {
  return { start: clampCount(span.start - margin, count), end: clampCount(span.end + margin, count) };
}

/** Whether every cell of `inner` is in `outer`. */
export function covers(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The span's cells in order (none when it ends before it starts). */
export function indexes(span: Span): number[] {
  return Array.from({ length: Math.max(0, span.end - span.start) }, (_, at) => span.start + at);
}

/** Whether two spans have a cell in common. */
export function overlaps(one: Span, other: Span): boolean {
  return Math.max(one.start, other.start) < Math.min(one.end, other.end);
}

/** The cell of the span nearest to `index`. */
export function clampInto(span: Span, index: number): number {
  return Math.max(span.start, Math.min(span.end - 1, index));
}

/** Where a cell starts along its track: after the sticky header, the cells before it. */
export function cellStart(track: Track, index: number): number {
  return track.headerSize + index * track.cellSize;
}

/** The scroll offset that shows cell `index` whole below the sticky header, moving as little as it can. */
export function scrollToShow(track: Track, view: View, index: number): number {
  const start = index * track.cellSize;
  if (start < view.scroll) return start;
  const end = cellStart(track, index) + track.cellSize;
  return end > view.scroll + view.size ? end - view.size : view.scroll;
}

const clampCount = (value: number, count: number) => Math.max(0, Math.min(count, value));
