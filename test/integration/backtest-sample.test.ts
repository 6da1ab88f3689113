import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handoff } from "../helpers/cli.js";

const ROOT = join(import.meta.dirname, "../..");
const RULE = join(ROOT, "sample-data/hubspot/historical-rule.yaml");

// sample-data/README.md "The planted best threshold region": under the historical rule, with
// capacity 21 MQLs/week and MQL→SQL >= 20%, the best region is 29–31 and capacity binds.
describe("handoff backtest on the HubSpot sample set", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "handoff-sample-"));
    cpSync(join(ROOT, "sample-data/hubspot"), dir, { recursive: true });
    // the committed handoff.yaml carries the planted constraints and the historical rule
    expect(readFileSync(join(dir, "handoff.yaml"), "utf8")).toMatch(/weekly_mql_capacity: 21/);
    const load = handoff(dir, ["--db", "sample.duckdb", "--quiet", "load"]);
    expect(load.status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("recovers the planted threshold region with capacity binding", () => {
    const run = handoff(dir, [
      "--db",
      "sample.duckdb",
      "--json",
      "backtest",
      "--model",
      RULE,
      "--thresholds",
      "10:120:1",
    ]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.recommendation.threshold).toBeGreaterThanOrEqual(29);
    expect(result.recommendation.threshold).toBeLessThanOrEqual(31);
    expect(result.recommendation.binding.map((v: { constraint: string }) => v.constraint)).toEqual([
      "weekly_capacity",
    ]);
    // volumes as planted (README table: 19.9 MQLs/week at 29, 11.8 at the historical 40)
    const at = (t: number) => result.sweep.find((r: { threshold: number }) => r.threshold === t);
    expect(at(29).mql_per_week).toBeCloseTo(19.9, 1);
    expect(at(40).mql_per_week).toBeCloseTo(11.8, 1);
    // the leads the lower line adds were mostly never handed to sales: reported, not failures
    const movesIn = result.swap_set.find((s: { movement: string }) => s.movement === "moves in");
    expect(movesIn.unobserved).toBeGreaterThan(0.9 * movesIn.leads);
  });
});
