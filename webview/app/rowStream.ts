// The webview's side of the row stream (see RowsUpdate in src/shared/messages.ts): what it holds is a generation
// and how many of its rows; an update is taken in when it follows exactly that, or starts a new generation from
// row 0. Anything else is a gap, and the webview asks for the rest after what it holds. Pure.
import type { RowsHeld, RowsUpdate, TableInfo } from '../../src/shared/messages';
import type { PeriodSummary, TrackedTargetEvent } from '../../src/shared/domain';

export type RowsReceived =
  | { kind: 'unchanged' }
  /** A new generation: what was held is dropped; `info` undefined means no events at all. */
  | { kind: 'reset'; held: RowsHeld; events: readonly TrackedTargetEvent[]; periods: readonly PeriodSummary[]; info?: TableInfo }
  /** Rows (maybe none) appended to those held, and what is said of them all now. */
  | { kind: 'appended'; held: RowsHeld; events: readonly TrackedTargetEvent[]; periods: readonly PeriodSummary[]; info: TableInfo }
  /** The update does not follow what is held: nothing is taken in. */
  | { kind: 'gap' };

export function receiveRows(held: RowsHeld | undefined, update: RowsUpdate): RowsReceived {
  switch (update.kind) {
    case 'unchanged':
      return { kind: 'unchanged' };
    case 'none':
      return held?.generation === update.generation && held.offset === 0
        ? { kind: 'unchanged' }
        : { kind: 'reset', held: { generation: update.generation, offset: 0 }, events: [], periods: [] };
    case 'rows': {
      const { generation, offset, events, periods, info } = update;
      if (held?.generation === generation) {
        return offset === held.offset ? { kind: 'appended', held: { generation, offset: offset + events.length }, events, periods, info } : { kind: 'gap' };
      }
      return offset === 0 ? { kind: 'reset', held: { generation, offset: events.length }, events, periods, info } : { kind: 'gap' };
    }
  }
}
