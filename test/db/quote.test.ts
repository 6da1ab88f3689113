import { describe, expect, it } from "vitest";
import { Db, quoteIdent, quoteString } from "../../src/db/index.js";

describe("quoteIdent(name)", () => {
  it("doubles embedded quotes", () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
  it("round-trips hostile header names through DuckDB", async () => {
    const db = await Db.open(":memory:");
    const hostile = `x"; DROP TABLE t; --`;
    await db.run(`CREATE TABLE t (${quoteIdent(hostile)} INTEGER)`);
    const cols = await db.tableColumns("t");
    expect(cols.map((c) => c.name)).toEqual([hostile]);
    db.close();
  });
});

describe("quoteString(value)", () => {
  it("doubles single quotes so the value stays a literal", async () => {
    const db = await Db.open(":memory:");
    const value = "'; DROP TABLE leads; --";
    const rows = await db.all<{ v: string }>(`SELECT ${quoteString(value)} AS v`);
    expect(rows[0]?.v).toBe(value);
    db.close();
  });
});

describe("Db", () => {
  it("returns counts as numbers, not bigints", async () => {
    const db = await Db.open(":memory:");
    const rows = await db.all<{ n: number }>("SELECT count(*) AS n FROM range(5)");
    expect(rows[0]?.n).toBe(5);
    db.close();
  });
  it("rolls back a failed transaction", async () => {
    const db = await Db.open(":memory:");
    await db.run("CREATE TABLE t (x INTEGER)");
    await expect(
      db.transaction(async () => {
        await db.run("INSERT INTO t VALUES (1)");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const rows = await db.all<{ n: number }>("SELECT count(*) AS n FROM t");
    expect(rows[0]?.n).toBe(0);
    db.close();
  });
});
