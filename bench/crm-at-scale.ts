/**
 * A HubSpot- or Salesforce-shaped export set at real size, for checking every command on the
 * headers, time zones, date orders, id forms, id lists, report footers and count columns of a
 * real CRM export rather than the benchmark's canonical shape (docs/bench.md, "Every command
 * at real size"; figures in bench/RESULTS.md).
 *
 *   npx tsx bench/crm-at-scale.ts [--set hubspot|salesforce] [--times N] [--out DIR]
 *
 * Writes the bundled sample set (sample-data/<set>/) N times over (default 200: about 1M leads,
 * 2.9M activities, 90k deals) into DIR (default .bench-data/<set>-x<N>/). Copy k (0, 1, …)
 * renames every lead and deal id so that the copies are distinct leads with the same histories
 * and dates: HubSpot's numeric ids get k as a 3-digit suffix (`Record ID`, the `;`-separated
 * `Associated Contact IDs`, `Contact ID`); Salesforce's ids get k in characters 7–9 of their
 * case-sensitive 15-character form, "000" in every sample id (`Id`, `ConvertedOpportunityId`,
 * `Opportunity ID`, `WhoId`), which keeps 18-character ids 18 characters long. The report's
 * footer (Salesforce "Grand Totals", confidentiality lines) is written once, at the end. The
 * spend file is copied once; the sample's planted dirty rows come along in every copy. A
 * handoff.yaml with absolute paths and the rule in force (historical-rule.yaml) go next to the
 * files. DuckDB does the work (read as text, rename, COPY out in the original row order), so
 * the same set and N give the same bytes.
 */
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { Db, quoteIdent, quoteString } from "../src/db/index.js";

const SAMPLE_DATA = resolve(import.meta.dirname, "../sample-data");

type CrmSet = "hubspot" | "salesforce";

/** Each file of a set, and its id columns: single ids, and `;`-separated id lists. */
const FILES: Record<CrmSet, { name: string; ids: string[]; idLists: string[] }[]> = {
  hubspot: [
    { name: "contacts.csv", ids: ["Record ID"], idLists: [] },
    { name: "deals.csv", ids: ["Record ID"], idLists: ["Associated Contact IDs"] },
    { name: "activities.csv", ids: ["Contact ID"], idLists: [] },
  ],
  salesforce: [
    { name: "leads.csv", ids: ["Id", "ConvertedOpportunityId"], idLists: [] },
    { name: "opportunities.csv", ids: ["Opportunity ID"], idLists: [] },
    { name: "activities.csv", ids: ["WhoId"], idLists: [] },
  ],
};

/** SQL: id `x` (an expression) renamed for copy `k` (see the header comment). */
function renamed(set: CrmSet, x: string): string {
  return set === "hubspot"
    ? `${x} || lpad(k::VARCHAR, 3, '0')`
    : `CASE WHEN length(${x}) IN (15, 18) THEN substr(${x}, 1, 6) || lpad(k::VARCHAR, 3, '0') || substr(${x}, 10) ELSE ${x} END`;
}

/**
 * A file's rows and the lines after its last data row (a Salesforce report's blank line,
 * "Grand Totals (…)", confidentiality and copyright lines; "" when it has none): the trailing
 * lines that are blank, hold no comma or are one quoted field.
 */
function splitFooter(text: string): { body: string; footer: string } {
  const lines = text.split(/\r?\n/);
  let end = lines.length;
  const notRow = (line: string) => !line.includes(",") || /^"[^"]*"$/.test(line);
  while (end > 0 && notRow(lines[end - 1] as string)) end--;
  const footer = lines.slice(end).join("\n");
  return {
    body: `${lines.slice(0, end).join("\n")}\n`,
    footer: footer.trim() === "" ? "" : `${footer.replace(/\n+$/, "")}\n`,
  };
}

function parseArgs(argv: string[]): { set: CrmSet; times: number; out: string } {
  let set: CrmSet = "hubspot";
  let times = 200;
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--times" && value !== undefined) {
      times = Number(value);
      if (!Number.isInteger(times) || times < 1 || times > 1000)
        throw new Error(`--times must be a whole number from 1 to 1000 (got "${value}")`);
      i++;
    } else if (arg === "--set" && (value === "hubspot" || value === "salesforce")) {
      set = value;
      i++;
    } else if (arg === "--out" && value !== undefined) {
      out = value;
      i++;
    } else {
      throw new Error(
        "usage: npx tsx bench/crm-at-scale.ts [--set hubspot|salesforce] [--times N] [--out DIR]",
      );
    }
  }
  return { set, times, out: resolve(out ?? `.bench-data/${set}-x${times}`) };
}

async function main(): Promise<void> {
  const { set, times, out } = parseArgs(process.argv.slice(2));
  const sample = join(SAMPLE_DATA, set);
  mkdirSync(out, { recursive: true });
  const db = await Db.open(":memory:");
  try {
    for (const file of FILES[set]) {
      const { body, footer } = splitFooter(readFileSync(join(sample, file.name), "utf8"));
      const staged = join(out, `.${file.name}.body`);
      writeFileSync(staged, body);
      const list = (x: string) =>
        `array_to_string(list_transform(string_split(${x}, ';'), x -> ${renamed(set, "x")}), ';')`;
      const replaced = [
        ...file.ids.map((c) => `${renamed(set, quoteIdent(c))} AS ${quoteIdent(c)}`),
        ...file.idLists.map((c) => `${list(quoteIdent(c))} AS ${quoteIdent(c)}`),
      ];
      const target = join(out, file.name);
      await db.run(
        `COPY (
           SELECT * EXCLUDE (k, rn) REPLACE (${replaced.join(", ")})
           FROM (SELECT *, row_number() OVER () AS rn
                 FROM read_csv(${quoteString(staged)}, all_varchar = true, header = true)),
                (SELECT range AS k FROM range(${times}))
           ORDER BY k, rn
         ) TO ${quoteString(target)} (FORMAT csv, HEADER true)`,
      );
      rmSync(staged);
      if (footer !== "") appendFileSync(target, footer);
      process.stderr.write(`wrote ${target}\n`);
    }
  } finally {
    db.close();
  }
  copyFileSync(join(sample, "spend.csv"), join(out, "spend.csv"));
  copyFileSync(join(sample, "historical-rule.yaml"), join(out, "historical-rule.yaml"));
  const config = readFileSync(join(sample, "handoff.yaml"), "utf8").replace(
    /^(\s+path: )(\S+)$/gm,
    (_, head: string, name: string) => `${head}${JSON.stringify(join(out, name))}`,
  );
  writeFileSync(
    join(out, "handoff.yaml"),
    `# written by bench/crm-at-scale.ts: sample-data/${set} ${times} times over\n${config}`,
  );
  process.stdout.write(`${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
