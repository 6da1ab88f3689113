import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flattenModel } from "../../src/backtest/flatten-model.js";
import type { Db } from "../../src/db/index.js";
import { parseModel } from "../../src/model/model-file.js";
import { at, DAY, insertActivities, openFixtureDb, T0 } from "./fixtures.js";

/** The pre-rewrite window form (test/backtest/reference/), writing bt_intent_at_ref. */
const reference = (name: string) =>
  readFileSync(new URL(`./reference/${name}.sql`, import.meta.url), "utf8").replaceAll(
    "bt_intent_at",
    "bt_intent_at_ref",
  );

interface IntentAt {
  lead_id: string;
  rule_no: number;
  events: number;
  raw: number;
  decayed: number;
  points: number;
  is_decayed: boolean;
  is_capped: boolean;
}

let db: Db;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

/** bt_population by hand, the events, and both forms' bt_intent_at for the model's rules. */
async function intentAt(
  modelText: string,
  leads: { lead_id: string; created: Date | null; until: Date | null }[],
  events: { lead_id: string; at: Date; type: string }[],
): Promise<{ now: IntentAt[]; ref: IntentAt[] }> {
  await db.run("DELETE FROM activities");
  await db.run(
    "CREATE OR REPLACE TEMP TABLE bt_population (lead_id VARCHAR, created_at TIMESTAMP, score_until TIMESTAMP)",
  );
  for (const l of leads)
    await db.run("INSERT INTO bt_population VALUES ($id, $c::TIMESTAMP, $u::TIMESTAMP)", {
      id: l.lead_id,
      c: l.created?.toISOString() ?? null,
      u: l.until?.toISOString() ?? null,
    });
  await insertActivities(db, events);
  const rules = flattenModel(parseModel(modelText, "m.yaml")).intent_rules;
  await db.exec("backtest/intent-points-at", { intent_rules: rules });
  await db.run(reference("rule-events"), { intent_rules: rules });
  await db.run(reference("intent-points-at"), { intent_rules: rules });
  const read = (table: string) =>
    db.all<IntentAt>(`SELECT * FROM ${table} ORDER BY lead_id, rule_no`);
  return { now: await read("bt_intent_at"), ref: await read("bt_intent_at_ref") };
}

/** The two forms agree: counts and flags exactly, points to 1e-9 relative. */
function expectSame(now: IntentAt[], ref: IntentAt[]): void {
  expect(
    now.map((r) => [r.lead_id, r.rule_no, r.events, r.raw, r.is_decayed, r.is_capped]),
  ).toEqual(ref.map((r) => [r.lead_id, r.rule_no, r.events, r.raw, r.is_decayed, r.is_capped]));
  now.forEach((r, i) => {
    const o = ref[i] as IntentAt;
    for (const key of ["decayed", "points"] as const)
      expect(Math.abs(r[key] - o[key])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(o[key])));
  });
}

const MODEL = `version: 1
threshold: 50
intent_rules:
  - { activity: pricing_view, points: 10, cap: 25, half_life_days: 7 }
  - { activity: demo_request, points: 40 }
  - { activity: unsubscribe, points: -20, cap: 30 }
  - { activity: webinar, points: 6, half_life_days: 0.5 }
`;

describe("intent-points-at.sql (one GROUP BY at the instant)", () => {
  it("decays each event from its own time to the instant, caps, and counts", async () => {
    const { now, ref } = await intentAt(
      MODEL,
      [
        { lead_id: "a", created: at(0), until: at(21) },
        { lead_id: "b", created: at(10), until: at(21) },
      ],
      [
        ...[0, 7, 14].map((d) => ({ lead_id: "a", at: at(d), type: "pricing_view" })),
        // four at one moment (ties), then capped: 40 · 2^(−1/7) = 36.3 > 25
        ...[1, 2, 3, 4].map(() => ({ lead_id: "b", at: at(20), type: "pricing_view" })),
        // before the creation: counts from its own time
        { lead_id: "b", at: at(3), type: "demo_request" },
        // negative points, no decay, capped at −30
        ...[1, 2].map((d) => ({ lead_id: "b", at: at(10 + d), type: "unsubscribe" })),
        { lead_id: "b", at: at(19), type: "unsubscribe" },
        // after the instant: not seen
        { lead_id: "b", at: at(22), type: "demo_request" },
      ],
    );
    expect(now).toEqual([
      {
        lead_id: "a",
        rule_no: 0,
        events: 3,
        raw: 30,
        decayed: expect.closeTo(10 * (1 / 8 + 1 / 4 + 1 / 2), 12),
        points: expect.closeTo(8.75, 12),
        is_decayed: true,
        is_capped: false,
      },
      {
        lead_id: "b",
        rule_no: 0,
        events: 4,
        raw: 40,
        decayed: expect.closeTo(40 * 2 ** (-1 / 7), 12),
        points: 25,
        is_decayed: true,
        is_capped: true,
      },
      {
        lead_id: "b",
        rule_no: 1,
        events: 1,
        raw: 40,
        decayed: 40,
        points: 40,
        is_decayed: false,
        is_capped: false,
      },
      {
        lead_id: "b",
        rule_no: 2,
        events: 3,
        raw: -60,
        decayed: -60,
        points: -30,
        is_decayed: false,
        is_capped: true,
      },
    ]);
    expectSame(now, ref);
  });

  it("counts an event at the instant itself, undecayed", async () => {
    const { now, ref } = await intentAt(
      MODEL,
      [{ lead_id: "a", created: at(0), until: at(7) }],
      [
        { lead_id: "a", at: at(0), type: "pricing_view" },
        { lead_id: "a", at: at(7), type: "pricing_view" },
      ],
    );
    expect(now.map((r) => [r.events, r.decayed])).toEqual([[2, 15]]);
    expectSame(now, ref);
  });

  it("gives leads without a creation time or an instant no intent (flat exports)", async () => {
    const { now, ref } = await intentAt(
      MODEL,
      [
        { lead_id: "flat", created: null, until: null },
        { lead_id: "undated", created: at(0), until: null },
      ],
      [
        { lead_id: "flat", at: at(1), type: "demo_request" },
        { lead_id: "undated", at: at(1), type: "demo_request" },
      ],
    );
    expect(now).toEqual([]);
    expect(ref).toEqual([]);
  });

  it("keeps events hundreds of half-lives old (underflow to 0, no overflow)", async () => {
    // webinar half-life 12 hours: 2000 days is 4000 half-lives, past the old form's epochs
    const { now, ref } = await intentAt(
      MODEL,
      [{ lead_id: "a", created: at(-2000), until: at(0) }],
      [
        { lead_id: "a", at: at(-2000), type: "webinar" },
        { lead_id: "a", at: at(-1), type: "webinar" },
        { lead_id: "a", at: at(-0.5), type: "webinar" },
      ],
    );
    expect(now[0]?.events).toBe(3);
    expect(now[0]?.decayed).toBeCloseTo(6 * (1 / 4 + 1 / 2), 12);
    expectSame(now, ref);
  });

  it("agrees with the window form on generated events (ties, early events, caps, signs)", async () => {
    const rule = fc.record({
      points: fc.integer({ min: -30, max: 30 }).filter((p) => p !== 0),
      cap: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
      half: fc.option(fc.constantFrom(0.25, 1, 3.5, 7, 30), { nil: undefined }),
    });
    const lead = fc.record({
      created: fc.integer({ min: 0, max: 40 }),
      span: fc.integer({ min: 0, max: 60 }),
      // hours from day 0: many ties, some before the creation, some after the instant
      events: fc.array(fc.record({ hour: fc.integer({ min: 0, max: 24 * 90 }), type: fc.nat(2) }), {
        maxLength: 12,
      }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(rule, { minLength: 3, maxLength: 3 }),
        fc.array(lead, { maxLength: 4 }),
        async (rules, leads) => {
          const model = `version: 1\nthreshold: 50\nintent_rules:\n${rules
            .map((r, i) => {
              // a rule with negative points has no half-life (the model file rejects one)
              const half = r.points < 0 ? undefined : r.half;
              return `  - { activity: t${i}, points: ${r.points}${r.cap === undefined ? "" : `, cap: ${r.cap}`}${half === undefined ? "" : `, half_life_days: ${half}`} }`;
            })
            .join("\n")}\n`;
          const { now, ref } = await intentAt(
            model,
            leads.map((l, i) => ({
              lead_id: `L${i}`,
              created: at(l.created),
              until: at(l.created + l.span),
            })),
            leads.flatMap((l, i) =>
              l.events.map((e) => ({
                lead_id: `L${i}`,
                at: new Date(T0 + (e.hour / 24) * DAY),
                type: `t${e.type}`,
              })),
            ),
          );
          expectSame(now, ref);
        },
      ),
      { numRuns: 60 },
    );
  });
});
