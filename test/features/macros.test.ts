import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../../src/db/index.js";

let db: Db;
beforeAll(async () => {
  db = await Db.open(":memory:");
  await db.exec("features/macros");
});
afterAll(() => db.close());

async function one<T>(sql: string, params: Record<string, string | number | null>): Promise<T> {
  const rows = await db.all<{ v: T }>(`SELECT ${sql} AS v`, params);
  return rows[0]?.v as T;
}

// Real-world titles as they appear in CRM exports (spelling, punctuation and case kept).
const TITLES: [string | null, string][] = [
  ["VP, Marketing", "VP"],
  ["Sr. Director of Demand Gen", "Director"],
  ["Head of Growth", "VP"],
  ["CEO & Founder", "C-level"],
  ["marketing mgr", "Manager"],
  ["Chief Revenue Officer", "C-level"],
  ["SVP Sales", "VP"],
  ["Associate", "Individual contributor"],
  ["Student", "Student"],
  ["Intern", "Student"],
  ["Directeur Marketing", "Director"],
  ["Geschäftsführer", "C-level"],
  ["", "unknown"],
  [null, "unknown"],
  ["   ", "unknown"],
  ["n/a", "unknown"],
  ["-", "unknown"],
  ["Unknown", "unknown"],
  ["Vice President, Sales", "VP"],
  ["Vice-President Marketing", "VP"],
  ["EVP & General Counsel", "VP"],
  ["AVP, Digital", "VP"],
  ["Co-Founder & CTO", "C-level"],
  ["Founder", "C-level"],
  ["Owner", "C-level"],
  ["President", "C-level"],
  ["President & COO", "C-level"],
  ["CMO", "C-level"],
  ["Chief Marketing Officer", "C-level"],
  ["Chief Information Security Officer", "C-level"],
  ["CISO", "C-level"],
  ["Managing Director", "C-level"],
  ["Managing Partner", "C-level"],
  ["Partner", "C-level"],
  ["Chairman of the Board", "C-level"],
  ["Inhaber", "C-level"],
  ["PDG", "C-level"],
  ["Directeur Général", "C-level"],
  ["Director", "Director"],
  ["Director of Sales", "Director"],
  ["Associate Director, Product Marketing", "Director"],
  ["Executive Director", "Director"],
  ["Regional Sales Director EMEA", "Director"],
  ["Dir. Marketing Ops", "Director"],
  ["Marketingleiter", "Director"],
  ["Leiterin Vertrieb", "Director"],
  ["Directora de Marketing", "Director"],
  ["Chief of Staff", "Director"],
  ["Head of Marketing", "VP"],
  ["Marketing Head", "VP"],
  ["General Manager", "VP"],
  ["Marketing Manager", "Manager"],
  ["Sr. Product Marketing Manager", "Manager"],
  ["Assistant Manager", "Manager"],
  ["Team Lead, SDR", "Manager"],
  ["Demand Gen Lead", "Manager"],
  ["Supervisor", "Manager"],
  ["Gerente de Ventas", "Manager"],
  ["Produktmanager", "Manager"],
  ["Lead Generation Specialist", "Individual contributor"],
  ["Marketing Specialist", "Individual contributor"],
  ["Software Engineer", "Individual contributor"],
  ["Account Executive", "Individual contributor"],
  ["Executive Assistant to the CEO", "Individual contributor"],
  ["EA to CEO", "Individual contributor"],
  ["Product Owner", "Individual contributor"],
  ["Marketing Coordinator", "Individual contributor"],
  ["Data Analyst", "Individual contributor"],
  ["Consultant", "Individual contributor"],
  ["Werkstudent Marketing", "Student"],
  ["Marketing Intern", "Student"],
  ["Stagiaire communication", "Student"],
  ["SDR", "Individual contributor"],
  ["Growth Hacker", "Individual contributor"],
  ["PhD Candidate", "Student"],
  ["Summer Internship", "Student"],
  ["Trainee Account Manager", "Student"],
  ["Marketing Co-ordinator, Acme Co", "Individual contributor"],
];

describe("seniority_of(title)", () => {
  it(`classifies ${TITLES.length} real-world titles`, async () => {
    const got: [string | null, string][] = [];
    for (const [title] of TITLES)
      got.push([title, await one<string>("seniority_of($t)", { t: title })]);
    expect(got).toEqual(TITLES);
  });

  it("ignores case and punctuation", async () => {
    expect(await one<string>("seniority_of($t)", { t: "v.p. OF SALES" })).toBe(
      await one<string>("seniority_of($t)", { t: "VP of Sales" }),
    );
  });
});

describe("size_band_of(employees)", () => {
  it.each([
    [null, "unknown"],
    [0, "unknown"],
    [1, "1-10"],
    [10, "1-10"],
    [11, "11-50"],
    [50, "11-50"],
    [200, "51-200"],
    [201, "201-500"],
    [1000, "501-1000"],
    [5000, "1001-5000"],
    [5001, "5001+"],
  ])("puts %s employees in band %s", async (n, band) => {
    expect(await one<string>("size_band_of($n::DOUBLE)", { n })).toBe(band);
  });
});

describe("decay_weight_of(age_days, half_life_days)", () => {
  it("is 1 at age 0, 1/2 at one half-life and 1/4 at two", async () => {
    expect(await one<number>("decay_weight_of(0, 30)", {})).toBe(1);
    expect(await one<number>("decay_weight_of(30, 30)", {})).toBeCloseTo(0.5, 12);
    expect(await one<number>("decay_weight_of(60, 30)", {})).toBeCloseTo(0.25, 12);
  });
});

describe("period_of(ts)", () => {
  it("names the calendar quarter", async () => {
    expect(await one<string>("period_of(TIMESTAMP '2026-09-30 23:59:59')", {})).toBe("2026Q3");
    expect(await one<string>("period_of(TIMESTAMP '2026-10-01 00:00:00')", {})).toBe("2026Q4");
  });
});
