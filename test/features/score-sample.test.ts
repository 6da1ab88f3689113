import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreSample } from "../../src/features/score-sample.js";
import { withConnection } from "../helpers/db.js";

// scoreSample (src/features/score-sample.ts) against the definition it documents, computed by brute
// force: a lead's intent peak is the maximum, over its creation and event times tau up to its
// decision time, of sum over rules of min(cap, sum of points * 0.5^((tau - t) / half_life)).
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
const RULES = [
  { type: "pricing_view", points: 10, cap: 25 },
  { type: "webinar", points: 7, cap: null },
  { type: "demo_request", points: 30, cap: 30 },
] as const;

interface Lead {
  created: number;
  decisionDays: number;
  events: { type: number; day: number }[];
}

function bruteForcePeak(lead: Lead, halfLife: number): number {
  const decision = lead.created + lead.decisionDays;
  const events = lead.events
    .map((e) => ({ ...e, t: lead.created + e.day }))
    .filter((e) => e.t <= decision);
  if (events.length === 0) return 0;
  let peak = -Infinity;
  for (const tau of events.map((e) => Math.max(e.t, lead.created))) {
    let total = 0;
    RULES.forEach((rule, r) => {
      const mine = events.filter((e) => e.type === r && e.t <= tau);
      if (mine.length === 0) return;
      const sum = mine.reduce((s, e) => s + rule.points * 0.5 ** ((tau - e.t) / halfLife), 0);
      total += rule.cap === null ? sum : Math.min(rule.cap, sum);
    });
    peak = Math.max(peak, total);
  }
  return Math.max(peak, 0);
}

async function scoreLeadsSample(leads: Lead[], halfLife: number): Promise<number[]> {
  return withConnection(async (db) => {
    await db.run(`CREATE TABLE lead_labels (lead_id VARCHAR, created_at TIMESTAMP, decision_at TIMESTAMP);
      CREATE TABLE fit_sample (lead_id VARCHAR, split VARCHAR, y BOOLEAN);
      CREATE TEMP TABLE lead_bins (lead_id VARCHAR, feature VARCHAR, bin INTEGER, num DOUBLE);`);
    for (const [i, lead] of leads.entries()) {
      const created = new Date(T0 + lead.created * DAY).toISOString();
      const decision = new Date(T0 + (lead.created + lead.decisionDays) * DAY).toISOString();
      await db.run("INSERT INTO lead_labels VALUES ($id, $c::TIMESTAMP, $d::TIMESTAMP)", {
        id: `L${i}`,
        c: created,
        d: decision,
      });
      await db.run("INSERT INTO fit_sample VALUES ($id, 'train', true)", { id: `L${i}` });
      for (const e of lead.events) {
        await db.run(
          "INSERT INTO activities (lead_id, occurred_at, type, source_file, source_line) VALUES ($id, $t::TIMESTAMP, $type, 't.csv', 2)",
          {
            id: `L${i}`,
            t: new Date(T0 + (lead.created + e.day) * DAY).toISOString(),
            type: RULES[e.type]?.type as string,
          },
        );
      }
    }
    // one lead per score group: a distinct split per lead keeps the rows apart
    await db.run("UPDATE fit_sample SET split = lead_id");
    const rows = await scoreSample(db, {
      binPoints: [],
      intentPoints: RULES.map((r) => ({
        feature: `intent.${r.type}`,
        points: r.points,
        cap: r.cap,
      })),
      halfLifeDays: halfLife,
    });
    const bySplit = new Map(rows.map((r) => [r.split, r.score]));
    return leads.map((_, i) => bySplit.get(`L${i}`) as number);
  });
}

describe("scoreSample(db, options) (intent peak per lead)", () => {
  it("decays each rule from its latest event and caps it, at every event time", async () => {
    // pricing at day 0 and 1 (capped at 25 once both count), a webinar at day 10: at day 10
    // pricing has decayed for 9 days below its cap
    const lead: Lead = {
      created: 0,
      decisionDays: 30,
      events: [
        { type: 0, day: 0 },
        { type: 0, day: 0.5 },
        { type: 0, day: 1 },
        { type: 1, day: 10 },
      ],
    };
    const [score] = await scoreLeadsSample([lead], 7);
    expect(score).toBeCloseTo(bruteForcePeak(lead, 7), 2);
    expect(score).toBe(25);
    const late: Lead = {
      ...lead,
      events: [
        { type: 0, day: 0 },
        { type: 1, day: 3 },
      ],
    };
    const [lateScore] = await scoreLeadsSample([late], 7);
    // 10 * 0.5^(3/7) + 7
    expect(lateScore).toBeCloseTo(10 * 0.5 ** (3 / 7) + 7, 2);
  });

  it("matches the brute-force definition on random leads", async () => {
    const leadArb = fc.record({
      created: fc.integer({ min: 0, max: 300 }),
      decisionDays: fc.integer({ min: 1, max: 60 }),
      events: fc.array(
        fc.record({
          type: fc.integer({ min: 0, max: 2 }),
          day: fc.double({ min: -20, max: 80, noNaN: true }).map((d) => Math.round(d * 24) / 24),
        }),
        { maxLength: 12 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(leadArb, { minLength: 1, maxLength: 6 }),
        // 0.01 days: thousands of half-lives over a lead's timeline (epochs)
        fc.constantFrom(0.01, 0.5, 7, 30),
        async (leads, halfLife) => {
          const scores = await scoreLeadsSample(leads, halfLife);
          leads.forEach((lead, i) => {
            expect(scores[i]).toBeCloseTo(bruteForcePeak(lead, halfLife), 1);
          });
        },
      ),
      { numRuns: 25 },
    );
  });
});
