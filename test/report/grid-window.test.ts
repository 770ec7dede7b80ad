// The windowed matrix's arithmetic (lib/report/page/grid-window.ts), against cell boxes computed one by one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellStart, clampInto, covers, indexes, overlaps, scrollToShow, Span, Track, View, visibleSpan, widened } from '../../lib/report/page/grid-window';

const track = fc.record({ count: fc.integer({ min: 0, max: 300 }), cellSize: fc.integer({ min: 1, max: 40 }), headerSize: fc.integer({ min: 0, max: 200 }) });
/** A track and a view of it that a scroller could have: scrolled no further than its content. */
const trackAndView = track.chain((sizes) => {
  const content = sizes.headerSize + sizes.count * sizes.cellSize;
  return fc.integer({ min: 0, max: 2_000 }).chain((size) => fc.tuple(fc.constant(sizes), fc.record({ scroll: fc.integer({ min: 0, max: Math.max(0, content - size) }), size: fc.constant(size) })));
});
const span = (count: number) => fc.tuple(fc.integer({ min: 0, max: count }), fc.integer({ min: 0, max: count })).map(([a, b]): Span => ({ start: Math.min(a, b), end: Math.max(a, b) }));
const spanOf = (count: number, has: (index: number) => boolean) => Array.from({ length: count }, (_, index) => index).filter(has);
/** Where a cell's box is, and what the view shows of the cells: below (or beside) the sticky header. */
const box = (sizes: Track, index: number) => ({ start: sizes.headerSize + index * sizes.cellSize, end: sizes.headerSize + (index + 1) * sizes.cellSize });

const shown = (view: View, sizes: Track) => ({ start: view.scroll + sizes.headerSize, end: view.scroll + view.size });

describe('the window of a windowed grid', () => {
  it('sees exactly the cells a part of which is in view, not under the sticky header (property)', () => {
    fc.assert(
      fc.property(trackAndView, ([sizes, view]) => {
        const visible = visibleSpan(sizes, view);
        const area = shown(view, sizes);
        const inView = spanOf(sizes.count, (index) => box(sizes, index).start < area.end && box(sizes, index).end > area.start);
        expect(spanOf(sizes.count, (index) => index >= visible.start && index < visible.end)).toEqual(inView);
      }),
    );
  });

  it('draws a margin around what is in view, within the grid, and covers what it drew (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }).chain((count) => fc.tuple(fc.constant(count), span(count), fc.integer({ min: 0, max: 20 }))), ([count, inner, margin]) => {
        const outer = widened(inner, margin, count);
        expect(outer).toEqual({ start: Math.max(0, inner.start - margin), end: Math.min(count, inner.end + margin) });
        expect(covers(outer, inner)).toBe(true);
        expect(covers(inner, outer)).toBe(outer.start === inner.start && outer.end === inner.end);
      }),
    );
  });

  it('lists a span\'s cells, tells two spans that share one, and finds a span\'s cell nearest to any (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }).chain((count) => fc.tuple(fc.constant(count), span(count), span(count), fc.integer({ min: -2, max: count + 2 }))), ([count, one, other, index]) => {
        const cells = indexes(one);
        expect(cells).toEqual(spanOf(count, (at) => at >= one.start && at < one.end));
        expect(overlaps(one, other)).toBe(cells.some((at) => at >= other.start && at < other.end));
        if (cells.length === 0) return;
        const nearest = clampInto(one, index);
        expect(cells).toContain(nearest);
        expect(cells.every((at) => Math.abs(at - index) >= Math.abs(nearest - index))).toBe(true);
      }),
    );
    expect(indexes({ start: 5, end: 2 })).toEqual([]);
  });

  it('scrolls a cell whole into view, below the sticky header, and not at all when it is there (property)', () => {
    fc.assert(
      fc.property(trackAndView.filter(([sizes, view]) => sizes.count > 0 && view.size >= sizes.headerSize + sizes.cellSize).chain(([sizes, view]) => fc.tuple(fc.constant(sizes), fc.constant(view), fc.nat(sizes.count - 1))), ([sizes, view, index]) => {
        const cell = box(sizes, index);
        const whole = (at: View) => cell.start >= shown(at, sizes).start && cell.end <= shown(at, sizes).end;
        const scroll = scrollToShow(sizes, view, index);
        expect(whole({ ...view, scroll })).toBe(true);
        if (whole(view)) expect(scroll).toBe(view.scroll);
        // As little as it can: the cell ends up against the header or the far edge.
        else expect([cell.start - sizes.headerSize, cell.end - view.size]).toContain(scroll);
        expect(scroll).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('sees what a 900-pixel view shows of 500 rows of 21 pixels under a header of 120', () => {
    const rows: Track = { count: 500, cellSize: 21, headerSize: 120 };
    expect(visibleSpan(rows, { scroll: 0, size: 900 })).toEqual({ start: 0, end: 38 });
    expect(visibleSpan(rows, { scroll: 21 * 100 + 5, size: 900 })).toEqual({ start: 100, end: 138 });
    expect(visibleSpan(rows, { scroll: 120 + 21 * 500 - 900, size: 900 })).toEqual({ start: 462, end: 500 });
    expect(scrollToShow(rows, { scroll: 0, size: 900 }, 499)).toBe(120 + 21 * 500 - 900);
    expect(cellStart(rows, 3)).toBe(120 + 3 * 21);
  });
});
