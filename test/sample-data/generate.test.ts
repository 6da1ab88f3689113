import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSampleData, DEFAULT_SEED } from "../../sample-data/generate.js";
import { parseConfigText } from "../../src/config/load-config.js";
import {
  ACTIVITY_TYPE_ALIASES,
  FIELDS,
  type Kind,
  PRESETS,
  type PresetName,
} from "../../src/config/presets.js";
import { dirtyLines, readTable, SAMPLE_DIR } from "./helpers.js";

const GENERATED = ["hubspot", "salesforce", "flat", "truth"];

function committedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(SAMPLE_DIR, path));
    }
  };
  for (const d of GENERATED) walk(join(SAMPLE_DIR, d));
  return out.sort();
}

describe("sample-data/generate.ts --out DIR --seed N", () => {
  const tmp = mkdtempSync(join(tmpdir(), "handoff-sample-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("regenerates every committed file byte for byte", () => {
    const tsx = join(SAMPLE_DIR, "..", "node_modules", ".bin", "tsx");
    execFileSync(
      tsx,
      [join(SAMPLE_DIR, "generate.ts"), "--out", tmp, "--seed", String(DEFAULT_SEED)],
      { stdio: "pipe" },
    );
    const committed = committedFiles();
    expect(committed.length).toBe(17);
    for (const file of committed) {
      const fresh = readFileSync(join(tmp, file));
      const kept = readFileSync(join(SAMPLE_DIR, file));
      expect(fresh.equals(kept), `${file} differs from a fresh generation`).toBe(true);
    }
  });

  it("rejects a seed that is not a 32-bit unsigned integer", () => {
    const tsx = join(SAMPLE_DIR, "..", "node_modules", ".bin", "tsx");
    expect(() =>
      execFileSync(tsx, [join(SAMPLE_DIR, "generate.ts"), "--out", tmp, "--seed", "1.5"], {
        stdio: "pipe",
      }),
    ).toThrow(/--seed must be an integer/);
  });
});

describe("buildSampleData(seed)", () => {
  it("is a pure function of the seed", () => {
    const a = buildSampleData(7);
    const b = buildSampleData(7);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, text] of a) expect(b.get(path), path).toBe(text);
  });

  it("gives a different world for a different seed", () => {
    const a = buildSampleData(7);
    const b = buildSampleData(8);
    expect(a.get("hubspot/contacts.csv")).not.toBe(b.get("hubspot/contacts.csv"));
  });
});

describe("committed sample exports", () => {
  it("stay well under 5 MB in total", () => {
    const bytes = committedFiles().reduce((s, f) => s + statSync(join(SAMPLE_DIR, f)).size, 0);
    expect(bytes).toBeLessThan(4.5e6);
  });

  it.each(["hubspot", "salesforce", "flat"])("%s/handoff.yaml is a valid config", (set) => {
    const file = join(SAMPLE_DIR, set, "handoff.yaml");
    const config = parseConfigText(readFileSync(file, "utf8"), file);
    expect(config.preset).toBe(set === "salesforce" ? "salesforce" : "hubspot");
    for (const source of Object.values(config.sources)) {
      expect(existsSync(join(dirname(file), source?.path ?? "")), source?.path).toBe(true);
    }
    expect(config.values.sources).toMatchObject({ paid_search: "Paid Search", PPC: "Paid Search" });
  });

  const norm = (s: string): string => s.trim().replace(/\s+/g, " ").toLowerCase();
  /** Canonical field → header, resolved the way the presets describe (first match wins). */
  function resolve(preset: PresetName, kind: Kind, header: string[]): Map<string, string> {
    const out = new Map<string, string>();
    const available = new Map(header.map((h) => [norm(h), h]));
    for (const [field, names] of Object.entries(PRESETS[preset].headers[kind])) {
      const hit = names.map((n) => available.get(norm(n))).find((h) => h !== undefined);
      if (hit !== undefined) out.set(field, hit);
    }
    return out;
  }
  const cases: [string, PresetName, Kind, string[], string[]][] = [
    [
      "hubspot/contacts.csv",
      "hubspot",
      "leads",
      [
        "lead_id",
        "created_at",
        "source",
        "source_detail",
        "company",
        "industry",
        "employees",
        "country",
        "title",
        "owner",
        "status",
        "lifecycle_stage",
        "mql_at",
        "sql_at",
        "opportunity_at",
        "customer_at",
        "first_touch_at",
        "count_page_view",
        "count_form_submit",
        "count_session",
        "count_email_click",
      ],
      ["First Name", "Last Name", "Email", "Preferred channels"],
    ],
    [
      "hubspot/deals.csv",
      "hubspot",
      "deals",
      [
        "deal_id",
        "lead_ids",
        "name",
        "pipeline",
        "owner",
        "created_at",
        "closed_at",
        "stage",
        "amount",
      ],
      [],
    ],
    [
      "hubspot/activities.csv",
      "hubspot",
      "activities",
      ["lead_id", "occurred_at", "type", "detail"],
      [],
    ],
    ["hubspot/spend.csv", "hubspot", "spend", ["period_start", "source", "campaign", "amount"], []],
    [
      "salesforce/leads.csv",
      "salesforce",
      "leads",
      [
        "lead_id",
        "created_at",
        "source",
        "company",
        "industry",
        "employees",
        "country",
        "title",
        "owner",
        "status",
        "mql_at",
        "sql_at",
        "disqualified_at",
        "first_touch_at",
        "is_converted",
        "converted_deal_id",
      ],
      ["Preferred_Channel__c"],
    ],
    [
      "salesforce/opportunities.csv",
      "salesforce",
      "deals",
      [
        "deal_id",
        "account_id",
        "name",
        "owner",
        "created_at",
        "closed_at",
        "stage",
        "is_closed",
        "is_won",
        "amount",
      ],
      [],
    ],
    [
      "salesforce/activities.csv",
      "salesforce",
      "activities",
      ["lead_id", "occurred_at", "type", "detail"],
      [],
    ],
    [
      "salesforce/spend.csv",
      "salesforce",
      "spend",
      ["period_start", "period_end", "source", "campaign", "amount"],
      [],
    ],
    [
      "flat/contacts.csv",
      "hubspot",
      "leads",
      [
        "lead_id",
        "source",
        "source_detail",
        "company",
        "industry",
        "employees",
        "country",
        "title",
        "owner",
        "status",
        "lifecycle_stage",
        "count_page_view",
        "count_form_submit",
        "count_session",
        "count_email_click",
      ],
      ["First Name", "Last Name", "Preferred channels"],
    ],
    ["flat/deals.csv", "hubspot", "deals", ["deal_id", "lead_ids", "name", "stage", "amount"], []],
  ];
  it.each(cases)(
    "%s loads with the %s preset without any column mapping",
    (file, preset, kind, fields, extras) => {
      const table = readTable(file, { dropFooter: file.endsWith("opportunities.csv") });
      const resolved = resolve(preset, kind, table.header);
      expect([...resolved.keys()].sort()).toEqual([...fields].sort());
      for (const [field, spec] of Object.entries(FIELDS[kind])) {
        if (spec.required) expect(resolved.has(field), `${file} needs ${field}`).toBe(true);
      }
      const mapped = new Set(resolved.values());
      expect(table.header.filter((h) => !mapped.has(h))).toEqual(extras);
    },
  );

  it.each([
    ["hubspot/activities.csv", "Activity Type"],
    ["salesforce/activities.csv", "Type"],
  ])("%s uses activity types the preset aliases know", (file, column) => {
    const known = new Set(Object.values(ACTIVITY_TYPE_ALIASES).flat());
    const types = new Set(readTable(file).rows.map((r) => r.get(column).toLowerCase()));
    expect(types.size).toBe(9);
    for (const t of types) expect(known.has(t), t).toBe(true);
  });

  it("flat contacts have no date column at all and the set has no activities", () => {
    const contacts = readTable("flat/contacts.csv");
    expect(contacts.header.filter((h) => /date/i.test(h))).toEqual([]);
    expect(contacts.rows.length).toBeGreaterThan(2_800);
    expect(contacts.rows.length).toBeLessThan(3_200);
    expect(existsSync(join(SAMPLE_DIR, "flat", "activities.csv"))).toBe(false);
    const deals = readTable("flat/deals.csv");
    expect(new Set(deals.rows.map((r) => r.get("Deal Stage")))).toEqual(new Set(["Closed Won"]));
  });

  it("salesforce opportunities end with the report footer, counting the data rows", () => {
    const text = readFileSync(join(SAMPLE_DIR, "salesforce", "opportunities.csv"), "utf8");
    const rows = readTable("salesforce/opportunities.csv", { dropFooter: true }).rows.length;
    expect(
      text.endsWith(
        `\n\n"Grand Totals (${rows} records)"\n\n"Confidential Information - Do Not Distribute"\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n`,
      ),
    ).toBe(true);
  });

  it("salesforce ids carry valid 18-character checksums and link leads to opportunities", async () => {
    const { salesforceId18 } = await import("../../sample-data/format.js");
    const dirty = dirtyLines().get("salesforce/leads.csv") ?? new Map();
    const opps = new Set(
      readTable("salesforce/opportunities.csv", { dropFooter: true }).rows.map((r) =>
        r.get("Opportunity ID"),
      ),
    );
    let linked = 0;
    for (const row of readTable("salesforce/leads.csv").rows) {
      const id = row.get("Id").trim();
      if (id === "") continue;
      expect(salesforceId18(id.slice(0, 15))).toBe(id);
      const opp = row.get("ConvertedOpportunityId");
      if (opp === "") continue;
      expect(salesforceId18(opp.slice(0, 15))).toBe(opp);
      if (dirty.get(row.line) === "unknown_deal") expect(opps.has(opp.slice(0, 15))).toBe(false);
      else {
        expect(opps.has(opp.slice(0, 15)), opp).toBe(true);
        linked++;
      }
    }
    expect(linked).toBeGreaterThan(400);
  });

  it("every dirty row listed in truth/dirty-rows.csv carries its defect, and they are under 1 %", () => {
    const dirty = readTable("truth/dirty-rows.csv").rows;
    const kinds = new Set(dirty.map((d) => `${d.get("set")}:${d.get("kind")}`));
    for (const k of [
      "hubspot:bad_date",
      "hubspot:missing_id",
      "hubspot:duplicate_conflict",
      "hubspot:unknown_contact",
      "hubspot:negative_amount",
      "hubspot:source_variant",
      "hubspot:title_whitespace",
      "hubspot:id_trailing_space",
      "salesforce:bad_date",
      "salesforce:missing_id",
      "salesforce:duplicate_conflict",
      "salesforce:unknown_deal",
      "salesforce:negative_amount",
      "salesforce:source_variant",
      "salesforce:title_whitespace",
      "salesforce:id_trailing_space",
      "flat:bad_number",
      "flat:missing_id",
      "flat:duplicate_conflict",
      "flat:unknown_contact",
      "flat:negative_amount",
      "flat:source_variant",
      "flat:title_whitespace",
      "flat:id_trailing_space",
    ]) {
      expect(kinds.has(k), k).toBe(true);
    }
    const raw = new Map<string, string[]>();
    const lineOf = (set: string, file: string, line: number): string => {
      const key = `${set}/${file}`;
      if (!raw.has(key)) {
        raw.set(key, readFileSync(join(SAMPLE_DIR, set, file), "utf8").split("\n"));
      }
      return raw.get(key)?.[line - 1] ?? "";
    };
    const perSet = new Map<string, number>();
    for (const d of dirty) {
      const set = d.get("set");
      const text = lineOf(set, d.get("file"), Number(d.get("line")));
      const id = d.get("id");
      perSet.set(set, (perSet.get(set) ?? 0) + 1);
      switch (d.get("kind")) {
        case "bad_date":
          expect(text).toMatch(/2025-02-30|2025-06-31/);
          break;
        case "missing_id":
          expect(text.startsWith(",") || text.startsWith('"",')).toBe(true);
          break;
        case "duplicate_conflict": {
          const all = [...(raw.get(`${set}/${d.get("file")}`) ?? [])];
          const same = all.filter((l) => l.startsWith(`${id},`) || l.startsWith(`"${id}",`));
          expect(same.length).toBe(2);
          expect(same[0]).not.toBe(same[1]);
          break;
        }
        case "id_trailing_space":
          expect(text.startsWith(`"${id} ",`)).toBe(true);
          break;
        case "title_whitespace":
          expect(text).toMatch(/"\s+[A-Za-z][^"]*[^\s"]\s+"/);
          break;
        case "source_variant":
          expect(text).toMatch(/,"?(paid_search|PPC)"?,/);
          break;
        case "negative_amount":
          expect(text).toMatch(/"(USD )?-[\d,]+\.\d\d"/);
          break;
        case "unknown_contact": {
          const contacts = new Set(
            readTable(`${set}/contacts.csv`).rows.map((r) => r.get("Record ID").trim()),
          );
          const listed = text.split(",").at(-1) ?? "";
          expect(contacts.has(listed)).toBe(false);
          break;
        }
        case "unknown_deal":
          expect(text).toContain('"Closed - Converted"');
          break;
        case "bad_number":
          expect(text).toContain('"1,000-5,000"');
          break;
        default:
          throw new Error(`unexpected dirty kind ${d.get("kind")}`);
      }
    }
    const rowsIn = (set: string): number =>
      committedFiles()
        .filter((f) => f.startsWith(`${set}/`) && f.endsWith(".csv"))
        .reduce((s, f) => s + readTable(f).rows.length, 0);
    for (const [set, n] of perSet) expect(n / rowsIn(set)).toBeLessThan(0.01);
  });
});
