import { afterEach, describe, expect, it, vi } from "vitest";
import { Db } from "../../src/db/index.js";

describe("Db with HANDOFF_EXPLAIN_SQL", () => {
  const saved = process.env.HANDOFF_EXPLAIN_SQL;
  afterEach(() => {
    if (saved === undefined) delete process.env.HANDOFF_EXPLAIN_SQL;
    else process.env.HANDOFF_EXPLAIN_SQL = saved;
    vi.restoreAllMocks();
  });

  function captureStderr(): string[] {
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    return written;
  }

  it("profiles a CREATE TEMP TABLE ... AS statement and runs it exactly once", async () => {
    const db = await Db.open(":memory:");
    await db.run("CREATE TABLE a AS SELECT range AS x FROM range(3)");
    process.env.HANDOFF_EXPLAIN_SQL = "-- probe";
    const written = captureStderr();
    await db.run("-- probe\nCREATE TEMP TABLE b AS SELECT x + 1 AS y FROM a");
    await db.run("-- probe\nINSERT INTO a SELECT 10");
    vi.restoreAllMocks();
    delete process.env.HANDOFF_EXPLAIN_SQL;
    const b = await db.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM b");
    const a = await db.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM a");
    db.close();
    expect(b[0]?.n).toBe(3);
    expect(a[0]?.n).toBe(4); // inserted once, not twice
    expect(written.join("")).toContain("Query Profiling Information");
  });

  it("still returns the rows of a profiled query", async () => {
    const db = await Db.open(":memory:");
    process.env.HANDOFF_EXPLAIN_SQL = "-- probe";
    const written = captureStderr();
    const rows = await db.all<{ x: number }>("-- probe\nSELECT 42 AS x");
    vi.restoreAllMocks();
    db.close();
    expect(rows).toEqual([{ x: 42 }]);
    expect(written.join("")).toContain("Query Profiling Information");
  });

  it("leaves statements that do not match alone", async () => {
    const db = await Db.open(":memory:");
    process.env.HANDOFF_EXPLAIN_SQL = "-- probe";
    const written = captureStderr();
    await db.run("CREATE TABLE c AS SELECT 1 AS x");
    vi.restoreAllMocks();
    db.close();
    expect(written.join("")).not.toContain("Query Profiling Information");
  });
});
