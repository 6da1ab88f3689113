import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSourceSpellings } from "../../src/channels/source-spellings.js";
import { Db } from "../../src/db/index.js";
import { loadChannels } from "./fixture.js";

let db: Db;
beforeAll(async () => {
  db = await Db.open(":memory:");
  await loadChannels(db);
});
afterAll(() => db.close());

describe("checkSourceSpellings(db, mapping)", () => {
  it("finds channel names that differ only in case or punctuation", async () => {
    // Spend "Paid Search" and leads "paid_search" both reduce to "paidsearch".
    const { lookAlikes } = await checkSourceSpellings(db, undefined);
    expect(lookAlikes).toEqual([
      { matchKey: "paidsearch", spellings: ["Paid Search", "paid_search"] },
    ]);
  });

  it("lists exported values the mapping does not mention", async () => {
    // Mapping PPC → ppc, Google Ads → ppc. L1's raw "PPC" and L12's raw "Google Ads" are keys and
    // "ppc" is a target; everything else is unmapped: Paid Search (spend S6), display (S4), events
    // (L8 + S3), paid_search (L11), seo (L3 L4 L5).
    const { unmapped } = await checkSourceSpellings(db, { PPC: "ppc", "Google Ads": "ppc" });
    expect(unmapped).toEqual([
      { value: "Paid Search", origins: ["spend"], rows: 1 },
      { value: "display", origins: ["spend"], rows: 1 },
      { value: "events", origins: ["leads", "spend"], rows: 2 },
      { value: "paid_search", origins: ["leads"], rows: 1 },
      { value: "seo", origins: ["leads"], rows: 3 },
    ]);
  });

  it("reports nothing unmapped when no mapping is configured", async () => {
    expect((await checkSourceSpellings(db, undefined)).unmapped).toEqual([]);
  });
});
