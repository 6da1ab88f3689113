/**
 * A HubSpot-shaped export set at real size, for checking every command on the headers, time
 * zone, id lists and count columns of a real CRM export rather than the benchmark's canonical
 * shape (bench/RESULTS.md, "Every command at 1M, HubSpot-shaped").
 *
 *   npx tsx bench/hubspot-at-scale.ts [--times N] [--out DIR]
 *
 * Writes the bundled sample set (sample-data/hubspot/: contacts, deals, activities, spend)
 * N times over (default 200: 1,000,400 contact rows, 2.9M activities, 90k deals) into DIR
 * (default .bench-data/hubspot-x<N>/). Copy k (000, 001, …) suffixes every contact and deal id
 * with k (`Record ID`, `Associated Contact IDs`, `Contact ID`), so the copies are distinct leads
 * with the same histories and dates; the spend file is copied once. The sample's planted dirty
 * rows come along in every copy. A handoff.yaml with absolute paths and the rule in force
 * (historical-rule.yaml) go next to the files. The work is DuckDB's: read as text, suffix,
 * COPY out in the original row order, so the same N gives the same bytes.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Db, quoteIdent, quoteString } from "../src/db/index.js";

const SAMPLE = resolve(import.meta.dirname, "../sample-data/hubspot");

/** Each file, and its id columns: single ids, and `;`-separated id lists. */
const FILES: { name: string; ids: string[]; idLists: string[] }[] = [
  { name: "contacts.csv", ids: ["Record ID"], idLists: [] },
  { name: "deals.csv", ids: ["Record ID"], idLists: ["Associated Contact IDs"] },
  { name: "activities.csv", ids: ["Contact ID"], idLists: [] },
];

function parseArgs(argv: string[]): { times: number; out: string } {
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
    } else if (arg === "--out" && value !== undefined) {
      out = value;
      i++;
    } else {
      throw new Error("usage: npx tsx bench/hubspot-at-scale.ts [--times N] [--out DIR]");
    }
  }
  return { times, out: resolve(out ?? `.bench-data/hubspot-x${times}`) };
}

async function main(): Promise<void> {
  const { times, out } = parseArgs(process.argv.slice(2));
  mkdirSync(out, { recursive: true });
  const db = await Db.open(":memory:");
  try {
    for (const file of FILES) {
      const suffix = (column: string) => `${quoteIdent(column)} || lpad(k::VARCHAR, 3, '0')`;
      const list = (column: string) =>
        `array_to_string(list_transform(string_split(${quoteIdent(column)}, ';'), x -> x || lpad(k::VARCHAR, 3, '0')), ';')`;
      const replaced = [
        ...file.ids.map((c) => `${suffix(c)} AS ${quoteIdent(c)}`),
        ...file.idLists.map((c) => `${list(c)} AS ${quoteIdent(c)}`),
      ];
      const source = quoteString(join(SAMPLE, file.name));
      const target = quoteString(join(out, file.name));
      await db.run(
        `COPY (
           SELECT * EXCLUDE (k, rn) REPLACE (${replaced.join(", ")})
           FROM (SELECT *, row_number() OVER () AS rn
                 FROM read_csv(${source}, all_varchar = true, header = true)),
                (SELECT range AS k FROM range(${times}))
           ORDER BY k, rn
         ) TO ${target} (FORMAT csv, HEADER true)`,
      );
      process.stderr.write(`wrote ${join(out, file.name)}\n`);
    }
  } finally {
    db.close();
  }
  copyFileSync(join(SAMPLE, "spend.csv"), join(out, "spend.csv"));
  copyFileSync(join(SAMPLE, "historical-rule.yaml"), join(out, "historical-rule.yaml"));
  const config = readFileSync(join(SAMPLE, "handoff.yaml"), "utf8").replace(
    /^(\s+path: )(\S+)$/gm,
    (_, head: string, name: string) => `${head}${JSON.stringify(join(out, name))}`,
  );
  writeFileSync(
    join(out, "handoff.yaml"),
    `# written by bench/hubspot-at-scale.ts: sample-data/hubspot ${times} times over\n${config}`,
  );
  process.stdout.write(`${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
