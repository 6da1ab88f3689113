import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreLeads } from "../../src/backtest/score-leads.js";
import { SCORE_RECORDS_STAGE, scoreLeadsStored } from "../../src/backtest/score-leads-stored.js";
import { type Db, forgetStageResult } from "../../src/db/index.js";
import { parseModel } from "../../src/model/model-file.js";
import { at, DAY, openFixtureDb } from "./fixtures.js";

let db: Db;
beforeAll(async () => {
  db = await openFixtureDb();
  await db.run(
    "CREATE TABLE fit_sample AS SELECT 'x' AS lead_id, 'train' AS split, NULL::VARCHAR AS period, true AS y",
  );
});
afterAll(() => db.close());

interface Rule {
  activity: string;
  points: number;
  cap?: number;
  half_life_days?: number;
}

/**
 * The score by brute force, straight from the definition: at each evaluation time t, fit points
 * plus, per rule, its events up to t decayed to t (Σ p · 0.5^((t − t_j)/h)) and clamped to ±cap.
 */
function bruteRecords(
  created: number,
  until: number,
  fit: number,
  rules: Rule[],
  events: { type: string; t: number }[],
): { t: number; score: number }[] {
  const kept = events.filter((e) => e.t <= until && rules.some((r) => r.activity === e.type));
  const times = [...new Set(kept.map((e) => Math.max(e.t, created)))];
  if (!times.includes(created)) times.push(created);
  times.sort((a, b) => a - b);
  const scoreAt = (t: number) =>
    fit +
    rules.reduce((sum, r) => {
      const s = kept
        .filter((e) => e.type === r.activity && e.t <= t)
        .reduce(
          (acc, e) =>
            acc + r.points * (r.half_life_days ? 0.5 ** ((t - e.t) / DAY / r.half_life_days) : 1),
          0,
        );
      return sum + (r.cap === undefined ? s : Math.sign(s) * Math.min(Math.abs(s), r.cap));
    }, 0);
  const out: { t: number; score: number }[] = [];
  for (const t of times) {
    const score = scoreAt(t);
    const high = out.at(-1)?.score;
    if (high === undefined || score > high) out.push({ t, score });
  }
  return out;
}

/**
 * Records that raise the high by less than 1e-6 points only matter for thresholds inside that
 * sliver; both sides compute them in floating point along different routes (window sums in
 * epochs vs direct powers), so such slivers are dropped from both before comparing.
 */
function material<R extends { score: number }>(records: R[]): R[] {
  const out: R[] = [];
  for (const r of records) {
    const high = out.at(-1)?.score;
    if (high === undefined || r.score > high + 1e-6) out.push(r);
  }
  return out;
}

const ruleArb = (activity: string) =>
  fc.record(
    {
      activity: fc.constant(activity),
      points: fc.integer({ min: 1, max: 30 }),
      cap: fc.integer({ min: 5, max: 60 }),
      // 0.01 days: 3,800 half-lives over the timeline, so the scoring query needs epochs
      half_life_days: fc.constantFrom(0.01, 0.5, 3, 7, 30),
    },
    { requiredKeys: ["activity", "points"] },
  );

describe("scoreLeads(db, model, key) against brute force", () => {
  it("gives the same score records on random timelines", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(ruleArb("a"), ruleArb("b")),
        fc.option(fc.integer({ min: -40, max: -1 }), { nil: undefined }),
        fc.array(
          fc.record({
            type: fc.constantFrom("a", "b", "c", "neg"),
            // minutes from 3 days before creation to 35 days after (window: 30 days), on a
            // coarse grid half the time so that events share a moment
            minute: fc.oneof(
              fc.integer({ min: -3 * 1440, max: 35 * 1440 }),
              fc.integer({ min: -3, max: 35 }).map((d) => d * 1440),
            ),
          }),
          { maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 30 * 1440 }),
        async (twoRules, negative, rawEvents, decisionMinute) => {
          const rules: Rule[] = [...twoRules];
          if (negative !== undefined) rules.push({ activity: "neg", points: negative, cap: 25 });
          await db.run("DELETE FROM leads; DELETE FROM activities; DELETE FROM lead_labels;");
          await db.run(
            `INSERT INTO leads (lead_id, created_at, country, source_file, source_line) VALUES ('x', $c::TIMESTAMP, 'US', 't', 2)`,
            { c: at(0).toISOString() },
          );
          // scored to the window's end (day 30); the fit's sample judges it at its decision time
          const decision = at(0).getTime() + decisionMinute * 60_000;
          await db.run(
            `INSERT INTO lead_labels (lead_id, created_at, decision_at, window_end, mature) VALUES ('x', $c::TIMESTAMP, $d::TIMESTAMP, $w::TIMESTAMP, true)`,
            {
              c: at(0).toISOString(),
              d: new Date(decision).toISOString(),
              w: at(30).toISOString(),
            },
          );
          const events = rawEvents.map((e) => ({
            type: e.type,
            t: at(0).getTime() + e.minute * 60_000,
          }));
          for (const [i, e] of events.entries())
            await db.run(
              `INSERT INTO activities (lead_id, occurred_at, type, source_file, source_line) VALUES ('x', $t::TIMESTAMP, $type, 't', $i)`,
              { t: new Date(e.t).toISOString(), type: e.type, i },
            );
          const model = parseModel(
            `version: 1\nthreshold: 50\nfit_rules:\n  - { field: country, points: { US: 7 } }\nintent_rules: ${JSON.stringify(rules)}\n`,
            "m.yaml",
          );
          await db.exec("backtest/population-from-labels", {
            until: "outcome_window",
            as_of: null,
          });
          await scoreLeads(db, model, "model");
          const got = material(
            await db.all<{ t: Date; score: number }>(
              "SELECT t, score FROM bt_score_record WHERE model_key = 'model' ORDER BY t",
            ),
          );
          const want = material(bruteRecords(at(0).getTime(), at(30).getTime(), 7, rules, events));
          expect(got.map((r) => r.t.getTime())).toEqual(want.map((r) => r.t));
          got.forEach((r, i) => {
            expect(r.score).toBeCloseTo(want[i]?.score ?? Number.NaN, 9);
          });
          // the fit's path: the same records kept in the stored tables, and the sample's peak up
          // to the decision time read off them (sample-record-peaks.sql), to 0.01
          await forgetStageResult(db, SCORE_RECORDS_STAGE);
          await scoreLeadsStored(db, model, "fit", { store: true });
          expect(
            await db.all("SELECT t, score_from, score FROM stored_score_record ORDER BY t"),
          ).toEqual(
            await db.all(
              "SELECT t, score_from, score FROM bt_score_record WHERE model_key = 'model' ORDER BY t",
            ),
          );
          const all = bruteRecords(at(0).getTime(), at(30).getTime(), 7, rules, events);
          const peak = all.filter((r) => r.t <= decision).at(-1)?.score ?? Number.NaN;
          const [row] = await db.query<{ score: number }>("features/sample-record-peaks");
          expect(Math.abs((row?.score ?? Number.NaN) - peak)).toBeLessThanOrEqual(0.005 + 1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("scoreLeads(db, model, key) and row order", () => {
  it("gives every lead the same score records whatever order the rows were loaded in", async () => {
    const model = parseModel(
      `version: 1\nthreshold: 20\nfit_rules:\n  - { field: country, points: { US: 7, other: -3 } }\nintent_rules:\n  - { activity: a, points: 10, cap: 25, half_life_days: 7 }\n  - { activity: b, points: 4 }\n`,
      "m.yaml",
    );
    const scoreWith = async (
      leads: { id: string; country: string }[],
      events: { lead: string; type: string; minute: number }[],
    ) => {
      await db.run("DELETE FROM leads; DELETE FROM activities; DELETE FROM lead_labels;");
      for (const [i, l] of leads.entries()) {
        await db.run(
          `INSERT INTO leads (lead_id, created_at, country, source_file, source_line) VALUES ($id, $c::TIMESTAMP, $country, 't', $i)`,
          { id: l.id, c: at(0).toISOString(), country: l.country, i },
        );
        await db.run(
          `INSERT INTO lead_labels (lead_id, created_at, decision_at, mature) VALUES ($id, $c::TIMESTAMP, $d::TIMESTAMP, true)`,
          { id: l.id, c: at(0).toISOString(), d: at(30).toISOString() },
        );
      }
      for (const [i, e] of events.entries()) {
        await db.run(
          `INSERT INTO activities (lead_id, occurred_at, type, source_file, source_line) VALUES ($lead, $t::TIMESTAMP, $type, 't', $i)`,
          {
            lead: e.lead,
            t: new Date(at(0).getTime() + e.minute * 60_000).toISOString(),
            type: e.type,
            i,
          },
        );
      }
      await db.exec("backtest/population-from-labels", { until: "outcome_window", as_of: null });
      await scoreLeads(db, model, "order");
      return db.all(
        "SELECT lead_id, t, round(score, 9) AS score FROM bt_score_record WHERE model_key = 'order' ORDER BY lead_id, t",
      );
    };
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({
            id: fc.constantFrom("p", "q", "r", "s"),
            country: fc.constantFrom("US", "FR"),
          }),
          {
            minLength: 1,
            maxLength: 4,
            selector: (l) => l.id,
          },
        ),
        fc.array(
          fc.record({
            lead: fc.constantFrom("p", "q", "r", "s"),
            type: fc.constantFrom("a", "b"),
            minute: fc.integer({ min: 0, max: 30 * 1440 }),
          }),
          { maxLength: 15 },
        ),
        fc.integer(),
        async (leads, rawEvents, seed) => {
          const events = rawEvents.filter((e) => leads.some((l) => l.id === e.lead));
          const shuffle = <T>(xs: T[]) =>
            xs
              .map((x, i) => ({ x, k: Math.imul(i + 1, seed | 1) ^ (seed >>> 3) }))
              .sort((u, v) => u.k - v.k)
              .map((u) => u.x);
          const inOrder = await scoreWith(leads, events);
          const shuffled = await scoreWith(shuffle(leads), shuffle(events));
          expect(shuffled).toEqual(inOrder);
        },
      ),
      { numRuns: 25 },
    );
  });
});
