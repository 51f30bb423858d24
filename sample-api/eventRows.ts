// A lookup's events as one buffer of JSON, so that a page of them is a zero-copy slice.

/** Events as one UTF-8 buffer of comma-joined JSON objects, so that any run of events is a zero-copy subarray. */
export interface EventRows {
  count: number;
  buffer: Buffer;
  /** Byte offset of each event; starts[count] is buffer.length + 1 (as if a comma followed the last one). */
  starts: number[];
}

export const NO_BYTES = Buffer.alloc(0);

export function rowsFromJson(texts: readonly string[]): EventRows {
  const starts = new Array<number>(texts.length + 1);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    starts[i] = at;
    at += Buffer.byteLength(texts[i], 'utf8') + 1;
  }
  starts[texts.length] = at;
  return { count: texts.length, buffer: Buffer.from(texts.join(','), 'utf8'), starts };
}

/** Events [from, to) as comma-joined JSON. */
export function rowsSlice(rows: EventRows, from: number, to: number): Buffer {
  const end = Math.min(to, rows.count);
  if (from >= end) return NO_BYTES;
  return rows.buffer.subarray(rows.starts[from], rows.starts[end] - 1);
}

export function rowsPick(rows: EventRows, indices: readonly number[]): EventRows {
  const starts = new Array<number>(indices.length + 1);
  let at = 0;
  indices.forEach((index, i) => {
    starts[i] = at;
    at += rows.starts[index + 1] - rows.starts[index];
  });
  starts[indices.length] = at;
  const buffer = Buffer.alloc(Math.max(at - 1, 0), ',');
  indices.forEach((index, i) => rowsSlice(rows, index, index + 1).copy(buffer, starts[i]));
  return { count: indices.length, buffer, starts };
}
