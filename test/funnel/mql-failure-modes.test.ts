import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";
import { prepareLeadStages } from "../../src/funnel/lead-stages.js";
import { type FailureModeRow, mqlFailureModes } from "../../src/funnel/mql-failure-modes.js";
import { AS_OF, activity, insertRows, loadBase, MATURITY_DAYS } from "./fixture.js";

// Engagement = activities at or before mql_at, sales touches (call, meeting) left out; form types
// form_submit and content_download; a session is 3+ events on one day with no demo_request.
// From ./fixture.ts:
//   L1  form_submit at mql_at                          ⇒ form-fill-only
//   L2  page_view 01-04, form_submit 01-05             ⇒ neither
//   L3  page_view 03:00, content_download 08:00, form 09:00, all 01-10 UTC
//                                                      ⇒ single-session (not form-only: a page view).
//       In New York the page view is on 01-09 (22:00): two days, no session.
//       First touch 01-10 00:00 is before its MQL, but it engaged after: not recycled.
//   L6  two page views and a demo_request on 03-03     ⇒ a session, exempt by the demo request
//   L7  page_view 03-05 10:00; disqualified 03-05 12:00, MQL 03-06, nothing in between ⇒ recycled
//   L8  call 03-20 (a sales touch: not engagement), webinar 03-20 12:00; disqualified 03-19,
//       MQL 03-21 ⇒ not recycled (the webinar is new engagement)
//   L9  nothing                                        ⇒ neither
//   L10 form_submit at mql_at                          ⇒ form-fill-only
// ICP: countries US, UK; industries Software; 50–5 000 employees. Mismatches: L3 (DE), L6 (Retail),
//   L7 (20 employees), L9 (10 000 employees). L2 ("us", "software") fits: case-insensitive; L8 has no
//   values: unknown is not a mismatch; L10 has exactly 50: the bounds are inclusive.
// Mature (created ≥ 30 days before 07-01): all but L9 and L10. Outcomes: SQL L1 L2 L3 L6 L7; won L1 L6 L7.
const ICP = {
  countries: ["US", "UK"],
  industries: ["Software"],
  min_employees: 50,
  max_employees: 5000,
};
const TYPES = {
  timezone: "UTC",
  touchTypes: ["call", "meeting"],
  formTypes: ["form_submit", "content_download"],
  intentTypes: ["demo_request"],
  sessionMinEvents: 3,
};

/** The base options with sessions of two events or more. */
const TWO_EVENT_SESSIONS = {
  ...TYPES,
  sessionMinEvents: 2,
  asOf: AS_OF,
  maturityDays: MATURITY_DAYS,
  icp: ICP,
};

let db: Db;
let rows: FailureModeRow[];
beforeAll(async () => {
  db = await Db.open(":memory:");
  await loadBase(db);
  await prepareLeadStages(db);
  rows = await mqlFailureModes(db, {
    ...TYPES,
    asOf: AS_OF,
    maturityDays: MATURITY_DAYS,
    icp: ICP,
  });
});
afterAll(() => db.close());

const counts = (mode: string) => {
  const row = rows.find((r) => r.mode === mode);
  return row && [row.mqls, row.mature_mqls, row.sqls, row.won];
};

describe("mqlFailureModes(db, options)", () => {
  it("puts all MQLs first as the baseline", () => {
    // 8 MQLs, 6 mature (not L9 L10), 5 SQL (L1 L2 L3 L6 L7), 3 won (L1 L6 L7).
    expect(rows[0]?.mode).toBe("all_mqls");
    expect(counts("all_mqls")).toEqual([8, 6, 5, 3]);
  });

  it("finds form-fill-only MQLs: engagement up to the MQL is form fills only", () => {
    // L1 (mature, SQL, won) and L10 (immature).
    expect(counts("form_fill_only")).toEqual([2, 1, 1, 1]);
  });

  it("finds single-session MQLs: 3+ engagement events on one day, no demo request", () => {
    // L3 only (L6's session has a demo request; L1 L10 have one event): mature, SQL, not won.
    expect(counts("single_session")).toEqual([1, 1, 1, 0]);
  });

  it("counts a session's days in the configured time zone", async () => {
    // In America/New_York L3's 03:00 UTC page view is on the evening before: two days.
    const ny = await mqlFailureModes(db, {
      ...TYPES,
      timezone: "America/New_York",
      asOf: AS_OF,
      maturityDays: MATURITY_DAYS,
      icp: ICP,
    });
    expect(ny.find((r) => r.mode === "single_session")?.mqls).toBe(0);
  });

  it("does not take events days apart for one session, however many there are", async () => {
    // L2 gets a third engagement event three and a half days before its others: with 2-event
    // sessions it has enough events but spans four calendar days, and L3 stays the only session.
    // (The query counts calendar days only for leads whose events lie within three days.)
    const spread = await Db.open(":memory:");
    try {
      await loadBase(spread);
      await insertRows(spread, "activities", [activity("L2", "2025-01-01 00:00", "page_view")]);
      await prepareLeadStages(spread);
      const result = await mqlFailureModes(spread, TWO_EVENT_SESSIONS);
      expect(result.find((r) => r.mode === "single_session")?.mqls).toBe(1);
    } finally {
      spread.close();
    }
  });

  it("leaves sales touches out of engagement", async () => {
    // With 2-event sessions, L8 has one engagement event before its MQL (the webinar; its call on
    // the same day is a sales touch): no session. Counting calls as engagement makes it one.
    const options = TWO_EVENT_SESSIONS;
    const callsLeftOut = await mqlFailureModes(db, options);
    const callsCounted = await mqlFailureModes(db, { ...options, touchTypes: ["meeting"] });
    // 2-event sessions: L3 (3 events) either way; L8 only when its call counts.
    expect(callsLeftOut.find((r) => r.mode === "single_session")?.mqls).toBe(1);
    expect(callsCounted.find((r) => r.mode === "single_session")?.mqls).toBe(2);
  });

  it("finds persona mismatches against the ICP rules", () => {
    // L3 L6 L7 L9; mature L3 L6 L7, all SQL; won L6 L7.
    expect(counts("persona_mismatch")).toEqual([4, 3, 3, 2]);
  });

  it("finds recycled MQLs: re-qualified with no engagement since disqualification", () => {
    // L7 only (L8 attended a webinar between disqualification and MQL).
    expect(counts("recycled")).toEqual([1, 1, 1, 1]);
  });

  it("takes a first touch before the MQL as the start of the quiet spell when there is no disqualification date", async () => {
    // HubSpot keeps the first pass's first-touch date. L3 touched 01-10 10:00, after its last
    // engagement (09:00), MQL 01-11: recycled too.
    await db.run("UPDATE leads SET first_touch_at = '2025-01-10 10:00' WHERE lead_id = 'L3'");
    try {
      const modes = await mqlFailureModes(db, {
        ...TYPES,
        asOf: AS_OF,
        maturityDays: MATURITY_DAYS,
        icp: ICP,
      });
      expect(modes.find((r) => r.mode === "recycled")?.mqls).toBe(2);
    } finally {
      await db.run("UPDATE leads SET first_touch_at = '2025-01-10' WHERE lead_id = 'L3'");
    }
  });

  it("gives SQL and won rates with Wilson intervals over the mature MQLs of a mode", () => {
    // Persona mismatch: 3 of 3 mature reached SQL, 2 of 3 won.
    const persona = rows.find((r) => r.mode === "persona_mismatch");
    expect([
      persona?.sqlRate?.successes,
      persona?.sqlRate?.n,
      persona?.wonRate?.successes,
      persona?.wonRate?.n,
    ]).toEqual([3, 3, 2, 3]);
    // 2/3: Wilson 95% (0.2077, 0.9385), as statsmodels proportion_confint(2, 3, method="wilson").
    expect(persona?.wonRate?.low).toBeCloseTo(0.20766, 4);
    expect(persona?.wonRate?.high).toBeCloseTo(0.938508, 4);
  });

  it("checks seniority from the job title (seniority_of), else the exported seniority", async () => {
    await db.run("UPDATE leads SET title = 'VP Marketing' WHERE lead_id = 'L1'"); // VP: fits
    await db.run("UPDATE leads SET title = 'Marketing Intern' WHERE lead_id = 'L2'"); // Individual contributor
    await db.run("UPDATE leads SET seniority = 'Director' WHERE lead_id = 'L8'"); // no title: exported
    await db.run("UPDATE leads SET title = 'n/a', seniority = 'c-level' WHERE lead_id = 'L10'"); // title unknown: exported, fits
    await db.run("UPDATE leads SET seniority = 'unknown' WHERE lead_id = 'L6'"); // unknown: no mismatch by itself
    try {
      const withSeniority = await mqlFailureModes(db, {
        ...TYPES,
        asOf: AS_OF,
        maturityDays: MATURITY_DAYS,
        icp: { ...ICP, seniorities: ["VP", "C-level"] },
      });
      // L3 L6 L7 L9 as before, plus L2 (intern) and L8 (Director) = 6.
      expect(withSeniority.find((r) => r.mode === "persona_mismatch")?.mqls).toBe(6);
    } finally {
      await db.run("UPDATE leads SET title = NULL, seniority = NULL");
    }
  });

  it("checks company-size bands with size_band_of", async () => {
    // Bands 51-200 and 201-500 only: L7 (20 → 11-50), L9 (10 000 → 5001+), L10 (50 → 11-50) fall
    // outside; L8 (no count) is unknown, not a mismatch.
    const bySize = await mqlFailureModes(db, {
      ...TYPES,
      asOf: AS_OF,
      maturityDays: MATURITY_DAYS,
      icp: { size_bands: ["51-200", "201-500"] },
    });
    expect(bySize.find((r) => r.mode === "persona_mismatch")?.mqls).toBe(3);
  });

  it("says persona mismatch is not computable without ICP rules", async () => {
    const noIcp = await mqlFailureModes(db, {
      ...TYPES,
      asOf: AS_OF,
      maturityDays: MATURITY_DAYS,
      icp: undefined,
    });
    const row = noIcp.find((r) => r.mode === "persona_mismatch");
    expect([row?.computable, row?.mqls, row?.sqlRate]).toEqual([false, null, null]);
    expect(row?.reason).toMatch(/icp section/);
  });
});

describe("mqlFailureModes(db, options) on a flat export", () => {
  it("says the activity-based modes cannot be computed, and does not count every disqualified MQL as recycled", async () => {
    const flat = await Db.open(":memory:");
    try {
      await loadBase(flat, { activities: false });
      await prepareLeadStages(flat);
      const modes = await mqlFailureModes(flat, {
        ...TYPES,
        asOf: AS_OF,
        maturityDays: MATURITY_DAYS,
        icp: ICP,
      });
      expect(modes.map((r) => [r.mode, r.computable, r.mqls])).toEqual([
        ["all_mqls", true, 8],
        ["form_fill_only", false, null],
        ["single_session", false, null],
        ["persona_mismatch", true, 4],
        ["recycled", false, null],
      ]);
      expect(modes.find((r) => r.mode === "recycled")?.reason).toMatch(/activities file/);
    } finally {
      flat.close();
    }
  });
});
