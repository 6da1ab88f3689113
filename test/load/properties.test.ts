import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRESETS } from "../../src/config/presets.js";
import { configSchema } from "../../src/config/schema.js";
import { Db } from "../../src/db/index.js";
import { type LoadSource, loadExports } from "../../src/load/load-exports.js";
import { tempDir } from "../helpers/db.js";

/**
 * Properties of the loader on random exports. Each run opens an in-memory DuckDB, so the
 * number of runs is kept modest; the seed is printed by fast-check when a run fails.
 */

const RUNS = 20;

/** RFC 4180: every field quoted, quotes doubled. */
function csv(header: string[], rows: string[][]): string {
  const line = (fields: string[]) => fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(",");
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}

const LEAD_HEADER = ["lead_id", "created_at", "title", "employees", "source"];
const ACTIVITY_HEADER = ["lead_id", "occurred_at", "type"];

const leadArb = fc.record({
  title: fc.constantFrom("CEO", "VP Sales", "Analyst", "", 'Head of "Growth", EMEA'),
  day: fc.integer({ min: 0, max: 700 }),
  employees: fc.constantFrom("10", "51-200", "1,200", "", "lots"),
  source: fc.constantFrom("Paid Search", "Organic", "Referral"),
});
const exportArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 40 })
  .chain((ids) =>
    fc.record({
      leads: fc.tuple(...ids.map((id) => leadArb.map((l) => ({ id: `L${id}`, ...l })))),
      activities: fc.array(
        fc.record({
          lead: fc.oneof(fc.constantFrom(...ids.map((id) => `L${id}`)), fc.constant("L-unknown")),
          day: fc.integer({ min: 0, max: 700 }),
          type: fc.constantFrom("pricing_view", "Demo Request", "webinar"),
        }),
        { maxLength: 40 },
      ),
    }),
  );

const date = (day: number) =>
  new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

type Export = {
  leads: { id: string; title: string; day: number; employees: string; source: string }[];
  activities: { lead: string; day: number; type: string }[];
};

function leadRows(e: Export): string[][] {
  return e.leads.map((l) => [l.id, date(l.day), l.title, l.employees, l.source]);
}
function activityRows(e: Export): string[][] {
  return e.activities.map((a) => [a.lead, date(a.day), a.type]);
}

/** Split `rows` into files at the given cut points (sorted, deduplicated, within range). */
function chunk<T>(rows: T[], cuts: number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (rows.length + 1)))].sort((a, b) => a - b);
  const chunks: T[][] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(rows.slice(from, p));
    from = p;
  }
  chunks.push(rows.slice(from));
  return chunks;
}

function permute<T>(rows: T[], keys: number[]): T[] {
  return rows
    .map((row, i) => ({ row, key: keys[i % Math.max(keys.length, 1)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.row);
}

async function loadInto(db: Db, sources: LoadSource[], force = false) {
  return loadExports(db, {
    preset: PRESETS.canonical,
    config: configSchema.parse({}),
    sources,
    force,
  });
}

/** The canonical tables without where each row came from; rejects without file and line. */
async function canonical(db: Db) {
  return {
    leads: await db.all("SELECT * EXCLUDE (source_file, source_line) FROM leads ORDER BY ALL"),
    activities: await db.all(
      "SELECT * EXCLUDE (source_file, source_line) FROM activities ORDER BY ALL",
    ),
    rejects: await db.all(`SELECT kind, "column", reason, value, raw FROM rejects ORDER BY ALL`),
  };
}

function writeChunks(dir: string, prefix: string, header: string[], chunks: string[][][]) {
  return chunks.map((rows, i) => {
    const file = join(dir, `${prefix}-${i}.csv`);
    writeFileSync(file, csv(header, rows));
    return file;
  });
}

describe("loadExports(db, options): properties", () => {
  it("gives the same tables for any row order and any chunking into files", async () => {
    await fc.assert(
      fc.asyncProperty(
        exportArb,
        fc.array(fc.nat(), { maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        async (e, order, leadCuts, activityCuts) => {
          const dir = tempDir();
          const whole = [
            { kind: "leads", files: writeChunks(dir, "all-leads", LEAD_HEADER, [leadRows(e)]) },
            {
              kind: "activities",
              files: writeChunks(dir, "all-activities", ACTIVITY_HEADER, [activityRows(e)]),
            },
          ] satisfies LoadSource[];
          const pieces = [
            {
              kind: "leads",
              files: writeChunks(
                dir,
                "leads",
                LEAD_HEADER,
                chunk(permute(leadRows(e), order), leadCuts),
              ),
            },
            {
              kind: "activities",
              files: writeChunks(
                dir,
                "activities",
                ACTIVITY_HEADER,
                chunk(permute(activityRows(e), order.slice().reverse()), activityCuts),
              ),
            },
          ] satisfies LoadSource[];
          const a = await Db.open(":memory:");
          const b = await Db.open(":memory:");
          try {
            const ra = await loadInto(a, whole);
            const rb = await loadInto(b, pieces);
            expect(await canonical(b)).toEqual(await canonical(a));
            const total = (r: typeof ra) =>
              ["rowsRead", "rowsLoaded", "rowsRejected", "rowsSkipped"].map((k) =>
                r.files.reduce((s, f) => s + (f[k as keyof typeof f] as number), 0),
              );
            expect(total(rb)).toEqual(total(ra));
          } finally {
            a.close();
            b.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);

  it("is idempotent: loading again changes nothing, and a forced reload gives the same tables", async () => {
    await fc.assert(
      fc.asyncProperty(exportArb, async (e) => {
        const dir = tempDir();
        const sources = [
          { kind: "leads", files: writeChunks(dir, "leads", LEAD_HEADER, [leadRows(e)]) },
          {
            kind: "activities",
            files: writeChunks(dir, "activities", ACTIVITY_HEADER, [activityRows(e)]),
          },
        ] satisfies LoadSource[];
        const db = await Db.open(":memory:");
        try {
          await loadInto(db, sources);
          const first = await canonical(db);
          const lines = await db.all("SELECT source_file, source_line FROM leads ORDER BY ALL");
          const again = await loadInto(db, sources);
          expect(again.files.map((f) => f.action)).toEqual(["unchanged", "unchanged"]);
          expect(await canonical(db)).toEqual(first);
          const forced = await loadInto(db, sources, true);
          expect(forced.files.map((f) => f.action)).toEqual(["replaced", "replaced"]);
          expect(await canonical(db)).toEqual(first);
          expect(await db.all("SELECT source_file, source_line FROM leads ORDER BY ALL")).toEqual(
            lines,
          );
        } finally {
          db.close();
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it("round-trips printable values (quotes, delimiters, newlines, unicode) into text columns", async () => {
    // Values are trimmed of spaces, tabs, line breaks and no-break spaces, and empty becomes
    // NULL (README "How values are read"); nothing else may change.
    const trim = (v: string) => v.replace(/^[ \t\r\n\u00a0]+|[ \t\r\n\u00a0]+$/g, "");
    const piece = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 8 }),
      fc.constantFrom('"', '""', ",", ";", "\t", "|", "\n", "\r\n", " ", "\u00a0", "'", "\\", "$1"),
    );
    const value = fc
      .array(piece, { maxLength: 6 })
      .map((parts) => parts.join(""))
      .filter((v) => !v.includes("\u0000"));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 15 }),
        async (values) => {
          const dir = tempDir();
          const rows = values.map(([title, company], i) => [`L${i}`, "2025-01-10", title, company]);
          const file = join(dir, "leads.csv");
          writeFileSync(file, csv(["lead_id", "created_at", "title", "company"], rows));
          const db = await Db.open(":memory:");
          try {
            const result = await loadInto(db, [{ kind: "leads", files: [file] }]);
            expect(result.files[0]).toMatchObject({ rowsLoaded: values.length, rowsRejected: 0 });
            const got = await db.all<{ title: string | null; company: string | null }>(
              "SELECT title, company FROM leads ORDER BY source_line",
            );
            expect(got).toEqual(
              values.map(([title, company]) => ({
                title: trim(title) === "" ? null : trim(title),
                company: trim(company) === "" ? null : trim(company),
              })),
            );
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
