import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelPeriod } from "../../src/channels/channel-economics.js";
import { buildChannelsReport } from "../../src/channels/channels-report.js";
import { Db } from "../../src/db/index.js";
import {
  buildFunnelReport,
  type FunnelSettings,
  storeFunnelParts,
} from "../../src/funnel/funnel-report.js";
import { loadChannels } from "../channels/fixture.js";
import { insertRows } from "./fixture.js";

const settings: FunnelSettings = {
  grain: "month",
  by: undefined,
  slaHours: 48,
  touchTypes: ["call", "meeting"],
  formTypes: ["form_submit", "content_download"],
  intentTypes: ["demo_request"],
  sessionMinEvents: 3,
  timezone: "UTC",
  targets: { new_arr: 180000 },
  icp: { countries: ["US", "UK"] } as FunnelSettings["icp"],
  windows: { decision: "created", scoring_days: 30, maturity_days: 30, as_of: "2025-06-30" },
};
const channelSettings: {
  period: ChannelPeriod;
  windows: FunnelSettings["windows"];
  sourceMapping: Record<string, string> | undefined;
} = {
  period: "month",
  windows: settings.windows,
  sourceMapping: { "Paid Search": "paid_search" },
};

const FUNNEL_PARTS = [
  "funnel/shape",
  "funnel/windows",
  "funnel/cohorts/month",
  "funnel/sla",
  "funnel/failure-modes",
  "funnel/backsolve-data",
];

let db: Db;
beforeEach(async () => {
  db = await Db.open(":memory:");
  await loadChannels(db);
});
afterEach(() => {
  delete process.env.HANDOFF_RECOMPUTE;
  db.close();
});

/** The funnel report with its own store; which parts it reused and which it computed. */
async function funnelRun(over: Partial<FunnelSettings> = {}) {
  const store = await storeFunnelParts(db);
  const report = await buildFunnelReport(db, { ...settings, ...over }, store);
  return { report, reused: store.reused, computed: store.computed };
}

async function channelsRun(over: Partial<typeof channelSettings> = {}) {
  const store = await storeFunnelParts(db);
  const report = await buildChannelsReport(db, { ...channelSettings, ...over }, store);
  return { report, reused: store.reused, computed: store.computed };
}

describe("buildFunnelReport(db, settings, store): stored parts", () => {
  it("computes every part once, then gives back the same report from the stored parts", async () => {
    const first = await funnelRun();
    expect(first.computed).toEqual(FUNNEL_PARTS);
    expect(first.reused).toEqual([]);
    const again = await funnelRun();
    expect(again.reused).toEqual(FUNNEL_PARTS);
    expect(again.computed).toEqual([]);
    // the same value, Dates included, and the same JSON byte for byte
    expect(again.report).toEqual(first.report);
    expect(JSON.stringify(again.report)).toBe(JSON.stringify(first.report));
  });

  it("reads a part from the store, not from the data", async () => {
    await funnelRun();
    await db.run(
      'UPDATE stage_result SET result = replace(result, \'"mode":"form_fill_only"\', \'"mode":"stored"\') WHERE stage = \'funnel/failure-modes\'',
    );
    const again = await funnelRun();
    expect(again.report.failureModes.map((r) => r.mode)).toContain("stored");
  });

  it("recomputes only the parts whose settings changed", async () => {
    await funnelRun();
    const cases: [Partial<FunnelSettings>, string[]][] = [
      [{ grain: "quarter" }, ["funnel/cohorts/quarter"]],
      [{ by: "source" }, ["funnel/cohorts/month"]],
      [{ slaHours: 24 }, ["funnel/sla"]],
      [{ touchTypes: ["call"] }, ["funnel/sla", "funnel/failure-modes"]],
      [{ icp: { countries: ["US"] } as FunnelSettings["icp"] }, ["funnel/failure-modes"]],
      [{ timezone: "America/New_York" }, ["funnel/failure-modes"]],
      [{ formTypes: ["form_submit"] }, ["funnel/failure-modes"]],
      [{ intentTypes: [] }, ["funnel/failure-modes"]],
      [{ sessionMinEvents: 2 }, ["funnel/failure-modes"]],
      // the back-solve is recomputed from the stored figures: nothing to redo
      [{ targets: { new_arr: 1 } }, []],
    ];
    for (const [over, parts] of cases) {
      await funnelRun(); // back to the base settings' parts
      const run = await funnelRun(over);
      expect({ over, computed: run.computed }).toEqual({ over, computed: parts });
    }
  });

  it("recomputes the windows and every part that reads them when a window setting changes", async () => {
    const withoutSla = FUNNEL_PARTS.slice(1).filter((p) => p !== "funnel/sla");
    const cases: [FunnelSettings["windows"], string[]][] = [
      // the SLA reads the as-of only
      [{ ...settings.windows, maturity_days: 60 }, withoutSla],
      [{ ...settings.windows, maturity_days: "auto" }, withoutSla],
      [{ ...settings.windows, as_of: "2025-05-31" }, FUNNEL_PARTS.slice(1)],
      // decision and scoring_days are the features' windows: the funnel does not read them
      [{ ...settings.windows, scoring_days: 7, decision: "mql" }, []],
    ];
    for (const [windows, parts] of cases) {
      await funnelRun();
      const run = await funnelRun({ windows });
      expect({ windows, computed: run.computed }).toEqual({ windows, computed: parts });
    }
  });

  it("recomputes everything, with the new rows counted, when the data changed", async () => {
    const first = await funnelRun();
    await insertRows(db, "leads", [
      { lead_id: "L99", created_at: "2025-02-01", source_file: "leads.csv", source_line: 0 },
    ]);
    const after = await funnelRun();
    expect(after.computed).toEqual(FUNNEL_PARTS);
    expect(after.report.shape.leads).toBe(first.report.shape.leads + 1);
    await db.run(
      "INSERT INTO load_log VALUES (1, 'leads', '/x.csv', 'abc', 1, 'canonical', 'unchanged', 0, 0, 0, 0, now()::TIMESTAMP)",
    );
    expect((await funnelRun()).computed).toEqual(FUNNEL_PARTS);
  });

  it("reuses nothing with HANDOFF_RECOMPUTE=1", async () => {
    await funnelRun();
    process.env.HANDOFF_RECOMPUTE = "1";
    const run = await funnelRun();
    expect([run.reused, run.computed]).toEqual([[], FUNNEL_PARTS]);
  });
});

describe("buildChannelsReport(db, settings, store): stored parts", () => {
  const CHANNEL_PARTS = ["channels/economics/month", "channels/spellings"];

  it("shares the funnel's shape and windows, and reuses its own parts with the same report", async () => {
    await funnelRun();
    const first = await channelsRun();
    expect(first.reused).toEqual(["funnel/shape", "funnel/windows"]);
    expect(first.computed).toEqual(CHANNEL_PARTS);
    const again = await channelsRun();
    expect(again.computed).toEqual([]);
    expect(JSON.stringify(again.report)).toBe(JSON.stringify(first.report));
    expect(again.report).toEqual(first.report);
  });

  it("recomputes the economics for another period, windows or data, the spellings for another mapping", async () => {
    await channelsRun();
    const cases: [Partial<typeof channelSettings>, string[]][] = [
      [{ period: "spend" }, ["channels/economics/spend"]],
      [{ sourceMapping: undefined }, ["channels/spellings"]],
      [
        { windows: { ...settings.windows, maturity_days: 60 } },
        ["funnel/windows", "channels/economics/month"],
      ],
    ];
    for (const [over, parts] of cases) {
      await channelsRun();
      const run = await channelsRun(over);
      expect({ over, computed: run.computed }).toEqual({ over, computed: parts });
    }
    await channelsRun();
    await insertRows(db, "spend", [
      {
        period_start: "2025-05-01",
        period_end: "2025-05-31",
        source: "ppc",
        source_raw: "ppc",
        amount: 100,
        source_file: "spend.csv",
        source_line: 0,
      },
    ]);
    expect((await channelsRun()).computed).toEqual([
      "funnel/shape",
      "funnel/windows",
      ...CHANNEL_PARTS,
    ]);
  });
});
