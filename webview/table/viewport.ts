// The virtualization's geometry: rows of a fixed height, except period progress lines whose "why" wraps onto more
// lines; only the visible rows (plus a little overscan) exist in the DOM.

/** Row height in pixels; the stylesheet reads it back through --row-height. */
export const ROW_HEIGHT = 24;
/** Rows rendered beyond each edge of the viewport, so fast scrolling does not show blanks. */
const OVERSCAN = 8;
/** Hard cap on row elements, whatever the viewport height. */
const MAX_ROW_ELEMENTS = 240;

/**
 * Where each row is: ROW_HEIGHT apart, plus the extra height of the few taller rows above it (kept sorted, so that
 * a position or a row at a height is found by binary search over the taller rows only).
 */
export class RowGeometry {
  /** Indices of the taller rows, ascending. */
  private readonly tallRows: number[] = [];
  /** Extra pixels of the taller rows up to and including each of tallRows. */
  private readonly extraThrough: number[] = [];

  /** `extraOf(index)`: the pixels a row needs beyond ROW_HEIGHT (asked only for rows that `mayBeTall`). */
  constructor(
    readonly count: number,
    mayBeTall: (index: number) => boolean,
    extraOf: (index: number) => number,
  ) {
    let extra = 0;
    for (let index = 0; index < count; index++) {
      if (!mayBeTall(index)) continue;
      const more = extraOf(index);
      if (more <= 0) continue;
      extra += more;
      this.tallRows.push(index);
      this.extraThrough.push(extra);
    }
  }

  /** Number of taller rows before `index`. */
  private tallBefore(index: number): number {
    let low = 0;
    let high = this.tallRows.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.tallRows[middle] < index) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  top(index: number): number {
    const before = this.tallBefore(index);
    return index * ROW_HEIGHT + (before > 0 ? this.extraThrough[before - 1] : 0);
  }

  height(index: number): number {
    const at = this.tallBefore(index);
    if (this.tallRows[at] !== index) return ROW_HEIGHT;
    return ROW_HEIGHT + this.extraThrough[at] - (at > 0 ? this.extraThrough[at - 1] : 0);
  }

  get totalHeight(): number {
    return this.count * ROW_HEIGHT + (this.extraThrough.at(-1) ?? 0);
  }

  /** Index of the row at height `y` (the last row below the end). */
  indexAt(y: number): number {
    let low = 0;
    let high = Math.max(0, this.count - 1);
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.top(middle) <= y) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** First and last index of the rows to render for a scroll position and viewport height (0 before layout). */
  visibleRange(scrollTop: number, viewportHeight: number): [number, number] {
    const height = viewportHeight || ROW_HEIGHT * 30;
    const top = this.indexAt(scrollTop);
    let first = Math.max(0, top - OVERSCAN);
    let last = Math.min(this.count - 1, this.indexAt(scrollTop + height) + OVERSCAN);
    if (last - first + 1 > MAX_ROW_ELEMENTS) {
      first = Math.max(0, top - 2);
      last = Math.min(this.count - 1, first + MAX_ROW_ELEMENTS - 1);
    }
    return [first, last];
  }
}
