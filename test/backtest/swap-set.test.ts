import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { swapSet } from "../../src/backtest/swap-set.js";
import type { Db } from "../../src/db/index.js";
import { wilsonInterval } from "../../src/stats/index.js";
import { at, insertScored, openFixtureDb } from "./fixtures.js";

let db: Db;
beforeEach(async () => {
  db = await openFixtureDb();
});
afterEach(() => db.close());

const scored = (
  id: string,
  peak: number,
  over: { sql?: boolean | null; won?: boolean; gates?: boolean; mature?: boolean } = {},
) => ({
  lead_id: id,
  created_at: at(0),
  decision_at: at(30),
  gates_pass: over.gates ?? true,
  records: [{ t: at(0), score: peak }],
  sql: over.sql === undefined ? false : over.sql,
  sql_at: over.sql ? at(5) : null,
  won: over.won ?? false,
  won_at: over.won ? at(60) : null,
  won_amount: over.won ? 1000 : null,
  mature: over.mature ?? true,
});

describe("swapSet(db, options)", () => {
  it("classifies leads by movement and gives their historical rates", async () => {
    // one model key, two thresholds: current 60, proposed 40
    await insertScored(db, [
      scored("in-1", 70, { sql: true, won: true }),
      scored("new-1", 50, { sql: true }),
      scored("new-2", 45, { sql: false }),
      scored("new-3", 40, { sql: null }), // never handed to sales
      scored("gated", 90, { gates: false, sql: true }),
      scored("out-1", 10),
    ]);
    const rows = await swapSet(db, {
      current: { model: "model", threshold: 60 },
      proposed: { model: "model", threshold: 40 },
    });
    expect(rows.map((r) => [r.movement, r.leads, r.observed, r.sql, r.won, r.unobserved])).toEqual([
      ["stays in", 1, 1, 1, 1, 0],
      ["moves in", 3, 2, 1, 0, 1],
      ["moves out", 0, 0, 0, 0, 0],
      ["stays out", 2, 2, 1, 0, 0],
    ]);
    const movesIn = rows[1];
    expect(movesIn?.sql_rate).toBe(0.5);
    expect(movesIn?.sql_rate_low).toBe(wilsonInterval(1, 2).low);
    expect(rows[2]?.sql_rate).toBeNull();
  });

  it("compares two model keys: leads moving out of the current rule", async () => {
    await insertScored(db, [scored("a", 70, { sql: true }), scored("b", 30)], "current");
    await insertScored(db, [scored("a", 20, { sql: true }), scored("b", 80)], "model");
    const rows = await swapSet(db, {
      current: { model: "current", threshold: 50 },
      proposed: { model: "model", threshold: 50 },
    });
    expect(rows.map((r) => [r.movement, r.leads])).toEqual([
      ["stays in", 0],
      ["moves in", 1],
      ["moves out", 1],
      ["stays out", 0],
    ]);
  });
});
