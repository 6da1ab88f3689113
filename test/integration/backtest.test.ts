import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handoff } from "../helpers/cli.js";
import { savePlantedDb } from "../helpers/planted-data.js";

// The planted effects: seniority (C-level, VP, Director) and pricing views raise the won rate.
const MODEL = `version: 1
name: hand-written
threshold: 40
fit_rules:
  - field: seniority
    points: { C-level: 20, VP: 20, Director: 15, other: 0 }
intent_rules:
  - { activity: pricing_view, points: 15, cap: 45, half_life_days: 14 }
gates:
  - { field: country, in: [US, GB, DE] }
`;

describe("handoff backtest (end to end)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "handoff-backtest-"));
    await savePlantedDb(true, join(dir, "dated.duckdb"));
    await savePlantedDb(false, join(dir, "flat.duckdb"));
    writeFileSync(join(dir, "model.yaml"), MODEL);
    writeFileSync(
      join(dir, "handoff.yaml"),
      `windows:\n  maturity_days: 120\n  as_of: "2026-03-31"\nbacktest:\n  weekly_mql_capacity: 15\n  reps: 3\n  current: { threshold: 50 }\n  target: { new_arr: 600000 }\n`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the sweep, the recommendation and its binding constraint", () => {
    const run = handoff(dir, [
      "--db",
      "dated.duckdb",
      "backtest",
      "--model",
      "model.yaml",
      "--thresholds",
      "0:80:10",
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^threshold +MQLs +\/week +\/rep\/wk +MQL→SQL \[95% CI\]/m);
    expect(run.stdout).toMatch(/^30 .*◀ recommended$/m);
    expect(run.stdout).toMatch(/^50 .*◀ current$/m);
    expect(run.stdout).toMatch(
      /threshold 20 would capture more but breaks the weekly capacity \(21\.5 MQLs\/week > 15\)/,
    );
    expect(run.stdout).toMatch(/binding constraint: weekly_capacity/);
    expect(run.stdout).toMatch(/Walk-forward by quarter/);
    expect(run.stdout).toMatch(/Swap set: current rule → threshold 30/);
    expect(run.stdout).toMatch(/Volume back-solve/);
  });

  it("gives the same figures as --json, consistent with its own sweep", () => {
    const run = handoff(dir, [
      "--db",
      "dated.duckdb",
      "--json",
      "backtest",
      "--model",
      "model.yaml",
      "--thresholds",
      "0:80:10",
    ]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.recommendation.threshold).toBe(30);
    // the choice is the most revenue among thresholds within capacity and the minimum rate
    const feasible = result.sweep.filter(
      (r: { mql_per_week: number; sql_rate: number | null }) =>
        r.mql_per_week <= 15 && r.sql_rate !== null && r.sql_rate >= 0.1,
    );
    const best = Math.max(...feasible.map((r: { won_amount: number }) => r.won_amount));
    expect(result.recommendation.objective_value).toBe(best);
    expect(result.walk_forward.quarters.map((q: { quarter: string }) => q.quarter)).toEqual([
      "2024Q2",
      "2024Q3",
      "2024Q4",
      "2025Q1",
      "2025Q2",
      "2025Q3",
      "2025Q4",
    ]);
    // swap set partitions every lead
    const swapped = result.swap_set.reduce((s: number, r: { leads: number }) => s + r.leads, 0);
    expect(swapped).toBe(result.population.leads);
  });

  it("runs on a flat export without dates and says what it cannot do", () => {
    const flatModel =
      "version: 1\nthreshold: 10\nintent_rules:\n  - { count_column: count_page_view, points: 5, cap: 20 }\n";
    writeFileSync(join(dir, "flat.yaml"), flatModel);
    const run = handoff(dir, [
      "--db",
      "flat.duckdb",
      "backtest",
      "--model",
      "flat.yaml",
      "--thresholds",
      "0:20:5",
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/no per-week figures, no walk-forward validation/);
    expect(run.stdout).not.toMatch(/Walk-forward by quarter/);
  });

  it("fails with exit 1 and names the key of a bad model file", () => {
    writeFileSync(
      join(dir, "bad.yaml"),
      "version: 1\nthreshold: 40\nintent_rules:\n  - { activity: demo, point: 5 }\n",
    );
    const run = handoff(dir, ["--db", "dated.duckdb", "backtest", "--model", "bad.yaml"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bad\.yaml: intent_rules\.0: unknown key "point"/);
  });

  it("fails with exit 1 on a bad threshold grid", () => {
    const run = handoff(dir, [
      "--db",
      "dated.duckdb",
      "backtest",
      "--model",
      "model.yaml",
      "--thresholds",
      "90:10",
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--thresholds: "90:10" is not a threshold grid/);
  });
});
