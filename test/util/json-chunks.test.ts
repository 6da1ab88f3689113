import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonReplacer } from "../../src/cli/output.js";
import { jsonChunks } from "../../src/util/json-chunks.js";

async function* batchesOf<T>(...batches: T[][]): AsyncGenerator<T[]> {
  for (const b of batches) yield b;
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

describe("jsonChunks(value, key, batches, replacer)", () => {
  const head = { model: { file: "m.yaml", name: null }, as_of: new Date(Date.UTC(2026, 0, 1)) };
  const row = (i: number) => ({
    lead_id: `L${i}`,
    score: i / 3,
    reasons: ['+15 seniority "Director"', "−5 country missing"],
    contributions: [{ rule: "country", points: -5.000000000001, text: "x\ny" }],
    mql_at: i % 2 ? null : new Date(Date.UTC(2026, 1, i)),
  });

  it("writes what JSON.stringify(…, 2) writes, in pieces that end with a line break", async () => {
    const rows = [0, 1, 2, 3, 4].map(row);
    const value = { ...head, leads: 5, rows: [] as unknown[], warnings: ["one"] };
    const chunks = await collect(
      jsonChunks(value, "rows", batchesOf(rows.slice(0, 2), [], rows.slice(2)), jsonReplacer),
    );
    expect(chunks.join("")).toBe(`${JSON.stringify({ ...value, rows }, jsonReplacer, 2)}\n`);
    for (const c of chunks) expect(c.endsWith("\n")).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it("writes an empty array as [] (no batch, or only empty ones)", async () => {
    const value = { ...head, rows: [1], warnings: [] };
    const expected = `${JSON.stringify({ ...value, rows: [] }, null, 2)}\n`;
    expect((await collect(jsonChunks(value, "rows", batchesOf()))).join("")).toBe(expected);
    expect((await collect(jsonChunks(value, "rows", batchesOf([], [])))).join("")).toBe(expected);
  });

  it("keeps the key's place among the keys, first or last", async () => {
    for (const value of [
      { rows: [], n: 1 },
      { n: 1, rows: [] },
    ]) {
      const text = (await collect(jsonChunks(value, "rows", batchesOf([1, "a"], [null])))).join("");
      expect(text).toBe(`${JSON.stringify({ ...value, rows: [1, "a", null] }, null, 2)}\n`);
    }
  });

  it("refuses a key the value does not have", async () => {
    await expect(collect(jsonChunks({ n: 1 }, "rows", batchesOf()))).rejects.toThrow(/not a key/);
  });

  it("matches JSON.stringify for any items and batch split", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 12 }),
        fc.array(fc.nat(4), { maxLength: 8 }),
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
        async (items, cuts, extra) => {
          const batches: unknown[][] = [];
          let i = 0;
          for (const n of cuts) {
            batches.push(items.slice(i, i + n));
            i += n;
          }
          batches.push(items.slice(i));
          const value = { ...extra, rows: [] as unknown[] };
          const text = (await collect(jsonChunks(value, "rows", batchesOf(...batches)))).join("");
          expect(text).toBe(`${JSON.stringify({ ...value, rows: items }, null, 2)}\n`);
        },
      ),
      { numRuns: 200 },
    );
  });
});
