/**
 * The planted effects of sample-data/README.md, checked by plain counting on the committed
 * HubSpot export (contacts, deals, activities, spend) — the way an analyst with a spreadsheet
 * would — so that a change to the generator that weakens an effect turns this red.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dirtyLines, informationValue, readTable, SAMPLE_DIR, winRate } from "./helpers.js";

const SENIOR =
  /\b(ceo|cfo|cmo|coo|cro|chief|founder|vp|vice president|svp|evp|director|head of)\b|\bdir\./i;
const MANAGER = /\b(manager|mgr|team lead)\b/i;
const STUDENT = /\b(student|intern|mba candidate|undergrad)\b/i;
const ICP = new Set([
  "United States",
  "United Kingdom",
  "Germany",
  "Canada",
  "Australia",
  "Netherlands",
]);
/** MQLs at least 160 days before "today" (2026-11-15) have fully matured. */
const MATURE_BEFORE = "2026-06-08";
const POINTS: Record<string, number> = {
  "Page view": 3,
  "Pricing page view": 10,
  "Demo request": 40,
  "Content download": 10,
  "Form submission": 10,
  "Webinar attended": 15,
  "Marketing email clicked": 3,
};

interface Contact {
  id: string;
  created: string;
  title: string;
  employees: number;
  industry: string;
  country: string;
  source: string;
  mql: string;
  firstTouch: string;
  preferred: string;
  won: boolean;
  events: { at: string; type: string }[];
}

function load() {
  const dirty = dirtyLines();
  const skip = (file: string, line: number): boolean => dirty.get(file)?.has(line) ?? false;
  const won = new Set<string>();
  for (const d of readTable("hubspot/deals.csv").rows) {
    if (skip("hubspot/deals.csv", d.line) || d.get("Deal Stage") !== "Closed Won") continue;
    for (const id of d.get("Associated Contact IDs").split(";")) won.add(id.trim());
  }
  const contacts = new Map<string, Contact>();
  for (const r of readTable("hubspot/contacts.csv").rows) {
    const id = r.get("Record ID").trim();
    const kind = dirty.get("hubspot/contacts.csv")?.get(r.line);
    if (kind === "missing_id" || kind === "duplicate_conflict" || kind === "bad_date") continue;
    contacts.set(id, {
      id,
      created: r.get("Create Date"),
      title: r.get("Job Title").trim(),
      employees: Number(r.get("Number of Employees") || 0),
      industry: r.get("Industry"),
      country: r.get("Country/Region"),
      source: r.get("Original Source") === "paid_search" ? "Paid Search" : r.get("Original Source"),
      mql: r.get("Became a Marketing Qualified Lead Date"),
      firstTouch: r.get("First Engagement Date"),
      preferred: r.get("Preferred channels"),
      won: won.has(id),
      events: [],
    });
  }
  for (const a of readTable("hubspot/activities.csv").rows) {
    if (skip("hubspot/activities.csv", a.line)) continue;
    contacts
      .get(a.get("Contact ID"))
      ?.events.push({ at: a.get("Activity Date"), type: a.get("Activity Type") });
  }
  return [...contacts.values()];
}

const all = load();
const mqls = all.filter((c) => c.mql !== "");
const mature = mqls.filter((c) => c.mql <= MATURE_BEFORE);
const isWon = (c: Contact): boolean => c.won;
const overall = winRate(mature, isWon);
const plus30 = (t: string): string => {
  const d = new Date(`${t.replace(" ", "T")}:00Z`);
  return new Date(d.getTime() + 30 * 86_400_000).toISOString().slice(0, 16).replace("T", " ");
};
const in30 = (c: Contact, type: string): number =>
  c.events.filter((e) => e.type === type && e.at < plus30(c.created)).length;
const ratio = (yes: (c: Contact) => boolean): number =>
  winRate(mature.filter(yes), isWon) /
  winRate(
    mature.filter((c) => !yes(c)),
    isWon,
  );

describe("planted effects in sample-data/hubspot (mature MQLs, won = associated with a Closed Won deal)", () => {
  it("has enough mature MQLs and wins to measure anything", () => {
    expect(mature.length).toBeGreaterThan(800);
    expect(mature.filter(isWon).length).toBeGreaterThan(100);
    expect(overall).toBeGreaterThan(0.08);
    expect(overall).toBeLessThan(0.25);
  });

  it("senior titles (C-level, VP, Director, Head of) win far more than students and interns", () => {
    const senior = winRate(
      mature.filter((c) => SENIOR.test(c.title)),
      isWon,
    );
    const student = winRate(
      mature.filter((c) => STUDENT.test(c.title)),
      isWon,
    );
    expect(senior).toBeGreaterThan(1.6 * overall);
    expect(student).toBeLessThan(0.3 * overall);
  });

  it("companies with 200+ employees and Software companies win more", () => {
    expect(ratio((c) => c.employees >= 200)).toBeGreaterThan(1.3);
    expect(ratio((c) => c.industry === "Software")).toBeGreaterThan(1.2);
  });

  it("countries outside the ICP win less than half as often", () => {
    expect(ratio((c) => !ICP.has(c.country))).toBeLessThan(0.5);
  });

  it("pricing views and demo requests in the first 30 days are strongly positive, webinars mildly, downloads neutral", () => {
    expect(ratio((c) => in30(c, "Pricing page view") > 0)).toBeGreaterThan(1.5);
    expect(ratio((c) => in30(c, "Demo request") > 0)).toBeGreaterThan(1.4);
    expect(ratio((c) => in30(c, "Webinar attended") > 0)).toBeGreaterThan(1.1);
    const downloads = ratio((c) => in30(c, "Content download") > 0);
    expect(downloads).toBeGreaterThan(0.75);
    expect(downloads).toBeLessThan(1.33);
  });

  it("the random custom property 'Preferred channels' has information value below 0.02", () => {
    const ivAll = informationValue(all.map((c) => ({ value: c.preferred, good: c.won })));
    const ivMql = informationValue(mature.map((c) => ({ value: c.preferred, good: c.won })));
    expect(ivAll).toBeLessThan(0.02);
    expect(ivMql).toBeLessThan(0.02);
  });

  it("Paid Social is the cheapest paid channel per MQL but wins least; Offline Sources costs most and wins most", () => {
    const spend = new Map<string, number>();
    for (const r of readTable("hubspot/spend.csv").rows) {
      const channel = r.get("Channel") === "PPC" ? "Paid Search" : r.get("Channel");
      spend.set(channel, (spend.get(channel) ?? 0) + Number(r.get("Spend").replaceAll(",", "")));
    }
    const perMql = (ch: string): number =>
      (spend.get(ch) ?? 0) / mqls.filter((c) => c.source === ch).length;
    const paid = ["Paid Search", "Paid Social", "Offline Sources", "Email Marketing"];
    const costs = paid.map(perMql);
    expect(Math.min(...costs)).toBe(perMql("Paid Social"));
    expect(Math.max(...costs)).toBe(perMql("Offline Sources"));
    const channels = [...new Set(all.map((c) => c.source))];
    const rates = channels.map((ch) =>
      winRate(
        mature.filter((c) => c.source === ch),
        isWon,
      ),
    );
    expect(Math.min(...rates)).toBe(
      winRate(
        mature.filter((c) => c.source === "Paid Social"),
        isWon,
      ),
    );
    expect(Math.max(...rates)).toBe(
      winRate(
        mature.filter((c) => c.source === "Offline Sources"),
        isWon,
      ),
    );
  });

  it("MQL dates follow the documented historical points rule (threshold 40), except recycled leads", () => {
    const summary = JSON.parse(readFileSync(join(SAMPLE_DIR, "truth", "summary.json"), "utf8"));
    let crossedButNotMql = 0;
    let mismatched = 0;
    let laterThanCrossing = 0;
    for (const c of all) {
      let score =
        (SENIOR.test(c.title) ? 15 : MANAGER.test(c.title) ? 5 : 0) + (c.employees >= 200 ? 10 : 0);
      let crossing: string | undefined;
      for (const e of [...c.events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
        score += POINTS[e.type] ?? 0;
        if (crossing === undefined && score >= 40) crossing = e.at;
      }
      if (crossing === undefined) {
        expect(c.mql, c.id).toBe("");
        continue;
      }
      if (c.mql === "") crossedButNotMql++;
      else if (c.mql !== crossing) {
        mismatched++;
        if (c.mql > crossing) laterThanCrossing++;
      }
    }
    expect(crossedButNotMql).toBe(0);
    expect(mismatched).toBe(summary.counts.recycled);
    expect(laterThanCrossing).toBe(mismatched);
  });

  it("form-fill-only, recycled and persona-mismatch MQLs win less than half as often as the rest", () => {
    const formOnly = (c: Contact): boolean =>
      c.events
        .filter((e) => e.at <= c.mql && e.type in POINTS)
        .every((e) => e.type === "Form submission" || e.type === "Content download");
    const recycled = (c: Contact): boolean => {
      const before = c.events.filter((e) => e.type in POINTS && e.at <= c.mql);
      const last = before.at(-1)?.at ?? c.created;
      return plus30(last) < c.mql;
    };
    const persona = (c: Contact): boolean => !ICP.has(c.country) || STUDENT.test(c.title);
    for (const pattern of [formOnly, recycled, persona]) {
      expect(mature.filter(pattern).length).toBeGreaterThan(50);
      expect(ratio(pattern)).toBeLessThan(0.5);
    }
  });

  it("most MQLs get a first sales touch within 48 hours, some late, some never", () => {
    const firstPass = mature.filter((c) => c.firstTouch === "" || c.firstTouch >= c.mql);
    const hours = (c: Contact): number =>
      (Date.parse(`${c.firstTouch.replace(" ", "T")}:00Z`) -
        Date.parse(`${c.mql.replace(" ", "T")}:00Z`)) /
      3_600_000;
    const onTime = firstPass.filter((c) => c.firstTouch !== "" && hours(c) < 48).length;
    const never = firstPass.filter((c) => c.firstTouch === "").length;
    expect(onTime / firstPass.length).toBeGreaterThan(0.55);
    expect(onTime / firstPass.length).toBeLessThan(0.8);
    expect(never / firstPass.length).toBeGreaterThan(0.05);
    expect(
      winRate(
        firstPass.filter((c) => c.firstTouch === ""),
        isWon,
      ),
    ).toBe(0);
  });
});
