import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Output } from "../../src/cli/output.js";
import { demo } from "../../src/commands/demo.js";

describe("demo({ sets: ['flat'] })", () => {
  let folder: string | undefined;
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it("ends by writing the reports and printing their paths; the flat set says what it lacks", async () => {
    folder = await mkdtemp(join(tmpdir(), "handoff-demo-"));
    const printed: string[] = [];
    const out: Output = {
      progress() {},
      result: (text) => void printed.push(text),
      json() {},
      warn() {},
    };
    const { sets } = await demo(
      {
        out: folder,
        sets: ["flat"],
        db: ":memory:",
        config: "",
        json: false,
        quiet: true,
        debug: false,
      },
      out,
    );
    const reports = sets[0]?.reports ?? [];
    expect(reports.map((r) => r.slice(folder?.length))).toEqual([
      "/demo/flat/board.html",
      "/demo/flat/calibration.html",
      "/demo/flat/channels.html",
    ]);
    const tail = printed.join("\n");
    expect(tail).toContain("Reports (open in a browser; they work offline):");
    for (const r of reports) expect(tail).toContain(r.split("/").slice(-3).join("/"));
    const board = await readFile(reports[0] as string, "utf8");
    expect(board).toContain("need lead creation dates");
    expect(board).toContain("no MQL date");
    const channels = await readFile(reports[2] as string, "utf8");
    expect(channels).toContain("Channel economics are not available: no spend is loaded");
  }, 120_000);
});
