import { existsSync } from "node:fs";
import { loadConfig } from "../config/load-config.js";
import type { Config } from "../config/schema.js";
import { Db } from "../db/index.js";
import { UserError } from "../errors.js";

/** Open the database of a loaded project and its config; a clear error if nothing is loaded. */
export async function openLoaded(
  dbPath: string,
  configPath: string,
): Promise<{ db: Db; config: Config }> {
  const { config } = loadConfig(configPath);
  if (dbPath !== ":memory:" && !existsSync(dbPath)) {
    throw new UserError(
      `database ${dbPath} not found: load your exports first (handoff load), or point --db at the loaded database`,
    );
  }
  const db = await Db.open(dbPath);
  try {
    await db.exec("load/schema");
    const rows = await db.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM leads");
    if ((rows[0]?.n ?? 0) === 0) {
      throw new UserError(
        `no leads in ${dbPath}: load your exports first (handoff load), or point --db at the loaded database`,
      );
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, config };
}
