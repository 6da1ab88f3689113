import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";
import { type MqlSlaRow, mqlSla } from "../../src/funnel/mql-sla.js";
import { AS_OF, loadBase } from "./fixture.js";

// MQLs and their first sales touch (SLA 48 h; touch types call and meeting; as_of 2025-07-01 00:00):
//   L1  mql 01-05        first_touch_at 01-06            24 h      within  (ann, ppc)
//   L2  mql 01-06        call 01-09 (email_click ignored) 72 h      late    (ann, ppc)
//   L3  mql 01-11        first_touch_at 01-10            before MQL         (bob, seo)
//   L6  mql 03-03 12:00  meeting 03-05 12:00             48 h      within: exactly on the line (ann, ppc)
//   L7  mql 03-06        none                                      never   (bob, ppc)
//   L8  mql 03-21        call 03-20 and 03-22, no first_touch_at   before MQL (ann, events)
//   L9  mql 06-11        first_touch_at 07-05, after as_of         never   (ann, ppc)
//   L10 mql 06-30 12:00  none, SLA runs out 07-02 12:00 > as_of    pending (ann, ppc)
let db: Db;
let rows: MqlSlaRow[];
beforeAll(async () => {
  db = await Db.open(":memory:");
  await loadBase(db);
  rows = await mqlSla(db, { slaHours: 48, touchTypes: ["call", "meeting"], asOf: AS_OF });
});
afterAll(() => db.close());

const find = (dimension: string, value: string | null) => {
  const row = rows.find((r) => r.dimension === dimension && r.value === value);
  if (!row) throw new Error(`no row ${dimension} ${value}`);
  return row;
};
const statuses = (row: MqlSlaRow) => [
  row.mqls,
  row.within_sla,
  row.late,
  row.never_touched,
  row.pending,
  row.touched_before_mql,
];

describe("mqlSla(db, { slaHours: 48 })", () => {
  it("puts every MQL in exactly one status", () => {
    // within L1 L6, late L2, never L7 L9, pending L10, before MQL L3 L8: 2 + 1 + 2 + 1 + 2 = 8 MQLs.
    expect(statuses(find("all", null))).toEqual([8, 2, 1, 2, 1, 2]);
  });

  it("shares within the SLA over MQLs whose SLA has run out and that were handed over", () => {
    // 2 within / (2 within + 1 late + 2 never) = 2/5; Wilson 95% (0.1176, 0.7693).
    const { withinSla } = find("all", null);
    expect([withinSla.successes, withinSla.n]).toEqual([2, 5]);
    expect(withinSla.low).toBeCloseTo(0.117621, 5);
    expect(withinSla.high).toBeCloseTo(0.769276, 5);
  });

  it("takes the median hours to first touch over touched MQLs", () => {
    // 24, 48, 72 ⇒ 48.
    expect(find("all", null).median_hours_to_touch).toBe(48);
  });

  it("breaks the SLA down by owner", () => {
    // ann: L1 within, L2 late, L6 within, L8 before, L9 never, L10 pending; bob: L3 before, L7 never.
    expect(statuses(find("owner", "ann"))).toEqual([6, 2, 1, 1, 1, 1]);
    expect(statuses(find("owner", "bob"))).toEqual([2, 0, 0, 1, 0, 1]);
  });

  it("breaks the SLA down by source", () => {
    // ppc: L1 L6 within, L2 late, L7 L9 never, L10 pending; seo: L3 before; events: L8 before.
    expect(statuses(find("source", "ppc"))).toEqual([6, 2, 1, 2, 1, 0]);
    expect(statuses(find("source", "seo"))).toEqual([1, 0, 0, 0, 0, 1]);
    expect(statuses(find("source", "events"))).toEqual([1, 0, 0, 0, 0, 1]);
  });

  it("counts a touch exactly at the SLA as within and one second later as late", async () => {
    // L6's meeting is 48 h after its MQL: with a 47.9997 h SLA (one second less) it is late.
    const tighter = await mqlSla(db, {
      slaHours: 48 - 1 / 3600,
      touchTypes: ["call", "meeting"],
      asOf: AS_OF,
    });
    const all = tighter.find((r) => r.dimension === "all");
    expect([all?.within_sla, all?.late]).toEqual([1, 2]);
  });

  it("uses only the configured touch types", async () => {
    // Without "meeting", L6 has no touch and its SLA ran out long ago: never touched.
    const callsOnly = await mqlSla(db, { slaHours: 48, touchTypes: ["call"], asOf: AS_OF });
    const all = callsOnly.find((r) => r.dimension === "all");
    expect([all?.within_sla, all?.never_touched]).toEqual([1, 3]);
  });

  it("ignores touches and MQLs after as-of", async () => {
    // as_of 2025-03-05 06:00: L7 onwards (mql 03-06 and later) are out ⇒ L1 L2 L3 L6 = 4 MQLs.
    // L6's meeting (03-05 12:00) is after as_of, and its SLA runs out 03-05 12:00 > as_of ⇒ pending.
    // L1 within, L2 late, L3 before MQL.
    const early = await mqlSla(db, {
      slaHours: 48,
      touchTypes: ["call", "meeting"],
      asOf: new Date("2025-03-05T06:00:00Z"),
    });
    expect(statuses(early.find((r) => r.dimension === "all") as MqlSlaRow)).toEqual([
      4, 1, 1, 0, 1, 1,
    ]);
  });
});
