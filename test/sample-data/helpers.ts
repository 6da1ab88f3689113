/** Reading the committed sample exports in tests: CSV files as header-keyed records. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../sample-data/format.js";

export const SAMPLE_DIR = join(import.meta.dirname, "..", "..", "sample-data");

export interface Table {
  header: string[];
  /** Data rows keyed by header, with their physical line (1 = header). */
  rows: { line: number; get: (column: string) => string }[];
}

/** A CSV export; `dropFooter` removes a Salesforce report footer (from the first blank line). */
export function readTable(path: string, options: { dropFooter?: boolean } = {}): Table {
  let lines = parseCsv(readFileSync(join(SAMPLE_DIR, path), "utf8"));
  if (options.dropFooter) {
    const blank = lines.findIndex((r) => r.length === 1 && r[0] === "");
    if (blank > 0) lines = lines.slice(0, blank);
  }
  const [header = [], ...data] = lines;
  const index = new Map(header.map((h, i) => [h, i]));
  return {
    header,
    rows: data.map((cells, i) => ({
      line: i + 2,
      get: (column: string) => {
        const at = index.get(column);
        if (at === undefined) throw new Error(`${path} has no column "${column}"`);
        return cells[at] ?? "";
      },
    })),
  };
}

/** Lines listed in truth/dirty-rows.csv, per "set/file". */
export function dirtyLines(): Map<string, Map<number, string>> {
  const out = new Map<string, Map<number, string>>();
  for (const row of readTable("truth/dirty-rows.csv").rows) {
    const key = `${row.get("set")}/${row.get("file")}`;
    const lines = out.get(key) ?? new Map<number, string>();
    lines.set(Number(row.get("line")), row.get("kind"));
    out.set(key, lines);
  }
  return out;
}

/** Information value of a categorical feature against a binary outcome (no smoothing). */
export function informationValue(pairs: readonly { value: string; good: boolean }[]): number {
  const goodTotal = pairs.filter((p) => p.good).length;
  const badTotal = pairs.length - goodTotal;
  const byValue = new Map<string, [number, number]>();
  for (const p of pairs) {
    const c = byValue.get(p.value) ?? [0, 0];
    c[p.good ? 0 : 1]++;
    byValue.set(p.value, c);
  }
  let iv = 0;
  for (const [good, bad] of byValue.values()) {
    const g = good / goodTotal;
    const b = bad / badTotal;
    if (g > 0 && b > 0) iv += (g - b) * Math.log(g / b);
  }
  return iv;
}

/** Share of `items` for which `won` holds. */
export function winRate<T>(items: readonly T[], won: (t: T) => boolean): number {
  return items.length === 0 ? Number.NaN : items.filter(won).length / items.length;
}
