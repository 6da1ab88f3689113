import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../../src/commands/demo.js";
import { loadConfig } from "../../src/config/load-config.js";
import { PRESETS, type PresetName } from "../../src/config/presets.js";
import { loadExports } from "../../src/load/load-exports.js";
import { resolveSources } from "../../src/load/resolve-sources.js";
import { withConnection } from "../helpers/db.js";

/** The generator's answer key: every dirty row it planted and what must happen to it. */
function dirtyRows(set: string) {
  const [header, ...lines] = readFileSync(join(SAMPLE_DIR, "truth", "dirty-rows.csv"), "utf8")
    .trim()
    .split("\n");
  expect(header).toBe("set,file,line,id,kind,expected");
  return lines
    .map((line) => {
      const [s, file, l, id, kind] = line.split(",");
      return {
        set: s as string,
        file: file as string,
        line: Number(l),
        id: id as string,
        kind: kind as string,
      };
    })
    .filter((r) => r.set === set);
}

const REJECT_REASON: Record<string, (file: string) => string> = {
  missing_id: (file) =>
    file.startsWith("opportunities") || file.startsWith("deals")
      ? "missing_deal_id"
      : "missing_lead_id",
  bad_date: () => "bad_date",
  duplicate_conflict: () => "duplicate_conflict",
  negative_amount: () => "negative_amount",
  unknown_contact: () => "deal_unlinked",
};

describe.each(["hubspot", "salesforce", "flat"])("the %s sample set", (set) => {
  it("loads with its handoff.yaml, and every planted dirty row has the documented outcome", async () => {
    await withConnection(async (db) => {
      const { config, baseDir } = loadConfig(join(SAMPLE_DIR, set, "handoff.yaml"), {
        required: true,
      });
      const result = await loadExports(db, {
        preset: PRESETS[config.preset as PresetName],
        config,
        sources: resolveSources(config, baseDir, {}),
      });
      for (const file of result.files) {
        expect(file.rowsLoaded + file.rowsRejected + file.rowsSkipped, file.file).toBe(
          file.rowsRead,
        );
      }
      const rejects = await db.all<{ file: string; line: number; reason: string }>(
        "SELECT file, line, reason FROM rejects",
      );
      const rejected = new Set(
        rejects.map((r) => `${r.file.split("/").pop()}:${r.line}:${r.reason}`),
      );
      for (const row of dirtyRows(set)) {
        const reason = REJECT_REASON[row.kind];
        if (reason) {
          expect(rejected, `${row.file}:${row.line} ${row.kind}`).toContain(
            `${row.file}:${row.line}:${reason(row.file)}`,
          );
        } else if (row.kind === "source_variant") {
          const id = set === "salesforce" ? row.id.slice(0, 15) : row.id;
          expect(
            await db.all("SELECT source FROM leads WHERE lead_id = $id", { id }),
            row.id,
          ).toEqual([{ source: "Paid Search" }]);
        } else if (row.kind === "id_trailing_space" || row.kind === "title_whitespace") {
          const id = set === "salesforce" ? row.id.slice(0, 15) : row.id;
          const lead = await db.all<{ title: string }>(
            "SELECT title FROM leads WHERE lead_id = $id",
            { id },
          );
          expect(lead, row.id).toHaveLength(1);
          expect(lead[0]?.title).toBe(lead[0]?.title.trim());
          if (row.kind === "id_trailing_space") {
            expect(
              await db.all("SELECT count(*)::INTEGER AS n FROM deal_leads WHERE lead_id = $id", {
                id,
              }),
            ).toEqual([{ n: 1 }]);
          }
        } else if (row.kind === "bad_number") {
          // a company-size range: read as its lower bound, the lead is kept
          expect(
            await db.all("SELECT employees FROM leads WHERE lead_id = $id", { id: row.id }),
          ).toEqual([{ employees: 1000 }]);
        } else if (row.kind === "unknown_deal") {
          expect(
            await db.all("SELECT count(*)::INTEGER AS n FROM deal_leads WHERE lead_id = $id", {
              id: row.id.slice(0, 15),
            }),
          ).toEqual([{ n: 0 }]);
        } else {
          throw new Error(`no check for dirty row kind ${row.kind}`);
        }
      }
    });
  });
});
