/**
 * The three export sets are one world: the same funnel counts in HubSpot and Salesforce shapes,
 * the flat set a subset of the HubSpot contacts, and the answer key consistent with itself.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dirtyLines, readTable, SAMPLE_DIR, winRate } from "./helpers.js";

const dirty = dirtyLines();
const extra = new Set([
  "missing_id",
  "duplicate_conflict",
  "unknown_deal",
  "unknown_contact",
  "negative_amount",
]);
const clean = (file: string) =>
  readTable(file, { dropFooter: file.endsWith("opportunities.csv") }).rows.filter(
    (r) => !extra.has(dirty.get(file)?.get(r.line) ?? ""),
  );
const summary = JSON.parse(readFileSync(join(SAMPLE_DIR, "truth", "summary.json"), "utf8"));

describe("one world, three export sets", () => {
  const hubspot = clean("hubspot/contacts.csv");
  const salesforce = clean("salesforce/leads.csv");

  it("HubSpot and Salesforce show the same leads, MQLs, SQLs and deals", () => {
    expect(hubspot.length).toBe(summary.counts.leads);
    expect(salesforce.length).toBe(summary.counts.leads);
    const hsMql = hubspot.filter((r) => r.get("Became a Marketing Qualified Lead Date") !== "");
    const sfMql = salesforce.filter((r) => r.get("MQL_Date__c") !== "");
    expect(hsMql.length).toBe(summary.counts.mqls);
    expect(sfMql.length).toBe(summary.counts.mqls);
    const hsSql = hubspot.filter((r) => r.get("Became a Sales Qualified Lead Date") !== "");
    const sfSql = salesforce.filter((r) => r.get("IsConverted") === "true");
    expect(hsSql.length).toBe(summary.counts.sqls);
    expect(sfSql.length).toBe(summary.counts.sqls);
    const hsWon = clean("hubspot/deals.csv").filter((r) => r.get("Deal Stage") === "Closed Won");
    const sfWon = clean("salesforce/opportunities.csv").filter((r) => r.get("Won") === "1");
    expect(hsWon.length).toBe(summary.counts.won);
    expect(sfWon.length).toBe(summary.counts.won);
    const amount = (s: string): number => Number(s.replace(/^USD /, "").replaceAll(",", ""));
    const revenue = (rows: typeof hsWon): number =>
      rows.reduce((a, r) => a + amount(r.get("Amount")), 0);
    expect(revenue(hsWon)).toBe(summary.counts.wonRevenue);
    expect(revenue(sfWon)).toBe(summary.counts.wonRevenue);
  });

  it("the Salesforce set tells the same channel story (Paid Social worst, Trade Show best)", () => {
    const won = new Set(
      clean("salesforce/opportunities.csv")
        .filter((r) => r.get("Won") === "1")
        .map((r) => r.get("Opportunity ID")),
    );
    const mature = salesforce.filter(
      (r) => r.get("MQL_Date__c") !== "" && r.get("MQL_Date__c") <= "2026-06-08",
    );
    const isWon = (r: (typeof mature)[number]): boolean =>
      won.has(r.get("ConvertedOpportunityId").slice(0, 15));
    const source = (r: (typeof mature)[number]): string =>
      ["paid_search", "PPC"].includes(r.get("LeadSource")) ? "Paid Search" : r.get("LeadSource");
    const sources = [...new Set(mature.map(source))];
    const rates = new Map(
      sources.map((s) => [
        s,
        winRate(
          mature.filter((r) => source(r) === s),
          isWon,
        ),
      ]),
    );
    expect(Math.min(...rates.values())).toBe(rates.get("Paid Social"));
    expect(Math.max(...rates.values())).toBe(rates.get("Trade Show"));
  });

  it("the flat set is a subset of the HubSpot contacts with the same properties and no dates", () => {
    const byId = new Map(hubspot.map((r) => [r.get("Record ID").trim(), r]));
    const flat = clean("flat/contacts.csv");
    expect(flat.length).toBe(summary.counts.flatLeads);
    let same = 0;
    for (const r of flat) {
      const h = byId.get(r.get("Record ID").trim());
      expect(h, r.get("Record ID")).toBeDefined();
      const columns = ["Company Name", "Lifecycle Stage", "Number of Pageviews", "Country/Region"];
      if (columns.every((c) => h?.get(c) === r.get(c))) same++;
    }
    expect(same).toBe(flat.length);
  });

  it("the planted threshold region follows from the sweep and the capacity constraints", () => {
    const t = summary.thresholds;
    const feasible = t.sweep.filter(
      (r: { mqlsPerWeek: number; expectedMqlToSql: number }) =>
        r.mqlsPerWeek <= t.capacity.mqlsPerWeek && r.expectedMqlToSql >= t.capacity.minMqlToSql,
    );
    const best = Math.max(
      ...feasible.map((r: { expectedWonRevenue: number }) => r.expectedWonRevenue),
    );
    expect(
      feasible.find(
        (r: { threshold: number; expectedWonRevenue: number }) => r.expectedWonRevenue === best,
      ).threshold,
    ).toBe(t.best);
    expect(t.region).toEqual(
      feasible
        .filter((r: { expectedWonRevenue: number }) => r.expectedWonRevenue >= 0.95 * best)
        .map((r: { threshold: number }) => r.threshold),
    );
    expect(t.region).not.toContain(t.historicalThreshold);
    expect(t.trueModelCeiling.expectedWonRevenue).toBeGreaterThan(best);
  });
});
