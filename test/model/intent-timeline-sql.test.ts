import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";
import { intentTimelineSql, type TimelineRule } from "../../src/model/intent-timeline-sql.js";

// The generated timeline against its documented definition, by brute force: at each row's
// t_eval, base + Σ over rules of clamp(Σ over the rule's rows j with t_eval_j ≤ t_eval of
// w_j · 2^(−(t_eval − t_j)/h), ±cap).

const DAY = 86_400_000;
const MINUTE = 60_000;
const T0 = Date.UTC(2025, 0, 1);

interface Row {
  lead_id: string;
  rule_no: number | null;
  w: number;
  base: number;
  t: number | null;
  t_eval: number | null;
  t_end: number | null;
}

function bruteTotal(rules: TimelineRule[], rows: Row[], row: Row): number {
  if (row.t_eval === null) return row.base;
  const tEval = row.t_eval;
  let total = row.base;
  for (const r of rules) {
    const s = rows
      .filter(
        (j) =>
          j.lead_id === row.lead_id &&
          j.rule_no === r.ruleNo &&
          j.t_eval !== null &&
          j.t_eval <= tEval,
      )
      .reduce(
        (acc, j) =>
          acc +
          j.w *
            (r.halfLifeDays === null
              ? 1
              : 2 ** (-(tEval - (j.t as number)) / DAY / r.halfLifeDays)),
        0,
      );
    total += r.cap === null ? s : r.negative ? Math.max(s, -r.cap) : Math.min(s, r.cap);
  }
  return total;
}

let db: Db;
beforeAll(async () => {
  db = await Db.open(":memory:");
});
afterAll(() => db.close());

async function timeline(rules: TimelineRule[], rows: Row[], spanDays: number | null) {
  await db.run(
    `CREATE OR REPLACE TEMP TABLE tin AS
     SELECT lead_id AS lead_key, rule_no, w, base, make_timestamp(t * 1000) AS t,
            make_timestamp(t_eval * 1000) AS t_eval, make_timestamp(t_end * 1000) AS t_end
     FROM (SELECT unnest(from_json($rows, '[{"lead_id":"VARCHAR","rule_no":"INTEGER","w":"DOUBLE","base":"DOUBLE","t":"BIGINT","t_eval":"BIGINT","t_end":"BIGINT"}]'), recursive := true))`,
    { rows: JSON.stringify(rows) },
  );
  // row_number keeps input rows apart: the output has one row per input row
  return db.all<{ lead_id: string; t_eval: number | null; total: number }>(
    `WITH timeline_input AS (SELECT * FROM tin), ${intentTimelineSql(rules, spanDays)}
     SELECT lead_key AS lead_id, epoch_ms(t_eval) AS t_eval, total FROM timeline ORDER BY lead_key, t_eval`,
  );
}

const ruleArb: fc.Arbitrary<TimelineRule & { points: number }> = fc
  .record({
    negative: fc.boolean(),
    points: fc.integer({ min: 1, max: 30 }),
    cap: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
    // 0.001 and 0.01 days: tens of thousands of half-lives over the span, so epochs
    halfLifeDays: fc.option(fc.constantFrom(0.001, 0.01, 0.5, 7, 30), { nil: null }),
  })
  .map((r) => ({
    ruleNo: 0,
    negative: r.negative,
    points: r.negative ? -r.points : r.points,
    cap: r.cap,
    // negative points never decay (the model file forbids it)
    halfLifeDays: r.negative ? null : r.halfLifeDays,
  }));

const leadArb = fc.record({
  createdMinute: fc.integer({ min: 0, max: 60 * 1440 }),
  endDays: fc.integer({ min: 1, max: 70 }),
  base: fc.integer({ min: -50, max: 50 }),
  dated: fc.boolean(),
  events: fc.array(
    fc.record({
      rule: fc.nat(),
      // a coarse grid half the time, so several events share a moment
      minute: fc.oneof(
        fc.integer({ min: -10 * 1440, max: 70 * 1440 }),
        fc.integer({ min: -2, max: 30 }).map((d) => d * 1440),
      ),
    }),
    { maxLength: 12 },
  ),
});

describe("intentTimelineSql(rules, spanDays)", () => {
  it("gives every row the brute-force score at its moment, with and without epochs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ruleArb, { minLength: 1, maxLength: 4 }),
        fc.shuffledSubarray([0, 1, 2, 3, 5, 8, 13], { minLength: 4, maxLength: 4 }),
        fc.array(leadArb, { minLength: 1, maxLength: 4 }),
        async (rawRules, ruleNos, leads) => {
          const rules = rawRules.map((r, i) => ({ ...r, ruleNo: ruleNos[i] as number }));
          const rows: Row[] = [];
          leads.forEach((lead, k) => {
            const lead_id = `L${k}`;
            if (!lead.dated) {
              // a flat export: one undated row, the base only
              rows.push({
                lead_id,
                rule_no: null,
                w: 0,
                base: lead.base,
                t: null,
                t_eval: null,
                t_end: null,
              });
              return;
            }
            const created = T0 + lead.createdMinute * MINUTE;
            const end = created + lead.endDays * DAY;
            rows.push({
              lead_id,
              rule_no: null,
              w: 0,
              base: lead.base,
              t: created,
              t_eval: created,
              t_end: end,
            });
            for (const e of lead.events) {
              const t = created + e.minute * MINUTE;
              if (t > end) continue;
              // one event in five matches no rule (rule_no 99): a moment without points
              const rule = e.rule % 5 === 4 ? undefined : rules[e.rule % rules.length];
              rows.push({
                lead_id,
                rule_no: rule?.ruleNo ?? 99,
                w: rule?.points ?? 7,
                base: lead.base,
                t,
                t_eval: Math.max(t, created),
                t_end: end,
              });
            }
          });
          const dated = rows.filter((r) => r.t !== null);
          const span =
            dated.length === 0
              ? null
              : (Math.max(...dated.map((r) => r.t_end as number)) -
                  Math.min(...dated.map((r) => r.t as number))) /
                DAY;
          const want = rows
            .map((r) => ({
              lead_id: r.lead_id,
              t_eval: r.t_eval,
              total: bruteTotal(rules, rows, r),
            }))
            .sort((a, b) =>
              a.lead_id === b.lead_id
                ? (a.t_eval ?? 0) - (b.t_eval ?? 0)
                : a.lead_id < b.lead_id
                  ? -1
                  : 1,
            );
          // span known (one epoch unless a half-life is tiny) and unknown (always epochs)
          for (const spanDays of [span, null]) {
            const got = await timeline(rules, rows, spanDays);
            expect(got.map((g) => [g.lead_id, g.t_eval])).toEqual(
              want.map((w) => [w.lead_id, w.t_eval]),
            );
            got.forEach((g, i) => {
              expect(Math.abs(g.total - (want[i]?.total as number))).toBeLessThan(1e-9);
            });
            // rows at one moment share one total, bit for bit
            for (const [i, g] of got.entries()) {
              const prev = got[i - 1];
              if (prev && prev.lead_id === g.lead_id && prev.t_eval === g.t_eval)
                expect(g.total).toBe(prev.total);
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it("stays finite and exact across 100,000 half-lives (epochs carry the slow rule)", async () => {
    // a 0.001-day rule (1.4 minutes) next to a 30-day rule over 100 days: 2^100000 overflows
    // a double; the slow rule's day-0 event must still count on day 100 (decayed ~10 times)
    const rules: TimelineRule[] = [
      { ruleNo: 0, negative: false, cap: null, halfLifeDays: 0.001 },
      { ruleNo: 1, negative: false, cap: null, halfLifeDays: 30 },
    ];
    const end = T0 + 100 * DAY;
    const rows: Row[] = [
      { lead_id: "a", rule_no: 1, w: 64, base: 0, t: T0, t_eval: T0, t_end: end },
      {
        lead_id: "a",
        rule_no: 0,
        w: 5,
        base: 0,
        t: T0 + 50 * DAY,
        t_eval: T0 + 50 * DAY,
        t_end: end,
      },
      { lead_id: "a", rule_no: 0, w: 8, base: 0, t: end, t_eval: end, t_end: end },
    ];
    const got = await timeline(rules, rows, 100);
    expect(got.map((g) => g.total)).toEqual([
      64,
      expect.closeTo(5 + 64 * 2 ** (-50 / 30), 10),
      expect.closeTo(8 + 64 * 2 ** (-100 / 30), 10),
    ]);
  });

  it("rejects what cannot be written as a numeric literal", () => {
    const rule = { ruleNo: 0, negative: false, cap: null, halfLifeDays: 7 };
    expect(() => intentTimelineSql([{ ...rule, halfLifeDays: Number.NaN }], null)).toThrow(
      /half-life/,
    );
    expect(() => intentTimelineSql([{ ...rule, cap: Number.POSITIVE_INFINITY }], null)).toThrow(
      /cap/,
    );
    expect(() => intentTimelineSql([{ ...rule, ruleNo: 1.5 }], null)).toThrow(/rule number/);
    expect(() => intentTimelineSql([rule, rule], null)).toThrow(/distinct/);
  });
});
