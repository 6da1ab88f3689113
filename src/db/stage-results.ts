import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeJson, encodeJson } from "../util/json-codec.js";
import type { Db } from "./connection.js";
import { QUERIES_DIR } from "./queries.js";

/**
 * Stage results kept in the database so a later command can reuse them instead of recomputing
 * (the report after fit and backtest). One row per stage in the table `stage_result`: the
 * latest result and the settings key it was computed under. A reader passes the key of what
 * it would compute; any difference (settings, data, code) means no reuse.
 */
export async function readStageResult<T>(db: Db, stage: string, key: string): Promise<T | null> {
  if (!reuseAllowed() || !(await db.hasTable("stage_result"))) return null;
  return selectStageResult<T>(db, stage, key);
}

/** The result stored under stage and key; stage_result must exist. */
async function selectStageResult<T>(db: Db, stage: string, key: string): Promise<T | null> {
  const [row] = await db.all<{ result: string }>(
    "SELECT result FROM stage_result WHERE stage = $stage AND settings_key = $key",
    { stage, key },
  );
  return row === undefined ? null : decodeJson<T>(row.result);
}

export async function writeStageResult(
  db: Db,
  stage: string,
  key: string,
  value: unknown,
): Promise<void> {
  await db.transaction(async () => {
    await db.run(
      "CREATE TABLE IF NOT EXISTS stage_result (stage VARCHAR NOT NULL, settings_key VARCHAR NOT NULL, result VARCHAR NOT NULL, saved_at TIMESTAMP NOT NULL)",
    );
    await db.run("DELETE FROM stage_result WHERE stage = $stage", { stage });
    await db.run("INSERT INTO stage_result VALUES ($stage, $key, $result, now()::TIMESTAMP)", {
      stage,
      key,
      result: encodeJson(value),
    });
  });
}

/**
 * Whether stored results may be reused: not when the environment sets `HANDOFF_RECOMPUTE=1`,
 * the way to make every command compute everything afresh (and store it again), e.g. to time a
 * stage or after changing the database by hand. Every reader of a stored result or of a
 * recorded table build (lead_labels_run, lead_features_run) asks this first.
 */
export function reuseAllowed(): boolean {
  return process.env.HANDOFF_RECOMPUTE !== "1";
}

/**
 * Results stored part by part (stage_result, one row per part name), each under a key of its
 * own inputs, the loaded data and the code. The funnel and channels stages store their parts
 * this way so that `handoff report` and a repeated `handoff funnel` / `handoff channels` reuse
 * whichever parts were computed under the same inputs, while a part whose inputs differ (e.g.
 * another cohort grain) is computed and stored.
 */
export interface ResultStore {
  /**
   * The part's stored result when it was stored under the same inputs, data and code; else
   * `compute()`, stored under that key (replacing what was stored under the part's name).
   * `inputs` must hold everything the part's result depends on besides the data and the code.
   */
  reuse<T>(part: string, inputs: unknown, compute: () => Promise<T>): Promise<T>;
  /** The parts reused and computed so far, in order. */
  readonly reused: string[];
  readonly computed: string[];
}

/**
 * A {@link ResultStore} over the loaded data as it is now: the data fingerprint is taken once,
 * here, so open a store after writing to the canonical tables, not before. `version`: bump it
 * when the caller's JavaScript changes what a part holds.
 */
export async function openResultStore(db: Db, version: number): Promise<ResultStore> {
  const data = await dataFingerprint(db);
  // looked up once: within one command nothing drops stage_result, and a write creates it
  let stored = reuseAllowed() && (await db.hasTable("stage_result"));
  const reused: string[] = [];
  const computed: string[] = [];
  return {
    reused,
    computed,
    async reuse<T>(part: string, inputs: unknown, compute: () => Promise<T>): Promise<T> {
      const key = settingsKey({ version, part, inputs, data, queries: queriesFingerprint() });
      const found = stored ? await selectStageResult<{ value: T }>(db, part, key) : null;
      if (found !== null) {
        reused.push(part);
        return found.value;
      }
      const value = await compute();
      await writeStageResult(db, part, key, { value });
      stored = reuseAllowed();
      computed.push(part);
      return value;
    },
  };
}

/**
 * Forget a stage's stored result (before replacing what it describes, so that a run stopped
 * half-way leaves no key pointing at half-written tables).
 */
export async function forgetStageResult(db: Db, stage: string): Promise<void> {
  if (await db.hasTable("stage_result"))
    await db.run("DELETE FROM stage_result WHERE stage = $stage", { stage });
}

/**
 * What the loaded data is, cheaply: the loads (load_log: every load adds rows, even of an
 * unchanged file) and the row counts of the canonical tables (rows written other than by a
 * load, e.g. in tests, change these).
 */
export async function dataFingerprint(db: Db): Promise<unknown> {
  const [loads] = await db.all(
    "SELECT count(*)::INTEGER AS n, max(load_id) AS last_id, max(loaded_at) AS last_at FROM load_log",
  );
  const [rows] = await db.all(
    `SELECT (SELECT count(*) FROM leads)::BIGINT AS leads,
            (SELECT count(*) FROM activities)::BIGINT AS activities,
            (SELECT count(*) FROM deals)::BIGINT AS deals,
            (SELECT count(*) FROM deal_leads)::BIGINT AS deal_leads,
            (SELECT count(*) FROM deal_contacts)::BIGINT AS deal_contacts,
            (SELECT count(*) FROM spend)::BIGINT AS spend`,
  );
  return { loads, rows };
}

let codeKey: string | undefined;
/**
 * A hash of every query file and of Handoff's own code (the compiled or source modules beside
 * this one): a result computed by other SQL, or by other code generating SQL or statistics
 * (e.g. after an upgrade), is not reused.
 */
export function queriesFingerprint(): string {
  if (codeKey === undefined) {
    const hash = createHash("sha256");
    const walk = (dir: string, pattern: RegExp) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path, pattern);
        else if (pattern.test(entry.name)) hash.update(entry.name).update(readFileSync(path));
      }
    };
    walk(QUERIES_DIR, /\.sql$/);
    walk(CODE_DIR, /\.[cm]?[jt]s$/);
    codeKey = hash.digest("hex");
  }
  return codeKey;
}

/** src/ (tsx, tests) or dist/ (the built CLI): the folder holding db/. */
const CODE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

/** sha256 of the settings' encoded JSON: the key a stage result is stored under. */
export function settingsKey(settings: unknown): string {
  return createHash("sha256").update(encodeJson(settings)).digest("hex");
}
