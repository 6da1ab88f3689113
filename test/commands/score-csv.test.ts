import { describe, expect, it } from "vitest";
import type { LeadScoreAt } from "../../src/backtest/score-leads-at.js";
import { SCORE_CSV_COLUMNS, scoresCsv, scoresCsvChunks } from "../../src/commands/score.js";

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

describe("scoresCsvChunks(batches)", () => {
  async function text(batches: LeadScoreAt[][]): Promise<{ text: string; pieces: number }> {
    async function* gen() {
      for (const b of batches) yield b;
    }
    let out = "";
    let pieces = 0;
    for await (const piece of scoresCsvChunks(gen())) {
      out += piece;
      pieces += 1;
    }
    return { text: out, pieces };
  }
  const rows = [
    lead({ lead_id: "=1+1", score: 80.004, mql: true, points_short: null }),
    lead({ lead_id: "L2", reasons: ['+5 company "Acme, Inc."'] }),
    lead({ lead_id: "L3", gates_failed: ["sanctioned country (country = KP)"], reasons: [] }),
    lead({ lead_id: "L4", created_at: null, score: -1.005 }),
  ];

  it("writes the same bytes as scoresCsv of all the rows, wherever the batches split", async () => {
    const whole = scoresCsv(rows);
    for (const cuts of [[4], [1, 3], [2, 2], [1, 1, 1, 1], [0, 4, 0], [3, 0, 1]]) {
      const batches: LeadScoreAt[][] = [];
      let i = 0;
      for (const n of cuts) {
        batches.push(rows.slice(i, i + n));
        i += n;
      }
      const { text: csv, pieces } = await text(batches);
      expect(csv).toBe(whole);
      expect(pieces).toBe(1 + cuts.filter((n) => n > 0).length);
    }
  });

  it("writes the header alone when no lead was scored", async () => {
    expect((await text([])).text).toBe(scoresCsv([]));
    expect((await text([[], []])).text).toBe(`${SCORE_CSV_COLUMNS.join(",")}\r\n`);
  });
});
