import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseModel } from "../../src/model/model-file.js";

const ROOT = join(import.meta.dirname, "../..");
const CLI = join(ROOT, "src/cli.ts");
/** tsx as a loader in this process (not its wrapper), so a SIGKILL shows as the signal. */
const TSX = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;

function handoff(cwd: string, args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(
    process.execPath,
    ["--import", TSX, CLI, "--db", "sample.duckdb", ...args],
    {
      cwd,
      encoding: "utf8",
      env: { ...process.env, TZ: "UTC", ...env },
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  return { stdout: run.stdout, stderr: run.stderr, status: run.status, signal: run.signal };
}

/** Every visible file under `dir` (dot-entries are staging folders of killed runs) → SHA-256. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith(".")) continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir, "");
  return out;
}

for (const set of ["hubspot", "salesforce"] as const) {
  describe(`score, drift and recalibrate on the ${set} sample set (CLI)`, () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), `handoff-recal-${set}-`));
      cpSync(join(ROOT, "sample-data", set), dir, { recursive: true });
      expect(handoff(dir, ["--quiet", "load"]).status).toBe(0);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("scores every lead created by the date, with reasons, as CSV and JSON", () => {
      const run = handoff(dir, [
        "--json",
        "score",
        "--model",
        "historical-rule.yaml",
        "--as-of",
        "2026-03-31",
        "--out",
        "scores.csv",
      ]);
      expect(run.status).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result.as_of).toBe("2026-04-01T00:00:00.000Z");
      expect(result.leads).toBeGreaterThan(1000);
      for (const r of result.rows)
        expect(Date.parse(r.created_at)).toBeLessThan(Date.parse(result.as_of));
      // the historical rule neither decays nor caps nor subtracts: the score now is its peak
      for (const r of result.rows.slice(0, 500)) expect(r.score).toBeCloseTo(r.peak, 9);
      const mqls = result.rows.filter((r: { mql: boolean }) => r.mql);
      expect(mqls.length).toBe(result.mqls);
      for (const r of mqls) expect(r.score).toBeGreaterThanOrEqual(40);
      for (const r of result.rows.filter((x: { mql: boolean }) => !x.mql))
        expect(r.points_short).toBeCloseTo(40 - r.score, 9);
      const top = result.rows[0];
      expect(top.reasons.length).toBeGreaterThan(0);
      expect(top.reasons[0]).toMatch(/^[+−]\d+ /);
      const csv = readFileSync(join(dir, "scores.csv"), "utf8").split("\r\n");
      expect(csv[0]).toBe(
        "lead_id,created_at,score,fit_points,intent_points,peak,mql,mql_at,points_short,gates_failed,reasons",
      );
      expect(csv.length).toBe(result.leads + 2); // header, rows, final CRLF
    });

    it("measures drift between two quarters with a verdict", () => {
      const run = handoff(dir, ["--json", "drift", "--from", "2026Q1", "--to", "2026Q2"]);
      expect(run.status).toBe(0);
      const result = JSON.parse(run.stdout);
      expect([result.from, result.to]).toEqual(["2026Q1", "2026Q2"]);
      expect(["due", "watch", "not due"]).toContain(result.verdict);
      expect(result.score.psi).toBeGreaterThanOrEqual(0);
      expect(result.features.map((f: { feature: string }) => f.feature)).toContain("seniority");
      expect(result.features.find((f: { feature: string }) => f.feature === "seniority").used).toBe(
        true,
      );
    });

    it("runs the quarterly recalibration end to end", () => {
      const run = handoff(dir, ["--json", "recalibrate", "--quarter", "2026Q3", "--out", "out"]);
      expect(run.status, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout);
      const folder = join(dir, "out", "recalibration-2026Q3");
      expect(readdirSync(folder).sort()).toEqual([
        "candidate-model.yaml",
        "recalibration-report.html",
        "summary.json",
      ]);
      const text = readFileSync(join(folder, "candidate-model.yaml"), "utf8");
      const model = parseModel(text, "candidate-model.yaml");
      expect(model.threshold).toBe(result.candidate.threshold);
      expect(createHash("sha256").update(text).digest("hex")).toBe(result.candidate.sha256);
      const summary = JSON.parse(readFileSync(join(folder, "summary.json"), "utf8"));
      expect([summary.drift.from, summary.drift.to]).toEqual(["2026Q1", "2026Q2"]);
      expect(summary.candidate.swap_set.map((s: { movement: string }) => s.movement)).toEqual([
        "stays in",
        "moves in",
        "moves out",
        "stays out",
      ]);
      const html = readFileSync(join(folder, "recalibration-report.html"), "utf8");
      for (const id of [
        "summary",
        "comparison",
        "threshold",
        "features",
        "scorecard",
        "fit-quality",
        "drift",
      ])
        expect(html).toContain(`id="${id}"`);
      expect(html).toContain(result.candidate.sha256);
      expect(html.trimEnd().endsWith("</html>")).toBe(true);
    });

    if (set === "hubspot")
      it("leaves the out folder as before when killed, complete when not", () => {
        const out = join(dir, "out");
        const before = snapshot(out);
        expect(Object.keys(before)).toContain("recalibration-2026Q3/recalibration-report.html");
        for (const point of ["features", "backtest", "publish"]) {
          const run = handoff(
            dir,
            ["--quiet", "recalibrate", "--quarter", "2026Q3", "--out", "out"],
            {
              HANDOFF_FAULT_AT: `recalibrate:${point}`,
            },
          );
          expect(run.signal, point).toBe("SIGKILL");
          expect(snapshot(out), point).toEqual(before);
        }
        // killed after staging: a hidden staging folder is left, and the next run removes it
        expect(readdirSync(out).some((n) => n.endsWith(".staging"))).toBe(true);
        const run = handoff(dir, ["--json", "recalibrate", "--quarter", "2026Q3", "--out", "out"]);
        expect(run.status).toBe(0);
        const names = readdirSync(out);
        expect(names.some((n) => n.endsWith(".staging"))).toBe(false);
        const replaced = names.find((n) => n.startsWith("recalibration-2026Q3.replaced-"));
        expect(replaced).toBeDefined();
        // the previous run is kept whole under its new name; the new one is complete
        const after = snapshot(out);
        for (const [path, hash] of Object.entries(before))
          expect(after[path.replace("recalibration-2026Q3/", `${replaced}/`)]).toBe(hash);
        expect(
          Object.keys(after)
            .filter((p) => p.startsWith("recalibration-2026Q3/"))
            .sort(),
        ).toEqual([
          "recalibration-2026Q3/candidate-model.yaml",
          "recalibration-2026Q3/recalibration-report.html",
          "recalibration-2026Q3/summary.json",
        ]);
      });
  });
}
