import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handoff } from "../helpers/cli.js";
import { savePlantedDb } from "../helpers/planted-data.js";

// handoff fit scores the population once under the model it writes; handoff backtest of that
// file reuses the records, and of an edited file scores afresh: the backtest's output is the
// same either way as on a database that never ran the fit.
describe("handoff fit then backtest: one timeline (end to end)", () => {
  let dir: string;
  const trace = { HANDOFF_TRACE_SQL: "1" };
  const scored = (stderr: string) => /\] -- score-records: each lead/.test(stderr);
  const restored = (stderr: string) => /\] -- restore-score-records/.test(stderr);
  const backtest = (db: string, model: string) =>
    handoff(dir, ["--db", db, "--json", "backtest", "--model", model], trace);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "handoff-shared-"));
    await savePlantedDb(true, join(dir, "fitted.duckdb"));
    await savePlantedDb(true, join(dir, "fresh.duckdb"));
    writeFileSync(
      join(dir, "handoff.yaml"),
      'windows:\n  maturity_days: 120\n  as_of: "2026-03-31"\n',
    );
    const fit = handoff(dir, ["--db", "fitted.duckdb", "fit", "--out", "model.yaml"], trace);
    expect(fit.status).toBe(0);
    expect(scored(fit.stderr)).toBe(true);
    expect(fit.stderr).not.toMatch(/sample scored on its own timeline/);
    expect(fit.stderr).not.toMatch(/\] -- score-sample:/);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reuses the fit's records for the file it wrote, with the same result as a fresh backtest", () => {
    const reused = backtest("fitted.duckdb", "model.yaml");
    expect(reused.status).toBe(0);
    expect(restored(reused.stderr)).toBe(true);
    expect(scored(reused.stderr)).toBe(false);
    const fresh = backtest("fresh.duckdb", "model.yaml");
    expect(scored(fresh.stderr)).toBe(true);
    expect(reused.stdout).toBe(fresh.stdout);
  });

  it("scores afresh a model file whose points were edited by hand", () => {
    const text = readFileSync(join(dir, "model.yaml"), "utf8");
    const edited = text.replace(/^(\s+points: )(\d+)$/m, (_, head, n) => `${head}${Number(n) + 7}`);
    expect(edited).not.toBe(text);
    writeFileSync(join(dir, "edited.yaml"), edited);
    const run = backtest("fitted.duckdb", "edited.yaml");
    expect(run.status).toBe(0);
    expect(scored(run.stderr)).toBe(true);
    expect(restored(run.stderr)).toBe(false);
    expect(run.stdout).toBe(backtest("fresh.duckdb", "edited.yaml").stdout);
  });
});
