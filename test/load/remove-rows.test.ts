import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/index.js";
import { removeRows } from "../../src/load/remove-rows.js";
import { withConnection } from "../helpers/db.js";

/** Leads L0…L{n−1}, created on consecutive days, with an extra export column `Region`. */
async function leads(db: Db, n: number): Promise<void> {
  await db.run('ALTER TABLE leads ADD COLUMN "Region" VARCHAR');
  await db.run(
    `INSERT INTO leads BY NAME
     SELECT 'L' || i AS lead_id, TIMESTAMP '2025-01-01' + INTERVAL (i) DAY AS created_at,
            false AS is_sales_accepted, false AS is_disqualified,
            'f.csv' AS source_file, i + 2 AS source_line, 'R' || (i % 3) AS "Region"
     FROM range($n) t(i)`,
    { n },
  );
}

const ids = async (db: Db) =>
  (await db.all<{ lead_id: string }>("SELECT lead_id FROM leads")).map((r) => r.lead_id);

const definition = async (db: Db) =>
  (
    await db.all<{ sql: string }>(
      "SELECT sql FROM duckdb_tables() WHERE table_name = 'leads' AND NOT temporary",
    )
  )[0]?.sql;

describe("removeRows(db, table, where, params)", () => {
  it("deletes a few rows of a large table and keeps the rest", () =>
    withConnection(async (db) => {
      await leads(db, 100);
      expect(await removeRows(db, "leads", "lead_id = $id", { id: "L7" })).toBe(1);
      expect(await ids(db)).toHaveLength(99);
      expect(await ids(db)).not.toContain("L7");
    }));

  it("rebuilds a table when most of it goes: same rows kept in order, same columns and key", () =>
    withConnection(async (db) => {
      await leads(db, 100);
      const before = await definition(db);
      const removed = await removeRows(db, "leads", "source_line >= $from", { from: 12 });
      expect(removed).toBe(90);
      expect(await ids(db)).toEqual(Array.from({ length: 10 }, (_, i) => `L${i}`));
      expect(await definition(db)).toBe(before);
      expect(
        (await db.all<{ Region: string }>("SELECT \"Region\" FROM leads WHERE lead_id = 'L4'"))[0]
          ?.Region,
      ).toBe("R1");
      // the PRIMARY KEY came with the definition
      await expect(
        db.run(
          "INSERT INTO leads (lead_id, is_sales_accepted, is_disqualified, source_file, source_line) VALUES ('L1', false, false, 'g.csv', 2)",
        ),
      ).rejects.toThrow(/constraint|duplicate/i);
    }));

  it("keeps rows whose condition is NULL, as DELETE would", () =>
    withConnection(async (db) => {
      await leads(db, 10);
      await db.run("UPDATE leads SET created_at = NULL WHERE lead_id IN ('L1', 'L2')");
      // every dated lead goes (a rebuild), the two undated ones stay
      expect(await removeRows(db, "leads", "created_at >= TIMESTAMP '2025-01-01'")).toBe(8);
      expect((await ids(db)).sort()).toEqual(["L1", "L2"]);
    }));

  it("removes nothing and leaves the table alone when nothing matches", () =>
    withConnection(async (db) => {
      await leads(db, 10);
      expect(await removeRows(db, "leads", "lead_id = 'nope'")).toBe(0);
      expect(await ids(db)).toHaveLength(10);
    }));

  it.each([
    ["a delete", "lead_id = 'L3'"],
    ["a rebuild", "true"],
  ])("leaves the table as it was when the transaction around %s fails", (_, where) =>
    withConnection(async (db) => {
      await leads(db, 50);
      const before = await definition(db);
      await expect(
        db.transaction(async () => {
          await removeRows(db, "leads", where);
          throw new Error("interrupted");
        }),
      ).rejects.toThrow("interrupted");
      expect(await ids(db)).toHaveLength(50);
      expect(await definition(db)).toBe(before);
      expect(
        (
          await db.all<{ n: number }>(
            "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'leads__next'",
          )
        )[0]?.n,
      ).toBe(0);
    }),
  );
});
