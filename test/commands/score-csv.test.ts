import { describe, expect, it } from "vitest";
import type { LeadScoreAt } from "../../src/backtest/score-leads-at.js";
import { SCORE_CSV_COLUMNS, scoresCsv } from "../../src/commands/score.js";

const lead = (over: Partial<LeadScoreAt>): LeadScoreAt => ({
  lead_id: "L1",
  created_at: new Date("2026-01-05T09:30:00Z"),
  score: 41.256,
  fit_points: 25,
  intent_points: 16.256,
  peak: 52,
  gates_pass: true,
  mql: false,
  mql_at: null,
  points_short: 8.744,
  reasons: ["+15 seniority Director", "−30 country FR (not listed)"],
  contributions: [],
  gates_failed: [],
  ...over,
});

describe("scoresCsv(rows)", () => {
  it("neutralises a hostile lead id and reasons that start like a formula", () => {
    const csv = scoresCsv([
      lead({ lead_id: '=HYPERLINK("http://evil.example","x")', reasons: ["-5 country missing"] }),
      lead({ lead_id: "@SUM(1+1)", gates_failed: ["+cmd|' /C calc'!A0 (field = x)"] }),
    ]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(SCORE_CSV_COLUMNS.join(","));
    expect(lines[1]?.startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")"`)).toBe(true);
    expect(lines[1]?.endsWith(",'-5 country missing")).toBe(true);
    expect(lines[2]?.startsWith("'@SUM(1+1),")).toBe(true);
    expect(lines[2]).toContain(",'+cmd|' /C calc'!A0 (field = x),");
    // no cell of the file starts with a formula character unless quoted away
    for (const line of lines.slice(1, -1))
      for (const cell of line.split(","))
        expect(/^"?[=+@]/.test(cell) && !cell.startsWith("\"'")).toBe(false);
  });

  it("keeps numbers numeric (rounded to 2 places) and joins reasons", () => {
    const csv = scoresCsv([lead({ fit_points: -12, score: -3.456, points_short: 53.456 })]);
    expect(csv.split("\r\n")[1]).toBe(
      "L1,2026-01-05T09:30:00.000Z,-3.46,-12,16.26,52,false,,53.46,,'+15 seniority Director; −30 country FR (not listed)",
    );
  });
});
