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

/** The span's cells in order, with `index` among them when it is a cell of the track (the focused cell is always drawn). */
export function indexesWith(span: Span, index: number, count: number): number[] {
  const indexes: number[] = [];
  if (index >= 0 && index < span.start) indexes.push(index);
  for (let at = span.start; at < span.end; at++) indexes.push(at);
  if (index >= span.end && index < count) indexes.push(index);
  return indexes;
}

/** The scroll offset that shows cell `index` whole below the sticky header, moving as little as it can. */
export function scrollToShow(track: Track, view: View, index: number): number {
  const start = index * track.cellSize;
  if (start < view.scroll) return start;
  const end = track.headerSize + start + track.cellSize;
  return end > view.scroll + view.size ? end - view.size : view.scroll;
}

const clampCount = (value: number, count: number) => Math.max(0, Math.min(count, value));
