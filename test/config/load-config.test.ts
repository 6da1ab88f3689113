import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, parseConfigText } from "../../src/config/load-config.js";
import { isUserError } from "../../src/errors.js";
import { runCli } from "../helpers/cli.js";
import { writeFiles } from "../helpers/db.js";

/** Each bad config gives exactly one line: the key, what is wrong, what was given, the fix. */
const BAD_CONFIGS: [string, string, string][] = [
  [
    "scoring_days 0",
    "windows:\n  scoring_days: 0\n",
    "handoff.yaml: windows.scoring_days: must be greater than 0 (got 0): a whole number of days above 0, e.g. `scoring_days: 30`",
  ],
  [
    "scoring_days negative",
    "windows:\n  scoring_days: -3\n",
    "handoff.yaml: windows.scoring_days: must be greater than 0 (got -3): a whole number of days above 0, e.g. `scoring_days: 30`",
  ],
  [
    "scoring_days fractional",
    "windows:\n  scoring_days: 1.5\n",
    "handoff.yaml: windows.scoring_days: expected a whole number (got 1.5): a whole number of days above 0, e.g. `scoring_days: 30`",
  ],
  [
    "scoring_days quoted",
    'windows:\n  scoring_days: "30"\n',
    'handoff.yaml: windows.scoring_days: expected a number (got "30"): a whole number of days above 0, e.g. `scoring_days: 30`',
  ],
  [
    "maturity_days a word",
    "windows:\n  maturity_days: soon\n",
    'handoff.yaml: windows.maturity_days: is not valid (got "soon"): auto, or a whole number of days above 0, e.g. `maturity_days: 90`',
  ],
  [
    "as_of not a date",
    "windows:\n  as_of: last tuesday\n",
    'handoff.yaml: windows.as_of: is not a valid date (got "last tuesday"): a real calendar date written YYYY-MM-DD, e.g. `as_of: 2025-06-30`',
  ],
  [
    "as_of an impossible date",
    "windows:\n  as_of: 2025-02-30\n",
    'handoff.yaml: windows.as_of: is not a valid date (got "2025-02-30"): a real calendar date written YYYY-MM-DD, e.g. `as_of: 2025-06-30`',
  ],
  [
    "decision not one of the choices",
    "windows:\n  decision: mql_date\n",
    'handoff.yaml: windows.decision: must be one of "created", "mql" (got "mql_date"): e.g. `decision: created`',
  ],
  [
    "windows a number",
    "windows: 30\n",
    "handoff.yaml: windows: expected a mapping (got 30): a mapping, e.g. `windows: { scoring_days: 30 }`",
  ],
  [
    "unknown top-level key",
    "prest: hubspot\n",
    'handoff.yaml: (top level): unknown key "prest": check the spelling, or remove it (handoff init writes a commented example)',
  ],
  [
    "unknown source kind",
    "sources:\n  contacts:\n    path: a.csv\n",
    'handoff.yaml: sources: unknown key "contacts": check the spelling, or remove it (handoff init writes a commented example)',
  ],
  [
    "unknown preset",
    "preset: pipedrive\n",
    'handoff.yaml: preset: must be one of "hubspot", "salesforce", "canonical" (got "pipedrive"): e.g. `preset: hubspot`',
  ],
  [
    "a source given as a bare path",
    "sources:\n  leads: contacts.csv\n",
    'handoff.yaml: sources.leads: expected a mapping (got "contacts.csv"): a mapping with at least a path, e.g. `leads: { path: exports/contacts.csv }`',
  ],
  [
    "a source without a path",
    "sources:\n  leads:\n    encoding: latin-1\n",
    "handoff.yaml: sources.leads.path: is missing: a file path or glob relative to the config, e.g. `path: exports/*.csv`",
  ],
  [
    "an unknown encoding",
    "sources:\n  leads:\n    path: a.csv\n    encoding: cp1252\n",
    'handoff.yaml: sources.leads.encoding: must be one of "utf-8", "latin-1", "utf-16" (got "cp1252"): e.g. `encoding: latin-1` for a file saved by Excel on Windows',
  ],
  [
    "columns as a list",
    "sources:\n  leads:\n    path: a.csv\n    columns: [lead_id]\n",
    'handoff.yaml: sources.leads.columns: expected a mapping (got a list): canonical field → header in your file, e.g. `columns: { mql_at: "MQL Date" }`',
  ],
  [
    "an unknown time zone",
    "timezone: Mars/Olympus\n",
    'handoff.yaml: timezone: is not a known time zone (got "Mars/Olympus"): an IANA time zone name, e.g. `timezone: America/New_York` or `timezone: UTC`',
  ],
  [
    "a won stage list given as one string",
    "values:\n  deal_stages:\n    won: Closed Won\n",
    'handoff.yaml: values.deal_stages.won: expected a list (got "Closed Won"): a list of stage names, e.g. `won: [Closed Won]`',
  ],
  [
    "a list at the top level",
    "- preset: hubspot\n",
    "handoff.yaml: (top level): expected a mapping (got a list): a config is a mapping of keys, e.g. `preset: hubspot`",
  ],
  [
    "invalid YAML: tab indentation",
    "sources:\n\tleads: a.csv\n",
    'handoff.yaml:2: not valid YAML: Tabs are not allowed as indentation at line 2, column 1. Indent with spaces (no tabs), give each key once, and quote values that contain ": " or start with a special character',
  ],
  [
    "invalid YAML: a key twice",
    "preset: hubspot\npreset: salesforce\n",
    'handoff.yaml:2: not valid YAML: Map keys must be unique at line 2, column 1. Indent with spaces (no tabs), give each key once, and quote values that contain ": " or start with a special character',
  ],
];

describe("parseConfigText(text, name)", () => {
  it.each(BAD_CONFIGS)(
    "refuses %s with one line naming the key and the fix",
    (_, text, message) => {
      let error: unknown;
      try {
        parseConfigText(text, "handoff.yaml");
      } catch (e) {
        error = e;
      }
      expect(error).toSatisfy(isUserError);
      expect((error as Error).message).toBe(message);
    },
  );

  it("accepts the documented windows and time zones", () => {
    const config = parseConfigText(
      "timezone: Europe/Berlin\nwindows:\n  scoring_days: 14\n  maturity_days: 120\n  as_of: 2025-06-30\n",
      "handoff.yaml",
    );
    expect(config.windows).toMatchObject({
      scoring_days: 14,
      maturity_days: 120,
      as_of: "2025-06-30",
    });
    expect(config.timezone).toBe("Europe/Berlin");
  });

  it("lists every problem of a config, one line each", () => {
    expect(() =>
      parseConfigText("prest: x\nwindows:\n  scoring_days: 0\n", "handoff.yaml"),
    ).toThrow(
      'handoff.yaml: windows.scoring_days: must be greater than 0 (got 0): a whole number of days above 0, e.g. `scoring_days: 30`\nhandoff.yaml: (top level): unknown key "prest": check the spelling, or remove it (handoff init writes a commented example)',
    );
  });
});

describe("loadConfig(path) through the CLI", () => {
  it("exits 1 with the message and no stack trace", () => {
    const dir = writeFiles({ "handoff.yaml": "windows:\n  as_of: last tuesday\n" });
    expect(() => loadConfig(join(dir, "handoff.yaml"))).toThrow(
      /windows.as_of: is not a valid date/,
    );
    const result = runCli(["load"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('windows.as_of: is not a valid date (got "last tuesday")');
    expect(result.stderr).not.toMatch(/Unexpected error|\n\s+at /);
  });
});
