import { describe, expect, it } from "vitest";
import { Db, quoteIdent, quoteString, sqlNumber } from "../../src/db/index.js";

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

describe("sqlNumber(value)", () => {
  it("writes finite numbers as DOUBLE literals DuckDB reads back exactly", async () => {
    const db = await Db.open(":memory:");
    // the last four came back one unit in the last place off as bare DECIMAL literals
    const values = [
      0,
      30,
      -16,
      0.001,
      1e-7,
      1.5e21,
      0.1 + 0.2,
      -Number.MAX_VALUE,
      0.00022905951715503314,
      0.21536163881534343,
      0.010171524059817583,
      0.000060187164401148245,
    ];
    const rows = await db.all<{ v: number }>(
      values.map((v) => `SELECT ${sqlNumber(v)} AS v`).join(" UNION ALL "),
    );
    expect(rows.map((r) => r.v).sort((a, b) => a - b)).toEqual([...values].sort((a, b) => a - b));
    db.close();
  });
  it("refuses what is not a finite number", () => {
    expect(() => sqlNumber(Number.NaN)).toThrow(/finite/);
    expect(() => sqlNumber(Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(() => sqlNumber("1; DROP TABLE leads" as unknown as number)).toThrow(/finite/);
  });
});
