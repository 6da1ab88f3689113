import { closeSync, openSync, readSync } from "node:fs";

/**
 * Physical line numbers (1 = header) for byte offsets in a file: counts newline bytes before
 * each offset in one forward pass. Used only for rows DuckDB's CSV reader rejected, which come
 * with the byte position where their record starts.
 */
export function linesAtOffsets(path: string, offsets: readonly number[]): Map<number, number> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const result = new Map<number, number>();
  if (sorted.length === 0) return result;
  const fd = openSync(path, "r");
  const buffer = Buffer.alloc(1 << 22);
  let position = 0;
  let newlines = 0;
  let next = 0;
  try {
    while (next < sorted.length) {
      const n = readSync(fd, buffer, 0, buffer.length, position);
      if (n === 0) break;
      const end = position + n;
      let from = 0;
      while (next < sorted.length && (sorted[next] as number) < end) {
        const target = (sorted[next] as number) - position;
        newlines += countNewlines(buffer, from, target);
        from = target;
        result.set(sorted[next] as number, newlines + 1);
        next++;
      }
      newlines += countNewlines(buffer, from, n);
      position = end;
    }
  } finally {
    closeSync(fd);
  }
  for (; next < sorted.length; next++) result.set(sorted[next] as number, newlines + 1);
  return result;
}

function countNewlines(buffer: Buffer, from: number, to: number): number {
  let count = 0;
  let i = buffer.indexOf(10, from);
  while (i !== -1 && i < to) {
    count++;
    i = buffer.indexOf(10, i + 1);
  }
  return count;
}
