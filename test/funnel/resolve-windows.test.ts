import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";
import { prepareLeadStages } from "../../src/funnel/lead-stages.js";
import { resolveWindows } from "../../src/funnel/resolve-windows.js";
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

  it("defaults as-of to the latest timestamp in the data, as the features stage does", async () => {
    // The latest lifecycle, deal or activity timestamp is L10's MQL (and form), 2025-06-30 12:00
    // (first_touch_at is not among them: L9's 07-05 does not count).
    await loadBase(db);
    await prepareLeadStages(db);
    const w = await resolveWindows(db, { maturity_days: 30 });
    expect([w.asOf.toISOString(), w.asOfSource]).toEqual(["2025-06-30T12:00:00.000Z", "data"]);
  });

  it("does not take an open deal's expected close date as an observation", async () => {
    await loadBase(db);
    await insertRows(db, "deals", [
      {
        deal_id: "OPEN",
        created_at: "2025-06-01",
        closed_at: "2025-12-31",
        is_closed: false,
        is_won: false,
        source_file: "d.csv",
        source_line: 9,
      },
    ]);
    await prepareLeadStages(db);
    const w = await resolveWindows(db, { maturity_days: 30 });
    expect(w.asOf.toISOString()).toBe("2025-06-30T12:00:00.000Z");
  });

  it("uses a configured maturity as is, rounded up to whole days", async () => {
    await loadBase(db);
    await prepareLeadStages(db);
    const w = await resolveWindows(db, { maturity_days: 45.5, as_of: "2025-06-30" });
    expect([w.maturityDays, w.maturitySource]).toEqual([46, "config"]);
  });

  it("falls back to 180 days when 'auto' has fewer than 20 won leads to measure", async () => {
    // The base data has 3 won leads (L1, L6, L7).
    await loadBase(db);
    await prepareLeadStages(db);
    const w = await resolveWindows(db, { maturity_days: "auto", as_of: "2025-06-30" });
    expect([w.maturityDays, w.maturitySource, w.maturityBasis?.wonLeads]).toEqual([
      180,
      "default",
      3,
    ]);
  });

  it("takes 'auto' as the 90th percentile of lead-to-won days, rounded up", async () => {
    // Twenty won leads that took 1, 2, …, 20 days. Continuous 90th percentile: position
    // 0.9 × 19 = 17.1 between the 18th (18 days) and 19th (19 days) values ⇒ 18.1 ⇒ 19 days.
    await db.exec("load/schema");
    for (let i = 1; i <= 20; i++) {
      await insertRows(db, "leads", [
        { lead_id: `X${i}`, created_at: "2025-01-01", source_file: "l.csv", source_line: i },
      ]);
      await insertRows(db, "deals", [
        {
          deal_id: `D${i}`,
          created_at: "2025-01-01",
          closed_at: `2025-01-${String(1 + i).padStart(2, "0")}`, // i days after 01-01
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
    expect([w.maturityDays, w.maturitySource, w.maturityBasis?.wonLeads]).toEqual([19, "auto", 20]);
    expect(w.maturityBasis?.p90Days).toBeCloseTo(18.1, 10);
  });

  it("fails with a user error when the data has no dates and no as-of is set", async () => {
    await db.exec("load/schema");
    await insertRows(db, "leads", [{ lead_id: "A", source_file: "l.csv", source_line: 1 }]);
    await prepareLeadStages(db);
    await expect(resolveWindows(db, { maturity_days: 30 })).rejects.toThrow(/no dates/);
  });
});
