import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildChannelsReport } from "../../src/channels/channels-report.js";
import { gatherPageInputs } from "../../src/commands/report.js";
import { configSchema } from "../../src/config/schema.js";
import { Db } from "../../src/db/index.js";
import { buildFunnelReport, funnelSettingsOf } from "../../src/funnel/funnel-report.js";
import { loadChannels } from "../channels/fixture.js";

// The report after `handoff funnel` and `handoff channels` (src/commands/funnel.ts and
// channels.ts call the same builders with these settings from the config).
const config = configSchema.parse({ windows: { as_of: "2025-06-30", maturity_days: 30 } });
const funnelSettings = funnelSettingsOf(config, { grain: config.funnel.cohort, by: undefined });
const gather = (db: Db) =>
  gatherPageInputs(
    db,
    config,
    {
      report: "board",
      model: undefined,
      generatedAt: undefined,
      currency: undefined,
      commandLine: "handoff report board",
      baseDir: "/",
      configFile: undefined,
    },
    ["board"],
    { progress: () => undefined },
  );
/** Rewrite a stored part so that reading it back is visible in the report's inputs. */
const tamper = (db: Db, stage: string, from: string, to: string) =>
  db.run("UPDATE stage_result SET result = replace(result, $from, $to) WHERE stage = $stage", {
    stage,
    from,
    to,
  });

let db: Db;
beforeEach(async () => {
  db = await Db.open(":memory:");
  await loadChannels(db);
});
afterEach(() => db.close());

describe("gatherPageInputs(db, config, ...) after handoff funnel and handoff channels", () => {
  it("reads the funnel's and the channels' stored parts instead of recomputing them", async () => {
    await buildFunnelReport(db, funnelSettings);
    await buildChannelsReport(db, {
      period: "month",
      windows: config.windows,
      sourceMapping: config.values.sources,
    });
    await tamper(db, "funnel/failure-modes", '"mode":"form_fill_only"', '"mode":"stored"');
    await tamper(db, "channels/economics/month", '"channel":"events"', '"channel":"stored"');
    const { board } = await gather(db);
    if (!board?.funnel.ok || !board.channels.ok) throw new Error("board inputs not gathered");
    expect(board.funnel.value.failureModes.map((r) => r.mode)).toContain("stored");
    expect(board.channels.value.economics.rows.map((r) => r.channel)).toContain("stored");
    // the quarterly cohorts were not computed by handoff funnel (month): computed here
    expect(board.funnel.value.settings.grain).toBe("quarter");
  });

  it("gives the same inputs as when nothing was stored", async () => {
    const fresh = await gather(db);
    const again = await gather(db);
    expect(JSON.stringify(again)).toBe(JSON.stringify(fresh));
    expect(again).toEqual(fresh);
  });

  it("recomputes after a change in the data", async () => {
    await gather(db);
    await tamper(db, "funnel/failure-modes", '"mode":"form_fill_only"', '"mode":"stored"');
    await db.run(
      "INSERT INTO load_log VALUES (1, 'leads', '/x.csv', 'abc', 1, 'canonical', 'unchanged', 0, 0, 0, 0, now()::TIMESTAMP)",
    );
    const { board } = await gather(db);
    if (!board?.funnel.ok) throw new Error("funnel not gathered");
    expect(board.funnel.value.failureModes.map((r) => r.mode)).not.toContain("stored");
  });
});
