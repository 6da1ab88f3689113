import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";
import { prepareLeadStages } from "../../src/funnel/lead-stages.js";
import { FALLBACK_MATURITY_DAYS, resolveWindows } from "../../src/funnel/resolve-windows.js";
import { insertRows, loadBase } from "./fixture.js";

let db: Db;
beforeEach(async () => {
  db = await Db.open(":memory:");
});
afterEach(() => db.close());

describe("resolveWindows(db, windows)", () => {
  it("reads a configured as-of date as data through the end of that day", async () => {
    await loadBase(db);
    await prepareLeadStages(db);
    const w = await resolveWindows(db, { maturity_days: 30, as_of: "2025-06-30" });
    expect([w.asOf.toISOString(), w.asOfSource]).toEqual(["2025-07-01T00:00:00.000Z", "config"]);
  });

  it("defaults as-of to the latest timestamp in the data", async () => {
    // The latest is L9's first_touch_at, 2025-07-05.
    await loadBase(db);
    await prepareLeadStages(db);
    const w = await resolveWindows(db, { maturity_days: 30 });
    expect([w.asOf.toISOString(), w.asOfSource]).toEqual(["2025-07-05T00:00:00.000Z", "data"]);
  });

  it("uses a configured maturity as is, rounded up to whole days", async () => {
    await loadBase(db);
    await prepareLeadStages(db);
    const w = await resolveWindows(db, { maturity_days: 45.5, as_of: "2025-06-30" });
    expect([w.maturityDays, w.maturitySource]).toEqual([46, "config"]);
  });

  it("falls back to 180 days when 'auto' has fewer than 10 won leads to measure", async () => {
    // The base data has 3 won leads (L1, L6, L7).
    await loadBase(db);
    await prepareLeadStages(db);
    const w = await resolveWindows(db, { maturity_days: "auto", as_of: "2025-06-30" });
    expect([w.maturityDays, w.maturitySource, w.maturityBasis?.wonLeads]).toEqual([
      FALLBACK_MATURITY_DAYS,
      "fallback",
      3,
    ]);
  });

  it("takes 'auto' as the 90th percentile of lead-to-won days, rounded up", async () => {
    // Ten won leads that took 1, 2, …, 10 days. Continuous 90th percentile: position 0.9 × 9 = 8.1
    // between the 9th (9 days) and 10th (10 days) values ⇒ 9.1 ⇒ 10 days.
    await db.exec("load/schema");
    for (let i = 1; i <= 10; i++) {
      await insertRows(db, "leads", [
        { lead_id: `X${i}`, created_at: "2025-01-01", source_file: "l.csv", source_line: i },
      ]);
      await insertRows(db, "deals", [
        {
          deal_id: `D${i}`,
          created_at: "2025-01-01",
          closed_at: `2025-01-${String(1 + i).padStart(2, "0")}`,
          is_closed: true,
          is_won: true,
          source_file: "d.csv",
          source_line: i,
        },
      ]);
      await insertRows(db, "deal_leads", [{ deal_id: `D${i}`, lead_id: `X${i}`, via: "deal" }]);
    }
    await prepareLeadStages(db);
    const w = await resolveWindows(db, { maturity_days: "auto" });
    expect([w.maturityDays, w.maturitySource, w.maturityBasis?.wonLeads]).toEqual([10, "auto", 10]);
    expect(w.maturityBasis?.p90Days).toBeCloseTo(9.1, 10);
  });

  it("fails with a user error when the data has no dates and no as-of is set", async () => {
    await db.exec("load/schema");
    await insertRows(db, "leads", [{ lead_id: "A", source_file: "l.csv", source_line: 1 }]);
    await prepareLeadStages(db);
    await expect(resolveWindows(db, { maturity_days: 30 })).rejects.toThrow(/no dates/);
  });
});
