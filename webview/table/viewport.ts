// The virtualization's geometry: fixed-height rows, of which only the visible ones (plus a little overscan) exist
// in the DOM.

/** Row height in pixels; the stylesheet reads it back through --row-height. */
export const ROW_HEIGHT = 24;
/** Rows rendered beyond each edge of the viewport, so fast scrolling does not show blanks. */
const OVERSCAN = 8;
/** Hard cap on row elements, whatever the viewport height. */
const MAX_ROW_ELEMENTS = 240;

/** First and last index of the rows to render for a scroll position and viewport height (0 before layout). */
export function visibleRange(rowCount: number, scrollTop: number, viewportHeight: number): [number, number] {
  const height = viewportHeight || ROW_HEIGHT * 30;
  let first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  let last = Math.min(rowCount - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  if (last - first + 1 > MAX_ROW_ELEMENTS) {
    first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 2);
    last = Math.min(rowCount - 1, first + MAX_ROW_ELEMENTS - 1);
  }
  return [first, last];
}

/** Index of the row at the top of the viewport. */
export function topRowIndex(scrollTop: number): number {
  return Math.floor(scrollTop / ROW_HEIGHT);
}
