import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";

const hasMacro = async (db: Db) =>
  (
    await db.all<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM duckdb_functions() WHERE function_name = 'period_of'",
    )
  )[0]?.n ?? 0;

describe("db.execOnce(name)", () => {
  let db: Db;
  beforeEach(async () => {
    db = await Db.open(":memory:");
  });
  afterEach(() => db.close());

  it("runs the query file the first time only", async () => {
    await db.execOnce("features/macros");
    expect(await hasMacro(db)).toBeGreaterThan(0);
    await db.run("DROP MACRO period_of");
    await db.execOnce("features/macros");
    expect(await hasMacro(db)).toBe(0);
    // exec always runs it
    await db.exec("features/macros");
    expect(await hasMacro(db)).toBeGreaterThan(0);
  });

  it("runs it again after a run inside a transaction that was rolled back", async () => {
    await expect(
      db.transaction(async () => {
        await db.execOnce("features/macros");
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await hasMacro(db)).toBe(0);
    await db.execOnce("features/macros");
    expect(await hasMacro(db)).toBeGreaterThan(0);
  });

  it("is per open database", async () => {
    await db.execOnce("features/macros");
    const other = await Db.open(":memory:");
    try {
      await other.execOnce("features/macros");
      expect(await hasMacro(other)).toBeGreaterThan(0);
    } finally {
      other.close();
    }
  });
});
