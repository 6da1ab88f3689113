import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/index.js";
import { buildLabels, labelsKey } from "../../src/features/build-labels.js";
import { canonicalDb, insertDeal, insertLeads } from "../helpers/canonical-db.js";

const windows = (
  over: Partial<{
    decision: "created" | "mql";
    scoring_days: number;
    maturity_days: number | "auto";
    as_of: string;
  }> = {},
) => ({
  decision: "created" as const,
  scoring_days: 30,
  maturity_days: 90 as number | "auto",
  as_of: "2026-06-30",
  ...over,
});

interface LabelRow {
  lead_id: string;
  decision_at: Date | null;
  period: string | null;
  handed_to_sales: boolean;
  sql: boolean | null;
  won: boolean;
  won_amount: number;
  mature: boolean;
}

async function labels(db: Db): Promise<Record<string, LabelRow>> {
  const rows = await db.all<LabelRow>("SELECT * FROM lead_labels ORDER BY lead_id");
  return Object.fromEntries(rows.map((r) => [r.lead_id, r]));
}

describe("buildLabels(db, windows, halfLife)", () => {
  let db: Db;
  beforeEach(async () => {
    db = await canonicalDb();
  });
  afterEach(() => db.close());

  it("sets decision time to creation plus the scoring window and the period to its quarter", async () => {
    await insertLeads(db, [{ lead_id: "a", created_at: "2026-03-15 10:00:00" }]);
    await buildLabels(db, windows(), 30);
    const a = (await labels(db)).a;
    expect(a?.decision_at?.toISOString()).toBe("2026-04-14T10:00:00.000Z");
    expect(a?.period).toBe("2026Q2");
  });

  it("uses mql_at when decision is mql, and creation plus scoring window for leads never MQL'd", async () => {
    await insertLeads(db, [
      { lead_id: "a", created_at: "2026-01-01", mql_at: "2026-01-05" },
      { lead_id: "b", created_at: "2026-01-01" },
    ]);
    await buildLabels(db, windows({ decision: "mql" }), 30);
    const l = await labels(db);
    expect(l.a?.decision_at?.toISOString()).toBe("2026-01-05T00:00:00.000Z");
    expect(l.b?.decision_at?.toISOString()).toBe("2026-01-31T00:00:00.000Z");
  });

  it("counts a won deal closed inside the maturity window and not one closed after it", async () => {
    await insertLeads(db, [
      { lead_id: "in", created_at: "2026-01-01", mql_at: "2026-01-02" },
      { lead_id: "out", created_at: "2026-01-01", mql_at: "2026-01-02" },
      { lead_id: "lost", created_at: "2026-01-01", mql_at: "2026-01-02" },
    ]);
    // decision 2026-01-31, window end 2026-05-01 (90 days)
    await insertDeal(db, {
      deal_id: "d1",
      lead_ids: ["in"],
      created_at: "2026-02-01",
      closed_at: "2026-05-01",
      is_won: true,
      amount: 1000,
    });
    await insertDeal(db, {
      deal_id: "d2",
      lead_ids: ["out"],
      created_at: "2026-02-01",
      closed_at: "2026-05-01 00:00:01",
      is_won: true,
      amount: 500,
    });
    await insertDeal(db, {
      deal_id: "d3",
      lead_ids: ["lost"],
      created_at: "2026-02-01",
      closed_at: "2026-03-01",
      is_won: false,
    });
    await buildLabels(db, windows(), 30);
    const l = await labels(db);
    expect([l.in?.won, l.in?.won_amount]).toEqual([true, 1000]);
    expect([l.out?.won, l.out?.won_amount]).toEqual([false, 0]);
    expect(l.lost?.won).toBe(false);
    expect([l.in?.sql, l.out?.sql, l.lost?.sql]).toEqual([true, true, true]);
  });

  it("marks leads whose outcome window ends after as_of immature", async () => {
    await insertLeads(db, [
      { lead_id: "old", created_at: "2026-01-01" }, // window end 2026-05-01
      { lead_id: "young", created_at: "2026-04-15" }, // window end 2026-08-13
    ]);
    const { counts } = await buildLabels(db, windows(), 30);
    const l = await labels(db);
    expect([l.old?.mature, l.young?.mature]).toEqual([true, false]);
    expect(counts).toMatchObject({ leads: 2, mature: 1, immature: 1 });
  });

  it("leaves sql NULL for leads never handed to sales", async () => {
    await insertLeads(db, [
      { lead_id: "never", created_at: "2026-01-01" },
      { lead_id: "mql", created_at: "2026-01-01", mql_at: "2026-01-03" },
      { lead_id: "acc", created_at: "2026-01-01", is_sales_accepted: true },
    ]);
    const { counts } = await buildLabels(db, windows(), 30);
    const l = await labels(db);
    expect([l.never?.handed_to_sales, l.never?.sql]).toEqual([false, null]);
    expect([l.mql?.handed_to_sales, l.mql?.sql]).toEqual([true, false]);
    expect([l.acc?.handed_to_sales, l.acc?.sql]).toEqual([true, true]);
    expect(counts.neverHanded).toBe(1);
  });

  it("treats leads without dates as mature with unknown period (flat exports)", async () => {
    await insertLeads(db, [{ lead_id: "a" }, { lead_id: "b" }]);
    await insertDeal(db, { deal_id: "d", lead_ids: ["a"], is_won: true, amount: 10 });
    const { windows: w, counts } = await buildLabels(db, windows({ maturity_days: "auto" }), 30);
    const l = await labels(db);
    expect(w.hasDates).toBe(false);
    expect([l.a?.mature, l.a?.period, l.a?.won, l.b?.won]).toEqual([true, null, true, false]);
    expect(counts.undated).toBe(2);
  });

  it("derives maturity_days auto as the rounded-up 90th percentile of decision-to-won days", async () => {
    const leads = [];
    for (let i = 0; i < 20; i++) leads.push({ lead_id: `l${i}`, created_at: "2025-01-01" });
    await insertLeads(db, leads);
    // decision 2025-01-31; won after 10, 20, ..., 200 days
    for (let i = 0; i < 20; i++) {
      const closed = new Date(Date.parse("2025-01-31T00:00:00Z") + (i + 1) * 10 * 86_400_000);
      await insertDeal(db, {
        deal_id: `d${i}`,
        lead_ids: [`l${i}`],
        closed_at: closed.toISOString().slice(0, 19).replace("T", " "),
        is_won: true,
      });
    }
    const { windows: w } = await buildLabels(db, windows({ maturity_days: "auto" }), 30);
    // quantile_cont(0.9) over 10..200 step 10: position 0.9*19 = 17.1 -> 180 + 0.1*10 = 181
    expect([w.maturityDays, w.maturitySource, w.maturityWonLeads]).toEqual([181, "auto", 20]);
    const run = await db.all<{ maturity_days: number }>("SELECT maturity_days FROM feature_run");
    expect(run[0]?.maturity_days).toBe(181);
  });

  it("takes as_of from the data without open deals' expected close dates", async () => {
    await insertLeads(db, [{ lead_id: "a", created_at: "2026-01-01" }]);
    await insertDeal(db, {
      deal_id: "won",
      lead_ids: ["a"],
      created_at: "2026-02-01",
      closed_at: "2026-03-01",
      is_won: true,
    });
    await db.run(
      "INSERT INTO deals (deal_id, created_at, closed_at, is_closed, is_won, source_file, source_line) VALUES ('open', TIMESTAMP '2026-03-05', TIMESTAMP '2027-06-30', FALSE, FALSE, 'deals.csv', 3)",
    );
    const { windows: w } = await buildLabels(db, { ...windows(), as_of: undefined }, 30);
    expect(w.asOf?.toISOString()).toBe("2026-03-05T00:00:00.000Z");
  });

  it("falls back to 180 days when fewer than 20 leads were won", async () => {
    await insertLeads(db, [{ lead_id: "a", created_at: "2025-01-01" }]);
    await insertDeal(db, { deal_id: "d", lead_ids: ["a"], closed_at: "2025-02-15", is_won: true });
    const { windows: w } = await buildLabels(db, windows({ maturity_days: "auto" }), 30);
    expect([w.maturityDays, w.maturitySource]).toEqual([180, "default"]);
  });
});

describe("buildLabels(db, windows, halfLife): reuse across runs", () => {
  let db: Db;
  beforeEach(async () => {
    db = await canonicalDb();
    await insertLeads(db, [
      { lead_id: "a", created_at: "2026-01-01", mql_at: "2026-01-02" },
      { lead_id: "b", created_at: "2026-02-01" },
    ]);
    await insertDeal(db, {
      deal_id: "d1",
      lead_ids: ["a"],
      created_at: "2026-02-01",
      closed_at: "2026-03-01",
      is_won: true,
      amount: 1000,
    });
  });
  afterEach(() => db.close());

  /** Marks lead_labels so that a rebuild (which recreates the table) is visible. */
  const mark = () => db.run("UPDATE lead_labels SET won_amount = -1");
  const marked = async () =>
    (
      await db.all<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM lead_labels WHERE won_amount = -1",
      )
    )[0]?.n;

  it("reuses lead_labels, feature_run and the counts when nothing changed", async () => {
    const first = await buildLabels(db, windows(), 30);
    expect(first.reused).toBe(false);
    await mark();
    const again = await buildLabels(db, windows(), 30);
    expect(again.reused).toBe(true);
    expect(await marked()).toBe(2);
    expect(again.counts).toEqual(first.counts);
    expect(again.windows).toEqual(first.windows);
  });

  it("rebuilds when a window setting, the half-life or the as-of changes", async () => {
    await buildLabels(db, windows(), 30);
    for (const [what, run] of [
      ["maturity_days", () => buildLabels(db, windows({ maturity_days: 60 }), 30)],
      ["scoring_days", () => buildLabels(db, windows({ maturity_days: 60, scoring_days: 7 }), 30)],
      [
        "decision",
        () => buildLabels(db, windows({ maturity_days: 60, scoring_days: 7, decision: "mql" }), 30),
      ],
      [
        "half-life",
        () => buildLabels(db, windows({ maturity_days: 60, scoring_days: 7, decision: "mql" }), 14),
      ],
      [
        "as_of",
        () =>
          buildLabels(
            db,
            windows({ maturity_days: 60, scoring_days: 7, decision: "mql", as_of: "2026-12-31" }),
            14,
          ),
      ],
    ] as const) {
      await mark();
      const result = await run();
      expect({ what, reused: result.reused, marked: await marked() }).toEqual({
        what,
        reused: false,
        marked: 0,
      });
    }
    const [run] = await db.all<{ maturity_days: number; decision: string; half_life_days: number }>(
      "SELECT maturity_days, decision, half_life_days FROM feature_run",
    );
    expect(run).toEqual({ maturity_days: 60, decision: "mql", half_life_days: 14 });
  });

  it("rebuilds when rows are written or a load is logged, with the new counts", async () => {
    const first = await buildLabels(db, windows(), 30);
    await mark();
    await insertLeads(db, [{ lead_id: "c", created_at: "2026-03-01" }]);
    const rebuilt = await buildLabels(db, windows(), 30);
    expect([rebuilt.reused, await marked()]).toEqual([false, 0]);
    expect(rebuilt.counts.leads).toBe(first.counts.leads + 1);
    await mark();
    await db.run(
      "INSERT INTO load_log VALUES (1, 'leads', '/x.csv', 'abc', 1, 'canonical', 'unchanged', 0, 0, 0, 0, now()::TIMESTAMP)",
    );
    expect((await buildLabels(db, windows(), 30)).reused).toBe(false);
    expect(await marked()).toBe(0);
  });

  it("rebuilds when the record or lead_labels is gone (a build stopped half-way)", async () => {
    await buildLabels(db, windows(), 30);
    await db.run("DROP TABLE lead_labels_run");
    expect((await buildLabels(db, windows(), 30)).reused).toBe(false);
    await db.run("DROP TABLE lead_labels");
    expect((await buildLabels(db, windows(), 30)).reused).toBe(false);
    expect(await db.hasTable("lead_labels")).toBe(true);
  });

  it("rebuilds when feature_run was rewritten since (by code that keeps no record)", async () => {
    await buildLabels(db, windows(), 30);
    await db.run("UPDATE feature_run SET built_at = built_at + INTERVAL 1 SECOND");
    expect((await buildLabels(db, windows(), 30)).reused).toBe(false);
    expect((await buildLabels(db, windows(), 30)).reused).toBe(true);
  });

  it("stores the resolved windows and reads them back until a setting or the data changes", async () => {
    const auto = windows({ maturity_days: "auto" });
    const first = await buildLabels(db, auto, 30);
    expect(first.windows.maturityDays).toBe(180); // too few wins: the default
    // a stored value the data would not give back: proves it is read from the store
    await db.run(
      "UPDATE stage_result SET result = replace(result, '\"maturityDays\":180', '\"maturityDays\":181') WHERE stage = 'features/windows'",
    );
    expect((await buildLabels(db, auto, 30)).windows.maturityDays).toBe(181);
    expect((await buildLabels(db, auto, 14)).windows.maturityDays).toBe(180);
    await db.run(
      "UPDATE stage_result SET result = replace(result, '\"maturityDays\":180', '\"maturityDays\":181') WHERE stage = 'features/windows'",
    );
    expect(
      (await buildLabels(db, windows({ maturity_days: "auto", scoring_days: 7 }), 14)).windows
        .maturityDays,
    ).toBe(180);
    await db.run(
      "UPDATE stage_result SET result = replace(result, '\"maturityDays\":180', '\"maturityDays\":181') WHERE stage = 'features/windows'",
    );
    await insertLeads(db, [{ lead_id: "c", created_at: "2026-03-01" }]);
    expect(
      (await buildLabels(db, windows({ maturity_days: "auto", scoring_days: 7 }), 14)).windows
        .maturityDays,
    ).toBe(180);
  });

  it("labelsKey(db, windows) follows every resolved window and the data", async () => {
    const { windows: resolved } = await buildLabels(db, windows(), 30);
    const key = await labelsKey(db, resolved);
    expect(await labelsKey(db, { ...resolved })).toBe(key);
    // maturityWonLeads only explains the maturity; labels do not read it
    expect(await labelsKey(db, { ...resolved, maturityWonLeads: 99 })).toBe(key);
    for (const changed of [
      { asOf: new Date("2027-01-01T00:00:00Z") },
      { decision: "mql" as const },
      { scoringDays: 31 },
      { maturityDays: 91 },
      { maturitySource: "auto" as const },
      { halfLifeDays: 31 },
      { hasDates: false },
      { hasActivities: true },
    ])
      expect({ changed, same: (await labelsKey(db, { ...resolved, ...changed })) === key }).toEqual(
        {
          changed,
          same: false,
        },
      );
  });
});
